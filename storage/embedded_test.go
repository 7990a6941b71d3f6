package storage_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/storage"
)

// TestEmbeddedLargePipeline: the embedded Redis (miniredis dialled
// in-process) takes a batch of commits larger than a pipe's worth of
// bytes. Over a bare net.Pipe it deadlocked — go-redis still writing the
// batch, miniredis blocked writing the first reply nobody read — until the
// write timed out ("write pipe: i/o timeout"), losing a job's notices in the
// playground.
func TestEmbeddedLargePipeline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rdb, closeRedis, err := storage.Connect(ctx, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeRedis()
	store := storage.New(rdb, "sibu", storage.Options{Units: []kit.Unit{{ID: "root"}}, Root: "root"})
	text := strings.Repeat("谈心谈话邀请，请选择参加方式。", 40)
	var cs []storage.Commit
	for i := range 40 {
		cs = append(cs, storage.Commit{ChatID: int64(100 + i), NoSession: true, Now: time.Now(),
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: int64(100 + i), Text: text}}})
	}
	start := time.Now()
	errs, err := store.CommitBatch(ctx, cs)
	if err != nil {
		t.Fatalf("batch of %d commits (%d bytes of text) after %v: %v", len(cs), len(cs)*len(text), time.Since(start), err)
	}
	for i, e := range errs {
		if e != nil {
			t.Fatalf("commit %d: %v", i, e)
		}
	}
	if n := rdb.XLen(ctx, store.Keys().Push()).Val(); n != int64(len(cs)) {
		t.Fatalf("%d pushes queued, want %d", n, len(cs))
	}
}
