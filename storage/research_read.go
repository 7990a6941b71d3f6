package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/research"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

// docs reads the "doc" field of each key in one round trip and decodes
// the present ones as T, in order; what names them in errors.
func docs[T any](ctx context.Context, rdb redis.UniversalClient, keys []string, what string) ([]T, error) {
	cmds, err := each(ctx, rdb, keys, func(p redis.Pipeliner, k string) *redis.StringCmd { return p.HGet(ctx, k, "doc") })
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make([]T, 0, len(keys))
	for _, c := range cmds {
		raw, err := c.Bytes()
		if errors.Is(err, redis.Nil) {
			continue
		}
		var v T
		if err == nil {
			err = json.Unmarshal(raw, &v)
		}
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// one reads a single document; ok=false when it is missing.
func one[T any](ctx context.Context, rdb redis.UniversalClient, key, what string) (T, bool, error) {
	got, err := docs[T](ctx, rdb, []string{key}, what)
	if err != nil || len(got) == 0 {
		var zero T
		return zero, false, err
	}
	return got[0], true, nil
}

func (d *directory) ResearchRecord(id string) (research.Record, bool, error) {
	return one[research.Record](d.ctx, d.s.rdb, d.s.keys.ResearchRecord(id), "research record "+id)
}

func (d *directory) ResearchRecordsBy(user int64, n int) ([]research.Record, error) {
	ids, err := d.s.rdb.ZRevRange(d.ctx, d.s.keys.ResearchBy(user), 0, int64(n)-1).Result()
	if err != nil {
		return nil, fmt.Errorf("records of %d: %w", user, err)
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = d.s.keys.ResearchRecord(id)
	}
	return docs[research.Record](d.ctx, d.s.rdb, keys, "research records")
}

func (d *directory) ResearchCounts(units []string) (map[string]map[string]int64, error) {
	cmds, err := each(d.ctx, d.s.rdb, units, func(p redis.Pipeliner, u string) *redis.MapStringStringCmd {
		return p.HGetAll(d.ctx, d.s.keys.ResearchCounts(u))
	})
	if err != nil {
		return nil, fmt.Errorf("research counts: %w", err)
	}
	out := make(map[string]map[string]int64, len(units))
	for i, c := range cmds {
		m := map[string]int64{}
		for f, v := range c.Val() {
			m[f] = atoi(v)
		}
		out[units[i]] = m
	}
	return out, nil
}

func (d *directory) Opinion(id string) (research.Opinion, bool, error) {
	return one[research.Opinion](d.ctx, d.s.rdb, d.s.keys.Opinion(id), "opinion "+id)
}

func (d *directory) OpinionsIn(units []string, withoutUnit bool) ([]research.Opinion, error) {
	if withoutUnit {
		units = append(units[:len(units):len(units)], "")
	}
	cmds, err := each(d.ctx, d.s.rdb, units, func(p redis.Pipeliner, u string) *redis.StringSliceCmd {
		return p.ZRange(d.ctx, d.s.keys.UnitOpinions(u), 0, -1)
	})
	if err != nil {
		return nil, fmt.Errorf("opinions: %w", err)
	}
	var keys []string
	for _, c := range cmds {
		for _, id := range c.Val() {
			keys = append(keys, d.s.keys.Opinion(id))
		}
	}
	ops, err := docs[research.Opinion](d.ctx, d.s.rdb, keys, "opinions")
	sort.SliceStable(ops, func(a, b int) bool {
		if ops[a].Date != ops[b].Date {
			return ops[a].Date > ops[b].Date
		}
		return ops[a].ID > ops[b].ID
	})
	return ops, err
}

func (d *directory) FollowUps(user int64) ([]research.Opinion, error) {
	ids, err := d.s.rdb.ZRange(d.ctx, d.s.keys.FollowUps(user), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("follow-ups of %d: %w", user, err)
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = d.s.keys.Opinion(id)
	}
	return docs[research.Opinion](d.ctx, d.s.rdb, keys, "follow-ups")
}

// FollowUpsDue lists the open follow-ups whose deadline day is from first
// to last (days in any zone: the day's date is what counts), soonest first.
func (s *Store) FollowUpsDue(ctx context.Context, first, last time.Time) ([]research.Opinion, error) {
	ids, err := s.rdb.ZRangeByScore(ctx, s.keys.FollowUpsDue(), &redis.ZRangeBy{
		Min: dayScore(first.Format("2006-01-02")), Max: dayScore(last.Format("2006-01-02"))}).Result()
	if err != nil {
		return nil, fmt.Errorf("follow-ups due: %w", err)
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = s.keys.Opinion(id)
	}
	return docs[research.Opinion](ctx, s.rdb, keys, "follow-ups due")
}

func (d *directory) OpinionRefs() (map[string]bool, error) {
	refs, err := d.s.rdb.SMembers(d.ctx, d.s.keys.OpinionRefs()).Result()
	if err != nil {
		return nil, fmt.Errorf("opinion refs: %w", err)
	}
	out := make(map[string]bool, len(refs))
	for _, r := range refs {
		out[r] = true
	}
	return out, nil
}

func (d *directory) SurveyResponses(id string) ([]survey.ResponseRow, error) {
	return d.s.Responses(d.ctx, id)
}

func (d *directory) TalkLedger(round string) ([]talk.Entry, error) {
	return d.s.TalkLedger(d.ctx, round)
}
