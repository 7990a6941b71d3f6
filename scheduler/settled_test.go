package scheduler

import (
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/storage"
)

// TestCatchUpSkipsTicksKnownDone: once this instance has finished a tick, a
// catch-up pass off the tick does not read Redis for it again — a demo
// week walks 2,016 activations of a dozen jobs, each pass used to read every
// catch-up job's last tick. Shown with Redis down: the pass has nothing to
// say about the done tick, while the next tick still reports the outage.
func TestCatchUpSkipsTicksKnownDone(t *testing.T) {
	t.Parallel()
	srv := redistest.NewServer(t, true)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), DialTimeout: 200 * time.Millisecond,
		ReadTimeout: 200 * time.Millisecond, MaxRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	log, _ := newLogger(t)
	sh := shanghai(t)
	t0 := time.Date(2025, 3, 10, 9, 0, 0, 0, sh)
	s := New(rdb, storage.NewKeys("settled"), sh, NewManualClock(t0), log)
	fives := newTickCounter()
	if err := s.Add("every_5s", "*/5 * * * * *", fives.job("a"), WithCatchUp()); err != nil {
		t.Fatal(err)
	}
	if rs := s.RunDue(t.Context(), t0); len(rs) != 1 || rs[0].Outcome != OutcomeRan {
		t.Fatalf("at the tick: %+v", rs)
	}
	srv.Kill()
	if rs := s.RunDue(t.Context(), t0.Add(2500*time.Millisecond)); len(rs) != 0 {
		t.Errorf("off the done tick, Redis down: %+v, want no run and no Redis read", rs)
	}
	if rs := s.RunDue(t.Context(), t0.Add(5*time.Second)); len(rs) != 1 || rs[0].Outcome != OutcomeClaimError {
		t.Errorf("the next tick, Redis down: %+v, want a claim error", rs)
	}
	srv.Start()
	if rs := s.RunDue(t.Context(), t0.Add(6*time.Second)); len(rs) != 1 || rs[0].Outcome != OutcomeRan {
		t.Errorf("Redis back: %+v, want the missed tick caught up", rs)
	}
	fives.assertOncePerTick(t)
}
