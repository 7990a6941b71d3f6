package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
)

// TestLeasesUseOneClock (issue 12, finding 5): chat leases and ready times
// are Redis's, whatever the replica's own clock says. A replica 20 s ahead
// does not take a chat another still serves, nor renews a lease into the
// future; an update it records is claimable at once by a replica on time.
func TestLeasesUseOneClock(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	onTime := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	ahead := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root",
		Now: func() time.Time { return time.Now().Add(20 * time.Second) }})
	ctx := context.Background()

	onTime.Record(ctx, storage.Update{ID: 1, ChatID: 8, Raw: []byte(`{"update_id":1}`)})
	l, err := onTime.Claim(ctx, 15*time.Second)
	if err != nil || l.Chat != 8 {
		t.Fatalf("claim = %+v, %v", l, err)
	}
	if stolen, err := ahead.Claim(ctx, 15*time.Second); !errors.Is(err, storage.ErrNoWork) {
		t.Fatalf("a replica 20 s ahead took the chat still leased for 15 s: %+v, %v", stolen, err)
	}

	// A replica ahead records an update: a replica on time claims it now.
	ahead.Record(ctx, storage.Update{ID: 2, ChatID: 9, Raw: []byte(`{"update_id":2}`)})
	if got, err := onTime.Claim(ctx, 15*time.Second); err != nil || got.Chat != 9 {
		t.Fatalf("an update recorded by a replica ahead is not claimable now: %+v, %v", got, err)
	}

	// A lease renewed by a replica ahead runs for its duration from now,
	// not 20 s more.
	if err := ahead.Renew(ctx, l, time.Second); err != nil {
		t.Fatal(err)
	}
	score, _ := rdb.ZScore(ctx, onTime.Keys().InboxReady(), "8").Result()
	if until := time.UnixMilli(int64(score)); until.After(time.Now().Add(5 * time.Second)) {
		t.Fatalf("renewed for 1 s by a replica 20 s ahead: the lease runs until %v from now", time.Until(until).Round(time.Second))
	}
}
