package bot

import (
	"context"
	"testing"
	"time"
)

func TestDrainStartsAtShutdown(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	work, cancel := drainContext(ctx, 100*time.Millisecond)
	defer cancel()
	time.Sleep(150 * time.Millisecond) // longer than drain, but no shutdown yet
	if work.Err() != nil {
		t.Fatal("work context expired before shutdown began")
	}
	stop()
	if work.Err() != nil {
		t.Fatal("work cancelled at once on shutdown; it should get the drain time")
	}
	select {
	case <-work.Done():
	case <-time.After(2 * time.Second):
		t.Fatal("work not cancelled after the drain time")
	}
}
