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

// slowSender is a push queue whose pushes a sender delivers 30 ms (wall
// time) after they are queued, stamping each with the clock then, as the
// Bot API stamps a message with the time it arrives.
type slowSender struct {
	clock   *playground.Clock
	mu      sync.Mutex
	queued  []string
	stamped []time.Time
	names   []string
}

func (s *slowSender) push(name string) {
	s.mu.Lock()
	s.queued = append(s.queued, name)
	s.mu.Unlock()
	go func() {
		time.Sleep(30 * time.Millisecond)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.names = append(s.names, s.queued[0])
		s.queued = s.queued[1:]
		s.stamped = append(s.stamped, s.clock.Now())
	}()
}

func (s *slowSender) PushesWaiting(context.Context, time.Time) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return int64(len(s.queued)), nil
}

// TestTimekeeperWaitsForDeliveries: advancing a day with a job that pushes
// at every hourly tick waits at each tick until its push is delivered, so
// every push is stamped at its tick (not at the end of the advance) and
// they arrive in the order they fell due.
func TestTimekeeperWaitsForDeliveries(t *testing.T) {
	ctx := context.Background()
	rdb, closeRedis, err := storage.Connect(ctx, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeRedis()
	clock := playground.NewClock()
	sched := scheduler.New(rdb, storage.NewKeys("sibu"), time.FixedZone("CST", 8*3600), clock, nil)
	sender := &slowSender{clock: clock}
	var ticks []time.Time
	sched.Add("hourly", "@hourly", func(_ context.Context, tick time.Time) (map[string]any, error) {
		ticks = append(ticks, tick)
		sender.push(tick.Format(time.RFC3339))
		return nil, nil
	})
	k := playground.NewTimekeeper(clock, sched, nil)
	k.WaitForDeliveries(sender)
	k.Advance(ctx, 24*time.Hour)
	sender.mu.Lock()
	defer sender.mu.Unlock()
	if len(sender.stamped) != 24 || len(ticks) != 24 {
		t.Fatalf("%d pushes delivered of %d ticks, want 24", len(sender.stamped), len(ticks))
	}
	for i, at := range sender.stamped {
		if sender.names[i] != ticks[i].Format(time.RFC3339) {
			t.Errorf("push %d is %s, want the one of %v", i, sender.names[i], ticks[i])
		}
		if lag := at.Sub(ticks[i]); lag < 0 || lag > 2*time.Second {
			t.Errorf("push of %v stamped %v after it", ticks[i], lag)
		}
	}
}
