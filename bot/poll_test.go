package bot_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

// pollWatch sits before the emulator and watches getUpdates: how many are
// in flight at once (at most), who sent each and when, and 409s.
type pollWatch struct {
	mu       sync.Mutex
	inFlight int
	most     int
	conflict int
	calls    []pollCall
}

type pollCall struct {
	who string
	at  time.Time
}

func (w *pollWatch) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/getUpdates") {
			next.ServeHTTP(rw, r)
			return
		}
		w.mu.Lock()
		w.inFlight++
		w.most = max(w.most, w.inFlight)
		w.calls = append(w.calls, pollCall{r.Header.Get("X-Poller"), time.Now()})
		w.mu.Unlock()
		rec := &statusRecorder{ResponseWriter: rw, code: 200}
		next.ServeHTTP(rec, r)
		w.mu.Lock()
		w.inFlight--
		if rec.code == http.StatusConflict {
			w.conflict++
		}
		w.mu.Unlock()
	})
}

// firstBy is when who first called getUpdates after t (zero: never).
func (w *pollWatch) firstBy(who string, t time.Time) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range w.calls {
		if c.who == who && c.at.After(t) {
			return c.at
		}
	}
	return time.Time{}
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) { r.code = code; r.ResponseWriter.WriteHeader(code) }

// named marks a poller's requests with its name.
type named struct{ who string }

func (n named) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Poller", n.who)
	return http.DefaultTransport.RoundTrip(r)
}

// TestDeadPollerReplacedWithinFiveSeconds (issue 14): two replicas poll
// one bot; only the lease holder calls getUpdates, never two at once (no
// 409). The holder dies without a word (its Redis connection gone, as a
// kill -9 leaves it; its lease is not given up): the other takes over
// within 5 s and the updates sent meanwhile are recorded.
func TestDeadPollerReplacedWithinFiveSeconds(t *testing.T) {
	// Long polls of 10 s: a poller that went on polling after losing its
	// lease would still be waiting when the other starts.
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithLongPollMax(10*time.Second))
	defer emu.Close()
	watch := &pollWatch{}
	api := httptest.NewServer(watch.wrap(emu.Handler()))
	defer api.Close()
	shared, prefix := redistest.Client(t)
	store := storage.New(shared, prefix, storage.Options{})

	type replica struct {
		rdb    *redis.Client
		cancel context.CancelFunc
		done   chan struct{}
	}
	start := func(who string) *replica {
		rdb := redis.NewClient(shared.Options())
		ctx, cancel := context.WithCancel(context.Background())
		r := &replica{rdb: rdb, cancel: cancel, done: make(chan struct{})}
		p := bot.NewPoller(&http.Client{Transport: named{who}}, api.URL, token, store, rdb, store.Keys(), who, quiet, bot.NewMetrics(), func() {})
		go func() { defer close(r.done); p.Run(ctx) }()
		return r
	}
	rs := map[string]*replica{"a": start("a"), "b": start("b")}
	defer func() {
		for _, r := range rs {
			r.cancel()
			<-r.done
			r.rdb.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	recorded := func(id int64) {
		t.Helper()
		for ctx.Err() == nil {
			if n, _ := shared.Get(ctx, store.Keys().PollOffset()).Int64(); n > id {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("update %d never recorded", id)
	}
	u := tgemu.User{ID: 5, FirstName: "u"}
	recorded(emu.SendText(u, "one").ID)
	time.Sleep(2 * time.Second) // both run: one polls, the other waits
	holder := shared.Get(ctx, store.Keys().PollLease()).Val()
	other := map[string]string{"a": "b", "b": "a"}[holder]
	if holder == "" {
		t.Fatal("nobody holds the polling lease")
	}

	died := time.Now()
	rs[holder].rdb.Close() // its Redis is gone: no renewal, no release
	second := emu.SendText(u, "two").ID
	recorded(second)
	took := watch.firstBy(other, died)
	if took.IsZero() {
		t.Fatalf("%s never polled after %s died", other, holder)
	}
	if d := took.Sub(died); d > 5*time.Second {
		t.Errorf("%s took over %v after %s died, want < 5 s", other, d.Round(time.Millisecond), holder)
	} else {
		t.Logf("%s took over %v after %s died", other, d.Round(time.Millisecond), holder)
	}
	time.Sleep(time.Second)
	watch.mu.Lock()
	defer watch.mu.Unlock()
	if watch.most > 1 || watch.conflict > 0 {
		t.Errorf("getUpdates: %d in flight at once, %d answered 409; want one at a time", watch.most, watch.conflict)
	}
}
