package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sibu/flows/talk"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DueTalk is a booked phone slot waiting for its reminder or outcome prompt.
type DueTalk struct {
	Round string
	User  int64
	Slot  time.Time
}

func (d *directory) TalkRound(id string) (talk.RoundState, bool, error) {
	return d.s.TalkRound(d.ctx, id)
}

// TalkRound returns a stored round.
func (s *Store) TalkRound(ctx context.Context, id string) (talk.RoundState, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.TalkRound(id)).Result()
	if err != nil {
		return talk.RoundState{}, false, fmt.Errorf("talk round %s: %w", id, err)
	}
	if m["def"] == "" {
		return talk.RoundState{}, false, nil
	}
	var rs talk.RoundState
	if err := json.Unmarshal([]byte(m["def"]), &rs.Round); err != nil {
		return rs, false, fmt.Errorf("decode talk round %s: %w", id, err)
	}
	rs.Open = m["status"] == "open"
	rs.OpenedAt, _ = time.Parse(time.RFC3339, m["opened_at"])
	return rs, true, nil
}

func (d *directory) TalkRounds() ([]string, error) { return d.s.TalkRounds(d.ctx) }

// TalkRounds lists stored round ids, open ones first, each group sorted.
func (s *Store) TalkRounds(ctx context.Context) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, s.keys.TalkRounds()).Result()
	if err != nil {
		return nil, fmt.Errorf("talk rounds: %w", err)
	}
	sort.Strings(ids)
	cmds, err := each(ctx, s.rdb, ids, func(p redis.Pipeliner, id string) *redis.StringCmd {
		return p.HGet(ctx, s.keys.TalkRound(id), "status")
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("talk rounds: %w", err)
	}
	var open, closed []string
	for i, id := range ids {
		if cmds[i].Val() == "open" {
			open = append(open, id)
		} else {
			closed = append(closed, id)
		}
	}
	return append(open, closed...), nil
}

func (d *directory) TalkEntry(round string, user int64) (talk.Entry, bool, error) {
	return d.s.TalkEntry(d.ctx, round, user)
}

// TalkEntry returns a roster entry with its current revision.
func (s *Store) TalkEntry(ctx context.Context, round string, user int64) (talk.Entry, bool, error) {
	vals, err := s.rdb.Eval(ctx, `return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1])}`,
		[]string{s.keys.TalkEntries(round), s.keys.TalkRevs(round)}, itoa(user)).Slice()
	if err != nil {
		return talk.Entry{}, false, fmt.Errorf("talk entry %s/%d: %w", round, user, err)
	}
	raw, _ := vals[0].(string)
	if raw == "" {
		return talk.Entry{}, false, nil
	}
	var en talk.Entry
	if err := json.Unmarshal([]byte(raw), &en); err != nil {
		return en, false, fmt.Errorf("decode talk entry %s/%d: %w", round, user, err)
	}
	if len(vals) > 1 {
		if rev, ok := vals[1].(string); ok {
			en.Rev, _ = strconv.Atoi(rev)
		}
	}
	return en, true, nil
}

func (d *directory) TalkBooked(round string, iv int64) (map[int64]int64, error) {
	booked, err := hashOfIDs(d.ctx, d.s.rdb, d.s.keys.TalkSlots(round, iv))
	if err != nil {
		return nil, fmt.Errorf("talk slots %s/%d: %w", round, iv, err)
	}
	return booked, nil
}

func (d *directory) TalkCoverage(round string) (talk.Coverage, error) {
	return d.s.TalkCoverage(d.ctx, round)
}

// TalkCoverage reads a round's counters (one hash, whatever the roster size).
func (s *Store) TalkCoverage(ctx context.Context, round string) (talk.Coverage, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.TalkCounts(round)).Result()
	if err != nil {
		return talk.Coverage{}, fmt.Errorf("talk coverage %s: %w", round, err)
	}
	c := talk.Coverage{Buckets: map[string]int64{}, Units: map[string]map[string]int64{}}
	for f, v := range m {
		n := atoi(v)
		unit, bucket, perUnit := strings.Cut(f, "\x1f")
		switch {
		case !perUnit && f == "roster":
			c.Roster = n
		case !perUnit:
			c.Buckets[f] = n
		default:
			if c.Units[unit] == nil {
				c.Units[unit] = map[string]int64{}
			}
			c.Units[unit][bucket] = n
		}
	}
	return c, nil
}

func (d *directory) TalkUnreached(round string, iv int64, offset, n int) ([]int64, int64, error) {
	return d.s.TalkUnreached(d.ctx, round, iv, offset, n)
}

// TalkUnreached returns a page of the people not yet reached (everyone's,
// or one interviewer's) and how many there are.
func (s *Store) TalkUnreached(ctx context.Context, round string, iv int64, offset, n int) ([]int64, int64, error) {
	key := s.keys.TalkUnreached(round)
	if iv != 0 {
		key = s.keys.TalkIvUnreached(round, iv)
	}
	var page *redis.StringSliceCmd
	var total *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		page = p.ZRange(ctx, key, int64(offset), int64(offset+n-1))
		total = p.ZCard(ctx, key)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("talk unreached %s: %w", round, err)
	}
	out := make([]int64, 0, len(page.Val()))
	for _, v := range page.Val() {
		out = append(out, atoi(v))
	}
	return out, total.Val(), nil
}

func (d *directory) TalkUnreachedIn(round string, units []string, offset, n int) ([]int64, int64, error) {
	return d.s.TalkUnreachedIn(d.ctx, round, units, offset, n)
}

// TalkUnreachedIn returns a page of the people of units not yet reached,
// ascending by user id, and how many there are. The per-unit sets are
// disjoint (a person has one unit), so the page is the merge of each set's
// first offset+n members.
func (s *Store) TalkUnreachedIn(ctx context.Context, round string, units []string, offset, n int) ([]int64, int64, error) {
	if len(units) == 0 || n <= 0 {
		return nil, 0, nil
	}
	pages := make([]*redis.StringSliceCmd, len(units))
	totals := make([]*redis.IntCmd, len(units))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, u := range units {
			key := s.keys.TalkUnitUnreached(round, u)
			pages[i] = p.ZRange(ctx, key, 0, int64(offset+n-1))
			totals[i] = p.ZCard(ctx, key)
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("talk unreached %s in units: %w", round, err)
	}
	var all []int64
	var total int64
	for i := range units {
		total += totals[i].Val()
		for _, v := range pages[i].Val() {
			all = append(all, atoi(v))
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a] < all[b] })
	if offset >= len(all) {
		return []int64{}, total, nil
	}
	return all[offset:min(len(all), offset+n)], total, nil
}

func (d *directory) TalkAgenda(iv int64, from, to time.Time) ([]talk.Entry, error) {
	return d.s.TalkAgenda(d.ctx, iv, from, to)
}

// TalkAgenda returns an interviewer's scheduled talks in [from, to).
func (s *Store) TalkAgenda(ctx context.Context, iv int64, from, to time.Time) ([]talk.Entry, error) {
	members, err := s.rdb.ZRangeByScore(ctx, s.keys.TalkAgenda(iv), &redis.ZRangeBy{
		Min: strconv.FormatInt(from.Unix(), 10), Max: "(" + strconv.FormatInt(to.Unix(), 10)}).Result()
	if err != nil {
		return nil, fmt.Errorf("talk agenda %d: %w", iv, err)
	}
	out := make([]talk.Entry, 0, len(members))
	for _, m := range members {
		round, user, _ := strings.Cut(m, "|")
		en, ok, err := s.TalkEntry(ctx, round, atoi(user))
		if err != nil {
			return nil, err
		}
		if ok && en.Status == talk.EntryScheduled {
			out = append(out, en)
		}
	}
	return out, nil
}

// TalkDue lists booked phone slots at or before until, earliest first.
func (s *Store) TalkDue(ctx context.Context, until time.Time) ([]DueTalk, error) {
	zs, err := s.rdb.ZRangeByScoreWithScores(ctx, s.keys.TalkDue(), &redis.ZRangeBy{
		Min: "-inf", Max: strconv.FormatInt(until.Unix(), 10)}).Result()
	if err != nil {
		return nil, fmt.Errorf("talks due: %w", err)
	}
	out := make([]DueTalk, 0, len(zs))
	for _, z := range zs {
		m, _ := z.Member.(string)
		round, user, _ := strings.Cut(m, "|")
		out = append(out, DueTalk{Round: round, User: atoi(user), Slot: time.Unix(int64(z.Score), 0)})
	}
	return out, nil
}

// DropTalkDue removes a due entry that no longer holds a phone slot.
func (s *Store) DropTalkDue(ctx context.Context, round string, user int64) error {
	return s.rdb.ZRem(ctx, s.keys.TalkDue(), talkMember(round, user)).Err()
}

// TalkInterviewers lists a round's interviewers.
func (s *Store) TalkInterviewers(ctx context.Context, round string) ([]int64, error) {
	ivs, err := setOfIDs(ctx, s.rdb, s.keys.TalkInterviewers(round))
	if err != nil {
		return nil, fmt.Errorf("talk interviewers %s: %w", round, err)
	}
	slices.Sort(ivs)
	return ivs, nil
}

// TalkNoticeSent reports whether a notice key was sent in a round.
func (s *Store) TalkNoticeSent(ctx context.Context, round, key string) (bool, error) {
	ok, err := s.rdb.HExists(ctx, s.keys.TalkSent(round), key).Result()
	if err != nil {
		return false, fmt.Errorf("talk notice %s: %w", round, err)
	}
	return ok, nil
}

// TalkLedger returns every roster entry of a round (for the XLSX ledger),
// ordered by unit then user id.
func (s *Store) TalkLedger(ctx context.Context, round string) ([]talk.Entry, error) {
	var out []talk.Entry
	iter := s.rdb.HScan(ctx, s.keys.TalkEntries(round), 0, "", 1000).Iterator()
	for iter.Next(ctx) {
		if !iter.Next(ctx) {
			break
		}
		var en talk.Entry
		if err := json.Unmarshal([]byte(iter.Val()), &en); err != nil {
			return nil, fmt.Errorf("decode talk entry: %w", err)
		}
		out = append(out, en)
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("talk ledger %s: %w", round, err)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Unit != out[b].Unit {
			return out[a].Unit < out[b].Unit
		}
		return out[a].User < out[b].User
	})
	return out, nil
}
