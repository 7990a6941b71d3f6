package commitment

import (
	"fmt"

	"sibu/flows/kit"
)

// PeriodFigures measures the public commitments of unit and the units
// below it in the current period (the year), target against actual, in
// Chinese (the language of the 复盘 document): who was to declare and who
// did, the items made public and how many are done (销号 among them), in
// 限期整改, overdue, waiting for review. It is what a 复盘 of the
// commitment period opens 实际与期望差异 with (retro.Commitments).
func (f *Feature) PeriodFigures(s *kit.Step, unit string) (period, figures string, err error) {
	st := f.step(s)
	period = st.period()
	r, err := st.reader()
	if err != nil {
		return period, "", err
	}
	people, err := st.Dir.Members(unit, true)
	if err != nil {
		return period, "", fmt.Errorf("members of %s: %w", unit, err)
	}
	due := 0
	for _, p := range people {
		if p.Role != kit.RoleMonitor && p.Role != kit.RoleInspector {
			due++
		}
	}
	today := st.Today().Format("2006-01-02")
	declarers := map[int64]bool{}
	var n struct{ items, public, done, closed, rectify, overdue, review int }
	for _, u := range st.Env.SubUnits(unit) {
		items, err := r.UnitCommitments(u)
		if err != nil {
			return period, "", fmt.Errorf("commitments of %s: %w", u, err)
		}
		for _, c := range items {
			if c.Period != period || c.Status == StatusReturned {
				continue
			}
			n.items++
			if c.Owner != 0 && c.Direction == DirPerson {
				declarers[c.Owner] = true
			}
			switch c.Status {
			case StatusReview:
				n.review++
				continue
			case StatusFulfilled, StatusGraded:
				n.done++
			case StatusClosed:
				n.done++
				n.closed++
			case StatusRectify:
				n.rectify++
			}
			n.public++
			if c.active() && c.Deadline != "" && c.Deadline < today {
				n.overdue++
			}
		}
	}
	figures = catalog.T("zh", mPeriodFigures, period, st.UnitName(unit), due, len(declarers),
		kit.Percent(int64(len(declarers)), int64(due)), n.items, n.public, n.done, kit.Percent(int64(n.done), int64(n.public)), n.closed,
		n.rectify, n.overdue, n.review)
	return period, figures, nil
}
