package join

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// RosterFlow is the name of the conversation that waits for a roster file.
const RosterFlow kit.FlowName = "roster"

// Reports of rosters (kit.OutReport's Report; its SurveyID names what).
const (
	// ReportImport is an import's rejected rows (with the reason) and the
	// people missing from its file; SurveyID is the import's id.
	ReportImport = "roster_import"
	// ReportRoster is the roster of a unit and the units below it, with
	// who joined; SurveyID is the unit.
	ReportRoster = "roster_table"
)

// RosterNoPhone: a roster file without a phone column.
const RosterNoPhone talk.RosterProblem = "no_phone"

// Paging of the names not joined yet.
const (
	waitingPage  = 10
	overviewMost = 20 // unit buttons on the overview
	reportLines  = 10 // rejected rows and missing names in the report message
)

// WantsRoster reports whether the chat of session s waits for a roster
// file, so the transport should read a document it receives into a
// RosterUpload. s is the engine's *flows.Session.
func WantsRoster(s kit.Session) bool { return s.CoreState().Flow == RosterFlow }

// rosterCmd answers /roster: the overview of the person's units, "导入"
// (import) to send a file, or a unit's names not joined yet.
func (st step) rosterCmd() error {
	arg := strings.TrimSpace(st.In.Args)
	switch strings.ToLower(arg) {
	case "":
		return st.overview(st.Me.Unit)
	case "导入", "上传", "import":
		return st.rosterAsk()
	}
	unit, ok := unitByName(st.Env, arg)
	if !ok {
		unit, ok = st.Env.FindUnit(arg, st.Me.Unit)
	}
	if !ok {
		st.Send(st.t(mRosterBadArg, arg))
		return nil
	}
	return st.waitingPage(unit, 0, false)
}

// overview shows the roster figures of scope and the units below it, a
// button per unit with people not joined, and the import and table
// buttons.
func (st step) overview(scope string) error {
	r, ok := st.reader()
	if !ok || !access.Check(st.Step, access.People, access.Object{Unit: scope}).Allowed {
		return nil
	}
	units := st.Env.SubUnits(scope)
	counts, err := r.RosterCounts(units)
	if err != nil {
		return fmt.Errorf("roster counts: %w", err)
	}
	var total RosterCount
	var lines, ids, labels []string
	for _, u := range units {
		c := counts[u]
		if c.Expected == 0 && c.Requests == 0 {
			continue
		}
		total.Expected, total.Waiting, total.Requests = total.Expected+c.Expected, total.Waiting+c.Waiting, total.Requests+c.Requests
		lines = append(lines, st.t(mOverviewUnit, st.UnitName(u), c.Expected, c.Joined(), c.Waiting, c.Requests))
		if c.Waiting > 0 && len(ids) < overviewMost {
			ids, labels = append(ids, u), append(labels, st.t(mBtnUnitWaiting, kit.Short(st.UnitName(u), 12), c.Waiting))
		}
	}
	imp, _ := kit.CommandData("roster", "导入")
	tail := []kit.Button{{Text: st.t(mBtnImport), Data: imp}}
	if len(lines) == 0 {
		st.Send(st.t(mOverviewHead, st.UnitName(scope))+"\n\n"+st.t(mOverviewNone), tail)
		return nil
	}
	tail = append(tail, kit.Button{Text: st.t(mBtnWaitingXLSX), Data: "rs:" + scope + ":x"})
	var b strings.Builder
	b.WriteString(st.t(mOverviewHead, st.UnitName(scope)) + "\n")
	b.WriteString(st.t(mOverviewTotal, total.Expected, total.Joined(), total.Waiting, total.Requests) + "\n\n")
	b.WriteString(kit.T(st.Lang, kit.MsgStatsUnits) + "\n" + strings.Join(lines, "\n"))
	if len(ids) > 0 {
		b.WriteString("\n\n" + st.t(mOverviewHint))
	}
	st.Send(b.String(), append(kit.CommandButtons("roster", ids, labels, 2), tail)...)
	return nil
}

// waitingPage shows one page of unit's people not joined yet, with their
// numbers (officials of the unit only); edit replaces the pressed message.
func (st step) waitingPage(unit string, page int, edit bool) error {
	r, ok := st.reader()
	if !ok || !access.Check(st.Step, access.People, access.Object{Unit: unit}).Allowed {
		return nil
	}
	list, total, err := r.Waiting(unit, page*waitingPage, waitingPage)
	if err != nil {
		return fmt.Errorf("roster waiting: %w", err)
	}
	pages := max(1, int((total+waitingPage-1)/waitingPage))
	over, _ := kit.CommandData("roster")
	rows := [][]kit.Button{}
	text := st.t(mWaitingNone, st.UnitName(unit))
	if total > 0 {
		var b strings.Builder
		b.WriteString(st.t(mWaitingHead, st.UnitName(unit), total, page+1, pages))
		for i, e := range list {
			pos := ""
			if e.Position != "" {
				pos = " · " + e.Position
			}
			b.WriteString("\n" + st.t(mWaitingLine, page*waitingPage+i+1, e.Name, st.RoleName(e.Role), pos, talk.PhoneDisplay(e.Phone)))
		}
		text = b.String()
		var nav []kit.Button
		if page > 0 {
			nav = append(nav, kit.Button{Text: kit.T(st.Lang, kit.MsgBtnPrevPage), Data: "rs:" + unit + ":p:" + strconv.Itoa(page-1)})
		}
		if page+1 < pages {
			nav = append(nav, kit.Button{Text: kit.T(st.Lang, kit.MsgBtnNextPage), Data: "rs:" + unit + ":p:" + strconv.Itoa(page+1)})
		}
		if len(nav) > 0 {
			rows = append(rows, nav)
		}
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnWaitingXLSX), Data: "rs:" + unit + ":x"}, {Text: st.t(mBtnOverview), Data: over}})
	if edit && st.In.Kind == kit.InputCallback && st.In.MessageID != 0 {
		st.Answer("", false)
		st.Edit(st.In.MessageID, text, rows...)
		return nil
	}
	st.Send(text, rows...)
	return nil
}

// rosterEntry handles "rs:<unit>:p:<page>" (a page of names, in place) and
// "rs:<unit>:x" (the roster table).
func (st step) rosterEntry(rest string) error {
	parts := strings.Split(rest, ":")
	if len(parts) < 2 || !st.Env.UnitExists(parts[0]) {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	if _, ok := access.Verb("rs", parts[1]); !ok {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	unit := parts[0]
	if parts[1] == "p" {
		page := 0
		if len(parts) > 2 {
			page, _ = strconv.Atoi(parts[2])
		}
		return st.waitingPage(unit, max(0, page), true)
	}
	if !access.Check(st.Step, access.People, access.Object{Unit: unit}).Allowed {
		return nil
	}
	st.Answer(st.t(mPreparing), false)
	st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportRoster, SurveyID: unit})
	return nil
}

// rosterAsk starts an import: the chat waits for the file.
func (st step) rosterAsk() error {
	if _, ok := st.reader(); !ok || !access.Check(st.Step, access.People, access.Object{Unit: st.Me.Unit}).Allowed {
		return nil
	}
	st.Enter(RosterFlow)
	st.Next()
	st.Send(st.t(mRosterAsk, MaxRows))
	return nil
}

// rosterInput takes the file (as the transport read it), checks every row,
// stores the accepted ones and reports in one message, with the rejected
// rows and the missing people as an XLSX.
func (st step) rosterInput() error {
	r, ok := st.reader()
	if !ok || !access.Check(st.Step, access.People, access.Object{Unit: st.Me.Unit}).Allowed {
		st.Leave()
		return nil
	}
	switch {
	case st.In.Kind == kit.InputOther && st.In.Other == "document":
		st.Send(st.t(mRosterUnreadable, st.In.FileName)) // not read by the transport
		return nil
	case st.In.Kind != kit.InputOther || st.In.Other != OtherRoster:
		st.Send(st.t(mRosterNotFile))
		return nil
	}
	var up RosterUpload
	if err := json.Unmarshal([]byte(st.In.Text), &up); err != nil {
		return fmt.Errorf("decode roster upload: %w", err)
	}
	if msg := st.uploadProblem(up); msg != "" {
		st.Send(msg)
		return nil
	}
	im, err := Check(st.Env, st.Me, st.Lang, up.Rows, r, st.Env.NewCode)
	if err != nil {
		return err
	}
	id := st.Env.NewCode()
	for _, ef := range im.Effects(RosterImported{ID: id, File: up.File, By: st.Me.ID, Scope: st.Me.Unit, At: st.Now}, max(1, len(im.Changes))) {
		st.Emit(ef)
	}
	st.Conclude(st.t(mImportedShort))
	st.Next()
	st.Send(st.importReport(up.File, im))
	if len(im.Rejected)+len(im.Missing) > 0 {
		st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportImport, SurveyID: id})
	}
	return nil
}

// uploadProblem is what to say about a file that cannot be used ("" for
// a good one).
func (st step) uploadProblem(up RosterUpload) string {
	switch {
	case up.Problem == talk.RosterOK && len(up.Rows) == 0:
		up.Problem = talk.RosterEmpty
	case up.Problem == talk.RosterOK && len(up.Rows) > MaxRows:
		up.Problem = talk.RosterTooMany
	}
	switch up.Problem {
	case talk.RosterOK:
		return ""
	case talk.RosterBadType:
		return st.t(mRosterBadType, up.File)
	case talk.RosterTooBig:
		return st.t(mRosterTooBig, up.File, talk.RosterMaxBytes>>20)
	case talk.RosterEmpty:
		return st.t(mRosterEmpty, up.File)
	case talk.RosterNoName:
		return st.t(mRosterNoName, up.File)
	case RosterNoPhone:
		return st.t(mRosterNoPhone, up.File)
	case talk.RosterTooMany:
		return st.t(mRosterTooMany, up.File, MaxRows)
	}
	return st.t(mRosterUnreadable, up.File)
}

// importReport is the one message about an import: the figures, the
// rejected rows with their reasons, the people the file no longer lists,
// and what to do next.
func (st step) importReport(file string, im Import) string {
	var b strings.Builder
	b.WriteString(st.t(mImportHead, file, im.Rows, im.Accepted(), im.Added, im.Updated, im.Unchanged, len(im.Rejected)))
	if im.Added+im.Updated == 0 {
		b.WriteString(st.t(mImportNoChange))
	}
	if len(im.Rejected) > 0 {
		b.WriteString("\n\n" + st.t(mImportRejected))
		for i, rj := range im.Rejected {
			if i == reportLines {
				b.WriteString("\n" + st.t(mImportMore, len(im.Rejected)-reportLines))
				break
			}
			name := kit.Short(rj.Name, 10)
			if name != "" {
				name = " " + name
			}
			b.WriteString("\n" + st.t(mImportRejLine, rj.Line, name, rj.Reason))
		}
	}
	if len(im.Missing) > 0 {
		var names []string
		for i, m := range im.Missing {
			if i == reportLines {
				names = append(names, "…")
				break
			}
			names = append(names, fmt.Sprintf("%s（%s）", m.Name, st.UnitName(m.Unit)))
		}
		b.WriteString("\n\n" + st.t(mImportMissing, len(im.Missing), strings.Join(names, "、")))
	}
	b.WriteString("\n\n" + st.t(mImportNext))
	return b.String()
}
