package talk

import (
	"slices"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// What the access policy knows of a talk round, and the scope of an
// official's view of one.

// object is r as the access policy sees it: the units it reaches (its
// units, the root when none are named; none for a round of an uploaded
// list) and the units of the people it lists by id.
func (st step) object(r *Round) (access.Object, error) {
	var reach []string
	if !r.RosterOnly {
		reach = slices.Clone(r.Units)
		if len(reach) == 0 {
			reach = []string{st.Env.Root}
		}
	}
	for _, id := range r.People {
		p, ok, err := st.Dir.Person(id)
		if err != nil {
			return access.Object{}, err
		}
		if ok && !slices.Contains(reach, p.Unit) {
			reach = append(reach, p.Unit)
		}
	}
	if len(reach) == 0 {
		reach = []string{st.Env.Root} // a list of nobody known: the root's officials decide
	}
	return access.Object{Reach: reach, Name: r.Title}, nil
}

// check asks the access policy for a on r, telling the person when they
// are refused.
func (st step) check(a access.Action, r *Round) (access.Decision, error) {
	o, err := st.object(r)
	if err != nil {
		return access.Decision{}, err
	}
	return access.Check(st.Step, a, o), nil
}

// subUnits lists root and its descendants ([root] when it names no unit).
func (f *Feature) subUnits(root string) []string {
	if out := f.Env.SubUnits(root); len(out) > 0 {
		return out
	}
	return []string{root}
}

// scopeUnits are the units of a decision's scope: nil (every unit) when
// the decision is not scoped.
func (st step) scopeUnits(d access.Decision) []string {
	if d.Scope == "" {
		return nil
	}
	return st.f.subUnits(d.Scope)
}

// fallbackInterviewer is the interviewer of p when no interviewer or
// supervisor is found: the official opening the round when they are in
// p's chain (at p's unit or above it), else the nearest official up the
// chain, else a configured admin; never someone beside p's unit, who
// would see p's number.
func (st step) fallbackInterviewer(p kit.Person) (int64, error) {
	if st.Me.ID != p.ID && access.Interviewer(st.Env, st.Me, p.Unit) {
		return st.Me.ID, nil
	}
	for u, i := p.Unit, 0; u != "" && i <= len(st.Env.Units); u, i = st.Env.Parent(u), i+1 {
		leads, err := st.Dir.Leads(u)
		if err != nil {
			return 0, err
		}
		slices.SortFunc(leads, func(a, b kit.Person) int { return int(a.ID - b.ID) })
		for _, l := range leads {
			if l.Role == kit.RoleOfficial && l.ID != p.ID {
				return l.ID, nil
			}
		}
	}
	var admins []int64
	for id := range st.Env.Admins {
		if id != p.ID {
			admins = append(admins, id)
		}
	}
	slices.Sort(admins)
	if len(admins) > 0 {
		return admins[0], nil
	}
	return 0, nil
}
