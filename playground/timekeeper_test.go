package playground_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"sibu/playground"
	"sibu/scheduler"
	"sibu/storage"
)

func TestClockOnlyMovesForward(t *testing.T) {
	c := playground.NewClock()
	t0 := c.Now()
	c.Advance(-time.Hour)
	c.AdvanceTo(t0.Add(-time.Hour))
	if c.Offset() != 0 {
		t.Fatalf("offset %v after moves back", c.Offset())
	}
	if got := c.Advance(time.Hour).Sub(t0); got < time.Hour || got > time.Hour+time.Second {
		t.Fatalf("advanced by %v", got)
	}
	c.AdvanceTo(t0.Add(48 * time.Hour))
	if got := c.Now().Sub(t0); got < 48*time.Hour || got > 48*time.Hour+time.Second {
		t.Fatalf("AdvanceTo: %v", got)
	}
}

// TestTimekeeperAdvance drives a real scheduler (embedded Redis): advancing
// a day fires an hourly job at each of its 24 ticks, in order, with the
// clock standing at the tick, and a 09:00 daily job once.
func TestTimekeeperAdvance(t *testing.T) {
	ctx := context.Background()
	rdb, closeRedis, err := storage.Connect(ctx, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeRedis()
	loc := time.FixedZone("CST", 8*3600)
	clock := playground.NewClock()
	sched := scheduler.New(rdb, storage.NewKeys("sibu"), loc, clock, nil)
	var mu sync.Mutex
	var hourly []time.Time
	var lag []time.Duration
	daily := 0
	sched.Add("hourly", "@hourly", func(_ context.Context, tick time.Time) (map[string]any, error) {
		mu.Lock()
		defer mu.Unlock()
		hourly = append(hourly, tick)
		lag = append(lag, clock.Now().Sub(tick))
		return nil, nil
	})
	sched.Add("daily", "0 9 * * *", func(context.Context, time.Time) (map[string]any, error) {
		mu.Lock()
		defer mu.Unlock()
		daily++
		return nil, nil
	})
	// Start at 10:30 (the next one from now), so the hour after the day
	// does not hold the daily 09:00 tick whatever time the test runs at.
	n := clock.Now().In(loc)
	at := time.Date(n.Year(), n.Month(), n.Day(), 10, 30, 0, 0, loc)
	if !at.After(n) {
		at = at.AddDate(0, 0, 1)
	}
	clock.AdvanceTo(at)
	k := playground.NewTimekeeper(clock, sched, nil)
	start := clock.Now()
	now, runs := k.Advance(ctx, 24*time.Hour)
	if d := now.Sub(start); d < 24*time.Hour || d > 24*time.Hour+time.Second {
		t.Fatalf("advanced by %v", d)
	}
	mu.Lock()
	if len(hourly) != 24 || daily != 1 || len(runs) != 25 {
		t.Fatalf("hourly ran %d times, daily %d, %d runs", len(hourly), daily, len(runs))
	}
	for i := range hourly {
		if i > 0 && hourly[i].Sub(hourly[i-1]) != time.Hour {
			t.Errorf("tick %d at %v after %v", i, hourly[i], hourly[i-1])
		}
		if lag[i] < 0 || lag[i] > time.Second {
			t.Errorf("the clock stood %v after tick %v while its job ran", lag[i], hourly[i])
		}
	}
	mu.Unlock()
	// Nothing is due twice: another hour runs one more tick.
	_, runs = k.Advance(ctx, time.Hour)
	if len(runs) != 1 || runs[0].Job != "hourly" || runs[0].Outcome != scheduler.OutcomeRan {
		t.Errorf("next hour: %+v", runs)
	}
}

// TestTimekeeperRunsAsTimePasses: without an advance, jobs fire when demo
// time reaches them.
func TestTimekeeperRunsAsTimePasses(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rdb, closeRedis, err := storage.Connect(ctx, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeRedis()
	clock := playground.NewClock()
	sched := scheduler.New(rdb, storage.NewKeys("sibu"), nil, clock, nil)
	ran := make(chan time.Time, 10)
	sched.Add("tick", "@every 1s", func(_ context.Context, tick time.Time) (map[string]any, error) {
		ran <- tick
		return nil, nil
	})
	go playground.NewTimekeeper(clock, sched, nil).Run(ctx)
	select {
	case <-ran:
	case <-time.After(3 * time.Second):
		t.Fatal("the job did not fire as time passed")
	}
}
