package commitment

import (
	"sibu/flows/access"
	"sibu/flows/kit"
)

// editReturned starts editing a returned item (the 修改 button of a return).
func (st step) editReturned(c Item) error {
	if !st.check(access.Keep, c) {
		return nil
	}
	if c.Status != StatusReturned {
		st.handledAlready(c)
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: modeEdit, Item: c.ID, Field: "menu",
		Items: []Draft{{Content: c.Content, Measures: c.Measures, Deadline: c.Deadline, Source: c.Source}}})
	st.askField()
	return nil
}

// editMenu shows the returned item with a button per field, 重新提交 and 取消.
func (st step) editMenu() {
	run := st.run()
	d := run.Items[0]
	seq := st.Next()
	text := st.t(mEditMenu, d.Content, d.Measures, st.dateText(d.Deadline))
	if c, ok, _ := st.item(run.Item); ok && c.Comment != "" {
		text += "\n" + st.t(mReturnComment, c.Comment)
	}
	st.Send(text,
		[]kit.Button{{Text: st.t(mBtnEditContent), Data: kit.Data(seq, "ef", "content")},
			{Text: st.t(mBtnEditMeasures), Data: kit.Data(seq, "ef", "measures")},
			{Text: st.t(mBtnEditDeadline), Data: kit.Data(seq, "ef", "deadline")}},
		[]kit.Button{{Text: st.t(mBtnResubmit), Data: kit.Data(seq, "rs")}, {Text: st.t(mBtnCancel), Data: kit.Data(seq, "x")}})
}

// editBack is /back while editing: the menu.
func (st step) editBack() error {
	run := st.run()
	if run.Field == "menu" {
		st.Send(st.t(kit.MsgNothingToBack))
		return nil
	}
	run.Field = "menu"
	st.askField()
	return nil
}

// resubmit sends the edited item back to review at level 1.
func (st step) resubmit() error {
	run := st.run()
	c, ok, err := st.item(run.Item)
	if err != nil {
		return err
	}
	if !ok || c.Status != StatusReturned {
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return nil
	}
	if !st.check(access.Keep, c) {
		st.leave()
		return nil
	}
	d := run.Items[0]
	prev := c.Rev
	c.Content, c.Measures, c.Deadline = d.Content, d.Measures, d.Deadline
	c.Status, c.Level, c.Comment, c.Updated = StatusReview, 1, "", st.Now
	st.Emit(Declared{Change{Item: c, Prev: prev, From: StatusReturned, Entry: st.entry("resubmitted", "")}})
	if err := st.askReview(c, 0); err != nil {
		return err
	}
	st.leave(st.t(mResubmitted, short(c.Content, 30)))
	st.Edit(st.In.MessageID, st.t(mResubmitted, short(c.Content, 30)))
	st.NoEdit = true
	return nil
}
