package storage_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
)

// TestDurabilityChecked (issue 12, finding 9): at start sibu reads Redis's
// persistence and eviction settings. An evicting maxmemory-policy (which
// would drop sessions, the inbox and the outbox without a word) refuses
// the start; no AOF, or an AOF never fsynced, is warned about loudly; each
// says the line that fixes it. Where CONFIG is refused (managed Redis, an
// ACL), one warning says what could not be checked.
func TestDurabilityChecked(t *testing.T) {
	srv := redistest.NewServer(t, false)
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer admin.Close()
	ctx := context.Background()
	check := func(rdb redis.UniversalClient) (error, string) {
		var logs bytes.Buffer
		err := storage.CheckDurability(ctx, rdb, slog.New(slog.NewTextHandler(&logs, nil)))
		return err, logs.String()
	}
	set := func(kv ...string) {
		for i := 0; i < len(kv); i += 2 {
			if err := admin.ConfigSet(ctx, kv[i], kv[i+1]).Err(); err != nil {
				t.Fatal(err)
			}
		}
	}

	set("appendonly", "no", "maxmemory-policy", "noeviction")
	err, logs := check(admin)
	if err != nil || !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "appendonly yes") {
		t.Errorf("without AOF: %v, logs %q", err, logs)
	}

	set("appendonly", "yes", "appendfsync", "no")
	err, logs = check(admin)
	if err != nil || !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "appendfsync everysec") {
		t.Errorf("AOF never fsynced: %v, logs %q", err, logs)
	}

	set("appendfsync", "always")
	if err, logs := check(admin); err != nil || strings.Contains(logs, "level=WARN") {
		t.Errorf("durable settings: %v, logs %q", err, logs)
	}

	for _, policy := range []string{"allkeys-lru", "volatile-ttl"} {
		set("maxmemory-policy", policy)
		err, _ := check(admin)
		if err == nil || !strings.Contains(err.Error(), policy) || !strings.Contains(err.Error(), "maxmemory-policy noeviction") {
			t.Errorf("%s: %v, want a refusal naming the fix", policy, err)
		}
	}
	set("maxmemory-policy", "noeviction")

	// A user that may not run CONFIG (as on managed Redis).
	if err := admin.Do(ctx, "ACL", "SETUSER", "sibu", "on", ">pw", "~*", "&*", "+@all", "-config").Err(); err != nil {
		t.Fatal(err)
	}
	limited := redis.NewClient(&redis.Options{Addr: srv.Addr(), Username: "sibu", Password: "pw"})
	defer limited.Close()
	err, logs = check(limited)
	if err != nil || strings.Count(logs, "level=WARN") != 1 || !strings.Contains(logs, "noeviction") {
		t.Errorf("CONFIG refused: %v, logs %q", err, logs)
	}
}

// TestFullRedisIsUnavailable: a Redis full under noeviction refuses a
// commit with an error Unavailable recognises (so it is waited out, not
// counted against the update), and nothing of the commit is written.
func TestFullRedisIsUnavailable(t *testing.T) {
	srv := redistest.NewServer(t, false)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer rdb.Close()
	ctx := context.Background()
	s := storage.New(rdb, "full", storage.Options{})
	rdb.ConfigSet(ctx, "maxmemory-policy", "noeviction")
	rdb.ConfigSet(ctx, "maxmemory", "1")
	_, err := s.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Outputs: []kit.Output{{Kind: kit.OutSend, ChatID: 1, Text: "x"}}})
	rdb.ConfigSet(ctx, "maxmemory", "0")
	if err == nil || !storage.Unavailable(err) {
		t.Fatalf("commit on a full Redis: %v; Unavailable = false", err)
	}
	if n, _ := rdb.LLen(ctx, s.Keys().Replies(1)).Result(); n != 0 {
		t.Errorf("a refused commit wrote %d replies", n)
	}
	if storage.Unavailable(errors.New("OOM but not from Redis")) {
		t.Error("an error that is not Redis's counts as Redis unavailable")
	}
}
