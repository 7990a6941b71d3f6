package flows_test

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/survey"
)

func (d *fakeDir) get(ids []string) []commitment.Item {
	var out []commitment.Item
	for _, id := range ids {
		if it := d.items[id]; it != nil {
			c := it.c
			c.Rev = it.rev
			out = append(out, c)
		}
	}
	return out
}

func (d *fakeDir) filter(keep func(commitment.Item) bool) []commitment.Item {
	var ids []string
	for _, id := range d.order {
		if keep(d.items[id].c) {
			ids = append(ids, id)
		}
	}
	return d.get(ids)
}

func (d *fakeDir) Commitment(id string) (commitment.Item, bool, error) {
	out := d.get([]string{id})
	if len(out) == 0 {
		return commitment.Item{}, false, nil
	}
	return out[0], true, nil
}

func (d *fakeDir) CommitmentsOf(owner int64) ([]commitment.Item, error) {
	return d.filter(func(c commitment.Item) bool { return c.Owner == owner }), nil
}

func (d *fakeDir) UnitCommitments(unit string) ([]commitment.Item, error) {
	return d.filter(func(c commitment.Item) bool { return c.Unit == unit }), nil
}

func (d *fakeDir) PendingReviews() ([]commitment.Item, error) {
	return d.filter(func(c commitment.Item) bool { return c.Status == commitment.StatusReview }), nil
}

func (d *fakeDir) DueBefore(t time.Time) ([]commitment.Item, error) {
	day := t.Format("2006-01-02")
	out := d.filter(func(c commitment.Item) bool { return c.Tracked() && c.Deadline < day })
	slices.SortStableFunc(out, func(a, b commitment.Item) int { return strings.Compare(a.Deadline, b.Deadline) })
	return out, nil
}

func (d *fakeDir) CommitmentLog(id string) ([]commitment.Entry, error) {
	if it := d.items[id]; it != nil {
		return it.log, nil
	}
	return nil, nil
}

func (d *fakeDir) CommitmentCounts(units []string) (map[commitment.Status]int64, error) {
	out := map[commitment.Status]int64{}
	for _, it := range d.items {
		if slices.Contains(units, it.c.Unit) {
			out[it.c.Status]++
		}
	}
	return out, nil
}

func (d *fakeDir) EvalRound(unit string) (commitment.Round, bool, error) {
	r, ok := d.rounds[unit]
	return r, ok, nil
}

func (d *fakeDir) EvalMarks(round string) (commitment.Marks, error) {
	m := commitment.Marks{Grades: map[string]string{}, Opinions: map[string]map[int64]string{},
		Votes: map[string]map[int64]bool{}, Reports: map[string]string{}}
	for f, v := range d.marks[round] {
		parts := strings.SplitN(f, ":", 3)
		var by int64
		if len(parts) == 3 {
			fmt.Sscan(parts[2], &by)
		}
		switch parts[0] {
		case "g":
			m.Grades[parts[1]] = v
		case "s":
			m.Reports[parts[1]] = v
		case "o":
			if m.Opinions[parts[1]] == nil {
				m.Opinions[parts[1]] = map[int64]string{}
			}
			m.Opinions[parts[1]][by] = v
		case "v":
			if m.Votes[parts[1]] == nil {
				m.Votes[parts[1]] = map[int64]bool{}
			}
			m.Votes[parts[1]][by] = v == "y"
		}
	}
	return m, nil
}

func (d *fakeDir) EvalSatisfaction(round string) (commitment.Satisfaction, error) {
	f := d.roundSurvey[round]
	return commitment.Satisfaction{Respondents: f["respondents"], Answered: f["answered"], Satisfied: f["satisfied"]}, nil
}

func (d *fakeDir) EvalResponded(round string, user int64) (bool, error) {
	return d.respondents[round][user], nil
}

// commitmentOK checks the commitment conditions: an item's revision, each
// reminder stage and digest once, one open round per unit, a round's
// response once while it is open.
func (d *fakeDir) commitmentOK(effs []kit.Effect) bool {
	for _, ef := range effs {
		switch e := ef.(type) {
		case commitment.Effect:
			ch := e.ItemChange()
			var rev int64
			if it := d.items[ch.Item.ID]; it != nil {
				rev = it.rev
			}
			if !ch.Follows && rev != ch.Prev {
				return false
			}
		case commitment.ReminderSent:
			if d.reminders[e.ItemID+e.Key] {
				return false
			}
		case kit.DigestSent:
			if d.digests[e.Key()] {
				return false
			}
		case commitment.RoundOpened:
			if _, ok := d.rounds[e.Round.Unit]; ok {
				return false
			}
		case commitment.RoundClosed:
			if d.rounds[e.Round.Unit].ID != e.Round.ID {
				return false
			}
			if f := e.Satisfaction; f != nil && d.roundSurvey[e.Round.ID]["respondents"] != f.Respondents {
				return false
			}
		case survey.ResponseSubmitted:
			if e.Round != "" && (d.roundSurvey[e.Round]["open"] != 1 || d.respondents[e.Round][e.Respondent]) {
				return false
			}
		}
	}
	return true
}

func (d *fakeDir) applyCommitment(ef kit.Effect) {
	switch e := ef.(type) {
	case commitment.Effect:
		d.applyItem(e)
	case commitment.ReminderSent:
		d.reminders[e.ItemID+e.Key] = true
	case kit.DigestSent:
		d.digests[e.Key()] = true
	case commitment.RoundOpened:
		d.rounds[e.Round.Unit] = e.Round
		if e.Round.Survey != "" {
			d.roundSurvey[e.Round.ID] = map[string]int64{"open": 1}
		}
	case commitment.RoundClosed:
		delete(d.rounds, e.Round.Unit)
		if f := d.roundSurvey[e.Round.ID]; f != nil {
			f["open"] = 0
		}
	case survey.ResponseSubmitted:
		if e.Round != "" {
			d.applyRoundResponse(e)
		}
	case commitment.Marked:
		if d.marks[e.Round] == nil {
			d.marks[e.Round] = map[string]string{}
		}
		f := e.Kind + ":" + e.Item
		if e.Kind == "v" || e.Kind == "o" {
			f += ":" + fmt.Sprint(e.By)
		}
		d.marks[e.Round][f] = e.Value
	}
}

// applyItem stores an item's new revision and its history line.
func (d *fakeDir) applyItem(e commitment.Effect) {
	ch := e.ItemChange()
	it := d.items[ch.Item.ID]
	if it == nil {
		it = &fakeItem{}
		d.items[ch.Item.ID] = it
		d.order = append(d.order, ch.Item.ID)
	}
	it.c, it.rev = ch.Item, ch.Prev+1
	entry := ch.Entry
	entry.What = strings.TrimPrefix(e.EventType(), "sibu.commitment.")
	if ch.Entry.What != "" {
		entry.What = ch.Entry.What
	}
	entry.Status = string(ch.Item.Status)
	it.log = append(it.log, entry)
}

func (d *fakeDir) applyRoundResponse(e survey.ResponseSubmitted) {
	f := d.roundSurvey[e.Round]
	if d.respondents[e.Round] == nil {
		d.respondents[e.Round] = map[int64]bool{}
	}
	d.respondents[e.Round][e.Respondent] = true
	f["respondents"]++
	if e.SatisfiedAnswered {
		f["answered"]++
	}
	if e.Satisfied {
		f["satisfied"]++
	}
}
