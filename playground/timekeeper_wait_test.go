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

// newDemoScheduler is a scheduler on the embedded Redis driven by a demo
// clock, as the playground runs it.
func newDemoScheduler(t *testing.T) (*playground.Clock, *scheduler.Scheduler) {
	t.Helper()
	rdb, closeRedis, err := storage.Connect(context.Background(), "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeRedis)
	clock := playground.NewClock()
	return clock, scheduler.New(rdb, storage.NewKeys("sibu"), time.FixedZone("CST", 8*3600), clock, nil)
}

// TestTimekeeperWaitsForDeliveries: advancing a day with a job that pushes
// at every hourly tick waits at each tick until its push is delivered, so
// every push is stamped at its tick (not at the end of the advance) and
// they arrive in the order they fell due.
func TestTimekeeperWaitsForDeliveries(t *testing.T) {
	ctx := context.Background()
	clock, sched := newDemoScheduler(t)
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

// stuckSender holds one push it never delivers (a chat Telegram keeps
// refusing) and delivers the rest at once.
type stuckSender struct {
	mu     sync.Mutex
	queued int64
}

func (s *stuckSender) PushesWaiting(context.Context, time.Time) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queued, nil
}

// TestTimekeeperWaitsOnceForAStuckPush: one push that never goes out holds
// an advance once, for the wait's bound, not at every activation after it
// (a week's 2,016 activations × 15 s in the playground's phone test, which
// timed out in CI); new pushes after it are still waited for.
func TestTimekeeperWaitsOnceForAStuckPush(t *testing.T) {
	defer playground.SetSettleTimeout(200 * time.Millisecond)()
	ctx := context.Background()
	clock, sched := newDemoScheduler(t)
	sender := &stuckSender{}
	ran := 0
	sched.Add("hourly", "@hourly", func(context.Context, time.Time) (map[string]any, error) {
		sender.mu.Lock()
		defer sender.mu.Unlock()
		if ran++; ran == 3 {
			sender.queued = 1 // the third tick's push never goes out
		}
		return nil, nil
	})
	k := playground.NewTimekeeper(clock, sched, nil)
	k.WaitForDeliveries(sender)
	start := time.Now()
	k.Advance(ctx, 48*time.Hour)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a 48-tick advance behind one stuck push took %v: it waited at every tick", took)
	}
	if ran != 48 {
		t.Errorf("%d ticks ran, want 48", ran)
	}
}
