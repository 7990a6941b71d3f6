package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/storage"
)

// TestConsumerTakesOverAndAcks: entries a dead consumer left pending are
// taken over, every entry is delivered once and, once acknowledged, gone
// from the stream; the group survives being lost.
func TestConsumerTakesOverAndAcks(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	stream := s.Keys().Push()
	add := func(from, n int) {
		for i := from; i < from+n; i++ {
			rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{"msg", fmt.Sprint(i)}})
		}
	}
	add(0, 10)
	rdb.XGroupCreate(ctx, stream, "sender", "0")
	rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "sender", Consumer: "ghost", Streams: []string{stream, ">"}, Count: 4, Block: -1})

	c := storage.NewConsumer(rdb, storage.ConsumerOptions{Stream: stream, Field: "msg", Group: "sender", Name: "live",
		Parallel: 3, MinIdle: 100 * time.Millisecond, Block: 50 * time.Millisecond})
	var mu sync.Mutex
	got := map[string]int{}
	run, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Run(run, func(ctx context.Context, e storage.Entry) {
			mu.Lock()
			got[string(e.Body)]++
			mu.Unlock()
			if err := c.Ack(ctx, e.ID, nil); err != nil {
				t.Errorf("ack %s: %v", e.ID, err)
			}
		})
	}()
	wait := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			mu.Lock()
			have := len(got)
			mu.Unlock()
			if have == n && rdb.XLen(ctx, stream).Val() == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("delivered %d of %d, stream holds %d", have, n, rdb.XLen(ctx, stream).Val())
			}
		}
	}
	wait(10)
	rdb.Del(ctx, stream) // Redis lost the stream and its group
	add(10, 5)
	wait(15)
	stop()
	<-done
	for body, n := range got {
		if n != 1 {
			t.Errorf("entry %s delivered %d times", body, n)
		}
	}
	if n, err := c.Pending(ctx); err != nil || n != 0 {
		t.Errorf("Pending = %d, %v; want 0", n, err)
	}
}
