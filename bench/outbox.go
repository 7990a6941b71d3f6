package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/records"
	"sibu/storage"
)

const recordsSecret = "whsec_c2lidS1iZW5jaC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5"

// sink is a local records system: it checks each signature, dedupes by
// webhook-id and measures each event's lag (receipt minus the millisecond
// time in the event's ULID id). With failRate it answers 503 to that share
// of requests, half of them after storing the event (a lost answer, which
// makes the relay deliver it again: a duplicate by id).
type sink struct {
	srv      *httptest.Server
	failRate float64

	mu       sync.Mutex
	seen     map[string]int
	lags     []time.Duration
	dups     int
	failed   int
	badSig   int
	requests int
}

// newSink starts a sink that fails the share failRate of requests.
func newSink(failRate float64) *sink {
	s := &sink{failRate: failRate, seen: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// serve checks, dedupes and times one delivery, failing some as newSink
// was told to.
func (s *sink) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	now := time.Now()
	id := r.Header.Get("webhook-id")
	roll := rand.Float64()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if roll < s.failRate/2 {
		s.failed++
		http.Error(w, "records system busy", http.StatusServiceUnavailable)
		return
	}
	if err := records.Verify(recordsSecret, r.Header, body, 5*time.Minute); err != nil {
		s.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	s.seen[id]++
	if s.seen[id] == 1 {
		if t, ok := ulidTime(id); ok {
			s.lags = append(s.lags, now.Sub(t))
		}
	} else {
		s.dups++
	}
	if roll < s.failRate {
		s.failed++
		http.Error(w, "records system busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// delivered is how many distinct events the sink has stored.
func (s *sink) delivered() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

// ulidTime decodes the millisecond timestamp of a ULID (its first 10
// Crockford base32 digits).
func ulidTime(id string) (time.Time, bool) {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	if len(id) != 26 {
		return time.Time{}, false
	}
	var ms int64
	for i := 0; i < 10; i++ {
		v := strings.IndexByte(alphabet, id[i])
		if v < 0 {
			return time.Time{}, false
		}
		ms = ms<<5 | int64(v)
	}
	return time.UnixMilli(ms), true
}

// eventJSON renders a records event as storage does for a submitted response.
func eventJSON(now time.Time, n int) (string, string) {
	id := storage.NewID(now)
	return id, fmt.Sprintf(`{"specversion":"1.0","id":%q,"source":"sibu","type":"sibu.survey.response.submitted","subject":"demo","time":%q,"datacontenttype":"application/json","data":{"survey_id":"demo","version":"bench","respondent":%d,"unit":"root","answers":{"overall":"满意","strengths":["服务群众"],"score":5,"advice":"希望多下基层走访。"},"satisfied":true}}`,
		id, now.UTC().Format(time.RFC3339Nano), n)
}

// produce adds events from..from+n-1 to stream in one pipeline.
func (e *env) produce(ctx context.Context, stream string, from, n int) error {
	_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		now := time.Now()
		for i := from; i < from+n; i++ {
			_, ev := eventJSON(now, i)
			p.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{"event", ev}})
		}
		return nil
	})
	return err
}

// startRelay runs a records relay (side=relay in profiles) to sk.
func (e *env) startRelay(ctx context.Context, prefix string, sk *sink) (stop func(), err error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second}).DialContext
	snk, err := records.NewSink(sk.srv.URL, recordsSecret, &http.Client{Transport: tr, Timeout: 10 * time.Second})
	if err != nil {
		return nil, err
	}
	relay := records.NewRelay(e.rdb, storage.NewKeys(prefix), snk, records.RelayOptions{Consumer: "bench"}, e.log)
	run, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	pprof.Do(run, pprof.Labels("side", "relay"), func(run context.Context) {
		wg.Go(func() { relay.Run(run) })
	})
	return func() { cancel(); wg.Wait(); tr.CloseIdleConnections() }, nil
}

// waitDelivered waits until sk has n events, or limit has passed, and
// returns when it stopped waiting.
func waitDelivered(ctx context.Context, sk *sink, n int, limit time.Duration) time.Time {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline) && ctx.Err() == nil; {
		if sk.delivered() >= n {
			return time.Now()
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Now()
}

// outbox measures relay throughput draining a backlog, then lag at a steady
// 1,000 events/s with a healthy sink and with one failing 20% of requests.
func (e *env) outbox(ctx context.Context) error {
	if err := e.outboxBacklog(ctx); err != nil {
		return err
	}
	for _, fail := range []float64{0, 0.2} {
		if err := e.outboxSteady(ctx, fail); err != nil {
			return err
		}
	}
	e.rep.note("outbox, sink failing 20%%: a failed delivery waits for the relay's backoff (full jitter, base %s, ×4 per attempt), so the lag of retried events is dominated by the backoff, not by throughput; the max is an event that failed several times in a row.", records.DefaultBackoffBase)
	return nil
}

// outboxBacklog times the relay draining a backlog of events to a healthy
// sink.
func (e *env) outboxBacklog(ctx context.Context) error {
	prefix := e.prefix("outbox")
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	stream := storage.NewKeys(prefix).Outbox()
	for i := 0; i < e.p.events; i += 1000 {
		if err := e.produce(ctx, stream, i, min(1000, e.p.events-i)); err != nil {
			return err
		}
	}
	sk := newSink(0)
	start := time.Now()
	stop, err := e.startRelay(ctx, prefix, sk)
	if err != nil {
		return err
	}
	end := waitDelivered(ctx, sk, e.p.events, 2*time.Minute)
	stop()
	sk.srv.Close()
	eps := float64(sk.delivered()) / end.Sub(start).Seconds()
	e.rep.add(Row{Scenario: "outbox", Figure: fmt.Sprintf("relay throughput, backlog of %d events → local HTTP sink", e.p.events),
		Value: fmt.Sprintf("%.0f events/s", eps), Number: eps, Unit: "events/s", Goal: "≥ 5000 events/s",
		Verdict: verdict(eps, 5000, true) + fmt.Sprintf(", %d of %d delivered", sk.delivered(), e.p.events)})
	return nil
}

// outboxSteady measures the lag of events produced at a steady rate, with a
// sink that fails the share fail of requests.
func (e *env) outboxSteady(ctx context.Context, fail float64) error {
	prefix := e.prefix(fmt.Sprintf("steady%.0f", fail*100))
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	sk := newSink(fail)
	stop, err := e.startRelay(ctx, prefix, sk)
	if err != nil {
		return err
	}
	produced, rate, err := e.produceSteadily(ctx, storage.NewKeys(prefix).Outbox())
	if err != nil {
		stop()
		return err
	}
	waitDelivered(ctx, sk, produced, 2*time.Minute)
	time.Sleep(300 * time.Millisecond) // late duplicates, if any
	stop()
	sk.srv.Close()
	s := &sample{d: sk.lags}
	sc := "outbox, steady load"
	if fail > 0 {
		sc = "outbox, sink failing 20%"
	}
	r := e.rep
	r.add(Row{Scenario: sc, Figure: fmt.Sprintf("lag p50 / p99 / max at %.0f events/s for %s", rate, e.p.steadyFor),
		Value: s.p50p99max(), Number: msf(s.pct(99)), Unit: "ms p99", Goal: "≤ 1 s", Verdict: lagVerdict(s, fail)})
	if fail > 0 {
		r.add(Row{Scenario: sc, Figure: "delivered / produced", Value: fmt.Sprintf("%d / %d", sk.delivered(), produced),
			Goal: "delivered = produced", Verdict: strings.TrimPrefix(okIf(true, sk.delivered() == produced), " — ")})
		r.add(Row{Scenario: sc, Figure: "duplicates by id (receiver dedupes)", Value: fmt.Sprintf("%d", sk.dups),
			Verdict: fmt.Sprintf("%d of %d requests answered 503, half after storing", sk.failed, sk.requests)})
	}
	if sk.badSig > 0 {
		r.add(Row{Scenario: sc, Figure: "bad signatures", Value: fmt.Sprintf("%d", sk.badSig), Verdict: "MISSED"})
	}
	return nil
}

// produceSteadily adds events to stream at steadyRate, in 10 ms slices, for
// steadyFor; it returns how many it added and at what rate.
func (e *env) produceSteadily(ctx context.Context, stream string) (produced int, rate float64, err error) {
	start := time.Now()
	perTick := int(e.p.steadyRate / 100)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for time.Since(start) < e.p.steadyFor && ctx.Err() == nil {
		<-tick.C
		want := int(time.Since(start).Seconds()*e.p.steadyRate) - produced
		want = min(max(want, 0), 10*perTick)
		if want > 0 {
			if err := e.produce(ctx, stream, produced, want); err != nil {
				return produced, 0, err
			}
			produced += want
		}
	}
	return produced, float64(produced) / time.Since(start).Seconds(), nil
}

// lagVerdict judges the lag p99 against 1 s; with a failing sink it also
// shows the p80, the events no failure hit.
func lagVerdict(s *sample, fail float64) string {
	if fail > 0 {
		return fmt.Sprintf("p80 %s (events not hit by a failure) — %s", ms(s.pct(80)), verdict(msf(s.pct(99)), 1000, false))
	}
	return verdict(msf(s.pct(99)), 1000, false)
}
