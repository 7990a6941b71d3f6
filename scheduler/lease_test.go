package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/storage"
)

// TestUnfinishedTickIsRetried: a tick whose run did not finish (the job
// failed, panicked, timed out, or its replica hung or died holding it) is
// not done: another replica's catch-up runs it again.
func TestUnfinishedTickIsRetried(t *testing.T) {
	t.Parallel()
	sh := shanghai(t)
	tick := time.Date(2025, 3, 10, 9, 0, 0, 0, sh)
	hung := make(chan struct{})
	t.Cleanup(func() { close(hung) })
	for _, tc := range []struct {
		name    string
		fn      Job
		timeout time.Duration
		wait    time.Duration // before the other replica looks
	}{
		{"failed", func(context.Context, time.Time) (map[string]any, error) { return nil, errors.New("redis: i/o timeout") }, time.Minute, 0},
		{"panicked", func(context.Context, time.Time) (map[string]any, error) { panic("boom") }, time.Minute, 0},
		{"timed out", func(ctx context.Context, _ time.Time) (map[string]any, error) { <-ctx.Done(); return nil, ctx.Err() }, 50 * time.Millisecond, 0},
		// A replica that hangs (or dies) holding the tick: its lease runs out.
		{"hung", func(context.Context, time.Time) (map[string]any, error) { <-hung; return nil, nil }, 100 * time.Millisecond, 300 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb, prefix := redistest.Client(t)
			keys := storage.NewKeys(prefix)
			rdb.Set(t.Context(), keys.Prefix()+"sched:last:digest", tick.AddDate(0, 0, -7).Unix(), 0)
			a := New(rdb, keys, sh, NewManualClock(tick), nil)
			if err := a.Add("digest", "0 9 * * 1", tc.fn, WithCatchUp(), WithTimeout(tc.timeout)); err != nil {
				t.Fatal(err)
			}
			counter := newTickCounter()
			b := New(rdb, keys, sh, NewManualClock(tick), nil)
			if err := b.Add("digest", "0 9 * * 1", counter.job("b"), WithCatchUp()); err != nil {
				t.Fatal(err)
			}
			if tc.name == "hung" {
				go a.RunDue(context.Background(), tick)
				waitFor(t, 5*time.Second, "the claim", func() bool {
					return rdb.Exists(t.Context(), keys.Tick("digest", tick.Unix())).Val() == 1
				})
			} else if rs := a.RunDue(t.Context(), tick); len(rs) != 1 || rs[0].Outcome == OutcomeRan {
				t.Fatalf("replica a: %+v, want one unfinished run", rs)
			}
			time.Sleep(tc.wait)
			rs := b.RunDue(t.Context(), tick.Add(2*time.Minute))
			if len(rs) != 1 || rs[0].Outcome != OutcomeRan || !rs[0].Tick.Equal(tick) {
				t.Fatalf("replica b's catch-up: %+v, want the 09:00 tick run", rs)
			}
			if rs := b.RunDue(t.Context(), tick.Add(3*time.Minute)); len(rs) != 0 {
				t.Errorf("after it ran: %+v, want nothing", rs)
			}
			counter.assertOncePerTick(t)
		})
	}
}

// TestMissedTickRepairedWhileRunning: Redis is down when the scheduler
// starts, so the startup catch-up fails; once Redis is back the missed tick
// runs without a restart.
func TestMissedTickRepairedWhileRunning(t *testing.T) {
	t.Parallel()
	srv := redistest.NewServer(t, true) // the restart keeps the last-tick record
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), DialTimeout: 200 * time.Millisecond,
		ReadTimeout: 200 * time.Millisecond, MaxRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	log, _ := newLogger(t)
	sh := shanghai(t)
	tick := time.Date(2025, 3, 10, 9, 0, 0, 0, sh)
	keys := storage.NewKeys("repair")
	rdb.Set(t.Context(), keys.Prefix()+"sched:last:daily", tick.AddDate(0, 0, -1).Unix(), 0)
	counter := newTickCounter()
	s := New(rdb, keys, sh, NewManualClock(tick.Add(20*time.Minute)), log, WithCatchUpEvery(50*time.Millisecond))
	if err := s.Add("daily", "0 9 * * *", counter.job("a"), WithCatchUp()); err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "a claim error", func() bool { return runs(t, s, "daily", OutcomeClaimError) >= 1 })
	srv.Start()
	waitFor(t, 10*time.Second, "the missed tick to run", func() bool { return runs(t, s, "daily", OutcomeRan) >= 1 })
	stop(t, s)
	if ticks := counter.assertOncePerTick(t); len(ticks) != 1 || ticks[0] != tick.Unix() {
		t.Errorf("ran ticks %v, want only 09:00", ticks)
	}
}
