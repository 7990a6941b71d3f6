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

// TestEmbeddedLongPipeline: the embedded Redis (no SIBU_REDIS_URL, the
// playground) takes a pipelined batch larger than its read buffer — the
// daily digest's, 6 people's lists with their buttons. Over an unbuffered
// in-process pipe the server answered the first commands while the client
// was still writing the rest, and both waited for ever (the playground's
// digest failed with "write pipe: i/o timeout").
func TestEmbeddedLongPipeline(t *testing.T) {
	rdb, closer, err := storage.Connect(context.Background(), "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closer()
	s := storage.New(rdb, "emb", storage.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var cs []storage.Commit
	for i := range 20 {
		to := int64(100 + i)
		cs = append(cs, storage.Commit{ChatID: to, NoSession: true, Now: time.Now(),
			Effects: []kit.Effect{kit.DigestSent{Day: "2026-12-01", To: to}},
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: to, Text: strings.Repeat("今日待办", 400), Digest: true}}})
	}
	errs, err := s.CommitBatch(ctx, cs)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range errs {
		if e != nil {
			t.Fatalf("commit %d of a long pipeline: %v", i, e)
		}
	}
}
