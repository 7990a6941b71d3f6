package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
)

// Talk rounds in Redis. The roster is a hash of JSON entries with a
// revision per entry; coverage is counted as entries move between buckets
// (so /coverage reads a few keys whatever the roster size); a sorted set
// holds who is not yet reached (per round and per interviewer); reserved
// phone slots are hash fields taken with an "is empty" guard; booked slots
// wait in one sorted set scored by time for the scheduler.

func talkMember(round string, user int64) string { return round + "|" + itoa(user) }

// planTalk adds the writes and conditions of the talk effects to a commit
// plan; false means ef is not one of them.
func (s *Store) planTalk(p *plan, ef flows.Effect, now time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case flows.TalkRoundOpened:
		def, err := json.Marshal(e.Round)
		if err != nil {
			return true, fmt.Errorf("encode talk round: %w", err)
		}
		id := e.Round.ID
		p.op("hset", k.TalkRound(id), "def", string(def), "status", "open")
		p.op("hsetnx", k.TalkRound(id), "opened_at", now.UTC().Format(time.RFC3339))
		p.op("sadd", k.TalkRounds(), id)
	case flows.TalkRoundClosed:
		p.guard("exists", k.TalkRound(e.Round), "talk_round_unknown")
		p.op("hset", k.TalkRound(e.Round), "status", "closed", "closed_at", now.UTC().Format(time.RFC3339))
	case flows.TalkInvited:
		id := e.Round
		counts := map[string]int64{}
		ivs := map[int64][]string{}
		var all []string
		units := map[string][]string{}
		for _, en := range e.Entries {
			uid := itoa(en.User)
			p.guard("hnil", k.TalkEntries(id), uid, "talk_already_invited")
			b, err := json.Marshal(en)
			if err != nil {
				return true, fmt.Errorf("encode talk entry: %w", err)
			}
			p.op("hset", k.TalkEntries(id), uid, string(b))
			counts["roster"]++
			counts[en.Bucket()]++
			counts[en.Unit+"\x1froster"]++
			counts[en.Unit+"\x1f"+en.Bucket()]++
			if !en.Reached() {
				all = append(all, uid, uid)
				units[en.Unit] = append(units[en.Unit], uid, uid)
				if en.Interviewer != 0 {
					ivs[en.Interviewer] = append(ivs[en.Interviewer], uid, uid)
				}
			}
		}
		for i := 0; i < len(all); i += 1000 {
			p.op("zadd", k.TalkUnreached(id), all[i:min(i+1000, len(all))]...)
		}
		for u, m := range units {
			for i := 0; i < len(m); i += 1000 {
				p.op("zadd", k.TalkUnitUnreached(id, u), m[i:min(i+1000, len(m))]...)
			}
		}
		for iv, m := range ivs {
			p.op("sadd", k.TalkInterviewers(id), itoa(iv))
			for i := 0; i < len(m); i += 1000 {
				p.op("zadd", k.TalkIvUnreached(id, iv), m[i:min(i+1000, len(m))]...)
			}
		}
		for _, f := range sortedKeys(counts) {
			p.op("hincrby", k.TalkCounts(id), f, itoa(counts[f]))
		}
	case flows.TalkEntryChange:
		return true, s.planTalkChange(p, e.Change())
	case flows.TalkNoticeSent:
		p.guard("hnil", k.TalkSent(e.Round), e.Key, "talk_notice_sent")
		p.op("hset", k.TalkSent(e.Round), e.Key, strconv.FormatInt(now.Unix(), 10))
		if e.Entry != nil {
			p.guard("heq", k.TalkRevs(e.Round), itoa(e.Entry.User), strconv.Itoa(e.Entry.Rev), "talk_entry_changed")
			if e.Kind == flows.NoticeOutcome {
				p.op("zrem", k.TalkDue(), talkMember(e.Round, e.Entry.User))
			}
		}
	default:
		return false, nil
	}
	return true, nil
}

// planTalkChange moves one entry from Before to After.
func (s *Store) planTalkChange(p *plan, c flows.TalkChange) error {
	k := s.keys
	b, a := c.Before, c.After
	id, uid := a.Round, itoa(a.User)
	p.guard("heq", k.TalkRevs(id), uid, strconv.Itoa(b.Rev), "talk_entry_changed")
	raw, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("encode talk entry: %w", err)
	}
	p.op("hset", k.TalkEntries(id), uid, string(raw))
	p.op("hset", k.TalkRevs(id), uid, strconv.Itoa(a.Rev))
	if bb, ab := b.Bucket(), a.Bucket(); bb != ab {
		p.op("hincrby", k.TalkCounts(id), bb, "-1")
		p.op("hincrby", k.TalkCounts(id), ab, "1")
		p.op("hincrby", k.TalkCounts(id), b.Unit+"\x1f"+bb, "-1")
		p.op("hincrby", k.TalkCounts(id), a.Unit+"\x1f"+ab, "1")
	}
	switch {
	case a.Reached() && !b.Reached():
		p.op("zrem", k.TalkUnreached(id), uid)
		p.op("zrem", k.TalkIvUnreached(id, b.Interviewer), uid)
		p.op("zrem", k.TalkUnitUnreached(id, b.Unit), uid)
	case !a.Reached() && b.Reached():
		p.op("zadd", k.TalkUnreached(id), uid, uid)
		p.op("zadd", k.TalkIvUnreached(id, a.Interviewer), uid, uid)
		p.op("zadd", k.TalkUnitUnreached(id, a.Unit), uid, uid)
	}
	member := talkMember(id, a.User)
	same := b.PhoneSlot() && a.PhoneSlot() && b.Interviewer == a.Interviewer && b.Slot.Equal(a.Slot)
	if b.PhoneSlot() && !same {
		p.op("hdel", k.TalkSlots(id, b.Interviewer), strconv.FormatInt(b.Slot.Unix(), 10))
	}
	if a.PhoneSlot() && !same {
		slot := strconv.FormatInt(a.Slot.Unix(), 10)
		p.guard("hnil", k.TalkSlots(id, a.Interviewer), slot, "talk_slot_taken")
		p.op("hset", k.TalkSlots(id, a.Interviewer), slot, uid)
	}
	if a.PhoneSlot() {
		p.op("zadd", k.TalkDue(), strconv.FormatInt(a.Slot.Unix(), 10), member)
	} else if b.PhoneSlot() {
		p.op("zrem", k.TalkDue(), member)
	}
	if b.Status == flows.EntryScheduled && b.Interviewer != 0 {
		p.op("zrem", k.TalkAgenda(b.Interviewer), member)
	}
	if a.Status == flows.EntryScheduled && a.Interviewer != 0 && !a.Slot.IsZero() {
		p.op("zadd", k.TalkAgenda(a.Interviewer), strconv.FormatInt(a.Slot.Unix(), 10), member)
	}
	return nil
}

// talkEventData is the records event subject and data of the talk effects;
// false means ef is not one of them. Phone numbers and summaries are left
// out (a reference instead) unless the change says they may be disclosed.
func talkEventData(ef flows.Effect) (string, any, bool) {
	switch e := ef.(type) {
	case flows.TalkRoundOpened:
		r := e.Round
		return r.ID, map[string]any{"round": r.ID, "title": r.Title, "by": e.By, "deadline": r.Deadline,
			"units": r.Units, "sessions": r.Sessions, "slots": len(r.Slots)}, true
	case flows.TalkRoundClosed:
		return e.Round, map[string]any{"round": e.Round, "by": e.By}, true
	case flows.TalkInvited:
		people := make([]int64, len(e.Entries))
		ivs := map[string]int64{}
		for i, en := range e.Entries {
			people[i] = en.User
			ivs[itoa(en.User)] = en.Interviewer
		}
		d := map[string]any{"round": e.Round, "people": people, "interviewers": ivs}
		if e.By != 0 {
			d["by"] = e.By
		}
		if e.Source != "" {
			d["source"] = e.Source
		}
		return e.Round, d, true
	case flows.TalkEntryChange:
		c := e.Change()
		a := c.After
		ref := "talk:" + a.Round + ":" + itoa(a.User)
		d := map[string]any{"round": a.Round, "user_id": a.User, "unit": a.Unit, "interviewer": a.Interviewer,
			"status": a.Status, "by": c.By, "rev": a.Rev}
		if a.Mode != "" {
			d["mode"] = a.Mode
		}
		if !a.Slot.IsZero() {
			d["slot"] = a.Slot.UTC()
		}
		if a.Place != "" {
			d["place"] = a.Place
		}
		if a.Makeup {
			d["makeup"] = true
			d["attempts"] = a.Attempts
		}
		if a.How != "" {
			d["how"] = a.How
			d["done_at"] = a.DoneAt.UTC()
		}
		if a.Reason != "" {
			d["reason"] = a.Reason
		}
		if a.Phone != "" {
			if c.Private {
				d["phone"] = a.Phone
			} else {
				d["phone_ref"] = ref
			}
		}
		if a.Status == flows.EntryDone && (a.Summary != "" || a.Voice != "") {
			if c.Private {
				d["summary"], d["voice_file_id"] = a.Summary, a.Voice
			} else {
				d["summary_ref"] = ref
			}
		}
		if !c.Before.Slot.IsZero() && !c.Before.Slot.Equal(a.Slot) {
			d["previous_slot"] = c.Before.Slot.UTC()
		}
		return a.Round + "/" + itoa(a.User), d, true
	case flows.TalkNoticeSent:
		d := map[string]any{"round": e.Round, "kind": e.Kind, "to": e.To}
		if e.Entry != nil {
			d["user_id"], d["slot"] = e.Entry.User, e.Entry.Slot.UTC()
		}
		return e.Round, d, true
	}
	return "", nil, false
}

// --- reads ---

var _ flows.TalkReader = (*directory)(nil)

func (d *directory) TalkRound(id string) (flows.TalkRoundState, bool, error) {
	return d.s.TalkRound(d.ctx, id)
}

// TalkRound returns a stored round.
func (s *Store) TalkRound(ctx context.Context, id string) (flows.TalkRoundState, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.TalkRound(id)).Result()
	if err != nil {
		return flows.TalkRoundState{}, false, fmt.Errorf("talk round %s: %w", id, err)
	}
	if m["def"] == "" {
		return flows.TalkRoundState{}, false, nil
	}
	var rs flows.TalkRoundState
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
	cmds := make([]*redis.StringCmd, len(ids))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGet(ctx, s.keys.TalkRound(id), "status")
		}
		return nil
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

func (d *directory) TalkEntry(round string, user int64) (flows.TalkEntry, bool, error) {
	return d.s.TalkEntry(d.ctx, round, user)
}

// TalkEntry returns a roster entry with its current revision.
func (s *Store) TalkEntry(ctx context.Context, round string, user int64) (flows.TalkEntry, bool, error) {
	vals, err := s.rdb.Eval(ctx, `return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1])}`,
		[]string{s.keys.TalkEntries(round), s.keys.TalkRevs(round)}, itoa(user)).Slice()
	if err != nil {
		return flows.TalkEntry{}, false, fmt.Errorf("talk entry %s/%d: %w", round, user, err)
	}
	raw, _ := vals[0].(string)
	if raw == "" {
		return flows.TalkEntry{}, false, nil
	}
	var en flows.TalkEntry
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
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.TalkSlots(round, iv)).Result()
	if err != nil {
		return nil, fmt.Errorf("talk slots %s/%d: %w", round, iv, err)
	}
	out := make(map[int64]int64, len(m))
	for k, v := range m {
		out[atoi(k)] = atoi(v)
	}
	return out, nil
}

func (d *directory) TalkCoverage(round string) (flows.TalkCoverage, error) {
	return d.s.TalkCoverage(d.ctx, round)
}

// TalkCoverage reads a round's counters (one hash, whatever the roster size).
func (s *Store) TalkCoverage(ctx context.Context, round string) (flows.TalkCoverage, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.TalkCounts(round)).Result()
	if err != nil {
		return flows.TalkCoverage{}, fmt.Errorf("talk coverage %s: %w", round, err)
	}
	c := flows.TalkCoverage{Buckets: map[string]int64{}, Units: map[string]map[string]int64{}}
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

func (d *directory) TalkAgenda(iv int64, from, to time.Time) ([]flows.TalkEntry, error) {
	return d.s.TalkAgenda(d.ctx, iv, from, to)
}

// TalkAgenda returns an interviewer's scheduled talks in [from, to).
func (s *Store) TalkAgenda(ctx context.Context, iv int64, from, to time.Time) ([]flows.TalkEntry, error) {
	members, err := s.rdb.ZRangeByScore(ctx, s.keys.TalkAgenda(iv), &redis.ZRangeBy{
		Min: strconv.FormatInt(from.Unix(), 10), Max: "(" + strconv.FormatInt(to.Unix(), 10)}).Result()
	if err != nil {
		return nil, fmt.Errorf("talk agenda %d: %w", iv, err)
	}
	out := make([]flows.TalkEntry, 0, len(members))
	for _, m := range members {
		round, user, _ := strings.Cut(m, "|")
		en, ok, err := s.TalkEntry(ctx, round, atoi(user))
		if err != nil {
			return nil, err
		}
		if ok && en.Status == flows.EntryScheduled {
			out = append(out, en)
		}
	}
	return out, nil
}

// DueTalk is a booked phone slot waiting for its reminder or outcome prompt.
type DueTalk struct {
	Round string
	User  int64
	Slot  time.Time
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
	vals, err := s.rdb.SMembers(ctx, s.keys.TalkInterviewers(round)).Result()
	if err != nil {
		return nil, fmt.Errorf("talk interviewers %s: %w", round, err)
	}
	out := make([]int64, 0, len(vals))
	for _, v := range vals {
		out = append(out, atoi(v))
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out, nil
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
func (s *Store) TalkLedger(ctx context.Context, round string) ([]flows.TalkEntry, error) {
	var out []flows.TalkEntry
	iter := s.rdb.HScan(ctx, s.keys.TalkEntries(round), 0, "", 1000).Iterator()
	for iter.Next(ctx) {
		if !iter.Next(ctx) {
			break
		}
		var en flows.TalkEntry
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
