package talk

import (
	"strings"
	"unicode/utf8"

	"sibu/flows/kit"
)

// The outcome of a talk: the interviewer's summary (text, or a voice note
// first) and 已谈.

const maxSummaryLen = 1000

// askSummary starts the interviewer's summary of the talk with en.
func (st step) askSummary(roundID string, en Entry) {
	st.enter(&Run{Round: roundID, Step: stepSummary, User: en.User, Msg: st.In.MessageID})
	seq := st.Next()
	st.Answer("", false)
	st.Send(st.t(mAskSummary, en.Name), []kit.Button{{Text: st.t(mBtnNoSummary), Data: kit.Data(seq, "fin")}})
}

// summaryInput takes the summary, or keeps a voice note.
func (st step) summaryInput() error {
	run := st.run()
	switch {
	case st.In.Kind == kit.InputOther && st.In.Other == "voice" && st.In.FileID != "":
		run.Voice = st.In.FileID
		seq := st.Next()
		st.Send(st.t(mVoiceKept), []kit.Button{{Text: st.t(mBtnFinish), Data: kit.Data(seq, "fin")}})
		return nil
	case st.In.Kind != kit.InputText:
		st.Send(st.t(mAskSummaryAgain))
		return nil
	}
	text := strings.TrimSpace(st.In.Text)
	if n := utf8.RuneCountInString(text); n > maxSummaryLen {
		st.Send(st.t(kit.MsgTooLong, maxSummaryLen))
		return nil
	}
	return st.complete(text)
}

// summaryCallback is 完成 / 已谈，不写摘要.
func (st step) summaryCallback(cb kit.Callback) (bool, error) {
	if cb.Verb != "fin" {
		return false, nil
	}
	st.Answer("", false)
	return true, st.complete("")
}

// complete records 已谈 for the member of the interviewer's conversation.
func (st step) complete(summary string) error {
	run := st.run()
	st.end()
	st.Core().Outcome = st.t(mOutcomeRecorded)
	st.Next()
	rs, en, ok, err := st.ivTalk(run.Round, run.User)
	if !ok || err != nil {
		return err // ivTalk said why
	}
	if en.Reached() {
		st.Send(st.t(mEntryReached, en.Name))
		return nil
	}
	after := en
	after.Status, after.Summary, after.Voice = EntryDone, summary, run.Voice
	after.DoneAt, after.DoneBy = st.Now, st.Me.ID
	switch {
	case en.Makeup:
		after.How = howMakeup
	case en.Mode == ModePhone:
		after.How = ModePhone
	default:
		after.How = ModeFace
	}
	st.Emit(Completed{st.change(en, after)})
	st.DropButtons(run.Msg)
	st.Send(st.t(mDoneOK, en.Name, st.howName(after.How)))
	st.Push(en.User, catalog.T("zh", mMemberThanks, rs.Round.Title))
	return nil
}
