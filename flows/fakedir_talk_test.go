package flows_test

import (
	"fmt"
	"slices"
	"time"

	"sibu/flows/kit"
	"sibu/flows/talk"
)

func (d *fakeDir) TalkRound(id string) (talk.RoundState, bool, error) {
	r, ok := d.talkRounds[id]
	if !ok {
		return talk.RoundState{}, false, nil
	}
	return *r, true, nil
}

func (d *fakeDir) TalkRounds() ([]string, error) {
	var open, closed []string
	for id, r := range d.talkRounds {
		if r.Open {
			open = append(open, id)
		} else {
			closed = append(closed, id)
		}
	}
	slices.Sort(open)
	slices.Sort(closed)
	return append(open, closed...), nil
}

func (d *fakeDir) TalkEntry(round string, user int64) (talk.Entry, bool, error) {
	e, ok := d.entries[round][user]
	return e, ok, nil
}

func (d *fakeDir) TalkBooked(round string, iv int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for _, e := range d.entries[round] {
		if e.Interviewer == iv && e.PhoneSlot() {
			out[e.Slot.Unix()] = e.User
		}
	}
	return out, nil
}

func (d *fakeDir) TalkCoverage(round string) (talk.Coverage, error) {
	c := talk.Coverage{Buckets: map[string]int64{}, Units: map[string]map[string]int64{}}
	for _, e := range d.entries[round] {
		c.Roster++
		c.Buckets[e.Bucket()]++
		if c.Units[e.Unit] == nil {
			c.Units[e.Unit] = map[string]int64{}
		}
		c.Units[e.Unit][e.Bucket()]++
		c.Units[e.Unit]["roster"]++
	}
	return c, nil
}

func (d *fakeDir) TalkUnreached(round string, iv int64, offset, n int) ([]int64, int64, error) {
	return d.unreached(round, func(e talk.Entry) bool { return iv == 0 || e.Interviewer == iv }, offset, n)
}

func (d *fakeDir) TalkUnreachedIn(round string, units []string, offset, n int) ([]int64, int64, error) {
	return d.unreached(round, func(e talk.Entry) bool { return slices.Contains(units, e.Unit) }, offset, n)
}

// unreached pages the users of round not yet reached that keep says.
func (d *fakeDir) unreached(round string, keep func(talk.Entry) bool, offset, n int) ([]int64, int64, error) {
	var ids []int64
	for _, e := range d.entries[round] {
		if !e.Reached() && keep(e) {
			ids = append(ids, e.User)
		}
	}
	slices.Sort(ids)
	offset = min(offset, len(ids))
	return ids[offset:min(len(ids), offset+n)], int64(len(ids)), nil
}

func (d *fakeDir) TalkAgenda(iv int64, from, to time.Time) ([]talk.Entry, error) {
	var out []talk.Entry
	for _, es := range d.entries {
		for _, e := range es {
			if e.Interviewer == iv && e.Status == talk.EntryScheduled && !e.Slot.IsZero() && !e.Slot.Before(from) && e.Slot.Before(to) {
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b talk.Entry) int { return a.Slot.Compare(b.Slot) })
	return out, nil
}

// talkOK checks the talk conditions: an entry's revision, one person per
// phone slot, one invitation per person, each notice once.
func (d *fakeDir) talkOK(effs []kit.Effect) bool {
	booked := map[string]int64{}
	for r, es := range d.entries {
		for _, e := range es {
			if e.PhoneSlot() {
				booked[fmt.Sprintf("%s/%d/%d", r, e.Interviewer, e.Slot.Unix())] = e.User
			}
		}
	}
	for _, ef := range effs {
		switch e := ef.(type) {
		case talk.EntryChange:
			c := e.EntryChange()
			if d.entries[c.Before.Round][c.Before.User].Rev != c.Before.Rev {
				return false
			}
			if c.After.PhoneSlot() {
				k := fmt.Sprintf("%s/%d/%d", c.After.Round, c.After.Interviewer, c.After.Slot.Unix())
				if u, ok := booked[k]; ok && u != c.After.User {
					return false
				}
			}
		case talk.Invited:
			for _, en := range e.Entries {
				if _, ok := d.entries[e.Round][en.User]; ok {
					return false
				}
			}
		case talk.NoticeSent:
			if d.noticed[e.Round+"/"+e.Key] {
				return false
			}
			if e.Entry != nil && d.entries[e.Round][e.Entry.User].Rev != e.Entry.Rev {
				return false
			}
		}
	}
	return true
}

func (d *fakeDir) applyTalk(ef kit.Effect) {
	switch e := ef.(type) {
	case talk.RoundOpened:
		d.talkRounds[e.Round.ID] = &talk.RoundState{Round: e.Round, Open: true, OpenedAt: fixedNow}
	case talk.RoundClosed:
		d.talkRounds[e.Round].Open = false
	case talk.Invited:
		if d.entries[e.Round] == nil {
			d.entries[e.Round] = map[int64]talk.Entry{}
		}
		for _, en := range e.Entries {
			d.entries[e.Round][en.User] = en
		}
	case talk.EntryChange:
		c := e.EntryChange()
		d.entries[c.After.Round][c.After.User] = c.After
	case talk.NoticeSent:
		d.noticed[e.Round+"/"+e.Key] = true
	}
}
