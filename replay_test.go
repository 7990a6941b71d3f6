package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/storage"
)

// replayRedis is a private Redis that `sibu replay` is pointed at.
func replayRedis(t *testing.T) (context.Context, redis.UniversalClient, storage.Keys) {
	t.Helper()
	rs := redistest.NewServer(t, false)
	t.Setenv("SIBU_REDIS_URL", rs.URL())
	ctx := context.Background()
	rdb, closer, err := storage.Connect(ctx, rs.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closer)
	return ctx, rdb, storage.NewKeys("sibu")
}

func TestReplayMovesDeadLetters(t *testing.T) {
	ctx, rdb, keys := replayRedis(t)
	ev := `{"specversion":"1.0","id":"01ABC","source":"sibu","type":"sibu.test","time":"2026-11-25T00:00:00Z","datacontenttype":"application/json","data":{}}`
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.OutboxDead(), Values: map[string]any{"event": ev, "attempts": 10, "error": "HTTP 500"}})
	var out, errb bytes.Buffer
	if code := replay(ctx, []string{"-config", "config.example.yaml"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "moved 1 dead-letter event(s)") {
		t.Fatalf("output: %s", out.String())
	}
	msgs, _ := rdb.XRange(ctx, keys.Outbox(), "-", "+").Result()
	if len(msgs) != 1 || msgs[0].Values["event"] != ev {
		t.Fatalf("outbox after replay: %v", msgs)
	}
}

// TestReplayPutsDeadUpdatesBack: `sibu replay -updates` puts a set-aside
// update back in its chat's inbox.
func TestReplayPutsDeadUpdatesBack(t *testing.T) {
	ctx, rdb, keys := replayRedis(t)
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: keys.Dead(), Values: map[string]any{"kind": "update", "chat": 7, "body": `{"update_id":1}`, "error": "x"}})
	var out, errb bytes.Buffer
	if code := replay(ctx, []string{"-config", "config.example.yaml", "-updates"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "put 1 dead update(s)") {
		t.Fatalf("output: %s", out.String())
	}
	if got, _ := rdb.LRange(ctx, keys.InboxChat(7), 0, -1).Result(); len(got) != 1 || got[0] != `{"update_id":1}` {
		t.Fatalf("inbox after replay: %v", got)
	}
}
