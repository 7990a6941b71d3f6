package tipoff

import (
	"slices"

	"sibu/flows/kit"
)

// Released tells the inspectors above the units of tip-offs a batch
// release just released (new ones and additions), one push each with the
// number and a button to the list. The pushes name no unit and carry no
// content: pushes are not sealed in Redis.
func (f *Feature) Released(ts []Tipoff, dir kit.Directory) ([]kit.Result, error) {
	counts := map[int64]int{}
	orphans := 0 // released with no inspector to read them
	for _, t := range ts {
		ids, err := f.inspectorsOf(dir, t.Unit)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			orphans++
		}
		for _, id := range ids {
			counts[id]++
		}
	}
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	d, _ := kit.CommandData("tipoff")
	var out []kit.Result
	for _, id := range ids {
		out = append(out, kit.Result{Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: id,
			Text:    catalog.T("zh", mReleasedPush, counts[id]),
			Buttons: [][]kit.Button{{{Text: catalog.T("zh", mBtnOpenList), Data: d}}}}}})
	}
	if orphans > 0 {
		leads, err := f.rootOfficials(dir)
		if err != nil {
			return nil, err
		}
		for _, id := range leads {
			out = append(out, kit.Result{Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: id,
				Text: catalog.T("zh", mNoInspectorPush, orphans)}}})
		}
	}
	return out, nil
}

// rootOfficials are who is told of tip-offs no inspector can read: the
// root unit's officials and the admins, once each, in order.
func (f *Feature) rootOfficials(dir kit.Directory) ([]int64, error) {
	leads, err := dir.Leads(f.Env.Root)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, p := range leads {
		if p.Role == kit.RoleOfficial {
			ids = append(ids, p.ID)
		}
	}
	for id := range f.Env.Admins {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// inspectorsOf are the inspectors told of a tip-off about unit: those of
// the nearest unit above it that has any (the root's own for the root).
func (f *Feature) inspectorsOf(dir kit.Directory, unit string) ([]int64, error) {
	u := f.Env.Parent(unit)
	if unit == f.Env.Root {
		u = unit
	}
	for ; u != ""; u = f.Env.Parent(u) {
		ms, err := dir.Members(u, false)
		if err != nil {
			return nil, err
		}
		var ids []int64
		for _, p := range ms {
			if p.Role == kit.RoleInspector {
				ids = append(ids, p.ID)
			}
		}
		if len(ids) > 0 {
			return ids, nil
		}
	}
	return nil, nil
}
