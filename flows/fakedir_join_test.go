package flows_test

import (
	"encoding/json"
	"slices"
	"strings"

	"sibu/flows/join"
	"sibu/flows/kit"
)

// fakeRoster is the fake directory's roster, unit links and join requests,
// with the conditions storage's planner checks.
type fakeRoster struct {
	people   map[string]string // number → stored JSON
	joined   map[string]int64
	line     map[string]int
	links    map[string]join.UnitLink
	current  map[string]string // unit → code
	requests map[string]join.Request
}

func newFakeRoster() *fakeRoster {
	return &fakeRoster{people: map[string]string{}, joined: map[string]int64{}, line: map[string]int{},
		links: map[string]join.UnitLink{}, current: map[string]string{}, requests: map[string]join.Request{}}
}

var (
	_ join.Reader          = (*fakeDir)(nil)
	_ kit.NotJoinedCounter = (*fakeDir)(nil)
)

func (d *fakeDir) Expected(phones []string) (map[string]join.Current, error) {
	out := map[string]join.Current{}
	for _, p := range phones {
		raw, ok := d.roster.people[p]
		if !ok {
			continue
		}
		cur := join.Current{Raw: raw, Joined: d.roster.joined[p]}
		json.Unmarshal([]byte(raw), &cur.Expected)
		cur.Phone = p
		out[p] = cur
	}
	return out, nil
}

// numbers lists the roster numbers of unit in the file's order; waiting:
// of the people not joined only.
func (d *fakeDir) numbers(unit string, waiting bool) []string {
	var out []string
	all, _ := d.Expected(mapKeys(d.roster.people))
	for p, cur := range all {
		if cur.Unit == unit && (!waiting || cur.Joined == 0) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if d.roster.line[a] != d.roster.line[b] {
			return d.roster.line[a] - d.roster.line[b]
		}
		return strings.Compare(a, b)
	})
	return out
}

func (d *fakeDir) RosterOf(unit string) (map[string]join.Current, error) {
	return d.Expected(d.numbers(unit, false))
}

func (d *fakeDir) Waiting(unit string, offset, n int) ([]join.Expected, int64, error) {
	all := d.numbers(unit, true)
	found, _ := d.Expected(all)
	var out []join.Expected
	for i := offset; i < len(all) && i < offset+n; i++ {
		out = append(out, found[all[i]].Expected)
	}
	return out, int64(len(all)), nil
}

func (d *fakeDir) RosterCounts(units []string) (map[string]join.RosterCount, error) {
	out := map[string]join.RosterCount{}
	for _, u := range units {
		c := join.RosterCount{Expected: int64(len(d.numbers(u, false))), ByRole: map[kit.Role]int64{}}
		found, _ := d.Expected(d.numbers(u, true))
		for _, cur := range found {
			c.Waiting++
			c.ByRole[cur.Role]++
		}
		reqs, _ := d.Pending(u)
		c.Requests = int64(len(reqs))
		out[u] = c
	}
	return out, nil
}

func (d *fakeDir) CountNotJoined(units []string, roles []kit.Role) (int64, error) {
	var n int64
	all, _ := d.Expected(mapKeys(d.roster.people))
	for _, cur := range all {
		for _, u := range units {
			if cur.Joined == 0 && d.env.Subtree(u, cur.Unit) && kit.RoleIn(cur.Role, roles) {
				n++
				break
			}
		}
	}
	return n, nil
}

func (d *fakeDir) UnitLink(code string) (join.UnitLink, bool, error) {
	l, ok := d.roster.links[code]
	return l, ok, nil
}

func (d *fakeDir) LinkOf(unit string) (join.UnitLink, bool, error) {
	return d.UnitLink(d.roster.current[unit])
}

func (d *fakeDir) Request(id string) (join.Request, bool, error) {
	r, ok := d.roster.requests[id]
	return r, ok, nil
}

func (d *fakeDir) RequestOf(user int64) (join.Request, bool, error) {
	for _, r := range d.roster.requests {
		if r.User == user && r.Status == join.RequestPending {
			return r, true, nil
		}
	}
	return join.Request{}, false, nil
}

func (d *fakeDir) Pending(unit string) ([]join.Request, error) {
	var out []join.Request
	for _, r := range d.roster.requests {
		if r.Unit == unit && r.Status == join.RequestPending {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b join.Request) int { return a.At.Compare(b.At) })
	return out, nil
}

// rosterOK checks the conditions of the roster's, links' and requests'
// effects on the state before any of them is applied.
func (d *fakeDir) rosterOK(effs []kit.Effect) bool {
	ro := d.roster
	for _, ef := range effs {
		switch e := ef.(type) {
		case join.RosterChanged:
			for _, c := range e.Changes {
				if ro.people[c.Phone] != c.OldRaw || ro.joined[c.Phone] != c.Joined {
					return false
				}
			}
		case join.RosterJoined:
			if ro.joined[e.Phone] != 0 || ro.people[e.Phone] != e.Raw {
				return false
			}
		case join.LinkCreated:
			if _, taken := ro.links[e.Link.Code]; taken || ro.current[e.Link.Unit] != e.Replaces {
				return false
			}
		case join.LinkRevoked:
			if ro.current[e.Unit] != e.Code {
				return false
			}
		case join.RequestCreated:
			if _, waiting, _ := d.RequestOf(e.Request.User); waiting {
				return false
			}
		case join.RequestDecided:
			if ro.requests[e.Request.ID].Status != join.RequestPending {
				return false
			}
		}
	}
	return true
}

// applyRoster applies one of the roster's, links' or requests' effects.
func (d *fakeDir) applyRoster(ef kit.Effect) {
	ro := d.roster
	switch e := ef.(type) {
	case join.RosterChanged:
		for _, c := range e.Changes {
			raw, _ := json.Marshal(c.New)
			ro.people[c.Phone] = string(raw)
			if c.Old == nil || c.Old.Unit != c.New.Unit {
				ro.line[c.Phone] = c.Line
			}
		}
	case join.RosterJoined:
		ro.joined[e.Phone] = e.User
	case join.LinkCreated:
		ro.links[e.Link.Code] = e.Link
		ro.current[e.Link.Unit] = e.Link.Code
	case join.LinkRevoked:
		l := ro.links[e.Code]
		l.Revoked = true
		ro.links[e.Code] = l
		delete(ro.current, e.Unit)
	case join.RequestCreated:
		ro.requests[e.Request.ID] = e.Request
	case join.RequestDecided:
		r := ro.requests[e.Request.ID]
		r.Status, r.By = join.RequestRefused, e.By
		if e.Approved {
			r.Status = join.RequestApproved
		}
		ro.requests[r.ID] = r
	}
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
