package talk

import (
	"fmt"
	"strconv"
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// The talk conversation: what is typed, tapped, /back and /cancel, routed
// by the run's step to the member's booking, the interviewer's summary,
// the official's excuse or roster upload.

// memberRun returns the round and entry of the member's conversation, or
// leaves the flow (saying why) when they are gone.
func (st step) memberRun() (RoundState, Entry, bool, error) {
	run := st.run()
	tr, ok := st.reader()
	if !ok || run == nil {
		st.end()
		return RoundState{}, Entry{}, false, nil
	}
	rs, ok, err := tr.TalkRound(run.Round)
	if err != nil {
		return rs, Entry{}, false, fmt.Errorf("talk round %s: %w", run.Round, err)
	}
	var en Entry
	if ok {
		en, ok, err = tr.TalkEntry(run.Round, st.Me.ID)
		if err != nil {
			return rs, en, false, fmt.Errorf("talk entry: %w", err)
		}
	}
	if !ok || !rs.Open || en.Reached() {
		st.end()
		st.Next()
		st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mFlowGone), RemoveKeyboard: true})
		return rs, en, false, nil
	}
	return rs, en, true, nil
}

// input handles what is sent in the talk conversation.
func (st step) input() error {
	run := st.run()
	if run == nil {
		st.Leave()
		return nil
	}
	switch {
	case run.Step == stepSummary:
		return st.summaryInput()
	case run.Step == stepExcuse:
		return st.excuseInput()
	case run.rosterStep():
		return st.rosterInput()
	}
	rs, en, ok, err := st.memberRun()
	if !ok || err != nil {
		return err
	}
	switch run.Step {
	case stepPhone:
		return st.phoneInput(rs, en)
	case stepPropose:
		st.proposeInput(rs, en)
		return nil
	}
	st.Send(st.t(kit.MsgUseButtons))
	return nil
}

// phoneInput takes the number of a phone talk: a shared contact (the
// person's own) or a typed number.
func (st step) phoneInput(rs RoundState, en Entry) error {
	var raw string
	normalize := NormalizePhone
	switch st.In.Kind {
	case kit.InputContact:
		if st.In.ContactUserID != st.In.UserID {
			st.Send(st.t(mForeignContact))
			return nil
		}
		raw, normalize = st.In.ContactPhone, NormalizeContactPhone
	case kit.InputText:
		raw = st.In.Text
	default:
		st.Send(st.t(mAskPhoneAgain))
		return nil
	}
	phone, ok := normalize(raw)
	if !ok {
		if st.In.Kind == kit.InputContact {
			st.Send(st.t(mContactNotCN))
		} else {
			st.Send(st.t(mBadPhone))
		}
		return nil
	}
	st.run().Phone = phone
	st.phoneNoted(phone)
	return st.showSlots(rs, en)
}

// proposeInput takes the time a member proposes.
func (st step) proposeInput(rs RoundState, en Entry) {
	if st.In.Kind != kit.InputText {
		st.Send(st.t(mAskProposal))
		return
	}
	t, ok := when.Time(st.In.Text, st.Now, st.Env.Location)
	switch {
	case !ok:
		st.Send(st.t(mBadTime))
		return
	case t.Before(st.Now.Add(minLead)):
		st.Send(st.t(mTimePast))
		return
	case !rs.Round.Deadline.IsZero() && t.After(rs.Round.Deadline):
		st.Send(st.t(mTimeAfterDeadline, st.f.deadline(st.Lang, rs.Round.Deadline)))
		return
	}
	run := st.run()
	run.Slot, run.Other = t.Unix(), true
	st.showConfirm(rs, en)
}

// callback handles a button of the conversation's latest prompt.
func (st step) callback(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case run == nil:
		return false, nil
	case run.Step == stepSummary:
		return st.summaryCallback(cb)
	case run.Step == stepExcuse:
		return false, nil
	case run.rosterStep():
		return st.rosterCallback(cb)
	}
	rs, en, ok, err := st.memberRun()
	if !ok || err != nil {
		return true, err
	}
	switch run.Step + ":" + cb.Verb {
	case stepPhone + ":keep":
		if en.Phone == "" {
			return false, nil
		}
		run.Phone = en.Phone
		st.Chose(st.t(mKeepPhone, PhoneDisplay(en.Phone)), st.t(mBtnKeepPhone))
		st.phoneNoted(en.Phone)
		return true, st.showSlots(rs, en)
	case stepSlot + ":pg":
		p, err := strconv.Atoi(cb.Arg)
		if err != nil || p < 0 {
			return false, nil
		}
		run.Page = p
		st.Answer("", false)
		return true, st.slotsPrompt(rs, en, true)
	case stepSlot + ":o":
		st.Chose(st.t(mPickSlot, PhoneDisplay(run.Phone)), st.t(mBtnOtherTime))
		st.askProposal()
		return true, nil
	case stepSlot + ":t":
		return st.pickSlot(rs, en, cb.Arg)
	}
	return st.confirmCallback(rs, en, cb)
}

// pickSlot takes the slot tapped (unix seconds), if still free.
func (st step) pickSlot(rs RoundState, en Entry, arg string) (bool, error) {
	u, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return false, nil
	}
	free, err := st.slotFree(rs, en, u)
	if err != nil {
		return true, err
	}
	if !free {
		st.Answer(st.t(mSlotTaken), true)
		return true, st.showSlots(rs, en)
	}
	run := st.run()
	run.Slot, run.Other = u, false
	st.Chose(st.t(mPickSlot, PhoneDisplay(run.Phone)), st.when(time.Unix(u, 0)))
	st.showConfirm(rs, en)
	return true, nil
}

// confirmCallback handles the confirmation's buttons.
func (st step) confirmCallback(rs RoundState, en Entry, cb kit.Callback) (bool, error) {
	if st.run().Step != stepConfirm {
		return false, nil
	}
	switch cb.Verb {
	case "chs":
		st.Answer("", false)
		return true, st.showSlots(rs, en)
	case "chp":
		st.Answer("", false)
		st.askPhone(en)
		return true, nil
	case "ok":
		return true, st.confirmPhone(rs, en)
	}
	return false, nil
}

// back goes one step back in the conversation.
func (st step) back() error {
	run := st.run()
	switch {
	case run == nil, run.Step == stepSummary, run.Step == stepExcuse, run.Step == stepPhone, run.Step == stepRosterFile:
		st.Send(st.t(kit.MsgNothingToBack))
		return nil
	case run.rosterStep():
		run.Step, run.Roster = stepRosterFile, nil
		st.Next()
		st.Send(st.t(mRosterReask))
		return nil
	}
	rs, en, ok, err := st.memberRun()
	if !ok || err != nil {
		return err
	}
	switch {
	case run.Step == stepSlot:
		st.askPhone(en)
	case run.Step == stepPropose, run.Step == stepConfirm && !run.Other:
		return st.showSlots(rs, en)
	case run.Step == stepConfirm:
		st.askProposal()
	}
	return nil
}

// cancel leaves the talk conversation; nothing booked changes.
func (st step) cancel() {
	run := st.run()
	st.end()
	st.Next()
	if run != nil && run.rosterStep() {
		st.Send(st.t(mRosterCancelled))
		return
	}
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mCancelledFlow), RemoveKeyboard: true})
}
