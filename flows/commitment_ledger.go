package flows

import (
	"fmt"
	"strings"
)

// ReportLedger is the OutReport of /ledger: the 台帐 as an XLSX workbook of
// the unit named in the output's SurveyID field (and its sub-units).
const ReportLedger = "ledger"

// scopeUnit reads the optional [unit] argument of /overdue and /ledger:
// it must be mine or below mine. Supervisors, officials and 履诺监督员 may
// read; ok=false when answered already.
func (st *step) scopeUnit() (string, bool) {
	if !st.isSupervisor() && !st.isMonitor() {
		st.send(st.t(mNoPermission))
		return "", false
	}
	unit := strings.TrimSpace(st.in.Args)
	if unit == "" {
		return st.me.Unit, true
	}
	if !st.unitExists(unit) {
		st.send(st.t(mInviteBadUnit, unit, st.unitList()))
		return "", false
	}
	if !st.e.Subtree(st.me.Unit, unit) {
		st.send(st.t(mpNotYourUnit, st.unitName(st.me.Unit)))
		return "", false
	}
	return unit, true
}

// subUnits lists unit and its descendants.
func (e *Engine) subUnits(unit string) []string {
	var out []string
	for _, u := range e.env.Units {
		if e.Subtree(unit, u.ID) {
			out = append(out, u.ID)
		}
	}
	return out
}

// overdueCommand answers /overdue [unit]: overdue items, oldest first, on
// one screen.
func (st *step) overdueCommand() error {
	unit, ok := st.scopeUnit()
	if !ok {
		return nil
	}
	items, err := st.overdueUnder(unit, 0)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.send(st.t(mpOverdueNone, st.unitName(unit)))
		return nil
	}
	var b strings.Builder
	b.WriteString(st.t(mpOverdueHeader, st.unitName(unit), len(items)))
	const maxLines = 30
	for i, c := range items {
		if i == maxLines {
			b.WriteString("\n" + st.t(mpOverdueMore, len(items)-maxLines))
			break
		}
		days := -c.DaysLeft(st.now, st.e.env.Location)
		status := ""
		if c.Status == CommitRectify {
			status = st.t(mpRectifyTag)
		}
		fmt.Fprintf(&b, "\n%d. %s · %s%s — %s", i+1, short(st.ownerLabel(c), 12), short(c.Content, 24), status,
			st.t(mpOverdueDays, c.Deadline, days))
	}
	hint := mpOverdueHint
	if st.isMonitor() {
		hint = mpOverdueHintRead // 履诺监督员 read; they do not urge
	}
	b.WriteString("\n\n" + st.t(hint))
	st.send(b.String())
	return nil
}

// ledgerCommand answers /ledger [unit]: counts by status and the 台帐 as XLSX.
func (st *step) ledgerCommand() error {
	unit, ok := st.scopeUnit()
	if !ok {
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	counts, err := r.CommitmentCounts(st.e.subUnits(unit))
	if err != nil {
		return fmt.Errorf("commitment counts: %w", err)
	}
	overdue, err := st.overdueUnder(unit, 0)
	if err != nil {
		return err
	}
	var total int64
	var b strings.Builder
	for _, s := range CommitmentStatuses {
		total += counts[s]
	}
	b.WriteString(st.t(mpLedgerHeader, st.unitName(unit), total))
	for _, s := range CommitmentStatuses {
		if counts[s] > 0 {
			fmt.Fprintf(&b, "\n  %s：%d", st.statusName(s), counts[s])
		}
	}
	fmt.Fprintf(&b, "\n  %s：%d", st.t(mpOverdueLabel), len(overdue))
	st.send(b.String())
	if total > 0 {
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutReport, ChatID: st.in.ChatID, Report: ReportLedger, SurveyID: unit})
	}
	return nil
}

// promiseStatus is the commitments line of /status (declared / approved /
// fulfilled / overdue / closed) for the whole organisation.
func (st *step) promiseStatus() (string, error) {
	r, ok := st.dir.(PromiseReader)
	if !ok {
		return "", nil
	}
	counts, err := r.CommitmentCounts(st.e.subUnits(st.e.env.Root))
	if err != nil {
		return "", fmt.Errorf("commitment counts: %w", err)
	}
	var declared int64
	for _, s := range CommitmentStatuses {
		declared += counts[s]
	}
	if declared == 0 {
		return st.t(mpStatusNone), nil
	}
	approved := counts[CommitActive] + counts[CommitFulfilled] + counts[CommitGraded] + counts[CommitRectify] + counts[CommitClosed]
	fulfilled := counts[CommitFulfilled] + counts[CommitGraded] + counts[CommitClosed]
	overdue, err := r.DueBefore(st.today())
	if err != nil {
		return "", fmt.Errorf("overdue: %w", err)
	}
	return st.t(mpStatusLine, declared, approved, fulfilled, len(overdue), counts[CommitClosed]), nil
}

// LedgerRow is one item of the 台帐 export with its history.
type LedgerRow struct {
	Item    Commitment
	Unit    string // unit name
	Overdue bool
	Log     []CommitmentEntry
}

// StatusName is the Chinese name of a status (for reports).
func StatusName(s CommitmentStatus) string { return T("zh", msg("pr_st_"+string(s))) }

// WhatName is the Chinese name of a history entry kind (for reports).
func WhatName(what string) string {
	if s := T("zh", msg("pr_what_"+what)); s != "pr_what_"+what {
		return s
	}
	return what
}

// OwnerLabel names who committed, in Chinese (for reports).
func (e *Engine) OwnerLabel(c Commitment) string {
	st := &step{e: e, lang: "zh"}
	return st.ownerLabel(c)
}

// UnitName is the name of a unit id.
func (e *Engine) UnitName(id string) string {
	st := &step{e: e, lang: "zh"}
	return st.unitName(id)
}

// SubUnits lists unit and its descendants.
func (e *Engine) SubUnits(unit string) []string { return e.subUnits(unit) }
