package discipline

import (
	"strings"

	"sibu/flows/kit"
)

// input handles what is typed or sent in a discipline conversation.
func (st step) input() error {
	run := st.run()
	if run == nil {
		st.end("")
		return nil
	}
	switch run.Mode {
	case modeDefine:
		return st.defineInput()
	case modeConfirm, modeCheckin:
		return st.confirmInput()
	case modeAdd:
		if st.In.Kind != kit.InputText {
			st.Send(st.t(mTextOnly))
			return nil
		}
		return st.addText(strings.TrimSpace(st.In.Text))
	case modeVet:
		return st.vetInput()
	}
	return nil
}

// callback handles a button of the current prompt, by mode.
func (st step) callback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run == nil {
		return false, nil
	}
	switch run.Mode {
	case modeDefine:
		return st.defineButton(cb)
	case modeConfirm:
		return st.confirmButton(cb)
	case modeAdd:
		return st.addButton(cb)
	case modeVet:
		return st.vetButton(cb)
	}
	return false, nil
}

// back: the discipline conversations are short; /back says so.
func (st step) back() error {
	st.Send(st.t(mNoBack))
	return nil
}

// cancel leaves the conversation, changing nothing.
func (st step) cancel() {
	st.end(kit.T(st.Lang, kit.MsgCancelled))
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mCancelled), RemoveKeyboard: true})
}
