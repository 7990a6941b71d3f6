package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// PushesWaiting is how many pushes wait to be delivered at now: the
// entries of the push stream but those held back until after now (quiet
// hours, a chat's limit). The playground's clock waits for it to reach 0
// at each job activation before it moves on, so what a job pushed is
// delivered — and stamped — at the time it fell due.
func (s *Store) PushesWaiting(ctx context.Context, now time.Time) (int64, error) {
	var n, held *redis.IntCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		n = p.XLen(ctx, s.keys.Push())
		held = p.ZCount(ctx, s.keys.PushLater(), "("+strconv.FormatInt(now.UnixMilli(), 10), "+inf")
		return nil
	}); err != nil {
		return 0, fmt.Errorf("pushes waiting: %w", err)
	}
	return max(n.Val()-held.Val(), 0), nil
}
