package tipoff

import "sibu/flows/kit"

// input handles what is typed in a tip-off conversation, by mode.
func (st step) input() error {
	run := st.run()
	if run == nil {
		st.end("")
		return nil
	}
	switch run.Mode {
	case modeNew:
		return st.newText()
	case modeFind:
		return st.findText()
	case modeAnswer:
		return st.answerText()
	}
	st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	return nil
}

// callback handles a button of the current prompt, by mode.
func (st step) callback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run == nil {
		return false, nil
	}
	switch run.Mode {
	case modeNew:
		return st.newButton(cb)
	case modeFind:
		return st.findButton(cb)
	case modeLink:
		return st.link(cb)
	}
	return false, nil
}

// back goes back one step while writing a tip-off.
func (st step) back() error {
	run := st.run()
	if run == nil || run.Mode != modeNew {
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
		return nil
	}
	switch run.Step {
	case stepUnit:
		run.Step = stepKind
		st.askKind()
	case stepText:
		run.Step = stepUnit
		st.askUnit()
	case stepFiles:
		run.Step, run.Files = stepText, nil
		st.Send(st.t(mAskText))
	case stepConfirm:
		run.Step = stepFiles
		st.askFiles()
	default:
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
	}
	return nil
}

// cancel leaves the conversation; a draft is dropped, nothing is sent.
func (st step) cancel() {
	st.end(kit.T(st.Lang, kit.MsgCancelled))
	st.Send(st.t(mCancelled))
}
