package storage

import (
	"context"
	"fmt"
)

// MarkUnreachable records that user blocked the bot (403) or reachable again.
func (s *Store) MarkUnreachable(ctx context.Context, user int64, unreachable bool) error {
	if unreachable {
		return s.rdb.SAdd(ctx, s.keys.Unreachable(), user).Err()
	}
	return s.rdb.SRem(ctx, s.keys.Unreachable(), user).Err()
}

// Unreachable reports whether user blocked the bot.
func (s *Store) Unreachable(ctx context.Context, user int64) (bool, error) {
	return s.rdb.SIsMember(ctx, s.keys.Unreachable(), user).Result()
}

// UnreachableSet returns everyone who blocked the bot (a job reminding
// thousands reads it once).
func (s *Store) UnreachableSet(ctx context.Context) (map[int64]bool, error) {
	ids, err := setOfIDs(ctx, s.rdb, s.keys.Unreachable())
	if err != nil {
		return nil, fmt.Errorf("unreachable: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// RecordMove remembers that group from became supergroup to.
func (s *Store) RecordMove(ctx context.Context, from, to int64) error {
	if err := s.rdb.HSet(ctx, s.keys.GroupMoves(), itoa(from), itoa(to)).Err(); err != nil {
		return fmt.Errorf("record group move %d: %w", from, err)
	}
	return nil
}

// Moves returns every group → supergroup move recorded.
func (s *Store) Moves(ctx context.Context) (map[int64]int64, error) {
	moves, err := hashOfIDs(ctx, s.rdb, s.keys.GroupMoves())
	if err != nil {
		return nil, fmt.Errorf("group moves: %w", err)
	}
	return moves, nil
}
