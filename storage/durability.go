package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/redis/go-redis/v9"
)

// sibu's guarantees — an update stored before Telegram is told it arrived,
// sessions, the inbox and the outbox surviving restarts — hold only on a
// Redis that keeps what it acknowledged: one that writes an append-only
// file (appendonly yes), fsyncs it (appendfsync everysec or always), and
// never evicts keys (maxmemory-policy noeviction: with any other policy a
// full Redis silently drops sessions, updates not yet applied and records
// events not yet delivered). README, Operations, "Redis settings", says why.

// ErrEvicting refuses a Redis whose maxmemory-policy evicts keys.
var ErrEvicting = errors.New("redis evicts keys")

// CheckDurability reads Redis's persistence and eviction settings at start.
// An evicting maxmemory-policy is an error (ErrEvicting: sibu must not
// start); no AOF, or an AOF never fsynced, is logged as a loud warning.
// Each message says the line that fixes it. Where CONFIG is refused
// (managed Redis, an ACL without it), one warning says what could not be
// checked.
func CheckDurability(ctx context.Context, rdb redis.UniversalClient, log *slog.Logger) error {
	cfg := map[string]string{}
	for _, key := range []string{"appendonly", "appendfsync", "maxmemory-policy"} {
		vals, err := rdb.ConfigGet(ctx, key).Result()
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("redis settings: %w", err)
			}
			log.Warn("Redis refused CONFIG GET, so its persistence and eviction settings are not checked: make sure it runs with "+
				"appendonly yes, appendfsync everysec (or always) and maxmemory-policy noeviction, or sessions, updates and "+
				"records events may be lost (README: Redis settings)", "err", err)
			return nil
		}
		cfg[key] = vals[key]
	}
	if p := cfg["maxmemory-policy"]; p != "" && p != "noeviction" {
		return fmt.Errorf("%w (maxmemory-policy %s): under memory pressure it would silently drop sessions, updates not yet "+
			"applied and records events not yet delivered. Set \"maxmemory-policy noeviction\" in redis.conf (or CONFIG SET "+
			"maxmemory-policy noeviction, then CONFIG REWRITE) and give maxmemory room for the data", ErrEvicting, p)
	}
	switch {
	case !strings.EqualFold(cfg["appendonly"], "yes"):
		log.Warn("REDIS RUNS WITHOUT AN APPEND-ONLY FILE (appendonly no): a Redis restart loses every update, session, answer "+
			"and records event written since its last snapshot. Set \"appendonly yes\" in redis.conf (or CONFIG SET appendonly "+
			"yes, then CONFIG REWRITE).", "appendonly", cfg["appendonly"])
	case cfg["appendfsync"] == "no":
		log.Warn("REDIS NEVER FSYNCS ITS APPEND-ONLY FILE (appendfsync no): a machine crash loses what the OS had not written "+
			"yet, up to half a minute of updates and answers. Set \"appendfsync everysec\" (at most a second lost) or "+
			"\"appendfsync always\" in redis.conf (or CONFIG SET, then CONFIG REWRITE).", "appendfsync", cfg["appendfsync"])
	}
	return nil
}

// Unavailable reports whether err is Redis unable to serve for now rather
// than refusing the request itself: full under noeviction (OOM), loading
// its data, a replica or a cluster being reconfigured, a script running
// too long. Such an error is waited out, never counted against an update.
func Unavailable(err error) bool {
	for _, prefix := range []string{"OOM", "LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY", "NOREPLICAS"} {
		if redis.HasErrorPrefix(err, prefix) {
			return true
		}
	}
	return false
}
