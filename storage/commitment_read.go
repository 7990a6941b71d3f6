package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sibu/flows/commitment"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

func (d *directory) Commitment(id string) (commitment.Item, bool, error) {
	return d.s.Commitment(d.ctx, id)
}

// Commitment returns one item with its revision.
func (s *Store) Commitment(ctx context.Context, id string) (commitment.Item, bool, error) {
	items, err := s.commitments(ctx, []string{id})
	if err != nil || len(items) == 0 {
		return commitment.Item{}, false, err
	}
	return items[0], true, nil
}

// commitments loads items by id (unknown ids are skipped), in order.
func (s *Store) commitments(ctx context.Context, ids []string) ([]commitment.Item, error) {
	// Chunks are read a few at a time, so decoding one overlaps with Redis
	// answering the next; the result keeps the order of ids.
	parts := make([][]commitment.Item, (len(ids)+readChunk-1)/readChunk)
	errs := make([]error, len(parts))
	inChunks(len(ids), readChunk, func(n, from, to int) {
		parts[n], errs[n] = s.commitmentChunk(ctx, ids[from:to])
	})
	out := make([]commitment.Item, 0, len(ids))
	for n, p := range parts {
		if errs[n] != nil {
			return nil, errs[n]
		}
		out = append(out, p...)
	}
	return out, nil
}

// commitmentChunk reads one pipelined chunk of items by id, skipping
// unknown ids.
func (s *Store) commitmentChunk(ctx context.Context, chunk []string) ([]commitment.Item, error) {
	cmds, err := each(ctx, s.rdb, chunk, func(p redis.Pipeliner, id string) *redis.SliceCmd {
		return p.HMGet(ctx, s.keys.CommitmentItem(id), "rev", "d")
	})
	if err != nil {
		return nil, fmt.Errorf("load commitments: %w", err)
	}
	out := make([]commitment.Item, 0, len(chunk))
	for j, c := range cmds {
		vals := c.Val()
		raw, ok := vals[1].(string)
		if !ok || raw == "" {
			continue
		}
		var item commitment.Item
		if err := json.Unmarshal([]byte(raw), &item); err != nil {
			return nil, fmt.Errorf("decode commitment %s: %w", chunk[j], err)
		}
		if rev, ok := vals[0].(string); ok {
			item.Rev, _ = strconv.ParseInt(rev, 10, 64)
		}
		out = append(out, item)
	}
	return out, nil
}

// zsetItems reads the items of a sorted-set index, in its order.
func (s *Store) zsetItems(ctx context.Context, key string) ([]commitment.Item, error) {
	ids, err := s.rdb.ZRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("commitment index: %w", err)
	}
	return s.commitments(ctx, ids)
}

func (d *directory) CommitmentsOf(owner int64) ([]commitment.Item, error) {
	return d.s.zsetItems(d.ctx, d.s.keys.CommitmentOwner(owner))
}

func (d *directory) UnitCommitments(unit string) ([]commitment.Item, error) {
	return d.s.UnitCommitments(d.ctx, unit)
}

// UnitCommitments lists a unit's items, oldest first.
func (s *Store) UnitCommitments(ctx context.Context, unit string) ([]commitment.Item, error) {
	return s.zsetItems(ctx, s.keys.CommitmentUnit(unit))
}

func (d *directory) PendingReviews() ([]commitment.Item, error) {
	return d.s.zsetItems(d.ctx, d.s.keys.CommitmentPending())
}

func (d *directory) DueBefore(t time.Time) ([]commitment.Item, error) {
	return d.s.DueBefore(d.ctx, t)
}

// DueBefore lists the active and rectifying items whose deadline day is
// before t's day (in t's zone), earliest first. It reads only those items.
func (s *Store) DueBefore(ctx context.Context, t time.Time) ([]commitment.Item, error) {
	score, _ := dueScore(t.Format("2006-01-02"))
	ids, err := s.rdb.ZRangeByScore(ctx, s.keys.CommitmentDue(), &redis.ZRangeBy{Min: "-inf", Max: "(" + itoa(score)}).Result()
	if err != nil {
		return nil, fmt.Errorf("due commitments: %w", err)
	}
	return s.commitments(ctx, ids)
}

func (d *directory) CommitmentLog(id string) ([]commitment.Entry, error) {
	return d.s.CommitmentLog(d.ctx, id)
}

// CommitmentLog returns an item's history, oldest first.
func (s *Store) CommitmentLog(ctx context.Context, id string) ([]commitment.Entry, error) {
	out, err := listJSON[commitment.Entry](ctx, s.rdb, s.keys.CommitmentLog(id), "commitment entry")
	if err != nil {
		return nil, fmt.Errorf("commitment log %s: %w", id, err)
	}
	return out, nil
}

func (d *directory) CommitmentCounts(units []string) (map[commitment.Status]int64, error) {
	cmds, err := each(d.ctx, d.s.rdb, units, func(p redis.Pipeliner, u string) *redis.MapStringStringCmd {
		return p.HGetAll(d.ctx, d.s.keys.CommitmentCounts(u))
	})
	if err != nil {
		return nil, fmt.Errorf("commitment counts: %w", err)
	}
	out := map[commitment.Status]int64{}
	for _, c := range cmds {
		for st, n := range c.Val() {
			out[commitment.Status(st)] += atoi(n)
		}
	}
	return out, nil
}

func (d *directory) EvalRound(unit string) (commitment.Round, bool, error) {
	raw, err := d.s.rdb.HGet(d.ctx, d.s.keys.CommitmentRounds(), unit).Result()
	if errors.Is(err, redis.Nil) {
		return commitment.Round{}, false, nil
	}
	if err != nil {
		return commitment.Round{}, false, fmt.Errorf("round of %s: %w", unit, err)
	}
	var r commitment.Round
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return commitment.Round{}, false, fmt.Errorf("decode round of %s: %w", unit, err)
	}
	return r, true, nil
}

func (d *directory) EvalMarks(round string) (commitment.Marks, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.CommitmentMarks(round)).Result()
	if err != nil {
		return commitment.Marks{}, fmt.Errorf("marks of %s: %w", round, err)
	}
	return ParseMarks(m), nil
}

func (d *directory) EvalSatisfaction(round string) (commitment.Satisfaction, error) {
	return d.s.roundSatisfaction(d.ctx, round)
}

func (d *directory) EvalResponded(round string, user int64) (bool, error) {
	ok, err := d.s.rdb.SIsMember(d.ctx, d.s.keys.CommitmentRoundRespondents(round), user).Result()
	if err != nil {
		return false, fmt.Errorf("respondents of %s: %w", round, err)
	}
	return ok, nil
}

// ParseMarks reads a round's marks hash (see Keys.CommitmentMarks).
func ParseMarks(m map[string]string) commitment.Marks {
	out := commitment.Marks{Grades: map[string]string{}, Opinions: map[string]map[int64]string{},
		Votes: map[string]map[int64]bool{}, Reports: map[string]string{}}
	for f, v := range m {
		parts := strings.SplitN(f, ":", 3)
		if len(parts) < 2 {
			continue
		}
		item := parts[1]
		var by int64
		if len(parts) == 3 {
			by, _ = strconv.ParseInt(parts[2], 10, 64)
		}
		switch parts[0] {
		case "g":
			out.Grades[item] = v
		case "s":
			out.Reports[item] = v
		case "o":
			if out.Opinions[item] == nil {
				out.Opinions[item] = map[int64]string{}
			}
			out.Opinions[item][by] = v
		case "v":
			if out.Votes[item] == nil {
				out.Votes[item] = map[int64]bool{}
			}
			out.Votes[item][by] = v == "y"
		}
	}
	return out
}
