package retro

import (
	"strings"
	"unicode/utf8"

	"sibu/flows/kit"
)

// maxLine is the longest title, place or event name, in characters.
const maxLine = 100

// input handles what is typed in a 复盘 conversation, by mode.
func (st step) input() error {
	run := st.run()
	if run == nil {
		st.end("")
		return nil
	}
	switch run.Mode {
	case modeAnswer:
		return st.answerText()
	case modeEdit:
		return st.editText()
	case modeTrack:
		return st.trackText()
	}
	text := strings.TrimSpace(st.In.Text)
	if st.In.Kind != kit.InputText || text == "" {
		st.Send(st.t(mTextOnly))
		return nil
	}
	if utf8.RuneCountInString(text) > maxLine && run.Step != stepDate {
		st.Send(kit.T(st.Lang, kit.MsgTooLong, maxLine))
		return nil
	}
	return st.setupText(text)
}

// callback handles a button of the current prompt, by mode.
func (st step) callback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run == nil {
		return false, nil
	}
	switch run.Mode {
	case modeNew:
		return st.setupButton(cb)
	case modeAnswer:
		return st.answerButton(cb)
	case modeTrack:
		return st.trackButton(cb)
	}
	return false, nil
}

// back goes back one step: a box while answering, a step of the setup.
func (st step) back() error {
	run := st.run()
	if run == nil {
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
		return nil
	}
	if run.Mode == modeAnswer {
		return st.answerBack()
	}
	if run.Mode != modeNew {
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
		return nil
	}
	switch run.Step {
	case stepTitle:
		run.Step = stepEvent
		return st.askEvent()
	case stepDate:
		run.Step = stepTitle
		st.askTitle()
	case stepPlace:
		run.Step = stepDate
		st.askDate()
	case stepPeople:
		run.Step = stepPlace
		st.askPlace()
	case stepConfirm:
		return st.askPeople(run.Page)
	default:
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
	}
	return nil
}

// cancel leaves the conversation: a participant's answers so far are
// parked (resumed by the invitation's button, /retro or /start; they count
// once submitted); a set-up, an edit or a tracked line is abandoned.
func (st step) cancel() {
	if run := st.run(); run != nil && run.Mode == modeAnswer {
		msg := mCancelledAnswer
		if run.parkKey() == "" {
			msg = mLeftEmpty // nothing given yet: nothing to keep
		}
		st.Conclude(st.t(mPausedShort)) // the flow's Leave parks the answers
		st.Send(st.t(msg))
		return
	}
	st.end(kit.T(st.Lang, kit.MsgCancelled))
	st.Send(st.t(mCancelled))
}
