package commitment

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// ReportLedger is the OutReport of /ledger: the 台账 as an XLSX workbook of
// the unit named in the output's SurveyID field (and its sub-units).
const ReportLedger = "ledger"

// scopeUnit reads the optional unit of /overdue and /ledger (by id or
// name; my unit when not given), as the access policy lets me read it;
// ok=false when answered already.
func (st step) scopeUnit() (string, bool) {
	unit := st.Me.Unit
	if arg := strings.TrimSpace(st.In.Args); arg != "" {
		u, ok := st.findUnit(arg, st.In.Command)
		if !ok {
			return "", false
		}
		unit = u
	}
	return unit, access.Check(st.Step, access.Ledger, access.Object{Unit: unit}).Allowed
}

// findUnit reads a unit typed after command cmd (by id or name); when none
// matches it says so and offers the units under mine as buttons.
func (st step) findUnit(arg, cmd string, before ...string) (string, bool) {
	if u, ok := st.Env.FindUnit(arg, ""); ok {
		return u, true
	}
	st.Send(st.t(mNoSuchUnit, arg), st.Env.UnitButtons(st.Me.Unit, cmd, strings.Join(before, " "), "")...)
	return "", false
}

// checkUnit checks that the access policy lets me do a on unit, saying so
// when not.
func (st step) checkUnit(a access.Action, unit string) bool {
	return access.Check(st.Step, a, access.Object{Unit: unit}).Allowed
}

// sendWithSubUnits sends text about unit with a button per unit directly
// under it that sends cmd for that unit (the same view, one level down).
func (st step) sendWithSubUnits(text, unit, cmd string) {
	var args, labels []string
	for _, u := range st.Env.Units {
		if u.Parent == unit && u.ID != unit {
			args, labels = append(args, u.ID), append(labels, u.Name)
		}
	}
	rows := kit.CommandButtons(cmd, args, labels, 2)
	if len(rows) > 0 {
		text += "\n\n" + st.t(mSubUnitsHint)
	}
	st.Send(text, rows...)
}

// overdueCommand answers /overdue [unit]: overdue items, oldest first, on
// one screen.
func (st step) overdueCommand() error {
	unit, ok := st.scopeUnit()
	if !ok {
		return nil
	}
	items, err := st.overdueUnder(unit, 0)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.sendWithSubUnits(st.t(mOverdueNone, st.UnitName(unit)), unit, "overdue")
		return nil
	}
	var b strings.Builder
	b.WriteString(st.t(mOverdueHeader, st.UnitName(unit), len(items)))
	const maxLines = 30
	for i, c := range items {
		if i == maxLines {
			b.WriteString("\n" + st.t(mOverdueMore, len(items)-maxLines))
			break
		}
		days := -c.DaysLeft(st.Now, st.Env.Location)
		status := ""
		if c.Status == StatusRectify {
			status = st.t(mRectifyTag)
		}
		fmt.Fprintf(&b, "\n%d. %s · %s%s — %s", i+1, short(st.ownerLabel(c), 12), short(c.Content, 24), status,
			st.t(mOverdueDays, c.Deadline, days))
	}
	hint := mOverdueHint
	if st.Me.Role == kit.RoleMonitor {
		hint = mOverdueHintRead // 履诺监督员 read; they do not urge
	}
	b.WriteString("\n\n" + st.t(hint))
	st.sendWithSubUnits(b.String(), unit, "overdue")
	return nil
}

// ledgerCommand answers /ledger [unit]: counts by status and the 台账 as XLSX.
func (st step) ledgerCommand() error {
	unit, ok := st.scopeUnit()
	if !ok {
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	counts, err := r.CommitmentCounts(st.Env.SubUnits(unit))
	if err != nil {
		return fmt.Errorf("commitment counts: %w", err)
	}
	overdue, err := st.overdueUnder(unit, 0)
	if err != nil {
		return err
	}
	var total int64
	var b strings.Builder
	for _, s := range Statuses {
		total += counts[s]
	}
	b.WriteString(st.t(mLedgerHeader, st.UnitName(unit), total))
	for _, s := range Statuses {
		if counts[s] > 0 {
			fmt.Fprintf(&b, "\n  %s：%d", st.statusName(s), counts[s])
		}
	}
	fmt.Fprintf(&b, "\n  %s：%d", st.t(mOverdueLabel), len(overdue))
	st.sendWithSubUnits(b.String(), unit, "ledger")
	if total > 0 {
		st.Report(ReportLedger, unit)
	}
	return nil
}

// status is the commitments block of /status of the official's units:
// declared and approved, then the approved ones by state, and how many are
// overdue; framed as the engine adds it: "\n<block>\n", or "" without
// commitment reads.
func (st step) status() (string, error) {
	r, ok := st.Dir.(Reader)
	if !ok {
		return "", nil
	}
	scope := access.Scope(st.Me)
	counts, err := r.CommitmentCounts(st.Env.SubUnits(scope))
	if err != nil {
		return "", fmt.Errorf("commitment counts: %w", err)
	}
	var declared int64
	for _, s := range Statuses {
		declared += counts[s]
	}
	if declared == 0 {
		return "\n" + st.t(mStatusNone) + "\n", nil
	}
	approved := counts[StatusActive] + counts[StatusFulfilled] + counts[StatusGraded] + counts[StatusRectify] + counts[StatusClosed]
	overdue, err := st.overdueUnder(scope, 0)
	if err != nil {
		return "", err
	}
	// Each state by its name: an item counts as done only when reported
	// done (待评 or 已评议); 销号 is told apart, whatever led to it.
	return "\n" + st.t(mStatusLine, declared, counts[StatusReview], counts[StatusReturned], approved,
		counts[StatusActive], counts[StatusRectify], counts[StatusFulfilled], counts[StatusGraded],
		counts[StatusClosed], len(overdue)) + "\n", nil
}

// LedgerRow is one item of the 台账 export with its history.
type LedgerRow struct {
	Item    Item
	Unit    string // unit name
	Overdue bool
	Log     []Entry
}

// StatusName is the Chinese name of a status (for reports).
func StatusName(s Status) string { return catalog.T("zh", kit.Msg("pr_st_"+string(s))) }

// WhatName is the Chinese name of a history entry kind (for reports).
func WhatName(what string) string {
	if s := catalog.T("zh", kit.Msg("pr_what_"+what)); s != "pr_what_"+what {
		return s
	}
	return what
}

// OwnerLabel names who committed c, in Chinese (for reports).
func (f *Feature) OwnerLabel(c Item) string {
	return f.step(&kit.Step{Env: f.Env, Lang: "zh"}).ownerLabel(c)
}
