package flows_test

import (
	"fmt"
	"maps"
	"slices"

	"sibu/flows/discipline"
	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

var (
	_ discipline.Reader = (*fakeDir)(nil)
	_ tipoff.Reader     = (*fakeDir)(nil)
)

// fakeDiscipline is the fake directory's part for checklists, nominees
// and tip-offs.
type fakeDiscipline struct {
	checklists map[string]*discipline.Checklist
	targets    map[string]map[int64]discipline.Target
	confirms   map[string]map[int64]discipline.Confirmation
	reminded   map[string]bool
	nominees   map[string]*discipline.Nominee
	nomOrder   []string
	// tip-offs: the pool (what reporters sent, in order), released ones
	// by id with their code, the day's counts
	pool    []kit.Effect
	tipoffs map[string]*tipoff.Tipoff
	codes   map[string]string // id → code
	tipSeq  int
	counts  map[string]int
}

func newFakeDiscipline() *fakeDiscipline {
	return &fakeDiscipline{checklists: map[string]*discipline.Checklist{}, targets: map[string]map[int64]discipline.Target{},
		confirms: map[string]map[int64]discipline.Confirmation{}, reminded: map[string]bool{},
		nominees: map[string]*discipline.Nominee{}, tipoffs: map[string]*tipoff.Tipoff{}, codes: map[string]string{},
		counts: map[string]int{}}
}

func (d *fakeDir) Checklist(id string) (discipline.Checklist, bool, error) {
	c, ok := d.disc.checklists[id]
	if !ok {
		return discipline.Checklist{}, false, nil
	}
	return *c, true, nil
}

func (d *fakeDir) Checklists() ([]discipline.Checklist, error) {
	var out []discipline.Checklist
	for _, c := range d.disc.checklists {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b discipline.Checklist) int { return compareStrings(b.ID, a.ID) })
	return out, nil
}

func (d *fakeDir) ChecklistsOf(person int64) ([]discipline.Checklist, error) {
	all, _ := d.Checklists()
	return slices.DeleteFunc(all, func(c discipline.Checklist) bool {
		_, ok := d.disc.targets[c.ID][person]
		return !ok
	}), nil
}

func (d *fakeDir) ChecklistTargets(id string) (map[int64]discipline.Target, error) {
	return maps.Clone(d.disc.targets[id]), nil
}

func (d *fakeDir) ChecklistConfirmations(id string) (map[int64]discipline.Confirmation, error) {
	return maps.Clone(d.disc.confirms[id]), nil
}

func (d *fakeDir) Nominee(id string) (discipline.Nominee, bool, error) {
	n, ok := d.disc.nominees[id]
	if !ok {
		return discipline.Nominee{}, false, nil
	}
	return *n, true, nil
}

func (d *fakeDir) Nominees() ([]discipline.Nominee, error) {
	var out []discipline.Nominee
	for _, id := range d.disc.nomOrder {
		out = append(out, *d.disc.nominees[id])
	}
	return out, nil
}

func (d *fakeDir) TipoffByCode(code string) (tipoff.Tipoff, bool, error) {
	for id, c := range d.disc.codes {
		if c == code {
			return *d.disc.tipoffs[id], true, nil
		}
	}
	for _, ef := range d.disc.pool {
		if s, ok := ef.(tipoff.Submitted); ok && s.Code == code {
			return s.Tipoff, true, nil
		}
	}
	return tipoff.Tipoff{}, false, nil
}

func (d *fakeDir) Tipoffs() ([]tipoff.Tipoff, error) {
	var out []tipoff.Tipoff
	for _, t := range d.disc.tipoffs {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b tipoff.Tipoff) int { return compareStrings(b.ID, a.ID) })
	return out, nil
}

func (d *fakeDir) Tipoff(id string) (tipoff.Tipoff, bool, error) {
	t, ok := d.disc.tipoffs[id]
	if !ok {
		return tipoff.Tipoff{}, false, nil
	}
	return *t, true, nil
}

func (d *fakeDir) TipoffsToday(reporter int64, day string) (int, error) {
	return d.disc.counts[fmt.Sprint(day, "/", reporter)], nil
}

// disciplineOK checks the conditions of checklists, nominees and
// tip-offs: new ids, an open checklist confirmed once by a target, a
// change at the stored revision, a reminder once, the day's count.
func (d *fakeDir) disciplineOK(effs []kit.Effect) bool {
	x := d.disc
	for _, ef := range effs {
		switch e := ef.(type) {
		case discipline.ChecklistOpened:
			if x.checklists[e.Checklist.ID] != nil {
				return false
			}
		case discipline.Confirmed:
			c := e.Confirmation
			_, target := x.targets[c.Checklist][c.Person]
			_, did := x.confirms[c.Checklist][c.Person]
			if cl := x.checklists[c.Checklist]; cl == nil || !cl.Open || !target || did {
				return false
			}
		case discipline.ChecklistClosed:
			if cl := x.checklists[e.Checklist.ID]; cl == nil || cl.Rev != e.Prev {
				return false
			}
		case discipline.ChecklistReminded:
			if x.reminded[e.Key] {
				return false
			}
		case discipline.NomineeAdded:
			if x.nominees[e.Nominee.ID] != nil {
				return false
			}
		case discipline.NomineeEffect:
			c := e.NomineeChanged()
			if n := x.nominees[c.Nominee.ID]; n == nil || n.Rev != c.Prev {
				return false
			}
		case tipoff.Submitted:
			if x.counts[fmt.Sprint(e.Tipoff.Day, "/", e.Reporter)] != e.Count {
				return false
			}
		case tipoff.Added:
			if x.counts[fmt.Sprint(e.Note.Day, "/", e.Reporter)] != e.Count {
				return false
			}
		case tipoff.Effect:
			c := e.TipoffChange()
			if t := x.tipoffs[c.Tipoff.ID]; t == nil || t.Rev != c.Prev {
				return false
			}
		}
	}
	return true
}

func (d *fakeDir) applyDiscipline(ef kit.Effect) {
	x := d.disc
	switch e := ef.(type) {
	case discipline.ChecklistOpened:
		c := e.Checklist
		c.Rev = 1
		x.checklists[c.ID], x.targets[c.ID], x.confirms[c.ID] = &c, map[int64]discipline.Target{}, map[int64]discipline.Confirmation{}
		for _, t := range e.Targets {
			x.targets[c.ID][t.Person] = t
		}
	case discipline.Confirmed:
		x.confirms[e.Confirmation.Checklist][e.Confirmation.Person] = e.Confirmation
	case discipline.ChecklistClosed:
		c := e.Checklist
		c.Rev = e.Prev + 1
		x.checklists[c.ID] = &c
	case discipline.ChecklistReminded:
		x.reminded[e.Key] = true
	case discipline.NomineeAdded:
		n := e.Nominee
		n.Rev = 1
		x.nominees[n.ID], x.nomOrder = &n, append(x.nomOrder, n.ID)
	case discipline.NomineeEffect:
		c := e.NomineeChanged()
		n := c.Nominee
		n.Rev = c.Prev + 1
		x.nominees[n.ID] = &n
	case tipoff.Submitted:
		x.counts[fmt.Sprint(e.Tipoff.Day, "/", e.Reporter)]++
		x.pool = append(x.pool, e)
	case tipoff.Added:
		x.counts[fmt.Sprint(e.Note.Day, "/", e.Reporter)]++
		x.pool = append(x.pool, e)
	case tipoff.Effect:
		c := e.TipoffChange()
		t := c.Tipoff
		t.Rev = c.Prev + 1
		x.tipoffs[t.ID] = &t
	}
}

// releaseTipoffs releases the whole pool as storage's release does (ids
// "t1", "t2"… here), returning the tip-offs released or added to.
func (d *fakeDir) releaseTipoffs() []tipoff.Tipoff {
	x := d.disc
	var out []tipoff.Tipoff
	for _, ef := range x.pool {
		switch e := ef.(type) {
		case tipoff.Submitted:
			x.tipSeq++
			t := e.Tipoff
			t.ID, t.Status, t.Rev = fmt.Sprint("t", x.tipSeq), tipoff.StatusNew, 1
			x.tipoffs[t.ID], x.codes[t.ID] = &t, e.Code
			out = append(out, t)
		case tipoff.Added:
			for id, c := range x.codes {
				if c == e.Code {
					t := x.tipoffs[id]
					t.Thread, t.Rev = append(t.Thread, e.Note), t.Rev+1
					out = append(out, *t)
				}
			}
		}
	}
	x.pool = nil
	return out
}
