package tipoff

import (
	"slices"
	"strings"
	"unicode/utf8"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// listSize is how many tip-offs an inspector's list shows.
const listSize = 20

// inspectorList is /tipoff for an inspector: the tip-offs they may read,
// newest first, a button each, then the reporter's buttons.
func (st step) inspectorList() error {
	rd, _ := st.reader()
	all, err := rd.Tipoffs()
	if err != nil {
		return err
	}
	var rows [][]kit.Button
	open := 0
	for _, t := range all {
		if !access.Allows(st.Step, access.Inspect, access.Object{Unit: t.Unit}) {
			continue
		}
		if t.Status != StatusClosed {
			open++
		}
		if len(rows) < listSize {
			label := st.t(mBtnListItem, st.kindName(t.Kind), st.UnitName(t.Unit), t.Day[5:], st.statusName(t.Status))
			rows = append(rows, []kit.Button{{Text: label, Data: "tf:" + t.ID + ":v"}})
		}
	}
	rows = append(rows, st.menuButtons())
	if len(rows) == 1 {
		st.Send(st.t(mInspectorNone), rows...)
		return nil
	}
	st.Send(st.t(mInspectorList, len(rows)-1, open), rows...)
	return nil
}

// entry handles an inspector's button about one tip-off
// ("tf:<id>:<verb>[:<arg>]"): v (read), an (answer), st (mark), nm (link to
// a nominee).
func (st step) entry(rest string) error {
	parts := strings.SplitN(rest, ":", 3)
	rd, ok := st.reader()
	if len(parts) < 2 || !ok || !st.Known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	if _, known := access.Verb("tf", parts[1]); !known {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	t, found, err := rd.Tipoff(parts[0])
	if err != nil {
		return err
	}
	if !found {
		st.tell(st.t(mGone))
		return nil
	}
	if !access.Check(st.Step, access.Inspect, access.Object{Unit: t.Unit}).Allowed {
		return nil
	}
	if parts[1] == "st" && (len(parts) < 3 || Status(parts[2]) != StatusHandling && Status(parts[2]) != StatusClosed) {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false) // forged: said, not silent
		return nil
	}
	st.Answer("", false)
	switch parts[1] {
	case "v":
		st.view(t)
	case "an":
		st.enter(&Run{Mode: modeAnswer, ID: t.ID})
		st.Next()
		st.Send(st.t(mAskAnswer))
	case "st":
		arg := ""
		if len(parts) == 3 {
			arg = parts[2]
		}
		st.mark(t, Status(arg))
	case "nm":
		return st.askNominee(t)
	}
	return nil
}

// view shows a tip-off to an inspector: what was reported, its files, the
// thread, and what to do.
func (st step) view(t Tipoff) {
	var b strings.Builder
	b.WriteString(st.t(mInspectorView, st.kindName(t.Kind), st.UnitName(t.Unit), t.Day, st.statusName(t.Status), t.Text))
	if t.Nominee != "" {
		b.WriteString("\n" + st.t(mLinkedNote))
	}
	st.thread(&b, t, mFromReporterSeen)
	id := t.ID
	rows := [][]kit.Button{{{Text: st.t(mBtnAnswer), Data: "tf:" + id + ":an"}, {Text: st.t(mBtnLink), Data: "tf:" + id + ":nm"}},
		{{Text: st.statusName(StatusHandling), Data: "tf:" + id + ":st:" + string(StatusHandling)},
			{Text: st.statusName(StatusClosed), Data: "tf:" + id + ":st:" + string(StatusClosed)}}}
	st.Send(b.String(), rows...)
	for _, f := range append(t.Files, notesFiles(t)...) {
		st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, File: &kit.File{Kind: f.Kind, ID: f.ID}})
	}
}

// notesFiles are the files of the reporter's additions.
func notesFiles(t Tipoff) []kit.File {
	var out []kit.File
	for _, n := range t.Thread {
		if n.From == FromReporter {
			out = append(out, n.Files...)
		}
	}
	return out
}

// mark sets a tip-off's state.
func (st step) mark(t Tipoff, s Status) {
	if s != StatusHandling && s != StatusClosed {
		st.tell(kit.T(st.Lang, kit.MsgExpired))
		return
	}
	if t.Status == s {
		st.Send(st.t(mMarked, st.statusName(s)))
		return
	}
	after := t
	after.Status = s
	st.Emit(Marked{Change{Tipoff: after, Prev: t.Rev, By: st.Me.ID}})
	st.Send(st.t(mMarked, st.statusName(s)))
}

// answerText takes an inspector's answer, which the reporter reads with
// the code.
func (st step) answerText() error {
	run := st.run()
	text := strings.TrimSpace(st.In.Text)
	if st.In.Kind != kit.InputText || text == "" || utf8.RuneCountInString(text) > maxText {
		st.Send(st.t(mTextLength, 1, maxText))
		return nil
	}
	rd, _ := st.reader()
	t, found, err := rd.Tipoff(run.ID)
	if err != nil || !found {
		st.end("")
		return err
	}
	if !access.Check(st.Step, access.Inspect, access.Object{Unit: t.Unit}).Allowed {
		st.end("")
		return nil
	}
	after := t
	after.Thread = append(append([]Note(nil), t.Thread...), Note{Day: st.day(), From: FromInspector, Text: text})
	if after.Status == StatusNew {
		after.Status = StatusHandling
	}
	st.Emit(Answered{Change{Tipoff: after, Prev: t.Rev, By: st.Me.ID}})
	st.end(st.t(mAnsweredShort))
	st.Send(st.t(mAnswered))
	return nil
}

// askNominee offers the nominees of the tip-off's unit and below.
func (st step) askNominee(t Tipoff) error {
	if st.f.Nominees == nil {
		st.Send(st.t(mNoNominees))
		return nil
	}
	ns, err := st.f.Nominees.NomineesUnder(st.Step, t.Unit)
	if err != nil {
		return err
	}
	if len(ns) == 0 {
		st.Send(st.t(mNoNominees))
		return nil
	}
	st.enter(&Run{Mode: modeLink, ID: t.ID})
	seq := st.Next()
	var rows [][]kit.Button
	for _, n := range ns {
		rows = append(rows, []kit.Button{{Text: n.Name + "（" + st.UnitName(n.Unit) + "）", Data: kit.Data(seq, "n", n.ID)}})
	}
	st.Send(st.t(mAskNominee), rows...)
	return nil
}

// link ties the tip-off to the chosen nominee.
func (st step) link(cb kit.Callback) (bool, error) {
	run := st.run()
	if cb.Verb != "n" || st.f.Nominees == nil {
		return false, nil
	}
	rd, _ := st.reader()
	t, found, err := rd.Tipoff(run.ID)
	if err != nil || !found {
		return found, err
	}
	if !access.Check(st.Step, access.Inspect, access.Object{Unit: t.Unit}).Allowed {
		return true, nil
	}
	// only a nominee offered (of the tip-off's unit or below): forged data
	// naming another unit's nominee links nothing
	ns, err := st.f.Nominees.NomineesUnder(st.Step, t.Unit)
	if err != nil {
		return true, err
	}
	if !slices.ContainsFunc(ns, func(n Nominee) bool { return n.ID == cb.Arg }) {
		return false, nil
	}
	ok, err := st.f.Nominees.LinkTipoff(st.Step, cb.Arg, t.ID)
	if err != nil || !ok {
		return true, err
	}
	after := t
	after.Nominee = cb.Arg
	if after.Status == StatusNew {
		after.Status = StatusHandling
	}
	st.Emit(Linked{Change{Tipoff: after, Prev: t.Rev, By: st.Me.ID}})
	st.Chose(st.t(mAskNominee), st.t(mLinkedShort))
	st.end(st.t(mLinkedShort))
	return true, nil
}
