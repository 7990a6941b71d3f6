package research

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// dayLayout is how days are stored.
const dayLayout = "2006-01-02"

// parseDay reads a stored day in loc.
func parseDay(day string, loc *time.Location) (time.Time, error) {
	return time.ParseInLocation(dayLayout, day, loc)
}

// editable are the fields the summary offers to change, by kind.
func editable(kind string) []string {
	fields := []string{fieldType, fieldUnit, fieldDate, fieldPlace, fieldPeople}
	if kind == KindVisit {
		fields = append(fields, fieldFollowUp)
	}
	return append(fields, fieldOpinions, fieldEvidence)
}

// card writes a record as people read it; heard are opinions not yet
// stored (a new record's, or those added while changing one).
func (st step) card(rec Record, heard []string, voices []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n%s", st.t(mCardType+kit.Msg(rec.Kind), rec.Type), st.t(mCardUnit, st.UnitName(rec.Unit)),
		st.t(mCardDate, st.dayText(rec.Date)))
	if rec.Place != "" {
		b.WriteString("\n" + st.t(mCardPlace+kit.Msg(rec.Kind), rec.Place))
	}
	b.WriteString("\n" + st.t(mCardPeople+kit.Msg(rec.Kind), rec.People))
	if rec.Names != "" {
		b.WriteString("（" + rec.Names + "）")
	}
	if rec.Kind == KindVisit {
		b.WriteString("\n" + st.t(mCardFollowUp, st.followUpText(rec.FollowUp)))
	}
	stored := len(rec.Opinions)
	fmt.Fprintf(&b, "\n%s", st.t(mCardOpinions, stored+len(heard)))
	for i, h := range heard {
		if voices[i] != "" {
			h = strings.TrimSpace(st.t(mVoice) + " " + h)
		}
		fmt.Fprintf(&b, "\n  %d. %s", stored+i+1, kit.Short(h, 60))
	}
	b.WriteString("\n" + st.t(mCardEvidence, len(rec.Evidence)))
	return b.String()
}

// summary shows the record with a button per field to change and 提交
// (保存修改 when changing a stored one).
func (st step) summary() {
	run := st.run()
	seq := st.Next()
	var buttons []kit.Button
	for _, f := range editable(run.Record.Kind) {
		buttons = append(buttons, kit.Button{Text: st.t(mBtnEdit + kit.Msg(f)), Data: kit.Data(seq, "ed", f)})
	}
	rows := grid(buttons, 3)
	submit := mBtnSubmit
	if run.Mode == modeAmend {
		submit = mBtnSave
	}
	rows = append(rows, []kit.Button{{Text: st.t(submit), Data: kit.Data(seq, "sub")}})
	head := st.t(mSummary + kit.Msg(run.Record.Kind))
	if run.Mode == modeAmend {
		head = st.t(mSummaryAmend)
	}
	st.Send(head+"\n\n"+st.card(run.Record, run.Heard, run.Voices), rows...)
}

// summaryCallback handles the summary's buttons: change a field, submit.
func (st step) summaryCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run.Field != fieldSummary {
		return false, nil
	}
	switch {
	case cb.Verb == "ed" && slices.Contains(editable(run.Record.Kind), cb.Arg):
		st.Answer("", false)
		run.Field, run.Back = cb.Arg, fieldSummary
		st.askField()
		return true, nil
	case cb.Verb == "sub" && run.Mode == modeAmend:
		return true, st.save()
	case cb.Verb == "sub":
		return true, st.submit()
	}
	return false, nil
}

// heardOpinions turns the run's collected opinions into opinions of rec,
// numbered from n.
func (st step) heardOpinions(rec Record, n int) []Opinion {
	run := st.run()
	source := SourceMeeting
	if rec.Kind == KindVisit {
		source = SourceVisit
	}
	out := make([]Opinion, len(run.Heard))
	for i, h := range run.Heard {
		out[i] = Opinion{ID: "o" + newID(st.Me.ID, st.Now, n+i), Source: source, Ref: rec.ID, Title: rec.Type + " · " + rec.Place,
			Unit: rec.Unit, Date: rec.Date, Text: h, Voice: run.Voices[i], By: st.Me.ID, Rev: 1}
	}
	return out
}

// submit logs the new record with its opinions.
func (st step) submit() error {
	run := st.run()
	rec := run.Record
	if !access.Check(st.Step, access.Log, access.Object{Unit: rec.Unit}).Allowed {
		return nil
	}
	prefix := "m"
	if rec.Kind == KindVisit {
		prefix = "v"
	}
	rec.ID, rec.By, rec.ByName, rec.Created, rec.Updated, rec.Rev = prefix+newID(st.Me.ID, st.Now, 0), st.Me.ID, st.Me.Name, st.Now, st.Now, 1
	ops := st.heardOpinions(rec, 0)
	for _, o := range ops {
		rec.Opinions = append(rec.Opinions, o.ID)
	}
	st.Emit(Logged{Record: rec})
	for _, o := range ops {
		st.Emit(OpinionAdded{Opinion: o})
	}
	done := st.t(mLogged+kit.Msg(rec.Kind), len(ops), st.settings().EditWindow.Hours()/24)
	st.Chose(st.t(mSummary+kit.Msg(rec.Kind))+"\n\n"+st.card(rec, nil, nil), st.t(mOutcomeLogged))
	st.end(st.t(mOutcomeLogged))
	st.Send(done, []kit.Button{{Text: st.t(mBtnEditRecord, st.recordLine(rec)), Data: "rr:" + rec.ID + ":ed"}})
	return nil
}

// save commits the author's changes to a stored record and the opinions
// added meanwhile.
func (st step) save() error {
	run := st.run()
	r, err := st.reader()
	if err != nil {
		return err
	}
	before, ok, err := r.ResearchRecord(run.Record.ID)
	if err != nil || !ok {
		st.end(kit.T(st.Lang, kit.MsgExpired))
		st.Send(kit.T(st.Lang, kit.MsgExpired))
		return err
	}
	if !access.Check(st.Step, access.Log, access.Object{Unit: before.Unit, Person: before.By}).Allowed {
		return nil
	}
	if !before.Editable(st.Now, st.settings().EditWindow) {
		st.end(st.t(mTooLate, st.settings().EditWindow.Hours()/24))
		st.Send(st.t(mTooLate, st.settings().EditWindow.Hours()/24))
		return nil
	}
	after := run.Record
	ops := st.heardOpinions(after, len(before.Opinions))
	after.Opinions = slices.Clone(before.Opinions)
	for _, o := range ops {
		after.Opinions = append(after.Opinions, o.ID)
	}
	after.Rev, after.Updated = before.Rev+1, st.Now
	st.Emit(Amended{Before: before, After: after})
	for _, o := range ops {
		st.Emit(OpinionAdded{Opinion: o})
	}
	st.Chose(st.t(mSummaryAmend)+"\n\n"+st.card(after, nil, nil), st.t(mOutcomeSaved))
	st.end(st.t(mOutcomeSaved))
	st.Send(st.t(mSaved, len(ops)))
	return nil
}
