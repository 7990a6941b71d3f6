package app

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"sibu/playground"
)

// maxAdvance bounds one move of the test clock.
const maxAdvance = 366 * 24 * time.Hour

// debugClock serves the test clock (SIBU_TEST_CLOCK=1) on the ops
// listener, as /debug/clock: GET answers the clock's time; POST
// {"advance":"24h"} moves it forward, running every job activation in
// between in order with the clock standing at each (the playground's
// Timekeeper), and answers once they have run: {"now": …, "jobs":
// {job: {outcome: runs}}}. The clock is the one the bot, scheduler, store
// and relay of this process read; it keeps running between moves.
func debugClock(clock *playground.Clock, keeper *playground.Timekeeper, loc *time.Location, log *slog.Logger) http.HandlerFunc {
	answer := func(w http.ResponseWriter, v map[string]any) {
		v["now"] = clock.Now().In(loc).Format(time.RFC3339Nano)
		v["offset"] = clock.Offset().String()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(v)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			answer(w, map[string]any{})
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, POST")
			http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
			return
		}
		var body struct {
			Advance string `json:"advance"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&body); err != nil {
			http.Error(w, `want {"advance":"24h"}`, http.StatusBadRequest)
			return
		}
		d, err := time.ParseDuration(body.Advance)
		if err != nil || d <= 0 || d > maxAdvance {
			http.Error(w, fmt.Sprintf("advance %q: a Go duration above 0 and at most %s (e.g. \"90m\", \"24h\")", body.Advance, maxAdvance),
				http.StatusBadRequest)
			return
		}
		start := time.Now()
		_, runs := keeper.Advance(r.Context(), d)
		log.Info("test clock advanced", "by", d, "runs", len(runs), "took", time.Since(start))
		answer(w, map[string]any{"jobs": playground.RunCounts(runs)})
	}
}
