package commitment

import (
	"fmt"
	"slices"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// The feature asks the access policy (flows/access) about every item it
// acts on: an item is described by its owner, unit, declarer and the unit
// whose leads decide it now (its review level's unit while in review, else
// its first level's: a unit's own items are decided by the level above).

// object is c as the access policy sees it, decided at its first review
// level (extensions, 整改 deadlines, grades, 督办, keeping it).
func (st step) object(c Item) access.Object {
	return access.Object{Unit: c.Unit, Item: policyItem(c, st.f.reviewUnit(c, 1), nil)}
}

// policyItem is c for the policy, decided by the leads of decider after
// earlier approved its earlier review levels.
func policyItem(c Item, decider string, earlier []int64) *access.Item {
	return &access.Item{Owner: c.Owner, Unit: c.Unit, Declarer: c.DeclaredBy, Decider: decider, Earlier: earlier}
}

// may reports whether me may do a on c, saying nothing.
func (st step) may(a access.Action, c Item) bool { return access.Allows(st.Step, a, st.object(c)) }

// check reports whether me may do a on c, telling them why not.
func (st step) check(a access.Action, c Item) bool {
	return access.Check(st.Step, a, st.object(c)).Allowed
}

// reviewObject is c at its review level, with who approved its earlier
// levels since it was last submitted (read only when it matters: a level
// after the first, with separation of duties).
func (st step) reviewObject(c Item) (access.Object, error) {
	var earlier []int64
	if c.Level > 1 && !st.Env.NoSeparation {
		r, err := st.reader()
		if err != nil {
			return access.Object{}, err
		}
		log, err := r.CommitmentLog(c.ID)
		if err != nil {
			return access.Object{}, fmt.Errorf("history of %s: %w", c.ID, err)
		}
		earlier = approvers(log)
	}
	return access.Object{Unit: c.Unit, Item: policyItem(c, st.f.reviewUnit(c, c.Level), earlier)}, nil
}

// approvers lists who approved review levels since the item was last
// declared or resubmitted.
func approvers(log []Entry) []int64 {
	var out []int64
	for _, e := range log {
		switch e.What {
		case "declared", "resubmitted":
			out = out[:0]
		case "approved":
			out = append(out, e.By)
		}
	}
	return out
}

// deciders lists who may do a on o, from the leads of its deciding unit
// up the tree (the nearest unit with someone the policy allows), or the
// configured admins when nobody above is allowed.
func (f *Feature) deciders(dir kit.Directory, a access.Action, o access.Object) ([]kit.Person, error) {
	allowed := func(p kit.Person) bool { return access.Decide(f.Env, p, a, o).Allowed }
	return f.leadsFor(dir, o.Item.Decider, allowed)
}

// leadsFor lists the supervisors and officials keep accepts, of unit or,
// when it has none, of the nearest unit above with some; then the
// configured admins (officials of the root) keep accepts. By id.
func (f *Feature) leadsFor(dir kit.Directory, unit string, keep func(kit.Person) bool) ([]kit.Person, error) {
	for u := unit; u != ""; u = f.Env.Parent(u) {
		people, err := dir.Leads(u)
		if err != nil {
			return nil, fmt.Errorf("supervisors of %s: %w", u, err)
		}
		var out []kit.Person
		for _, p := range people {
			if (p.Role == kit.RoleSupervisor || p.Role == kit.RoleOfficial) && keep(p) {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			slices.SortFunc(out, byID)
			return out, nil
		}
	}
	var out []kit.Person
	for id := range f.Env.Admins {
		if p := (kit.Person{ID: id, Unit: f.Env.Root, Role: kit.RoleOfficial}); keep(p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, byID)
	return out, nil
}
