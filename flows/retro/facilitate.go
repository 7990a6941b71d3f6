package retro

import (
	"fmt"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// entry handles the buttons about one 复盘 ("rt:<id>:<verb>[:<arg>]"):
// a participant's go and doc, the facilitator's st (status), ur (remind),
// mg (merged text), ed (edit a box), cl and cf (close), tr and tl (tracked
// items).
func (st step) entry(rest string) error {
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 2 {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	id, verb, arg := parts[0], parts[1], ""
	if len(parts) == 3 {
		arg = parts[2]
	}
	a, known := access.Verb("rt", verb)
	if !known || !st.Known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	r, cs, ok, err := st.load(id)
	if err != nil || !ok {
		return err
	}
	if a == access.Contribute {
		if verb == "doc" {
			return st.document(r)
		}
		return st.start(r, cs)
	}
	if !access.Check(st.Step, access.Facilitate, access.Object{Unit: r.Unit}).Allowed {
		return nil
	}
	st.Answer("", false)
	return st.facilitate(r, cs, verb, arg)
}

// facilitate runs a facilitator's verb on r.
func (st step) facilitate(r Retro, cs []Contribution, verb, arg string) error {
	if r.Status == StatusClosed && (verb == "ur" || verb == "ed" || verb == "cl" || verb == "cf") {
		st.Send(st.t(mAlreadyClosed), st.statusButtons(r, cs)...)
		return nil
	}
	switch verb {
	case "st":
		st.Send(st.status(r, cs), st.statusButtons(r, cs)...)
	case "ur":
		st.urge(r, cs)
	case "mg":
		st.Send(st.merged(r, cs), st.mergeButtons(r)...)
	case "ed":
		return st.startEdit(r, arg)
	case "cl":
		st.Send(st.t(mAskClose, r.Title, len(cs), len(r.People)), []kit.Button{
			{Text: st.t(mBtnCloseYes), Data: entryData(r.ID, "cf")}, {Text: st.t(mBtnBack), Data: entryData(r.ID, "st")}})
	case "cf":
		st.close(r, cs)
	case "tr":
		st.trackList(r, cs)
	case "tl":
		return st.startTrack(r, cs, arg)
	}
	return nil
}

// status is the facilitator's card: the header and who has contributed.
func (st step) status(r Retro, cs []Contribution) string {
	var b strings.Builder
	b.WriteString(st.card(r))
	fmt.Fprintf(&b, "\n\n%s", st.t(mContributed, len(cs), len(r.People), st.statusLabel(r)))
	for _, p := range r.People {
		mark := "⏳"
		if contributed(cs, p.ID) {
			mark = "✅"
		}
		fmt.Fprintf(&b, "\n%s %s", mark, p.Name)
	}
	return b.String()
}

// statusButtons are what a facilitator does next with r.
func (st step) statusButtons(r Retro, cs []Contribution) [][]kit.Button {
	b := func(msg kit.Msg, verb string, args ...any) kit.Button {
		return kit.Button{Text: st.t(msg, args...), Data: entryData(r.ID, verb)}
	}
	if r.Status == StatusClosed {
		return [][]kit.Button{{b(mBtnDocument, "doc"), b(mBtnTrack, "tr")}}
	}
	rows := [][]kit.Button{{b(mBtnAnswer, "go")}}
	if !r.Participant(st.Me.ID) || contributed(cs, st.Me.ID) {
		rows = nil
	}
	if waiting := st.waiting(r, cs); len(waiting) > 0 && cs != nil && r.Urged != st.Today().Format("2006-01-02") {
		rows = append(rows, []kit.Button{b(mBtnUrge, "ur", len(waiting))})
	}
	return append(rows, []kit.Button{b(mBtnMerge, "mg"), b(mBtnTrack, "tr")}, []kit.Button{b(mBtnClose, "cl")})
}

// urge reminds the participants who have not contributed, once a day at
// most (the attention budget: never the same push twice a day).
func (st step) urge(r Retro, cs []Contribution) {
	today := st.Today().Format("2006-01-02")
	if r.Urged == today {
		st.Send(st.t(mUrgedToday))
		return
	}
	who := st.waiting(r, cs)
	for _, id := range who {
		st.Push(id, catalog.T("zh", mUrged, r.ByName, r.Title),
			[]kit.Button{{Text: catalog.T("zh", mBtnAnswer), Data: entryData(r.ID, "go")}})
	}
	if len(who) > 0 {
		after := r
		after.Urged = today
		st.Emit(Urged{Change: Change{Retro: after, Prev: r.Rev, By: st.Me.ID}, People: who})
	}
	st.Send(st.t(mUrgedOK, len(who)))
}

// waiting are the participants a reminder goes to: those who have not
// given their answers, the facilitator aside.
func (st step) waiting(r Retro, cs []Contribution) []int64 {
	var out []int64
	for _, p := range r.People {
		if !contributed(cs, p.ID) && p.ID != st.Me.ID {
			out = append(out, p.ID)
		}
	}
	return out
}

// merged is the 复盘's text box by box, as the document will have it.
func (st step) merged(r Retro, cs []Contribution) string {
	var b strings.Builder
	b.WriteString(st.t(mMergedHeader, r.Title, len(cs), len(r.People)))
	for _, s := range Stages {
		b.WriteString("\n\n" + s.Title)
		for _, f := range s.Fields {
			t := r.Text(f, cs)
			if t == "" {
				t = st.t(mEmptyBox)
			}
			mark := ""
			if _, ok := r.Merged[f]; ok {
				mark = st.t(mEditedMark)
			}
			b.WriteString("\n【" + Labels[f] + "】" + mark + "\n" + t)
		}
	}
	return b.String()
}

// mergeButtons edit each box, three to a row, then close.
func (st step) mergeButtons(r Retro) [][]kit.Button {
	var rows [][]kit.Button
	var row []kit.Button
	for i, f := range Fields() {
		row = append(row, kit.Button{Text: "✏️ " + Labels[f], Data: entryData(r.ID, "ed", strconv.Itoa(i))})
		if len(row) == 2 { // three a row cut the box names to 目的或… on a phone
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return append(rows, []kit.Button{{Text: st.t(mBtnClose), Data: entryData(r.ID, "cl")}})
}

// startEdit asks for a box's new merged text.
func (st step) startEdit(r Retro, arg string) error {
	i, err := strconv.Atoi(arg)
	if err != nil || i < 0 || i >= len(Fields()) {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	f := Fields()[i]
	cs, err := st.contributions(r.ID)
	if err != nil {
		return err
	}
	st.enter(&Run{Mode: modeEdit, Retro: r.ID, Field: f})
	st.Next()
	now := r.Text(f, cs)
	if now == "" {
		now = st.t(mEmptyBox)
	}
	st.Send(st.t(mAskEdit, Labels[f], now))
	return nil
}

// contributions reads a 复盘's contributions.
func (st step) contributions(id string) ([]Contribution, error) {
	rd, _ := st.reader()
	return rd.RetroContributions(id)
}

// editText takes a box's new merged text.
func (st step) editText() error {
	run := st.run()
	text := strings.TrimSpace(st.In.Text)
	if st.In.Kind != kit.InputText || text == "" {
		st.Send(st.t(mTextOnly))
		return nil
	}
	if utf8Len(text) > 4*maxAnswer {
		st.Send(kit.T(st.Lang, kit.MsgTooLong, 4*maxAnswer))
		return nil
	}
	r, cs, ok, err := st.load(run.Retro)
	if err != nil || !ok {
		return err
	}
	if r.Status == StatusClosed {
		st.end(st.t(mAlreadyClosed))
		st.Send(st.t(mAlreadyClosed))
		return nil
	}
	after := r
	after.Merged = map[Field]string{}
	for k, v := range r.Merged {
		after.Merged[k] = v
	}
	after.Merged[run.Field] = text
	st.Emit(Edited{Change: Change{Retro: after, Prev: r.Rev, By: st.Me.ID}, Field: run.Field})
	st.end(st.t(mEditedOutcome))
	st.Send(st.t(mEdited, Labels[run.Field])+"\n\n"+st.merged(after, cs), st.mergeButtons(after)...)
	return nil
}

// close closes the 复盘: its document is final, sent to the facilitator
// and offered to every participant.
func (st step) close(r Retro, cs []Contribution) {
	after := r
	after.Status, after.Closed = StatusClosed, st.Now
	doc := map[Field]string{}
	for _, f := range Fields() {
		doc[f] = r.Text(f, cs)
	}
	var who []int64
	for _, c := range cs {
		who = append(who, c.Person)
	}
	st.Emit(Closed{Change: Change{Retro: after, Prev: r.Rev, By: st.Me.ID}, Document: doc, Contributors: who})
	for _, p := range r.People {
		if p.ID != st.Me.ID {
			st.Push(p.ID, catalog.T("zh", mClosedPush, r.Title),
				[]kit.Button{{Text: catalog.T("zh", mBtnDocument), Data: entryData(r.ID, "doc")}})
		}
	}
	st.Send(st.t(mClosed, r.Title, len(r.People)-btoi(r.Participant(st.Me.ID))))
	st.Report(ReportDOCX, r.ID)
	if len(r.Lines(cs)) > 0 && st.f.Tracker != nil {
		st.Send(st.t(mOfferTrack), []kit.Button{{Text: st.t(mBtnTrack), Data: entryData(r.ID, "tr")}})
	}
}

// document sends the 复盘's DOCX to a participant (or its facilitator),
// once it is closed; the facilitator may read a draft before.
func (st step) document(r Retro) error {
	invited := r.Participant(st.Me.ID) || r.By == st.Me.ID
	if !access.Check(st.Step, access.Contribute, access.Object{Invited: invited}).Allowed {
		return nil
	}
	if r.Status != StatusClosed && r.By != st.Me.ID {
		st.tell(st.t(mNotClosedYet))
		return nil
	}
	st.Answer("", false)
	st.Report(ReportDOCX, r.ID)
	return nil
}

// btoi is 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// utf8Len counts the characters of s.
func utf8Len(s string) int { return len([]rune(s)) }
