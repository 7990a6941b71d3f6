package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/storage"
)

// TestPushesWaiting counts the pushes not yet delivered, leaving out those
// held until later (quiet hours) until their time comes.
func TestPushesWaiting(t *testing.T) {
	store, rdb := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Now: now, Outputs: []kit.Output{
		{Kind: kit.OutPush, ChatID: 21, Text: "a"}, {Kind: kit.OutPush, ChatID: 22, Text: "b"}}}); err != nil {
		t.Fatal(err)
	}
	waiting := func(at time.Time) int64 {
		t.Helper()
		n, err := store.PushesWaiting(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := waiting(now); n != 2 {
		t.Fatalf("waiting: %d, want 2", n)
	}
	ids := rdb.XRange(ctx, store.Keys().Push(), "-", "+").Val()
	rdb.ZAdd(ctx, store.Keys().PushLater(), redis.Z{Score: float64(now.Add(time.Hour).UnixMilli()), Member: ids[0].ID})
	if n := waiting(now); n != 1 {
		t.Fatalf("waiting with one held for an hour: %d, want 1", n)
	}
	if n := waiting(now.Add(2 * time.Hour)); n != 2 {
		t.Fatalf("waiting once its hour came: %d, want 2", n)
	}
	rdb.XDel(ctx, store.Keys().Push(), ids[1].ID)
	if n := waiting(now); n != 0 {
		t.Fatalf("waiting once the other went: %d, want 0", n)
	}
}
