package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"sibu/flows/talk"

	"github.com/redis/go-redis/v9"
)

// Bulk reads for the notices to the people being talked to
// (scheduler.TalkInviteeJobs): a page of roster entries and which notice
// keys went, one round trip each, so a daily pass over a roster costs a few
// round trips a page, not a few a person.

// TalkUnreachedAfter returns up to n people of round not yet reached
// whose user id is above after, ascending: a pass over the set that
// neither skips nor repeats anyone when others leave it meanwhile (an
// offset would shift).
func (s *Store) TalkUnreachedAfter(ctx context.Context, round string, after int64, n int) ([]int64, error) {
	ids, err := s.rdb.ZRangeByScore(ctx, s.keys.TalkUnreached(round), &redis.ZRangeBy{
		Min: "(" + itoa(after), Max: "+inf", Count: int64(n)}).Result()
	if err != nil {
		return nil, fmt.Errorf("talk unreached %s: %w", round, err)
	}
	out := make([]int64, len(ids))
	for i, v := range ids {
		out[i] = atoi(v)
	}
	return out, nil
}

// TalkEntries returns the roster entries of users in round with their
// revisions, in the order of users; people not on the roster are left out.
func (s *Store) TalkEntries(ctx context.Context, round string, users []int64) ([]talk.Entry, error) {
	if len(users) == 0 {
		return nil, nil
	}
	fields := make([]string, len(users))
	for i, u := range users {
		fields[i] = itoa(u)
	}
	var raws, revs *redis.SliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		raws = p.HMGet(ctx, s.keys.TalkEntries(round), fields...)
		revs = p.HMGet(ctx, s.keys.TalkRevs(round), fields...)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("talk entries %s: %w", round, err)
	}
	out := make([]talk.Entry, 0, len(users))
	for i, v := range raws.Val() {
		raw, _ := v.(string)
		if raw == "" {
			continue
		}
		var en talk.Entry
		if err := json.Unmarshal([]byte(raw), &en); err != nil {
			return nil, fmt.Errorf("decode talk entry %s/%d: %w", round, users[i], err)
		}
		if rev, ok := revs.Val()[i].(string); ok {
			en.Rev, _ = strconv.Atoi(rev)
		}
		out = append(out, en)
	}
	return out, nil
}

// TalkNoticesSent reports for each notice key whether it was sent in round.
func (s *Store) TalkNoticesSent(ctx context.Context, round string, keys []string) ([]bool, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	vals, err := s.rdb.HMGet(ctx, s.keys.TalkSent(round), keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("talk notices %s: %w", round, err)
	}
	out := make([]bool, len(vals))
	for i, v := range vals {
		out[i] = v != nil
	}
	return out, nil
}
