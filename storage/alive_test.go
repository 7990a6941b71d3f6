package storage_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/storage"
)

// holder is a consumer that holds whatever it is handed (never
// acknowledges), recording the ids.
type holder struct {
	rdb    *redis.Client
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	got    []string
}

func (h *holder) ids() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.got)
}

// TestDeadConsumersEntriesResumedInSeconds (issue 14): a replica killed
// with entries in hand (no heartbeat, no goodbye) has them claimed by a
// replica that starts after it within seconds, not after the 60 s
// takeover; the entries a live replica holds, however long, stay its own.
func TestDeadConsumersEntriesResumedInSeconds(t *testing.T) {
	shared, prefix := redistest.Client(t)
	keys := storage.NewKeys(prefix)
	stream := keys.Prefix() + "teststream"
	ctx := context.Background()
	add := func(n int) []string {
		var ids []string
		for range n {
			ids = append(ids, shared.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: []any{"msg", "x"}}).Val())
		}
		return ids
	}
	start := func(name string) *holder {
		h := &holder{rdb: redis.NewClient(shared.Options()), done: make(chan struct{})}
		c := storage.NewConsumer(h.rdb, storage.ConsumerOptions{Stream: stream, Field: "msg", Group: "g", Name: name,
			Parallel: 3, MinIdle: time.Minute, Block: 100 * time.Millisecond, Grace: 100 * time.Millisecond, Alive: keys.Alive(stream)})
		var cctx context.Context
		cctx, h.cancel = context.WithCancel(ctx)
		go func() {
			defer close(h.done)
			c.Run(cctx, func(ctx context.Context, e storage.Entry) {
				h.mu.Lock()
				h.got = append(h.got, e.ID)
				h.mu.Unlock()
				<-ctx.Done() // held until the consumer stops
			})
		}()
		return h
	}
	waitFor := func(h *holder, n int, within time.Duration) []string {
		t.Helper()
		for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			if got := h.ids(); len(got) >= n {
				return got
			}
		}
		t.Fatalf("%d of %d entries delivered within %v", len(h.ids()), n, within)
		return nil
	}

	killedIDs := add(3)
	killed := start("killed")
	waitFor(killed, 3, 10*time.Second)
	liveIDs := add(3)
	live := start("live")
	waitFor(live, 3, 10*time.Second)
	defer func() { live.cancel(); <-live.done; live.rdb.Close() }()

	died := time.Now()
	killed.rdb.Close() // as kill -9: no heartbeat from now on, no goodbye
	killed.cancel()
	<-killed.done
	later := start("restarted")
	defer func() { later.cancel(); <-later.done; later.rdb.Close() }()
	got := waitFor(later, 3, 20*time.Second)
	t.Logf("the killed replica's entries resumed %v after it died", time.Since(died).Round(100*time.Millisecond))
	slices.Sort(got)
	if !slices.Equal(got, killedIDs) {
		t.Fatalf("the restarted replica took %v, want the killed one's %v", got, killedIDs)
	}
	time.Sleep(storage.AliveTTL + 2*time.Second) // the live one's entries, idle all this time, stay its own
	if got := later.ids(); len(got) != 3 {
		t.Fatalf("entries of a live replica taken: %v (live holds %v)", got, liveIDs)
	}
	if got := live.ids(); len(got) != 3 {
		t.Fatalf("the live replica was handed %v", got)
	}
}
