package talk

import (
	"fmt"
	"strconv"
	"time"

	"sibu/flows/kit"
)

// Booking a phone talk (电话约谈): the number (shared or typed), a free slot
// of the interviewer or a proposed time, and the confirmation.

const (
	slotsPerPage = 8
	minLead      = 30 * time.Minute // a slot or proposal at least this far ahead
)

// startPhone begins booking a phone talk; withPhone skips to the slots.
func (st step) startPhone(rs RoundState, en Entry, withPhone bool) error {
	st.enter(&Run{Round: rs.Round.ID, Step: stepPhone})
	if withPhone {
		st.run().Phone = en.Phone
		return st.showSlots(rs, en)
	}
	st.askPhone(en)
	return nil
}

// askPhone asks for the number, offering the one given before.
func (st step) askPhone(en Entry) {
	st.run().Step = stepPhone
	seq := st.Next()
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mAskPhone),
		Keyboard: [][]kit.KeyButton{{{Text: st.t(mBtnShareContact), RequestContact: true}}}})
	if en.Phone != "" {
		st.Send(st.t(mKeepPhone, PhoneDisplay(en.Phone)),
			[]kit.Button{{Text: st.t(mBtnKeepPhone), Data: kit.Data(seq, "keep")}})
	}
}

// phoneNoted says the number was noted and hides the share button.
func (st step) phoneNoted(phone string) {
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mPhoneNoted, PhoneDisplay(phone)), RemoveKeyboard: true})
}

// freeSlots are the interviewer's offered slots still free and far enough
// ahead, the member's own current one excluded.
func (st step) freeSlots(rs RoundState, en Entry) ([]time.Time, error) {
	tr, _ := st.reader()
	booked, err := tr.TalkBooked(rs.Round.ID, en.Interviewer)
	if err != nil {
		return nil, fmt.Errorf("booked slots: %w", err)
	}
	var out []time.Time
	for _, t := range rs.Round.Slots {
		if t.Before(st.Now.Add(minLead)) {
			continue
		}
		if _, taken := booked[t.Unix()]; taken {
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

// slotFree reports whether slot (unix seconds) is one of the free slots.
func (st step) slotFree(rs RoundState, en Entry, slot int64) (bool, error) {
	free, err := st.freeSlots(rs, en)
	if err != nil {
		return false, err
	}
	for _, t := range free {
		if t.Unix() == slot {
			return true, nil
		}
	}
	return false, nil
}

func (st step) showSlots(rs RoundState, en Entry) error { return st.slotsPrompt(rs, en, false) }

// slotsPrompt shows the free slots as buttons; edit replaces the pressed
// message (paging) instead of sending a new one.
func (st step) slotsPrompt(rs RoundState, en Entry, edit bool) error {
	run := st.run()
	run.Step, run.Other = stepSlot, false
	free, err := st.freeSlots(rs, en)
	if err != nil {
		return err
	}
	seq := st.Next()
	rows := st.slotButtons(seq, free)
	rows = append(rows, []kit.Button{{Text: st.t(mBtnOtherTime), Data: kit.Data(seq, "o")}})
	text := st.t(mPickSlot, PhoneDisplay(run.Phone))
	if len(free) == 0 {
		text = st.t(mNoSlots, PhoneDisplay(run.Phone))
	}
	if edit && st.In.Kind == kit.InputCallback && st.In.MessageID != 0 {
		st.Edit(st.In.MessageID, text, rows...)
		return nil
	}
	st.Send(text, rows...)
	return nil
}

// slotButtons are the run's page of free slots, two a row, and the paging
// buttons.
func (st step) slotButtons(seq int, free []time.Time) [][]kit.Button {
	run := st.run()
	pages := (len(free) + slotsPerPage - 1) / slotsPerPage
	if run.Page >= pages {
		run.Page = max(0, pages-1)
	}
	var rows [][]kit.Button
	var row []kit.Button
	for i := run.Page * slotsPerPage; i < len(free) && i < (run.Page+1)*slotsPerPage; i++ {
		row = append(row, kit.Button{Text: st.when(free[i]), Data: kit.Data(seq, "t", strconv.FormatInt(free[i].Unix(), 10))})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	var nav []kit.Button
	if run.Page > 0 {
		nav = append(nav, kit.Button{Text: st.t(kit.MsgBtnPrevPage), Data: kit.Data(seq, "pg", strconv.Itoa(run.Page-1))})
	}
	if run.Page+1 < pages {
		nav = append(nav, kit.Button{Text: st.t(kit.MsgBtnNextPage), Data: kit.Data(seq, "pg", strconv.Itoa(run.Page+1))})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return rows
}

// askProposal asks the member to type another time.
func (st step) askProposal() {
	st.run().Step = stepPropose
	st.Next()
	st.Send(st.t(mAskProposal))
}

// showConfirm asks to confirm the chosen slot (or proposal) and number.
func (st step) showConfirm(rs RoundState, en Entry) {
	run := st.run()
	run.Step = stepConfirm
	seq := st.Next()
	st.Send(st.confirmText(rs, en),
		[]kit.Button{{Text: st.t(kit.MsgBtnConfirm), Data: kit.Data(seq, "ok")}},
		[]kit.Button{{Text: st.t(mBtnChangeSlot), Data: kit.Data(seq, "chs")}, {Text: st.t(mBtnChangePhone), Data: kit.Data(seq, "chp")}})
}

// confirmText asks to confirm the run's slot (or proposal) and number.
func (st step) confirmText(rs RoundState, en Entry) string {
	run := st.run()
	text := st.t(mConfirm, rs.Round.Title, st.kindName(en), st.when(time.Unix(run.Slot, 0)), PhoneDisplay(run.Phone), st.personName(en.Interviewer))
	if run.Other {
		text += "\n" + st.t(mProposalNote)
	}
	return text
}

// confirmPhone books the chosen slot (or proposes the typed time) and
// tells the interviewer.
func (st step) confirmPhone(rs RoundState, en Entry) error {
	run := st.run()
	if st.locked(en) {
		return nil
	}
	if !run.Other {
		free, err := st.slotFree(rs, en, run.Slot)
		if err != nil {
			return err
		}
		if !free {
			st.Answer(st.t(mSlotTaken), true)
			st.Send(st.t(mSlotTakenLong))
			return st.showSlots(rs, en)
		}
	}
	st.Chose(st.confirmText(rs, en), st.t(mChoseConfirmed))
	after := en
	after.Mode, after.Slot, after.Phone, after.Place = ModePhone, time.Unix(run.Slot, 0), run.Phone, ""
	if run.Other {
		after.Status = EntryProposed
		st.Emit(Proposed{st.change(en, after)})
	} else {
		after.Status = EntryScheduled
		st.scheduleEffect(en, after)
	}
	st.end()
	st.Core().Outcome = st.t(mOutcomeBooked)
	if run.Other {
		st.Core().Outcome = st.t(mOutcomeProposed)
	}
	st.Next()
	st.Answer("", false)
	st.Send(st.bookingText(rs, after), st.bookingButtons(rs)...)
	if after.Interviewer != 0 {
		st.tellInterviewer(rs, after, run.Other)
	}
	return nil
}

// tellInterviewer pushes a new booking, or a proposal to accept or
// decline, to the interviewer.
func (st step) tellInterviewer(rs RoundState, after Entry, proposal bool) {
	tag := ""
	if after.Makeup {
		tag = catalog.T("zh", mTagMakeup)
	}
	unit, when := st.UnitName(after.Unit), st.whenZH(after.Slot)
	if !proposal {
		st.PushUrgent(after.Interviewer, catalog.T("zh", mIvBooked, after.Name, unit, tag, when, rs.Round.Title))
		return
	}
	slot := strconv.FormatInt(after.Slot.Unix(), 10)
	st.PushUrgent(after.Interviewer, catalog.T("zh", mIvProposal, after.Name, unit, tag, when, rs.Round.Title),
		[]kit.Button{{Text: catalog.T("zh", mBtnAccept), Data: ivData(rs.Round.ID, after.User, "ok", slot)},
			{Text: catalog.T("zh", mBtnDecline), Data: ivData(rs.Round.ID, after.User, "no")}})
}

// bookingText describes the member's booking or proposal.
func (st step) bookingText(rs RoundState, en Entry) string {
	if en.Status == EntryProposed {
		return st.t(mProposed, rs.Round.Title, st.when(en.Slot), PhoneDisplay(en.Phone), st.personName(en.Interviewer))
	}
	return st.t(mBooked, rs.Round.Title, st.kindName(en), st.when(en.Slot), PhoneDisplay(en.Phone), st.personName(en.Interviewer),
		int(st.f.Settings.cutoff().Hours()))
}

// bookingButtons change or cancel a booking.
func (st step) bookingButtons(rs RoundState) [][]kit.Button {
	return changeButtons(st.Lang, rs.Round.ID)
}

// changeButtons are 改时间 and 取消预约 of a booking in round.
func changeButtons(lang, round string) [][]kit.Button {
	return [][]kit.Button{{{Text: catalog.T(lang, mBtnChangeTime), Data: "tk:" + round + ":chg"},
		{Text: catalog.T(lang, mBtnCancelBooking), Data: "tk:" + round + ":cxl"}}}
}
