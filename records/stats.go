package records

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// statsEvery is how often Run refreshes the backlog gauges.
const statsEvery = 5 * time.Second

// Stats describes the relay's backlog, for /status and /metrics.
type Stats struct {
	Length    int64         // entries in the outbox: not yet delivered nor dead-lettered
	Pending   int64         // entries read by a relay and not acknowledged (in flight, or left by a crashed relay)
	Retrying  int64         // entries that failed at least once and wait for their next attempt
	Dead      int64         // entries in the dead-letter stream
	OldestAge time.Duration // age of the oldest entry in the outbox; 0 when it is empty
}

// Stats reads the backlog from Redis.
func (r *Relay) Stats(ctx context.Context) (Stats, error) {
	var (
		length, dead, retrying *redis.IntCmd
		oldest                 *redis.XMessageSliceCmd
	)
	_, err := r.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		length = p.XLen(ctx, r.keys.Outbox())
		dead = p.XLen(ctx, r.keys.OutboxDead())
		retrying = p.ZCard(ctx, r.retryKey)
		oldest = p.XRangeN(ctx, r.keys.Outbox(), "-", "+", 1)
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("records stats: %w", err)
	}
	s := Stats{Length: length.Val(), Dead: dead.Val(), Retrying: retrying.Val()}
	if msgs := oldest.Val(); len(msgs) > 0 {
		if ms, ok := idMillis(msgs[0].ID); ok {
			s.OldestAge = max(0, r.opts.Clock().Sub(time.UnixMilli(ms)))
		}
	}
	if s.Pending, err = r.outbox.Pending(ctx); err != nil {
		return s, fmt.Errorf("records stats: %w", err)
	}
	return s, nil
}

// watchStats refreshes the backlog gauges until ctx ends.
func (r *Relay) watchStats(ctx context.Context) {
	t := time.NewTicker(statsEvery)
	defer t.Stop()
	for {
		sctx, cancel := context.WithTimeout(ctx, statsEvery)
		s, err := r.Stats(sctx)
		cancel()
		if err == nil {
			r.oldestAge.Set(s.OldestAge.Seconds())
			r.outboxLength.Set(float64(s.Length))
			r.deadLength.Set(float64(s.Dead))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// idMillis reads the millisecond part of a stream entry id.
func idMillis(id string) (int64, bool) {
	ms, _, _ := strings.Cut(id, "-")
	n, err := strconv.ParseInt(ms, 10, 64)
	return n, err == nil
}
