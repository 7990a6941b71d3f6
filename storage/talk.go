package storage

import (
	"encoding/json"
	"fmt"
	"sibu/flows/kit"
	"sibu/flows/talk"
	"strconv"
	"time"
)

// Talk rounds in Redis. The roster is a hash of JSON entries with a
// revision per entry; coverage is counted as entries move between buckets
// (so /coverage reads a few keys whatever the roster size); a sorted set
// holds who is not yet reached (per round and per interviewer); reserved
// phone slots are hash fields taken with an "is empty" guard; booked slots
// wait in one sorted set scored by time for the scheduler.

// talkMember is a booked talk's member in TalkDue and TalkAgenda.
func talkMember(round string, user int64) string { return round + "|" + itoa(user) }

// planTalk adds the writes and conditions of the talk effects to a commit
// plan; false means ef is not one of them.
func (s *Store) planTalk(p *plan, ef kit.Effect, now time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case talk.RoundOpened:
		def, err := json.Marshal(e.Round)
		if err != nil {
			return true, fmt.Errorf("encode talk round: %w", err)
		}
		id := e.Round.ID
		p.op("hset", k.TalkRound(id), "def", string(def), "status", "open")
		p.op("hsetnx", k.TalkRound(id), "opened_at", now.UTC().Format(time.RFC3339))
		p.op("sadd", k.TalkRounds(), id)
	case talk.RoundClosed:
		p.guard("exists", k.TalkRound(e.Round), "talk_round_unknown")
		p.op("hset", k.TalkRound(e.Round), "status", "closed", "closed_at", now.UTC().Format(time.RFC3339))
	case talk.Invited:
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
		p.opChunked("zadd", k.TalkUnreached(id), all)
		for u, m := range units {
			p.opChunked("zadd", k.TalkUnitUnreached(id, u), m)
		}
		for iv, m := range ivs {
			p.op("sadd", k.TalkInterviewers(id), itoa(iv))
			p.opChunked("zadd", k.TalkIvUnreached(id, iv), m)
		}
		for _, f := range sortedKeys(counts) {
			p.op("hincrby", k.TalkCounts(id), f, itoa(counts[f]))
		}
	case talk.EntryChange:
		return true, s.planTalkChange(p, e.EntryChange())
	case talk.NoticeSent:
		c, _ := s.claimOf(e)
		c.plan(p, now)
		if e.Entry != nil {
			p.guard("heq", k.TalkRevs(e.Round), itoa(e.Entry.User), strconv.Itoa(e.Entry.Rev), "talk_entry_changed")
			if e.Kind == talk.NoticeOutcome {
				p.op("zrem", k.TalkDue(), talkMember(e.Round, e.Entry.User))
			}
		}
	default:
		return false, nil
	}
	return true, nil
}

// planTalkChange moves one entry from Before to After.
func (s *Store) planTalkChange(p *plan, c talk.Change) error {
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
	if b.Status == talk.EntryScheduled && b.Interviewer != 0 {
		p.op("zrem", k.TalkAgenda(b.Interviewer), member)
	}
	if a.Status == talk.EntryScheduled && a.Interviewer != 0 && !a.Slot.IsZero() {
		p.op("zadd", k.TalkAgenda(a.Interviewer), strconv.FormatInt(a.Slot.Unix(), 10), member)
	}
	return nil
}
