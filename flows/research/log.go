package research

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// fieldsOf are the fields of a record of kind, in the order they are asked.
func fieldsOf(kind string) []string {
	if kind == KindVisit {
		return []string{fieldType, fieldUnit, fieldDate, fieldPlace, fieldPeople, fieldOpinions, fieldFollowUp, fieldEvidence, fieldSummary}
	}
	return []string{fieldType, fieldUnit, fieldDate, fieldPlace, fieldPeople, fieldOpinions, fieldEvidence, fieldSummary}
}

// recentRecords is how many of the person's records /meeting and /visit
// offer to change.
const recentRecords = 5

// logCommand answers /meeting and /visit [unit]: logging starts with the
// meeting's kind or the visit's place; the person's records still within
// the edit window are offered to change.
func (st step) logCommand(kind string) error {
	rec := Record{Kind: kind}
	if arg := strings.TrimSpace(st.In.Args); arg != "" {
		unit, ok := st.Env.FindUnit(arg, st.Me.Unit)
		if !ok {
			st.Send(st.t(mUnknownUnit, arg, st.Env.UnitListUnder(st.Me.Unit)))
			return nil
		}
		rec.Unit = unit
	}
	if !access.Check(st.Step, access.Log, access.Object{Unit: rec.Unit}).Allowed {
		return nil
	}
	edits, err := st.editButtons(kind)
	if err != nil {
		return err
	}
	st.enter(&Run{Mode: modeLog, Field: fieldType, Record: rec})
	st.Send(st.t(mIntro+kit.Msg(kind), st.settings().EditWindow.Hours()/24))
	st.askField(edits...)
	return nil
}

// editButtons are the person's records of kind they may still change.
func (st step) editButtons(kind string) ([][]kit.Button, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	recs, err := r.ResearchRecordsBy(st.Me.ID, 3*recentRecords)
	if err != nil {
		return nil, fmt.Errorf("records of %d: %w", st.Me.ID, err)
	}
	var rows [][]kit.Button
	for _, rec := range recs {
		if rec.Kind != kind || !rec.Editable(st.Now, st.settings().EditWindow) || len(rows) == recentRecords {
			continue
		}
		rows = append(rows, []kit.Button{{Text: st.t(mBtnEditRecord, st.recordLine(rec)), Data: "rr:" + rec.ID + ":ed"}})
	}
	return rows, nil
}

// recordLine names a record in one line: its day, kind and unit.
func (st step) recordLine(rec Record) string {
	return fmt.Sprintf("%s %s · %s", st.dayText(rec.Date), rec.Type, kit.Short(st.UnitName(rec.Unit), 10))
}

// dayText writes a stored day (2006-01-02) as people read it.
func (st step) dayText(day string) string {
	d, err := parseDay(day, st.Env.Location)
	if err != nil {
		return day
	}
	return when.Day(d, st.Now, st.Env.Location, st.Lang)
}

// recordEntry handles "rr:<record>:ed": its author changes a meeting or
// visit within the edit window, from its summary.
func (st step) recordEntry(rest string) error {
	id, verb, _ := strings.Cut(rest, ":")
	if verb != "ed" {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	rec, ok, err := r.ResearchRecord(id)
	if err != nil || !ok {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return err
	}
	if !access.Check(st.Step, access.Log, access.Object{Unit: rec.Unit, Person: rec.By}).Allowed {
		return nil
	}
	if !rec.Editable(st.Now, st.settings().EditWindow) {
		st.Answer(st.t(mTooLate, st.settings().EditWindow.Hours()/24), true)
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeAmend, Field: fieldSummary, Record: rec})
	st.askField()
	return nil
}

// askField asks the run's current field; extra rows go under its buttons.
func (st step) askField(extra ...[]kit.Button) {
	run := st.run()
	rec := &run.Record
	switch run.Field {
	case fieldType:
		st.askType(extra)
	case fieldUnit:
		st.askUnit()
	case fieldDate:
		seq := st.Next()
		st.Send(st.t(mAskDate), []kit.Button{{Text: st.t(mBtnToday), Data: kit.Data(seq, "dt", "0")},
			{Text: st.t(mBtnYesterday), Data: kit.Data(seq, "dt", "1")}, {Text: st.t(mBtnDayBefore), Data: kit.Data(seq, "dt", "2")}})
	case fieldPlace:
		st.Next()
		st.Send(st.t(mAskPlace + kit.Msg(rec.Kind)))
	case fieldPeople:
		st.Next()
		st.Send(st.t(mAskPeople + kit.Msg(rec.Kind)))
	case fieldOpinions:
		st.askOpinions()
	case fieldFollowUp:
		seq := st.Next()
		st.Send(st.t(mAskFollowUp), []kit.Button{{Text: st.t(mBtnFollowUp), Data: kit.Data(seq, "fu", "1")},
			{Text: st.t(mBtnNoFollowUp), Data: kit.Data(seq, "fu", "0")}})
	case fieldEvidence:
		seq := st.Next()
		st.Send(st.t(mAskEvidence+kit.Msg(rec.Kind), len(rec.Evidence)), st.doneRow(seq, len(rec.Evidence) > 0))
	case fieldSummary:
		st.summary()
	}
}

// askType offers the meeting's kinds or the visit's places.
func (st step) askType(extra [][]kit.Button) {
	run := st.run()
	choices := MeetingTypes
	if run.Record.Kind == KindVisit {
		choices = st.settings().Places
	}
	seq := st.Next()
	var buttons []kit.Button
	for i, c := range choices {
		buttons = append(buttons, kit.Button{Text: c, Data: kit.Data(seq, "ty", fmt.Sprint(i))})
	}
	st.Send(st.t(mAskType+kit.Msg(run.Record.Kind)), append(grid(buttons, 3), extra...)...)
}

// maxUnitButtons is how many units the unit question offers as buttons;
// the others are typed by name.
const maxUnitButtons = 12

// askUnit offers the person's unit and the units below it.
func (st step) askUnit() {
	seq := st.Next()
	units := st.Env.SubUnits(st.Me.Unit)
	var buttons []kit.Button
	for i, u := range units[:min(len(units), maxUnitButtons)] {
		buttons = append(buttons, kit.Button{Text: st.UnitName(u), Data: kit.Data(seq, "un", fmt.Sprint(i))})
	}
	st.Send(st.t(mAskUnit), grid(buttons, 2)...)
}

// doneRow is the 完成 (or 跳过, when nothing was given) button of a prompt.
func (st step) doneRow(seq int, some bool) []kit.Button {
	label := st.t(mBtnSkip)
	if some {
		label = st.t(mBtnDone)
	}
	return []kit.Button{{Text: label, Data: kit.Data(seq, "ok")}}
}

// askOpinions asks for the opinions, one message each.
func (st step) askOpinions() {
	run := st.run()
	seq := st.Next()
	n := len(run.Heard)
	if n == 0 {
		st.Send(st.t(mAskOpinions+kit.Msg(run.Record.Kind)), st.doneRow(seq, false))
		return
	}
	st.Send(st.t(mOpinionNoted, n), st.doneRow(seq, true))
}

// advance moves the run past the field just filled: back to the summary
// when it was changed from there, else to the next field (the unit is
// skipped when known, and chosen when the person's subtree has only one).
func (st step) advance() {
	run := st.run()
	if run.Back == fieldSummary {
		run.Field, run.Back = fieldSummary, ""
		st.askField()
		return
	}
	fields := fieldsOf(run.Record.Kind)
	for i, f := range fields {
		if f == run.Field && i+1 < len(fields) {
			run.Field = fields[i+1]
			break
		}
	}
	if run.Field == fieldUnit && run.Record.Unit == "" {
		if units := st.Env.SubUnits(st.Me.Unit); len(units) == 1 {
			run.Record.Unit = units[0]
		}
	}
	if run.Field == fieldUnit && run.Record.Unit != "" {
		run.Field = fieldDate
	}
	st.askField()
}
