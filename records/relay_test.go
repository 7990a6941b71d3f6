package records

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/storage"
)

// eventBody returns a CloudEvents document like the ones the bot commits.
func eventBody(id, typ string) []byte {
	return fmt.Appendf(nil, `{"specversion":"1.0","id":%q,"source":"sibu","type":%q,"subject":"demo","time":%q,"datacontenttype":"application/json","data":{"survey_id":"demo","answers":{"satisfaction":"满意"}}}`,
		id, typ, time.Now().Format(time.RFC3339Nano))
}

// produce appends events to the outbox, retrying while Redis is away, and
// returns id -> body.
func produce(t *testing.T, rdb redis.UniversalClient, keys storage.Keys, prefix, typ string, n int) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte, n)
	for i := range n {
		id := fmt.Sprintf("%s-%04d", prefix, i)
		body := eventBody(id, typ)
		deadline := time.Now().Add(10 * time.Second)
		for {
			err := rdb.XAdd(context.Background(), &redis.XAddArgs{Stream: keys.Outbox(), Values: []any{"event", body}}).Err()
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("produce %s: %v", id, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		out[id] = body
	}
	return out
}

// countingHandler counts error records on their way to the test log.
type countingHandler struct {
	slog.Handler
	errors *atomic.Int64
}

func (h countingHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError {
		h.errors.Add(1)
	}
	return h.Handler.Handle(ctx, r)
}

func (h countingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return countingHandler{h.Handler.WithAttrs(as), h.errors}
}

func (h countingHandler) WithGroup(name string) slog.Handler {
	return countingHandler{h.Handler.WithGroup(name), h.errors}
}

// testOutbox returns a client of the test Redis and keys under a prefix of
// this test's own.
func testOutbox(t *testing.T) (*redis.Client, storage.Keys) {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	return rdb, storage.NewKeys(prefix)
}

// testLogger logs to the test's output (shown on failure or with -v) and
// counts errors.
func testLogger(t *testing.T) (*slog.Logger, *atomic.Int64) {
	n := new(atomic.Int64)
	h := slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo})
	return slog.New(countingHandler{h, n}), n
}

// start runs r until the returned stop is called (or the test ends).
func start(t *testing.T, r *Relay) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func xlen(t *testing.T, rdb redis.UniversalClient, key string) int64 {
	t.Helper()
	n, err := rdb.XLen(context.Background(), key).Result()
	if err != nil {
		t.Fatalf("XLEN %s: %v", key, err)
	}
	return n
}

// memSink records deliveries in memory; fail, when set, decides failures.
type memSink struct {
	mu        sync.Mutex
	delivered map[string]int // event id -> successful deliveries
	tries     map[string]int // event id -> Deliver calls
	fail      func(Event) error
}

func newMemSink() *memSink {
	return &memSink{delivered: map[string]int{}, tries: map[string]int{}}
}

func (s *memSink) Deliver(ctx context.Context, ev Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[ev.ID]++
	if s.fail != nil {
		if err := s.fail(ev); err != nil {
			return err
		}
	}
	s.delivered[ev.ID]++
	return nil
}

func (s *memSink) count(id string) (delivered, tries int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.delivered[id], s.tries[id]
}

// distinct returns how many of want were delivered, and the total number of
// deliveries beyond the first of each event.
func (s *memSink) distinct(want map[string][]byte) (n, dups int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id := range want {
		if c := s.delivered[id]; c > 0 {
			n++
			dups += c - 1
		}
	}
	return n, dups
}

func TestRelayFlakyReceiver(t *testing.T) {
	rdb, keys := testOutbox(t)
	secret, _ := newSecret(t)
	log, _ := testLogger(t)

	rc := newFlakyReceiver(t, secret)
	srv := httptest.NewServer(rc)
	defer srv.Close()

	newRelay := func(name string) *Relay {
		sink, err := NewSink(srv.URL+"/records", secret, &http.Client{Timeout: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		return NewRelay(rdb, keys, sink, RelayOptions{
			Consumer: name, Parallel: 8, Batch: 50, MaxAttempts: 40,
			BackoffBase: 5 * time.Millisecond, BackoffMax: 50 * time.Millisecond,
			MinIdle: 5 * time.Second, Block: 200 * time.Millisecond,
		}, log)
	}
	// Two replicas share the consumer group.
	stopA := start(t, newRelay("replica-a"))
	stopB := start(t, newRelay("replica-b"))

	const total = 500
	produced := map[string][]byte{}
	for batch := range 10 {
		for id, b := range produce(t, rdb, keys, fmt.Sprintf("flaky-%d", batch), "sibu.survey.response.submitted", total/10) {
			produced[id] = b
		}
		time.Sleep(10 * time.Millisecond)
	}

	waitFor(t, 40*time.Second, "every event delivered and the outbox empty", func() bool {
		rc.mu.Lock()
		n := len(rc.delivered)
		rc.mu.Unlock()
		return n == total && xlen(t, rdb, keys.Outbox()) == 0
	})
	stopA()
	stopB()

	rc.mu.Lock()
	defer rc.mu.Unlock()
	dups, retried := 0, 0
	for id, c := range rc.delivered {
		if _, ok := produced[id]; !ok {
			t.Errorf("delivered unknown event %s", id)
		}
		dups += c - 1
	}
	for id := range produced {
		if rc.delivered[id] == 0 {
			t.Errorf("event %s never delivered", id)
		}
		if rc.attempts[id] > 1 {
			retried++
		}
	}
	if rc.badRequest.Load() != 0 {
		t.Errorf("%d requests had bad headers or signatures", rc.badRequest.Load())
	}
	if n := xlen(t, rdb, keys.OutboxDead()); n != 0 {
		t.Errorf("dead letters = %d, want 0", n)
	}
	assertNoRetryBookkeeping(t, rdb, keys)
	t.Logf("flaky receiver: produced=%d delivered(distinct)=%d duplicates=%d requests=%d injected_failures=%d (incl. 2 slow) events_retried=%d",
		len(produced), len(rc.delivered), dups, rc.requests.Load(), rc.injected.Load(), retried)
}

// flakyReceiver is a records system that checks every request as a
// receiver must (a CloudEvent, webhook-id, content type, signature) and
// fails a fifth of them: the first two failures accept the event and then
// answer too late (a real duplicate), the others answer 500.
type flakyReceiver struct {
	t      *testing.T
	secret string

	mu         sync.Mutex
	delivered  map[string]int // event id → times stored
	attempts   map[string]int // event id → requests that passed the checks
	requests   atomic.Int64
	injected   atomic.Int64
	slowLeft   atomic.Int64
	badRequest atomic.Int64
}

func newFlakyReceiver(t *testing.T, secret string) *flakyReceiver {
	rc := &flakyReceiver{t: t, secret: secret, delivered: map[string]int{}, attempts: map[string]int{}}
	rc.slowLeft.Store(2)
	return rc
}

func (rc *flakyReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := rc.t
	rc.requests.Add(1)
	body, _ := io.ReadAll(r.Body)
	var ce struct{ ID string }
	if err := json.Unmarshal(body, &ce); err != nil || ce.ID == "" {
		rc.badRequest.Add(1)
		t.Errorf("receiver: body is not a CloudEvent: %q", body)
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	if got := r.Header.Get("webhook-id"); got != ce.ID {
		rc.badRequest.Add(1)
		t.Errorf("receiver: webhook-id %q for event %q", got, ce.ID)
	}
	if ct := r.Header.Get("Content-Type"); ct != ContentType {
		rc.badRequest.Add(1)
		t.Errorf("receiver: Content-Type %q", ct)
	}
	if err := Verify(rc.secret, r.Header, body, time.Minute); err != nil {
		rc.badRequest.Add(1)
		t.Errorf("receiver: event %s: %v", ce.ID, err)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	rc.mu.Lock()
	rc.attempts[ce.ID]++
	rc.mu.Unlock()
	if rand.Float64() < 0.2 {
		rc.injected.Add(1)
		if rc.slowLeft.Add(-1) >= 0 {
			// Accept, then answer after the client gave up: a real duplicate.
			rc.mu.Lock()
			rc.delivered[ce.ID]++
			rc.mu.Unlock()
			select {
			case <-time.After(time.Second):
			case <-r.Context().Done():
			}
			return
		}
		http.Error(w, "injected failure", http.StatusInternalServerError)
		return
	}
	rc.mu.Lock()
	rc.delivered[ce.ID]++
	rc.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

// assertNoRetryBookkeeping fails the test when the relay left its attempts
// hash or retry set behind.
func assertNoRetryBookkeeping(t *testing.T, rdb *redis.Client, keys storage.Keys) {
	t.Helper()
	if n := rdb.Exists(context.Background(), keys.Outbox()+":attempts", keys.Outbox()+":retry").Val(); n != 0 {
		t.Errorf("retry bookkeeping left behind (%d keys)", n)
	}
}

// blockingSink holds every delivery until its context ends.
type blockingSink struct{ calls atomic.Int64 }

func (s *blockingSink) Deliver(ctx context.Context, ev Event) error {
	s.calls.Add(1)
	<-ctx.Done()
	return ctx.Err()
}

func TestRelayTakeover(t *testing.T) {
	rdb, keys := testOutbox(t)
	log, _ := testLogger(t)
	ctx := context.Background()
	if err := rdb.XGroupCreateMkStream(ctx, keys.Outbox(), DefaultGroup, "0").Err(); err != nil {
		t.Fatal(err)
	}
	produced := produce(t, rdb, keys, "takeover", "sibu.test", 40)

	// A consumer that reads 10 entries and dies without acknowledging them.
	if err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: DefaultGroup, Consumer: "ghost",
		Streams: []string{keys.Outbox(), ">"}, Count: 10, Block: -1}).Err(); err != nil {
		t.Fatal(err)
	}
	// Relay A starts 16 deliveries that hang, then shuts down.
	blocked := &blockingSink{}
	relayA := NewRelay(rdb, keys, blocked, RelayOptions{Consumer: "relay-a", Parallel: 16, Grace: 50 * time.Millisecond}, log)
	stopA := start(t, relayA)
	waitFor(t, 10*time.Second, "relay A to start 16 deliveries", func() bool { return blocked.calls.Load() == 16 })
	stopA()

	pending := func(consumer string) int64 {
		p, err := rdb.XPending(ctx, keys.Outbox(), DefaultGroup).Result()
		if err != nil {
			t.Fatal(err)
		}
		return p.Consumers[consumer]
	}
	if got := pending("relay-a"); got != 16 {
		t.Fatalf("relay A left %d pending entries, want 16", got)
	}
	if got := pending("ghost"); got != 10 {
		t.Fatalf("ghost holds %d pending entries, want 10", got)
	}
	if n := rdb.HLen(ctx, keys.Outbox()+":attempts").Val(); n != 0 {
		t.Errorf("shutdown counted %d failed attempts, want 0", n)
	}

	// Relay B takes over both crashed consumers' entries and reads the rest.
	sink := newMemSink()
	relayB := NewRelay(rdb, keys, sink, RelayOptions{Consumer: "relay-b", MinIdle: 200 * time.Millisecond, Block: 100 * time.Millisecond}, log)
	start(t, relayB)
	waitFor(t, 20*time.Second, "relay B to deliver all 40", func() bool {
		n, _ := sink.distinct(produced)
		return n == len(produced) && xlen(t, rdb, keys.Outbox()) == 0
	})
	if p := rdb.XPending(ctx, keys.Outbox(), DefaultGroup).Val(); p.Count != 0 {
		t.Errorf("pending after takeover = %d, want 0", p.Count)
	}
	n, dups := sink.distinct(produced)
	t.Logf("takeover: produced=%d ghost_pending=10 relay_a_pending=16 delivered_by_b=%d duplicates=%d", len(produced), n, dups)
}

func TestRelayDeadLetterAndReplay(t *testing.T) {
	rdb, keys := testOutbox(t)
	log, _ := testLogger(t)
	ctx := context.Background()

	var healthy atomic.Bool
	sink := newMemSink()
	sink.fail = func(ev Event) error {
		if ev.Type == "sibu.test.poison" && !healthy.Load() {
			return errors.New("receiver rejects poison")
		}
		return nil
	}
	var dead deadLetterCalls
	relay := NewRelay(rdb, keys, sink, RelayOptions{
		MaxAttempts: 3, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond,
		Block: 100 * time.Millisecond, OnDeadLetter: dead.record,
	}, log)
	start(t, relay)

	good := produce(t, rdb, keys, "good", "sibu.test.ok", 10)
	poison := produce(t, rdb, keys, "poison", "sibu.test.poison", 1)
	more := produce(t, rdb, keys, "good-after", "sibu.test.ok", 10)
	for id, b := range more {
		good[id] = b
	}
	waitFor(t, 20*time.Second, "poison dead-lettered and good events delivered", func() bool {
		n, _ := sink.distinct(good)
		return n == len(good) && xlen(t, rdb, keys.OutboxDead()) == 1 && xlen(t, rdb, keys.Outbox()) == 0
	})

	assertDeadLetter(t, rdb, keys, poison["poison-0000"], "3", "receiver rejects poison")
	if _, tries := sink.count("poison-0000"); tries != 3 {
		t.Errorf("poison tried %d times, want 3", tries)
	}
	if calls := dead.list(); len(calls) != 1 || calls[0].ev.ID != "poison-0000" || calls[0].attempts != 3 || calls[0].err == nil {
		t.Errorf("OnDeadLetter calls = %+v, want one for poison-0000 after 3 attempts", calls)
	}
	assertNoRetryBookkeeping(t, rdb, keys)
	st, err := relay.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Dead != 1 || st.Length != 0 || st.Pending != 0 || st.Retrying != 0 {
		t.Errorf("Stats = %+v, want 1 dead and nothing else", st)
	}

	// The receiver is fixed; the operator replays.
	healthy.Store(true)
	moved, err := relay.Replay(ctx, 10)
	if err != nil || moved != 1 {
		t.Fatalf("Replay = %d, %v; want 1", moved, err)
	}
	waitFor(t, 10*time.Second, "replayed poison delivered", func() bool {
		d, _ := sink.count("poison-0000")
		return d == 1 && xlen(t, rdb, keys.Outbox()) == 0
	})
	if n := xlen(t, rdb, keys.OutboxDead()); n != 0 {
		t.Errorf("dead letters after replay = %d, want 0", n)
	}
	if calls := dead.list(); len(calls) != 1 {
		t.Errorf("OnDeadLetter called %d times, want 1", len(calls))
	}
	_, tries := sink.count("poison-0000")
	t.Logf("dead letter: good=%d delivered; poison tries=%d (3 failed + 1 after replay), dead_letter_calls=1", len(good), tries)
}

// deadLetterCalls records the relay's OnDeadLetter calls.
type deadLetterCalls struct {
	mu    sync.Mutex
	calls []deadLetterCall
}

type deadLetterCall struct {
	ev       Event
	attempts int
	err      error
}

func (d *deadLetterCalls) record(_ context.Context, ev Event, attempts int, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, deadLetterCall{ev, attempts, err})
}

func (d *deadLetterCalls) list() []deadLetterCall {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.calls)
}

// assertDeadLetter checks the one entry of the dead-letter stream: the
// stored event bytes, the attempts, an error holding cause, and failed_at.
func assertDeadLetter(t *testing.T, rdb *redis.Client, keys storage.Keys, event []byte, attempts, cause string) {
	t.Helper()
	dead, err := rdb.XRange(context.Background(), keys.OutboxDead(), "-", "+").Result()
	if err != nil || len(dead) != 1 {
		t.Fatalf("dead letters = %v, %v; want one", dead, err)
	}
	f := dead[0].Values
	if f["event"] != string(event) {
		t.Errorf("dead event = %v, want the stored bytes", f["event"])
	}
	if f["attempts"] != attempts {
		t.Errorf("dead attempts = %v, want %s", f["attempts"], attempts)
	}
	if e, _ := f["error"].(string); !strings.Contains(e, cause) {
		t.Errorf("dead error = %q", e)
	}
	if _, err := time.Parse(time.RFC3339Nano, fmt.Sprint(f["failed_at"])); err != nil {
		t.Errorf("dead failed_at = %v: %v", f["failed_at"], err)
	}
}

func TestRelayMalformedEntryIsDeadLettered(t *testing.T) {
	rdb, keys := testOutbox(t)
	log, _ := testLogger(t)
	ctx := context.Background()
	var called atomic.Int64
	relay := NewRelay(rdb, keys, newMemSink(), RelayOptions{Block: 100 * time.Millisecond,
		OnDeadLetter: func(context.Context, Event, int, error) { called.Add(1) }}, log)
	start(t, relay)
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.Outbox(), Values: []any{"event", "not json"}})
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.Outbox(), Values: []any{"other", "field"}})
	waitFor(t, 10*time.Second, "malformed entries dead-lettered", func() bool {
		return xlen(t, rdb, keys.OutboxDead()) == 2 && xlen(t, rdb, keys.Outbox()) == 0
	})
	// They are handled concurrently, so the dead-letter order is not fixed.
	events := map[any]any{}
	for _, m := range rdb.XRange(ctx, keys.OutboxDead(), "-", "+").Val() {
		events[m.Values["event"]] = m.Values["attempts"]
	}
	if events["not json"] != "1" || events[""] != "1" {
		t.Errorf("dead letters (event -> attempts) = %v, want \"not json\" and \"\" after 1 attempt", events)
	}
	if called.Load() != 2 {
		t.Errorf("OnDeadLetter called %d times, want 2", called.Load())
	}
}

func TestRelaySurvivesRedisRestart(t *testing.T) {
	srv := redistest.NewServer(t, true)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), DialTimeout: time.Second, MaxRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	keys := storage.NewKeys("restart")
	log, errorsLogged := testLogger(t)
	sink := newMemSink()

	produced := produce(t, rdb, keys, "before", "sibu.test", 100)
	relay := NewRelay(rdb, keys, sink, RelayOptions{MinIdle: time.Second, Block: 200 * time.Millisecond, Parallel: 4,
		BackoffBase: 10 * time.Millisecond, BackoffMax: 100 * time.Millisecond}, log)
	start(t, relay)
	waitFor(t, 10*time.Second, "some deliveries before the restart", func() bool {
		n, _ := sink.distinct(produced)
		return n > 0
	})

	srv.Kill()
	time.Sleep(time.Second)
	srv.Start()

	for id, b := range produce(t, rdb, keys, "after", "sibu.test", 100) {
		produced[id] = b
	}
	waitFor(t, 30*time.Second, "everything delivered after the restart", func() bool {
		n, _ := sink.distinct(produced)
		return n == len(produced) && xlen(t, rdb, keys.Outbox()) == 0
	})
	if errorsLogged.Load() == 0 {
		t.Errorf("the relay logged no error while Redis was down")
	}
	n, dups := sink.distinct(produced)
	t.Logf("redis restart: produced=%d delivered(distinct)=%d duplicates=%d errors_logged=%d", len(produced), n, dups, errorsLogged.Load())
}

func TestRelayFileSinkEndToEnd(t *testing.T) {
	rdb, keys := testOutbox(t)
	log, _ := testLogger(t)
	path := filepath.Join(t.TempDir(), "records.jsonl")
	sink, err := NewSink("file://"+path, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	relay := NewRelay(rdb, keys, sink, RelayOptions{Block: 100 * time.Millisecond}, log)
	start(t, relay)
	produced := produce(t, rdb, keys, "file", "sibu.survey.response.submitted", 50)
	waitFor(t, 20*time.Second, "outbox drained", func() bool { return xlen(t, rdb, keys.Outbox()) == 0 })

	lines := readLines(t, path)
	seen := map[string]int{}
	for _, l := range lines {
		ev, err := ParseEvent([]byte(l))
		if err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if string(produced[ev.ID]) != l {
			t.Errorf("line for %s = %q, want the stored bytes %q", ev.ID, l, produced[ev.ID])
		}
		seen[ev.ID]++
	}
	if len(seen) != len(produced) {
		t.Errorf("file holds %d distinct events, want %d", len(seen), len(produced))
	}
	t.Logf("file sink: produced=%d lines=%d distinct=%d", len(produced), len(lines), len(seen))
}

func TestStatsAndMetrics(t *testing.T) {
	rdb, keys := testOutbox(t)
	ctx := context.Background()
	now := time.Now()
	relay := NewRelay(rdb, keys, newMemSink(), RelayOptions{Clock: func() time.Time { return now }}, nil)

	st, err := relay.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{}) {
		t.Errorf("Stats of nothing = %+v", st)
	}
	id := now.Add(-90 * time.Second).UnixMilli()
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.Outbox(), ID: fmt.Sprintf("%d-0", id), Values: []any{"event", "{}"}})
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.Outbox(), Values: []any{"event", "{}"}})
	st, err = relay.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Length != 2 || st.OldestAge < 89*time.Second || st.OldestAge > 91*time.Second {
		t.Errorf("Stats = %+v, want length 2 and oldest age 90s", st)
	}
	if n := len(relay.Collectors()); n != 7 {
		t.Errorf("Collectors() = %d, want 7", n)
	}
}
