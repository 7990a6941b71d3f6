package flows

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// promisePick answers /progress, /done and /extend: with one item it starts
// at once, with several it lists them with a button each.
func (st *step) promisePick(mode string) error {
	if st.isMonitor() {
		st.send(st.t(mNoPermission))
		return nil
	}
	items, err := st.myItems(CommitActive, CommitRectify)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.send(st.t(mpNoActive))
		return nil
	}
	verb := map[string]string{modeProgress: "pg", modeDone: "dn", modeExtend: "ex"}[mode]
	if len(items) == 1 {
		c := items[0]
		if mode == modeExtend {
			return st.startExtend(c)
		}
		return st.startEvidence(c, mode)
	}
	var rows [][]Button
	for i, c := range items {
		if i == 20 {
			break
		}
		rows = append(rows, []Button{{Text: fmt.Sprintf("%d. %s（%s）", i+1, short(c.Content, 16), c.Deadline), Data: "pr:" + c.ID + ":" + verb}})
	}
	st.send(st.t(mpPickItem), rows...)
	return nil
}

func (st *step) actionable(c Commitment) bool {
	if !st.mayAct(c) {
		st.answer(st.t(mpNotYours), true)
		return false
	}
	if c.Status != CommitActive && c.Status != CommitRectify {
		st.answer(st.t(mpNotActive, st.statusName(c.Status)), true)
		return false
	}
	return true
}

// startEvidence begins a 履诺记实 entry (/progress) or the 已完成 report (/done).
func (st *step) startEvidence(c Commitment, mode string) error {
	if !st.actionable(c) {
		if st.in.Kind != InputCallback {
			st.send(st.t(mpNotActive, st.statusName(c.Status)))
		}
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: mode, Item: c.ID, Field: "text"})
	seq := st.sess().next()
	key := mpAskProgress
	if mode == modeDone {
		key = mpAskDone
	}
	st.send(st.t(key, short(c.Content, 40), st.dateText(c.Deadline)), []Button{{Text: st.t(mpBtnCancel), Data: data(seq, "x")}})
	return nil
}

func (st *step) evidenceInput() error {
	run := st.run0()
	switch {
	case st.in.Kind == InputText:
		t := strings.TrimSpace(st.in.Text)
		if t == "" || len([]rune(run.Text+t)) > maxNote {
			st.send(st.t(mpTextLength, maxNote))
			return nil
		}
		if run.Text != "" {
			run.Text += "\n"
		}
		run.Text += t
	case st.in.Kind == InputOther && st.in.FileID != "":
		kind := st.in.Other // shown again with the method of its kind: Telegram refuses a voice's file_id in sendDocument
		switch kind {
		case "photo", "voice", "audio", "video":
		default:
			kind = "document"
		}
		run.File = &File{Kind: kind, ID: st.in.FileID}
		if c := strings.TrimSpace(st.in.Caption); c != "" {
			if run.Text != "" {
				run.Text += "\n"
			}
			run.Text += c
		}
	default:
		st.send(st.t(mpEvidenceKinds))
		return nil
	}
	run.Field = "more"
	st.evidenceSummary()
	return nil
}

func (st *step) evidenceSummary() {
	run := st.run0()
	seq := st.sess().next()
	text := st.t(mpEvidenceGot, run.Text)
	if run.File != nil {
		text += "\n" + st.t(mpEvidenceFile)
	}
	var rows [][]Button
	if run.Mode == modeProgress {
		text += "\n\n" + st.t(mpAskPercent)
		rows = append(rows, []Button{{Text: "25%", Data: data(seq, "pc", "25")}, {Text: "50%", Data: data(seq, "pc", "50")},
			{Text: "75%", Data: data(seq, "pc", "75")}}, []Button{{Text: st.t(mpBtnNoPercent), Data: data(seq, "pc", "0")}})
	} else {
		text += "\n\n" + st.t(mpConfirmDone)
		rows = append(rows, []Button{{Text: st.t(mpBtnConfirmDone), Data: data(seq, "ok")}})
	}
	rows = append(rows, []Button{{Text: st.t(mpBtnCancel), Data: data(seq, "x")}})
	st.send(text, rows...)
}

func (st *step) evidenceCallback(cb callback) (bool, error) {
	run := st.run0()
	if run.Field != "more" {
		return false, nil
	}
	c, ok, err := st.item(run.Item)
	if err != nil {
		return true, err
	}
	if !ok || c.Status != CommitActive && c.Status != CommitRectify || !st.mayAct(c) {
		st.leavePromise()
		st.send(st.t(mpAlreadyHandled))
		return true, nil
	}
	prev := c.Rev
	c.Updated = st.now
	e := st.entry("progress", run.Text)
	e.File = run.File
	switch {
	case cb.Verb == "pc" && run.Mode == modeProgress:
		pc, err := strconv.Atoi(cb.Arg)
		if err != nil || pc < 0 || pc > 100 {
			return false, nil
		}
		if pc > 0 {
			c.Percent, e.Percent = pc, pc
		}
		st.effect(CommitmentProgress{CommitmentChange{Item: c, Prev: prev, From: c.Status, Entry: e}})
		st.leavePromise()
		st.editOrSend(st.t(mpProgressSaved, short(c.Content, 40)))
		return true, nil
	case cb.Verb == "ok" && run.Mode == modeDone:
		from := c.Status
		c.Status, c.Percent = CommitFulfilled, 100
		e.What, e.Percent = "fulfilled", 100
		st.effect(CommitmentFulfilled{CommitmentChange{Item: c, Prev: prev, From: from, Entry: e}})
		sup, err := st.e.supervisorsOf(st.dir, st.e.reviewUnit(c, 1), st.me.ID)
		if err != nil {
			return true, err
		}
		for _, p := range sup {
			st.push(p.ID, T("zh", mpDoneSupervisor, st.ownerLabel(c), short(c.Content, 40), run.Text))
			if run.File != nil {
				st.res.Outputs = append(st.res.Outputs, Output{Kind: OutPush, ChatID: p.ID, File: run.File,
					Text: T("zh", mpEvidenceCaption, short(c.Content, 40))})
			}
		}
		st.leavePromise()
		st.editOrSend(st.t(mpDoneSaved, short(c.Content, 40)))
		return true, nil
	}
	return false, nil
}

// urgeCommand answers /urge: the overdue and nearly due items under me,
// each with a 督办 button.
func (st *step) urgeCommand() error {
	if !st.isSupervisor() {
		st.send(st.t(mNoPermission))
		return nil
	}
	items, err := st.overdueUnder(st.me.Unit, 3)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.send(st.t(mpUrgeNone))
		return nil
	}
	var rows [][]Button
	for i, c := range items {
		if i == 20 {
			break
		}
		rows = append(rows, []Button{{Text: fmt.Sprintf("%s · %s（%s）", short(st.ownerLabel(c), 8), short(c.Content, 14), c.Deadline),
			Data: "pr:" + c.ID + ":ur"}})
	}
	st.send(st.t(mpUrgePick), rows...)
	return nil
}

func (st *step) startUrge(c Commitment) error {
	if !st.oversees(c.Unit) || c.Owner == st.me.ID {
		st.answer(st.t(mNoPermission), true)
		return nil
	}
	if c.Status != CommitActive && c.Status != CommitRectify {
		st.answer(st.t(mpNotActive, st.statusName(c.Status)), true)
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: modeUrge, Item: c.ID})
	seq := st.sess().next()
	st.send(st.t(mpAskUrge, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline)),
		[]Button{{Text: st.t(mpBtnCancel), Data: data(seq, "x")}})
	return nil
}

// ownerButtons are the buttons of reminders and 督办 notes to an owner.
func ownerButtons(id string) []Button {
	return []Button{{Text: T("zh", mpBtnProgress), Data: "pr:" + id + ":pg"},
		{Text: T("zh", mpBtnExtend), Data: "pr:" + id + ":ex"},
		{Text: T("zh", mpBtnDone), Data: "pr:" + id + ":dn"}}
}

func (st *step) urgeInput() error {
	run := st.run0()
	t, ok := st.textField(maxNote)
	if !ok {
		return nil
	}
	c, found, err := st.item(run.Item)
	if err != nil {
		return err
	}
	if !found || c.Status != CommitActive && c.Status != CommitRectify {
		st.leavePromise()
		st.send(st.t(mpAlreadyHandled))
		return nil
	}
	prev := c.Rev
	c.Updated = st.now
	st.effect(CommitmentUrged{CommitmentChange{Item: c, Prev: prev, From: c.Status, Entry: st.entry("urged", t)}})
	chats, err := st.e.ownerChats(st.dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		st.push(id, T("zh", mpUrgeOwner, st.me.Name, t, short(c.Content, 40), st.dateText(c.Deadline)), ownerButtons(c.ID))
	}
	st.leavePromise()
	st.send(st.t(mpUrgeSent, st.ownerLabel(c)))
	return nil
}

// startExtend begins 申请延期: a new date, then a reason.
func (st *step) startExtend(c Commitment) error {
	if !st.actionable(c) {
		if st.in.Kind != InputCallback {
			st.send(st.t(mpNotActive, st.statusName(c.Status)))
		}
		return nil
	}
	if c.Ext != nil {
		st.answer(st.t(mpExtPending), true)
		if st.in.Kind != InputCallback {
			st.send(st.t(mpExtPending))
		}
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: modeExtend, Item: c.ID, Field: "date"})
	st.askExtendDate()
	return nil
}

func (st *step) askExtendDate() {
	run := st.run0()
	c, _, _ := st.item(run.Item)
	if run.Mode == modeRectify {
		st.datePrompt(st.t(mpAskRectifyDate, short(c.Content, 40)))
		return
	}
	st.datePrompt(st.t(mpAskExtendDate, short(c.Content, 40), st.dateText(c.Deadline)))
}

func (st *step) extendInput() error {
	run := st.run0()
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
		st.send(st.t(mUseButtons))
	}
	return nil
}

func (st *step) extendCallback(cb callback) (bool, error) {
	run := st.run0()
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
			st.send(st.t(mpExtNotLater, st.dateText(c.Deadline)))
			st.askExtendDate()
			return nil
		}
		run.Text, run.Field = d, "reason"
		st.sess().next()
		st.send(st.t(mpAskExtendReason, st.dateText(d)))
		return nil
	})
}

func (st *step) requestExtension(reason string) error {
	run := st.run0()
	c, ok, err := st.item(run.Item)
	if err != nil {
		return err
	}
	if !ok || c.Ext != nil || c.Status != CommitActive && c.Status != CommitRectify {
		st.leavePromise()
		st.send(st.t(mpAlreadyHandled))
		return nil
	}
	prev := c.Rev
	c.Ext = &Extension{Date: run.Text, Reason: reason, At: st.now}
	c.Updated = st.now
	e := st.entry("extension_requested", reason)
	e.Deadline = run.Text
	st.effect(CommitmentExtensionRequested{CommitmentChange{Item: c, Prev: prev, From: c.Status, Entry: e}})
	sup, err := st.e.supervisorsOf(st.dir, st.e.reviewUnit(c, 1), st.me.ID)
	if err != nil {
		return err
	}
	for _, p := range sup {
		st.push(p.ID, T("zh", mpExtSupervisor, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline), st.dateText(run.Text), reason),
			[]Button{{Text: T("zh", mpBtnExtYes), Data: "pr:" + c.ID + ":xa"}, {Text: T("zh", mpBtnExtNo), Data: "pr:" + c.ID + ":xr"}})
	}
	st.leavePromise()
	st.send(st.t(mpExtSent, st.dateText(run.Text)))
	return nil
}

func (st *step) decideExtension(c Commitment, yes bool) error {
	if !st.oversees(st.e.reviewUnit(c, 1)) && !st.oversees(c.Unit) || c.Owner == st.me.ID {
		st.answer(st.t(mNoPermission), true)
		return nil
	}
	if c.Ext == nil || c.Status != CommitActive && c.Status != CommitRectify {
		st.answer(st.t(mpAlreadyHandled), true)
		return nil
	}
	prev, ext := c.Rev, *c.Ext
	c.Ext, c.Updated = nil, st.now
	chats, err := st.e.ownerChats(st.dir, c)
	if err != nil {
		return err
	}
	if yes {
		old := c.Deadline
		c.Deadline = ext.Date
		e := st.entry("extended", ext.Reason)
		e.Deadline = ext.Date
		st.effect(CommitmentExtended{CommitmentChange{Item: c, Prev: prev, From: c.Status, Entry: e}})
		for _, id := range chats {
			st.push(id, T("zh", mpExtApprovedOwner, short(c.Content, 40), st.dateText(old), st.dateText(ext.Date)))
		}
		st.editOrSend(st.zhCard(c) + "\n\n" + st.t(mpExtApproved, st.dateText(ext.Date)))
		return nil
	}
	st.effect(CommitmentExtensionRejected{CommitmentChange{Item: c, Prev: prev, From: c.Status, Entry: st.entry("extension_rejected", ext.Reason)}})
	for _, id := range chats {
		st.push(id, T("zh", mpExtRejectedOwner, short(c.Content, 40), st.dateText(c.Deadline)), ownerButtons(c.ID))
	}
	st.editOrSend(st.zhCard(c) + "\n\n" + st.t(mpExtRejected))
	return nil
}

// startRectifyDate lets a supervisor set the 整改 deadline of an item
// ordered to rectify.
func (st *step) startRectifyDate(c Commitment) error {
	if !st.oversees(st.e.reviewUnit(c, 1)) && !st.oversees(c.Unit) {
		st.answer(st.t(mNoPermission), true)
		return nil
	}
	if c.Status != CommitRectify {
		st.answer(st.t(mpAlreadyHandled), true)
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: modeRectify, Item: c.ID, Field: "date"})
	st.askExtendDate()
	return nil
}

func (st *step) setRectifyDate(c Commitment, ok bool, d string) error {
	if !ok || c.Status != CommitRectify {
		st.leavePromise()
		st.send(st.t(mpAlreadyHandled))
		return nil
	}
	prev := c.Rev
	c.Deadline, c.Updated = d, st.now
	e := st.entry("rectification_ordered", "")
	e.Deadline = d
	st.effect(CommitmentRectificationOrdered{CommitmentChange{Item: c, Prev: prev, From: c.Status, Entry: e}})
	chats, err := st.e.ownerChats(st.dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		st.push(id, T("zh", mpRectifyOwner, short(c.Content, 40), c.Grade, st.dateText(d)), ownerButtons(c.ID))
	}
	st.leavePromise()
	st.editOrSend(st.t(mpRectifySet, short(c.Content, 40), st.dateText(d)))
	return nil
}

// otherBack is /back in the single-purpose modes.
func (st *step) otherBack() error {
	run := st.run0()
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
		st.send(st.t(mNothingToBack))
	}
	return nil
}

// overdueUnder lists the active and rectifying items of unit's subtree
// due within soon days or overdue, earliest deadline first.
func (st *step) overdueUnder(unit string, soon int) ([]Commitment, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	items, err := r.DueBefore(st.today().AddDate(0, 0, soon))
	if err != nil {
		return nil, fmt.Errorf("due items: %w", err)
	}
	return slices.DeleteFunc(items, func(c Commitment) bool { return !st.e.Subtree(unit, c.Unit) }), nil
}
