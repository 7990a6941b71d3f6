package commitment

import (
	"sibu/flows/access"
	"sibu/flows/kit"
)

// startExtend begins 申请延期: a new date, then a reason.
func (st step) startExtend(c Item) error {
	if !st.startable(c) {
		return nil
	}
	if c.Ext != nil {
		st.Answer(st.t(mExtPending), true)
		if st.In.Kind != kit.InputCallback {
			st.Send(st.t(mExtPending))
		}
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeExtend, Item: c.ID, Field: "date"})
	st.askExtendDate()
	return nil
}

// askExtendDate asks for the new deadline (or the 整改 deadline).
func (st step) askExtendDate() {
	run := st.run()
	c, _, _ := st.item(run.Item)
	if run.Mode == modeRectify {
		st.datePrompt(st.t(mAskRectifyDate, short(c.Content, 40)))
		return
	}
	st.datePrompt(st.t(mAskExtendDate, short(c.Content, 40), st.dateText(c.Deadline)))
}

// extendInput takes a typed date, or the reason of an extension.
func (st step) extendInput() error {
	run := st.run()
	switch run.Field {
	case "date", "confirm_date":
		st.dateInput()
	case "reason":
		t, ok := st.textField(maxNote)
		if !ok {
			return nil
		}
		return st.requestExtension(t)
	default:
		st.Send(st.t(kit.MsgUseButtons))
	}
	return nil
}

// extendCallback handles the date picker of an extension or of a 整改
// deadline.
func (st step) extendCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run.Field != "date" && run.Field != "confirm_date" {
		return false, nil
	}
	return st.dateCallback(cb, st.askExtendDate, func(d string) error {
		c, ok, err := st.item(run.Item)
		if err != nil {
			return err
		}
		if run.Mode == modeRectify {
			return st.setRectifyDate(c, ok, d)
		}
		if ok && d <= c.Deadline {
			run.Field = "date"
			st.Send(st.t(mExtNotLater, st.dateText(c.Deadline)))
			st.askExtendDate()
			return nil
		}
		run.Text, run.Field = d, "reason"
		st.Next()
		st.Send(st.t(mAskExtendReason, st.dateText(d)))
		return nil
	})
}

// requestExtension asks the reviewers to move the deadline to the date
// collected, for reason.
func (st step) requestExtension(reason string) error {
	run := st.run()
	c, ok, err := st.item(run.Item)
	if err != nil {
		return err
	}
	if !ok || c.Ext != nil || !c.active() {
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return nil
	}
	if !st.check(access.Keep, c) {
		st.leave()
		return nil
	}
	prev := c.Rev
	c.Ext = &Extension{Date: run.Text, Reason: reason, At: st.Now}
	c.Updated = st.Now
	e := st.entry("extension_requested", reason)
	e.Deadline = run.Text
	st.Emit(ExtensionRequested{Change{Item: c, Prev: prev, From: c.Status, Entry: e}})
	sup, err := st.f.deciders(st.Dir, access.Deadline, st.object(c))
	if err != nil {
		return err
	}
	for _, p := range sup {
		st.Push(p.ID, catalog.T("zh", mExtSupervisor, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline), st.dateText(run.Text), reason),
			[]kit.Button{itemButton(catalog.T("zh", mBtnExtYes), c.ID, "xa"), itemButton(catalog.T("zh", mBtnExtNo), c.ID, "xr")})
	}
	st.leave(st.t(mExtSent, st.dateText(run.Text)))
	st.Send(st.t(mExtSent, st.dateText(run.Text)))
	return nil
}

// decideExtension approves or refuses c's pending extension.
func (st step) decideExtension(c Item, yes bool) error {
	if !st.check(access.Deadline, c) {
		return nil
	}
	if c.Ext == nil || !c.active() {
		st.handledAlready(c)
		return nil
	}
	prev, ext := c.Rev, *c.Ext
	c.Ext, c.Updated = nil, st.Now
	chats, err := st.f.ownerChats(st.Dir, c)
	if err != nil {
		return err
	}
	if yes {
		old := c.Deadline
		c.Deadline = ext.Date
		e := st.entry("extended", ext.Reason)
		e.Deadline = ext.Date
		st.Emit(Extended{Change{Item: c, Prev: prev, From: c.Status, Entry: e}})
		for _, id := range chats {
			st.PushUrgent(id, catalog.T("zh", mExtApprovedOwner, short(c.Content, 40), st.dateText(old), st.dateText(ext.Date)))
		}
		st.editOrSend(st.zhCard(c) + "\n\n" + st.t(mExtApproved, st.dateText(ext.Date)))
		return nil
	}
	st.Emit(ExtensionRejected{Change{Item: c, Prev: prev, From: c.Status, Entry: st.entry("extension_rejected", ext.Reason)}})
	for _, id := range chats {
		st.PushUrgent(id, catalog.T("zh", mExtRejectedOwner, short(c.Content, 40), st.dateText(c.Deadline)), ownerButtons(c.ID))
	}
	st.editOrSend(st.zhCard(c) + "\n\n" + st.t(mExtRejected))
	return nil
}

// startRectifyDate lets a supervisor set the 整改 deadline of an item
// ordered to rectify.
func (st step) startRectifyDate(c Item) error {
	if !st.check(access.Deadline, c) {
		return nil
	}
	if c.Status != StatusRectify {
		st.handledAlready(c)
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeRectify, Item: c.ID, Field: "date"})
	st.askExtendDate()
	return nil
}

// setRectifyDate sets the 整改 deadline d of c (ok=false: c is gone).
func (st step) setRectifyDate(c Item, ok bool, d string) error {
	if !ok || c.Status != StatusRectify {
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return nil
	}
	if !st.check(access.Deadline, c) {
		st.leave()
		return nil
	}
	prev := c.Rev
	c.Deadline, c.Updated = d, st.Now
	e := st.entry("rectification_ordered", "")
	e.Deadline = d
	st.Emit(RectificationOrdered{Change{Item: c, Prev: prev, From: c.Status, Entry: e}})
	chats, err := st.f.ownerChats(st.Dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		st.Push(id, catalog.T("zh", mRectifyOwner, short(c.Content, 40), c.Grade, st.dateText(d)), ownerButtons(c.ID))
	}
	st.leave(st.t(mRectifySet, short(c.Content, 40), st.dateText(d)))
	st.editOrSend(st.t(mRectifySet, short(c.Content, 40), st.dateText(d)))
	return nil
}
