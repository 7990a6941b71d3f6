package storage

import (
	"context"
	"time"
)

// PruneConsumersIdle is pruneConsumers with an idle time of the test's.
func PruneConsumersIdle(ctx context.Context, s *Store, stream string, idle time.Duration) (int, error) {
	return s.pruneConsumers(ctx, stream, idle)
}
