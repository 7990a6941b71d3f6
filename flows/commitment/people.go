package commitment

import (
	"cmp"
	"fmt"
	"slices"

	"sibu/flows/kit"
)

// byID orders people by id.
func byID(a, b kit.Person) int { return cmp.Compare(a.ID, b.ID) }

// monitorsOf lists the 履诺监督员 of unit and of the units above it (a
// monitor of a 党委 watches its branches too), by id.
func (f *Feature) monitorsOf(dir kit.Directory, unit string) ([]kit.Person, error) {
	var out []kit.Person
	for u := unit; u != ""; u = f.Env.Parent(u) {
		people, err := dir.Members(u, false)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, p := range people {
			if p.Role == kit.RoleMonitor {
				out = append(out, p)
			}
		}
	}
	slices.SortFunc(out, byID)
	return out, nil
}

// reviewUnit is the unit whose supervisors review c at level (1-based);
// "" when there is no such level.
func (f *Feature) reviewUnit(c Item, level int) string {
	u := c.Unit
	if c.Direction != DirPerson {
		u = f.Env.Parent(u)
	}
	for i := 1; i < level && u != ""; i++ {
		u = f.Env.Parent(u)
	}
	return u
}

// supervisorsOf lists the supervisors and officials of unit, walking up
// the tree when a unit has none (then the configured admins); except (the
// owner) is left out.
func (f *Feature) supervisorsOf(dir kit.Directory, unit string, except int64) ([]kit.Person, error) {
	return f.leadsFor(dir, unit, func(p kit.Person) bool { return p.ID != except })
}

// ownerChats are the chats told about c: the owner, or the committing
// unit's supervisors.
func (f *Feature) ownerChats(dir kit.Directory, c Item) ([]int64, error) {
	if c.Direction == DirPerson {
		return []int64{c.Owner}, nil
	}
	sup, err := f.supervisorsOf(dir, c.Unit, 0)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(sup))
	for i, p := range sup {
		ids[i] = p.ID
	}
	return ids, nil
}

// sortedIDs lists the ids of a set in order.
func sortedIDs(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
