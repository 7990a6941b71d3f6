package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
)

// TestEvictingRedisRefused (issue 12, finding 9): pointed at a Redis that
// evicts keys under memory pressure, sibu refuses to start and says the
// line that fixes it; on one without AOF it starts, warning loudly.
func TestEvictingRedisRefused(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false) // appendonly no
	rdb := redis.NewClient(&redis.Options{Addr: rs.Addr()})
	defer rdb.Close()
	ctx := context.Background()
	if err := rdb.ConfigSet(ctx, "maxmemory-policy", "allkeys-lru").Err(); err != nil {
		t.Fatal(err)
	}
	sk := newSink(t)
	p := start(t, env(emu, rs.URL(), sk.srv.URL))
	select {
	case err := <-p.done:
		if err == nil || !strings.Contains(p.logs(), "maxmemory-policy noeviction") {
			t.Fatalf("exit %v; logs:\n%s", err, p.logs())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("started on a Redis that evicts keys; logs:\n%s", p.logs())
	}

	rdb.ConfigSet(ctx, "maxmemory-policy", "noeviction")
	p = start(t, env(emu, rs.URL(), sk.srv.URL))
	waitCalls(t, emu, "getUpdates", 1)
	if !strings.Contains(p.logs(), "appendonly yes") {
		t.Errorf("no warning about the missing AOF; logs:\n%s", p.logs())
	}
}
