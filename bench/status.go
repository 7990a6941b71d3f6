package bench

import (
	"context"
	"fmt"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/storage"
	"sibu/tgemu"
)

// status measures /status with a million stored responses, populated
// directly in the key format storage uses, timed end to end (update
// available → reply at the emulator); then again with many more members,
// and /stats.
func (e *env) status(ctx context.Context) error {
	prefix, people, err := e.peoplePrefix(ctx, "status", statusUsers, e.p.users)
	if err != nil {
		return err
	}
	n := e.p.responses
	if err := e.populateResponses(ctx, prefix, n); err != nil {
		return err
	}
	sc := newScene()
	defer sc.close()
	if sc.bot, err = e.startSibu(ctx, sc.emu.URL(), prefix, e.limits(true, 0)); err != nil {
		return err
	}
	emu, admin := sc.emu, newUser(sc.emu, sc.hub, adminID)
	r := e.rep
	s, text := e.timeCommand(ctx, emu, admin, "/status")
	if !strings.Contains(text, strconv.Itoa(n)) {
		r.note("status: the /status answer did not show %d submitted responses: %q", n, text)
	}
	r.add(commandRow(fmt.Sprintf("/status p50 / p99 / max, %d responses, %d members", n, len(people)), s))
	if more := e.p.statusPeople - len(people); more > 0 {
		if err := e.seedPeople(ctx, prefix, userIDs(statusUsers+int64(len(people)), more), false); err != nil {
			return err
		}
		s, _ := e.timeCommand(ctx, emu, admin, "/status")
		r.add(commandRow(fmt.Sprintf("/status p50 / p99 / max, %d responses, %d members", n, e.p.statusPeople), s))
	}
	s, text = e.timeCommand(ctx, emu, admin, "/stats "+surveyID)
	if !strings.Contains(text, strconv.Itoa(n)) {
		r.note("stats: the /stats answer did not show %d submitted responses: %q", n, strconvQuoteShort(text))
	}
	r.add(commandRow(fmt.Sprintf("/stats text p50 / p99 / max, %d responses (the chart photo follows separately)", n), s))
	return nil
}

// commandRow is the row of a command's answer times against the 20 ms goal.
func commandRow(figure string, s *sample) Row {
	return Row{Scenario: "status", Figure: figure, Value: s.p50p99max(), Number: msf(s.pct(99)), Unit: "ms p99",
		Goal: "≤ 20 ms", Verdict: verdict(msf(s.pct(99)), 20, false) + failOr(s, "")}
}

// populateResponses stores n submitted responses, with the counters storage
// keeps at submit time, and adds the row of how long that took and how much
// Redis memory it used.
func (e *env) populateResponses(ctx context.Context, prefix string, n int) error {
	keys := storage.NewKeys(prefix)
	version := e.cfg.Surveys[surveyID].Version
	t0 := time.Now()
	memBefore := e.usedMemory(ctx)
	day := time.Now().UTC().Format("2006-01-02")
	const batch = 1000
	for i := 0; i < n; i += 10 * batch {
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j := i; j < min(i+10*batch, n); j += batch {
				docs := make([]any, 0, 2*batch)
				ids := make([]any, 0, batch)
				for k := j; k < min(j+batch, n); k++ {
					id := int64(10_000_000 + k)
					docs = append(docs, storage.NewID(time.Now()), `{"a":{"advice":"希望多下基层走访。","overall":"满意","score":5,"strengths":["服务群众"]},"d":"`+day+
						`","r":`+strconv.FormatInt(id, 10)+`,"u":"root","v":"`+version+`"}`)
					ids = append(ids, id)
				}
				p.HSet(ctx, keys.SurveyResponses(surveyID), docs...)
				p.SAdd(ctx, keys.SurveySubmitted(surveyID), ids...)
				p.SAdd(ctx, keys.SurveyIssued(surveyID), ids...)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("populate responses: %w", err)
		}
	}
	if err := e.writeResponseCounters(ctx, keys, n); err != nil {
		return err
	}
	populate := time.Since(t0)
	mem := e.usedMemory(ctx) - memBefore
	e.rep.add(Row{Scenario: "status", Figure: fmt.Sprintf("populate %d responses (+ issued/submitted sets), pipelined", n),
		Value: populate.Round(10 * time.Millisecond).String(), Verdict: fmt.Sprintf("Redis +%.0f MB = %.0f B per response", float64(mem)/1e6, float64(mem)/float64(n))})
	return nil
}

// writeResponseCounters writes the counters storage keeps at submit time
// (what /status and /stats read) for n responses, nine in ten satisfied.
func (e *env) writeResponseCounters(ctx context.Context, keys storage.Keys, n int) error {
	if err := e.rdb.HSet(ctx, keys.SurveyCounts(surveyID), "submitted", n, "satisfied", n*9/10,
		"satisfied_answered", n, "opened", n, "started", n).Err(); err != nil {
		return err
	}
	if err := e.rdb.HSet(ctx, keys.SurveyTallies(surveyID), "#overall", n, "overall\x1f满意", n*9/10, "overall\x1f基本满意", n/10,
		"#strengths", n, "strengths\x1f服务群众", n, "#score", n, "score\x1f5", n, "#advice", n).Err(); err != nil {
		return err
	}
	if err := e.rdb.HSet(ctx, keys.SurveyUnits(surveyID), "root\x1fsubmitted", n, "root\x1fsatisfied", n*9/10, "root\x1fanswered", n).Err(); err != nil {
		return err
	}
	return e.rdb.HSet(ctx, keys.SurveyUnitIssued(surveyID), "root", n).Err()
}

// timeCommand sends text as the admin statusRuns times, after one warm-up,
// and returns the answer times and the last answer.
func (e *env) timeCommand(ctx context.Context, emu *tgemu.Server, admin *user, text string) (*sample, string) {
	s := &sample{}
	// /stats answers with text, then renders and uploads a chart in the
	// same chat; the next command of that chat waits for it, so runs are
	// spaced to time the answer itself, not the previous chart.
	gap := time.Duration(0)
	if strings.HasPrefix(text, "/stats") {
		gap = 1500 * time.Millisecond
	}
	pprof.Do(ctx, pprof.Labels("side", "users"), func(ctx context.Context) {
		admin.do(ctx, action{text: text, wait: "message"}, 30*time.Second) // warm up
		for i := 0; i < e.p.statusRuns; i++ {
			time.Sleep(gap)
			d, err := admin.do(ctx, action{text: text, wait: "message"}, 30*time.Second)
			s.add(d, err)
		}
	})
	last := ""
	if m, ok := emu.LastBotMessage(adminID); ok {
		last = m.Text
	}
	return s, last
}

// strconvQuoteShort quotes s, cut to 30 characters.
func strconvQuoteShort(s string) string {
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30]) + "…"
	}
	return strconv.Quote(s)
}
