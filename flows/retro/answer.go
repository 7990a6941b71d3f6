package retro

import (
	"strings"
	"unicode/utf8"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// maxAnswer is the longest answer to one box, in characters.
const maxAnswer = 1000

// start starts (or resumes) a participant's answers to 复盘 id.
func (st step) start(r Retro, cs []Contribution) error {
	if !access.Check(st.Step, access.Contribute, access.Object{Invited: r.Participant(st.Me.ID)}).Allowed {
		return nil
	}
	switch {
	case r.Status == StatusClosed:
		unpark(st.Step, r.ID)
		st.tell(st.t(mAlreadyClosed))
		return nil
	case contributed(cs, st.Me.ID):
		unpark(st.Step, r.ID)
		st.Answer("", false)
		st.Send(st.t(mAlreadyGiven, r.Title) + "\n\n" + st.others(cs, "", Fields()...))
		return nil
	}
	st.Answer("", false)
	if run := st.run(); run != nil && run.Mode == modeAnswer && run.Retro == r.ID && st.Flow() == Flow {
		st.ask(r, "") // resumed where it was
		return nil
	}
	if run := unpark(st.Step, r.ID); run != nil {
		st.enter(run)
		st.Send(st.t(mResumed, r.Title, len(run.Answers), len(Fields())))
		st.ask(r, "")
		return nil
	}
	st.enter(&Run{Mode: modeAnswer, Retro: r.ID, Answers: map[Field]string{}})
	st.Send(st.t(mAnswerIntro, r.Title, len(Fields())))
	st.ask(r, "")
	return nil
}

// hints are what each box asks, in the person's words.
var hints = map[Field]kit.Msg{
	FieldPurpose: mHintPurpose, FieldTarget: mHintTarget, FieldGap: mHintGap, FieldHighlights: mHintHighlights,
	FieldSuccess: mHintSuccess, FieldFailure: mHintFailure, FieldLessons: mHintLessons, FieldImprove: mHintImprove,
	FieldApply: mHintApply,
}

// question is box f's question: the stage, the box, what it asks, and for
// 实际与期望差异 the measured figures.
func (st step) question(r Retro, i int) string {
	f := Fields()[i]
	q := st.t(mQuestion, r.Title, i+1, len(Fields()), Stages[stageOf(f)].Title, Labels[f], st.t(hints[f]))
	if f == FieldGap && r.Figures != "" {
		q += "\n\n" + st.t(mFiguresHint, r.Figures)
	}
	return q
}

// ask asks the current box (or shows the summary after the last), led by
// what the step says first (the others' answers to the box just given).
func (st step) ask(r Retro, lead string) {
	run := st.run()
	if lead != "" {
		lead += "\n\n"
	}
	seq := st.Next()
	if run.Q >= len(Fields()) {
		run.Step = stepSummary
		st.Send(lead+st.summary(r, run.Answers), []kit.Button{{Text: st.t(mBtnSubmit), Data: kit.Data(seq, "sub")}})
		return
	}
	run.Step = ""
	st.Send(lead+st.question(r, run.Q), []kit.Button{{Text: st.t(mBtnSkipBox), Data: kit.Data(seq, "skip")}})
}

// summary is the participant's answers before they submit.
func (st step) summary(r Retro, answers map[Field]string) string {
	var b strings.Builder
	b.WriteString(st.t(mSummary, r.Title))
	for _, s := range Stages {
		b.WriteString("\n\n" + s.Title)
		for _, f := range s.Fields {
			a := answers[f]
			if a == "" {
				a = st.t(mSkipped)
			}
			b.WriteString("\n【" + Labels[f] + "】" + kit.Short(a, 120))
		}
	}
	b.WriteString("\n\n" + st.t(mSummaryHint))
	return b.String()
}

// others is what the others gave for fields (everyone but the person),
// each box headed when there are several.
func (st step) others(cs []Contribution, lead string, fields ...Field) string {
	var b strings.Builder
	b.WriteString(lead)
	for _, f := range fields {
		var lines []string
		for _, c := range cs {
			if a := strings.TrimSpace(c.Answers[f]); a != "" && c.Person != st.Me.ID {
				lines = append(lines, "· "+c.Name+"："+kit.Short(a, 200))
			}
		}
		switch {
		case len(lines) == 0 && len(fields) == 1:
			b.WriteString(st.t(mOthersNone, Labels[f]))
		case len(lines) == 0:
		case len(fields) == 1:
			b.WriteString(st.t(mOthers, Labels[f]) + "\n" + strings.Join(lines, "\n"))
		default:
			b.WriteString("\n【" + Labels[f] + "】\n" + strings.Join(lines, "\n"))
		}
	}
	return strings.TrimSpace(b.String())
}

// answerText takes a typed answer to the current box: kept, and the others'
// answers to it shown before the next box (they are seen only once one's
// own is given).
func (st step) answerText() error {
	run := st.run()
	if run.Step == stepSummary {
		st.Send(st.t(mUseSubmit))
		return nil
	}
	text := strings.TrimSpace(st.In.Text)
	if st.In.Kind != kit.InputText || text == "" {
		st.Send(st.t(mTextOnly))
		return nil
	}
	if n := utf8.RuneCountInString(text); n > maxAnswer {
		st.Send(kit.T(st.Lang, kit.MsgTooLong, maxAnswer))
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
	f := Fields()[run.Q]
	if run.Answers == nil {
		run.Answers = map[Field]string{} // an empty map is not stored
	}
	run.Answers[f] = text
	run.Q++
	st.ask(r, st.t(mNoted)+"\n"+st.others(cs, "", f))
	return nil
}

// answerButton takes 跳过 or 提交.
func (st step) answerButton(cb kit.Callback) (bool, error) {
	run := st.run()
	r, cs, ok, err := st.load(run.Retro)
	if err != nil || !ok {
		return true, err
	}
	switch {
	case cb.Verb == "skip" && run.Step != stepSummary:
		st.Chose(st.question(r, run.Q), st.t(mSkipped))
		delete(run.Answers, Fields()[run.Q])
		run.Q++
		st.ask(r, "")
		return true, nil
	case cb.Verb == "sub" && run.Step == stepSummary:
		return true, st.submit(r, cs)
	}
	return false, nil
}

// submit commits the participant's answers; once everyone named has
// given theirs, the facilitator is told.
func (st step) submit(r Retro, cs []Contribution) error {
	run := st.run()
	if r.Status == StatusClosed {
		st.end(st.t(mAlreadyClosed))
		st.tell(st.t(mAlreadyClosed))
		return nil
	}
	if len(run.Answers) == 0 {
		st.Answer(st.t(mNothingGiven), true)
		return nil
	}
	c := Contribution{Retro: r.ID, Person: st.Me.ID, Name: st.Me.Name, Answers: run.Answers, At: st.Now}
	st.Emit(Contributed{Contribution: c})
	st.Chose(st.summary(r, run.Answers), st.t(mSubmittedShort))
	st.end(st.t(mSubmittedShort))
	st.Send(st.t(mSubmitted, r.Title))
	if len(cs)+1 == len(r.People) && r.By != st.Me.ID {
		st.Push(r.By, catalog.T("zh", mAllGiven, r.Title, len(r.People)),
			[]kit.Button{{Text: catalog.T("zh", mBtnMerge), Data: entryData(r.ID, "mg")}})
	}
	return nil
}

// answerBack goes back one box (from the summary: to the last box).
func (st step) answerBack() error {
	run := st.run()
	if run.Q == 0 {
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
		return nil
	}
	r, _, ok, err := st.load(run.Retro)
	if err != nil || !ok {
		return err
	}
	run.Q--
	st.ask(r, "")
	return nil
}
