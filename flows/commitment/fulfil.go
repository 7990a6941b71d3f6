package commitment

import (
	"fmt"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// pick answers /progress, /done and /extend: with one item it starts at
// once, with several it lists them with a button each.
func (st step) pick(mode string) error {
	items, err := st.myItems(StatusActive, StatusRectify)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.Send(st.t(mNoActive))
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
	var rows [][]kit.Button
	for i, c := range items {
		if i == 20 {
			break
		}
		rows = append(rows, []kit.Button{itemButton(fmt.Sprintf("%d. %s（%s）", i+1, short(c.Content, 16), c.Deadline), c.ID, verb)})
	}
	st.Send(st.t(mPickItem), rows...)
	return nil
}

// actionable checks that me may act as the owner of c now.
func (st step) actionable(c Item) bool {
	if !st.check(access.Keep, c) {
		return false
	}
	if !c.active() {
		st.Answer(st.t(mNotActive, st.statusName(c.Status)), true)
		return false
	}
	return true
}

// startable is actionable, saying why not in the chat too when the item
// was picked by a command rather than a button.
func (st step) startable(c Item) bool {
	if st.actionable(c) {
		return true
	}
	if st.In.Kind != kit.InputCallback {
		st.Send(st.t(mNotActive, st.statusName(c.Status)))
	}
	return false
}

// startEvidence begins a 履诺记实 entry (/progress) or the 已完成 report (/done).
func (st step) startEvidence(c Item, mode string) error {
	if !st.startable(c) {
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: mode, Item: c.ID, Field: "text"})
	seq := st.Next()
	key := mAskProgress
	if mode == modeDone {
		key = mAskDone
	}
	st.Send(st.t(key, short(c.Content, 40), st.dateText(c.Deadline)), st.cancelRow(seq))
	return nil
}

// evidenceInput collects the text, photos and files of an entry.
func (st step) evidenceInput() error {
	run := st.run()
	switch {
	case st.In.Kind == kit.InputText:
		t := strings.TrimSpace(st.In.Text)
		if t == "" || len([]rune(run.Text+t)) > maxNote {
			st.Send(st.t(mTextLength, maxNote))
			return nil
		}
		run.addText(t)
	case st.In.Kind == kit.InputOther && st.In.FileID != "":
		kind := st.In.Other // shown again with the method of its kind: Telegram refuses a voice's file_id in sendDocument
		switch kind {
		case "photo", "voice", "audio", "video":
		default:
			kind = "document"
		}
		run.File = &kit.File{Kind: kind, ID: st.In.FileID}
		if c := strings.TrimSpace(st.In.Caption); c != "" {
			run.addText(c)
		}
	default:
		st.Send(st.t(mEvidenceKinds))
		return nil
	}
	run.Field = "more"
	st.evidenceSummary()
	return nil
}

// addText adds a line to the text collected so far.
func (r *Run) addText(t string) {
	if r.Text != "" {
		r.Text += "\n"
	}
	r.Text += t
}

func (st step) evidenceSummary() {
	run := st.run()
	seq := st.Next()
	text := st.t(mEvidenceGot, run.Text)
	if run.File != nil {
		text += "\n" + st.t(mEvidenceFile)
	}
	var rows [][]kit.Button
	if run.Mode == modeProgress {
		text += "\n\n" + st.t(mAskPercent)
		rows = append(rows, []kit.Button{{Text: "25%", Data: kit.Data(seq, "pc", "25")}, {Text: "50%", Data: kit.Data(seq, "pc", "50")},
			{Text: "75%", Data: kit.Data(seq, "pc", "75")}}, []kit.Button{{Text: st.t(mBtnNoPercent), Data: kit.Data(seq, "pc", "0")}})
	} else {
		text += "\n\n" + st.t(mConfirmDone)
		rows = append(rows, []kit.Button{{Text: st.t(mBtnConfirmDone), Data: kit.Data(seq, "ok")}})
	}
	rows = append(rows, st.cancelRow(seq))
	st.Send(text, rows...)
}

// evidenceCallback saves the entry: progress with its percentage, or done.
func (st step) evidenceCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run.Field != "more" {
		return false, nil
	}
	c, ok, err := st.item(run.Item)
	if err != nil {
		return true, err
	}
	if !ok || !c.active() || !st.may(access.Keep, c) {
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return true, nil
	}
	e := st.entry("progress", run.Text)
	e.File = run.File
	switch {
	case cb.Verb == "pc" && run.Mode == modeProgress:
		pc, err := strconv.Atoi(cb.Arg)
		if err != nil || pc < 0 || pc > 100 {
			return false, nil
		}
		st.saveProgress(c, e, pc)
		return true, nil
	case cb.Verb == "ok" && run.Mode == modeDone:
		return true, st.saveDone(c, e)
	}
	return false, nil
}

// saveProgress records a 履诺记实 entry, with pc (0: none given).
func (st step) saveProgress(c Item, e Entry, pc int) {
	prev := c.Rev
	c.Updated = st.Now
	if pc > 0 {
		c.Percent, e.Percent = pc, pc
	}
	st.Emit(Progress{Change{Item: c, Prev: prev, From: c.Status, Entry: e}})
	st.leave(st.t(mProgressSaved, short(c.Content, 40)))
	st.editOrSend(st.t(mProgressSaved, short(c.Content, 40)))
}

// saveDone marks c fulfilled and tells the reviewers, with the evidence.
func (st step) saveDone(c Item, e Entry) error {
	run := st.run()
	prev, from := c.Rev, c.Status
	c.Updated = st.Now
	c.Status, c.Percent = StatusFulfilled, 100
	e.What, e.Percent = "fulfilled", 100
	st.Emit(Fulfilled{Change{Item: c, Prev: prev, From: from, Entry: e}})
	sup, err := st.f.supervisorsOf(st.Dir, st.f.reviewUnit(c, 1), st.Me.ID)
	if err != nil {
		return err
	}
	for _, p := range sup {
		st.Push(p.ID, catalog.T("zh", mDoneSupervisor, st.ownerLabel(c), short(c.Content, 40), run.Text))
		if run.File != nil {
			st.Out(kit.Output{Kind: kit.OutPush, ChatID: p.ID, File: run.File,
				Text: catalog.T("zh", mEvidenceCaption, short(c.Content, 40))})
		}
	}
	st.leave(st.t(mDoneSaved, short(c.Content, 40)))
	st.editOrSend(st.t(mDoneSaved, short(c.Content, 40)))
	return nil
}
