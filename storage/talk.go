package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"sibu/flows"
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
