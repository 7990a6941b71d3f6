package flows_test

import (
	"slices"

	"sibu/flows/kit"
	"sibu/flows/retro"
)

var _ retro.Reader = (*fakeDir)(nil)

func (d *fakeDir) Retro(id string) (retro.Retro, bool, error) {
	r, ok := d.retros[id]
	if !ok {
		return retro.Retro{}, false, nil
	}
	return *r, true, nil
}

func (d *fakeDir) RetroContributions(id string) ([]retro.Contribution, error) {
	return slices.Clone(d.contribs[id]), nil
}

func (d *fakeDir) RetrosOf(person int64, n int) ([]retro.Retro, error) {
	var out []retro.Retro
	for _, r := range d.retros {
		if r.By == person || r.Participant(person) {
			out = append(out, *r)
		}
	}
	slices.SortFunc(out, func(a, b retro.Retro) int {
		if c := b.Opened.Compare(a.Opened); c != 0 {
			return c
		}
		return compareStrings(b.ID, a.ID)
	})
	return out[:min(n, len(out))], nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// retroOK checks the 复盘 conditions: a new id, an open 复盘 taking one
// contribution per person, a change at the stored revision.
func (d *fakeDir) retroOK(effs []kit.Effect) bool {
	for _, ef := range effs {
		switch e := ef.(type) {
		case retro.Opened:
			if d.retros[e.Retro.ID] != nil {
				return false
			}
		case retro.Contributed:
			r := d.retros[e.Contribution.Retro]
			if r == nil || r.Status != retro.StatusOpen {
				return false
			}
			for _, c := range d.contribs[r.ID] {
				if c.Person == e.Contribution.Person {
					return false
				}
			}
		case retro.Effect:
			c := e.RetroChange()
			if r := d.retros[c.Retro.ID]; r == nil || r.Rev != c.Prev {
				return false
			}
		}
	}
	return true
}

func (d *fakeDir) applyRetro(ef kit.Effect) {
	switch e := ef.(type) {
	case retro.Opened:
		r := e.Retro
		r.Rev = 1
		d.retros[r.ID] = &r
	case retro.Contributed:
		d.contribs[e.Contribution.Retro] = append(d.contribs[e.Contribution.Retro], e.Contribution)
	case retro.Effect:
		c := e.RetroChange()
		r := c.Retro
		r.Rev = c.Prev + 1
		d.retros[r.ID] = &r
	}
}
