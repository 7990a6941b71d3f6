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
	for _, t := range ts {
		ids, err := f.inspectorsOf(dir, t.Unit)
		if err != nil {
			return nil, err
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
	return out, nil
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
