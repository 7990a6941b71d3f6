package commitment

import "sibu/flows/kit"

// input handles typed text, photos and documents in every mode.
func (st step) input() error {
	run := st.run()
	if run == nil {
		st.leave()
		return nil
	}
	switch run.Mode {
	case modeDeclare, modeEdit:
		return st.declareInput()
	case modeReturn:
		return st.noteInput(st.returnItem)
	case modeProgress, modeDone:
		return st.evidenceInput()
	case modeUrge:
		return st.noteInput(st.urgeItem)
	case modeExtend, modeRectify:
		return st.extendInput()
	case modeReport:
		return st.reportInput()
	}
	st.Send(st.t(kit.MsgUseButtons))
	return nil
}

// noteInput reads a typed note (a return comment, a 督办 note) and hands it
// to apply with the item the run acts on (found=false when it is gone).
func (st step) noteInput(apply func(note string, c Item, found bool) error) error {
	t, ok := st.textField(maxNote)
	if !ok {
		return nil
	}
	c, found, err := st.item(st.run().Item)
	if err != nil {
		return err
	}
	return apply(t, c, found)
}

// callback routes a prompt button by mode.
func (st step) callback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run == nil {
		return false, nil
	}
	if cb.Verb == "x" { // a prompt's own 取消 button
		st.leave()
		st.Edit(st.In.MessageID, st.t(kit.MsgCancelled))
		st.NoEdit = true
		return true, nil
	}
	switch run.Mode {
	case modeDeclare, modeEdit:
		return st.declareCallback(cb)
	case modeProgress, modeDone:
		return st.evidenceCallback(cb)
	case modeExtend, modeRectify:
		return st.extendCallback(cb)
	case modeReport, modeGrade, modeVote:
		return st.evalCallback(cb)
	case modeClose:
		return st.closeCallback(cb)
	}
	return false, nil // modeUrge, modeReturn: text only
}

// back handles /back in every mode.
func (st step) back() error {
	run := st.run()
	if run == nil {
		st.leave()
		return nil
	}
	switch run.Mode {
	case modeEdit:
		return st.editBack()
	case modeDeclare:
		return st.declareBack()
	}
	return st.otherBack()
}

// otherBack is /back in the single-purpose modes.
func (st step) otherBack() error {
	run := st.run()
	switch {
	case run.Field == "confirm_date":
		run.Field, run.Date = run.Back, ""
		st.askExtendDate()
	case run.Mode == modeExtend && run.Field == "reason":
		run.Field, run.Text = "date", ""
		st.askExtendDate()
	case (run.Mode == modeProgress || run.Mode == modeDone) && run.Field == "more":
		run.Field, run.Text, run.File = "text", "", nil
		c, _, _ := st.item(run.Item)
		st.startEvidence(c, run.Mode)
	default:
		st.Send(st.t(kit.MsgNothingToBack))
	}
	return nil
}
