package flows

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Member side of a talk round: the invitation's buttons (参加面谈 / 无法参加，
// 改为电话约谈), booking a phone talk (number, slot, confirmation), changes
// and cancellations until TalkSettings.ChangeCutoff before the talk.

const (
	tkSlotsPerPage  = 8
	tkMinLead       = 30 * time.Minute // a slot or proposal at least this far ahead
	tkMaxSummaryLen = 1000
	tkMaxReasonLen  = 200
)

func (st *step) tkChange(before, after TalkEntry) TalkChange {
	after.Rev = before.Rev + 1
	return TalkChange{Before: before, After: after, By: st.me.ID, Private: st.e.env.Talk.RecordsIncludePrivate}
}

// memberTalk loads the round and the person's own entry, answering (alert)
// when either is missing or closed.
func (st *step) tkMemberTalk(roundID string) (TalkRoundState, TalkEntry, bool, error) {
	tr, ok := st.talks()
	if !ok || !st.ok {
		st.answer(st.t(mTalkNotForYou), true)
		return TalkRoundState{}, TalkEntry{}, false, nil
	}
	rs, ok, err := tr.TalkRound(roundID)
	if err != nil {
		return rs, TalkEntry{}, false, fmt.Errorf("talk round %s: %w", roundID, err)
	}
	if !ok {
		st.answer(st.t(mTalkNotForYou), true)
		return rs, TalkEntry{}, false, nil
	}
	en, ok, err := tr.TalkEntry(roundID, st.me.ID)
	if err != nil {
		return rs, en, false, fmt.Errorf("talk entry %s/%d: %w", roundID, st.me.ID, err)
	}
	if !ok {
		st.answer(st.t(mTalkNotForYou), true)
		return rs, en, false, nil
	}
	if !rs.Open {
		st.answer(st.t(mTalkRoundClosed, rs.Round.Title), true)
		return rs, en, false, nil
	}
	if en.Reached() {
		if en.Status == EntryExcused {
			st.answer(st.t(mTalkAlreadyExcused), true)
		} else {
			st.answer(st.t(mTalkAlreadyDone), true)
		}
		return rs, en, false, nil
	}
	return rs, en, true, nil
}

// locked reports (and says) that a booked talk is too close to change.
func (st *step) tkLocked(en TalkEntry) bool {
	if en.Status == EntryScheduled && !en.Slot.IsZero() && st.now.After(en.Slot.Add(-st.e.env.Talk.cutoff())) {
		msg := st.t(mTalkTooLate, int(st.e.env.Talk.cutoff().Minutes()))
		if st.in.Kind == InputCallback {
			st.answer(msg, true)
		} else {
			st.send(msg)
		}
		return true
	}
	return false
}

// leaveOtherFlows parks a questionnaire or drops a join before a talk
// conversation starts in this chat.
func (st *step) tkLeaveOtherFlows() {
	s := st.sess()
	switch s.Flow {
	case FlowSurvey:
		st.parkSurvey()
	case FlowJoin:
		s.Join = nil
	}
}

// talkMemberEntry handles "tk:<round>:<verb>[:<arg>]" buttons of
// invitations, confirmations and 补谈 requests.
func (st *step) talkMemberEntry(rest string) error {
	roundID, verb, _ := strings.Cut(rest, ":")
	verb, arg, _ := strings.Cut(verb, ":")
	rs, en, ok, err := st.tkMemberTalk(roundID)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "face":
		return st.tkChooseFace(rs, en, arg)
	case "phone":
		if en.Status == EntryScheduled && en.Mode == ModePhone || en.Status == EntryProposed {
			st.answer("", false)
			st.send(st.tkBookingText(rs, en), st.tkBookingButtons(rs, en)...)
			return nil
		}
		if st.tkLocked(en) {
			return nil
		}
		st.answer("", false)
		st.tkStartPhone(rs, en, false)
		return nil
	case "chg":
		if st.tkLocked(en) {
			return nil
		}
		st.answer("", false)
		st.tkStartPhone(rs, en, en.Phone != "")
		return nil
	case "cxl":
		if en.Status != EntryScheduled && en.Status != EntryProposed {
			st.answer(st.t(mTalkNothingBooked), true)
			return nil
		}
		if st.tkLocked(en) {
			return nil
		}
		after := en
		after.Status, after.Slot, after.Place, after.Mode = EntryPending, time.Time{}, "", ""
		if en.Makeup {
			after.Status = EntryMissed
		}
		st.effect(TalkCancelled{st.tkChange(en, after)})
		st.answer("", false)
		if s := st.sess(); s.Flow == FlowTalk && s.Talk != nil && s.Talk.Round == roundID {
			s.Flow, s.Talk = FlowNone, nil
			s.next()
		}
		st.send(st.t(mTalkCancelledBooking, rs.Round.Title), st.tkInviteButtons(rs, roundID)...)
		if en.Interviewer != 0 && en.Mode == ModePhone {
			st.push(en.Interviewer, T("zh", mTalkIvCancelled, en.Name, st.e.tkWhenZH(en.Slot)))
		}
		return nil
	}
	st.answer(st.t(mExpired), false)
	return nil
}

// futureSessions are the in-person sessions still ahead, with their index.
func (st *step) tkFutureSessions(r *TalkRound) []int {
	var out []int
	for i, s := range r.Sessions {
		if s.At.After(st.now) {
			out = append(out, i)
		}
	}
	return out
}

func (st *step) tkChooseFace(rs TalkRoundState, en TalkEntry, arg string) error {
	r := &rs.Round
	future := st.tkFutureSessions(r)
	if len(future) == 0 {
		st.answer(st.t(mTalkNoSession), true)
		return nil
	}
	i := future[0]
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n >= len(r.Sessions) || !r.Sessions[n].At.After(st.now) {
			st.answer(st.t(mExpired), false)
			return nil
		}
		i = n
	}
	s := r.Sessions[i]
	if en.Status == EntryScheduled && en.Mode == ModeFace && en.Slot.Equal(s.At) {
		st.answer(st.t(mTalkAlreadyBooked), false)
		return nil
	}
	if st.tkLocked(en) {
		return nil
	}
	after := en
	after.Status, after.Mode, after.Slot, after.Place = EntryScheduled, ModeFace, s.At, s.Place
	st.tkScheduleEffect(en, after)
	st.answer("", false)
	if ss := st.sess(); ss.Flow == FlowTalk && ss.Talk != nil && ss.Talk.Round == rs.Round.ID {
		ss.Flow, ss.Talk = FlowNone, nil
		ss.next()
	}
	st.send(st.t(mTalkFaceBooked, r.Title, st.tkWhen(s.At), s.Place),
		[]Button{{Text: st.t(mTalkBtnToPhone), Data: "tk:" + r.ID + ":phone"}})
	if en.PhoneSlot() && en.Interviewer != 0 {
		st.push(en.Interviewer, T("zh", mTalkIvCancelled, en.Name, st.e.tkWhenZH(en.Slot)))
	}
	return nil
}

// scheduleEffect records a booking: a 补谈 after a missed talk, a change of
// an existing booking, or a first booking.
func (st *step) tkScheduleEffect(before, after TalkEntry) {
	c := st.tkChange(before, after)
	switch {
	case before.Makeup:
		st.effect(TalkMakeupScheduled{c})
	case before.Status == EntryScheduled || before.Status == EntryProposed:
		st.effect(TalkRescheduled{c})
	default:
		st.effect(TalkScheduled{c})
	}
}

// inviteButtons are the invitation's choices.
func (st *step) tkInviteButtons(rs TalkRoundState, roundID string) [][]Button {
	return tkInviteButtons(st.lang, &rs.Round, st.now, st.e)
}

func tkInviteButtons(lang string, r *TalkRound, now time.Time, e *Engine) [][]Button {
	var rows [][]Button
	var future []int
	for i, s := range r.Sessions {
		if s.At.After(now) {
			future = append(future, i)
		}
	}
	st := &step{e: e, lang: lang}
	switch {
	case len(future) == 1:
		rows = append(rows, []Button{{Text: T(lang, mTalkBtnFace), Data: "tk:" + r.ID + ":face"}})
	case len(future) > 1:
		for _, i := range future {
			rows = append(rows, []Button{{Text: T(lang, mTalkBtnFaceAt, st.tkWhen(r.Sessions[i].At)),
				Data: "tk:" + r.ID + ":face:" + strconv.Itoa(i)}})
		}
	}
	phone := mTalkBtnPhone
	if len(future) == 0 {
		phone = mTalkBtnPhoneOnly
	}
	return append(rows, []Button{{Text: T(lang, phone), Data: "tk:" + r.ID + ":phone"}})
}

// startPhone begins booking a phone talk; withPhone skips to the slots.
func (st *step) tkStartPhone(rs TalkRoundState, en TalkEntry, withPhone bool) {
	st.tkLeaveOtherFlows()
	s := st.sess()
	s.Flow = FlowTalk
	s.Talk = &TalkRun{Round: rs.Round.ID, Step: tkPhone}
	if withPhone {
		s.Talk.Phone = en.Phone
		st.tkShowSlots(rs, en)
		return
	}
	st.tkAskPhone(en)
}

func (st *step) tkAskPhone(en TalkEntry) {
	s := st.sess()
	s.Talk.Step = tkPhone
	seq := s.next()
	st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID, Text: st.t(mTalkAskPhone),
		Keyboard: [][]KeyButton{{{Text: st.t(mTalkBtnShareContact), RequestContact: true}}}})
	if en.Phone != "" {
		st.send(st.t(mTalkKeepPhone, TalkPhoneDisplay(en.Phone)),
			[]Button{{Text: st.t(mTalkBtnKeepPhone), Data: data(seq, "keep")}})
	}
}

// freeSlots are the interviewer's offered slots still free and far enough
// ahead, the member's own current one excluded.
func (st *step) tkFreeSlots(rs TalkRoundState, en TalkEntry) ([]time.Time, error) {
	tr, _ := st.talks()
	booked, err := tr.TalkBooked(rs.Round.ID, en.Interviewer)
	if err != nil {
		return nil, fmt.Errorf("booked slots: %w", err)
	}
	var out []time.Time
	for _, t := range rs.Round.Slots {
		if t.Before(st.now.Add(tkMinLead)) {
			continue
		}
		if _, taken := booked[t.Unix()]; taken {
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

func (st *step) tkShowSlots(rs TalkRoundState, en TalkEntry) error {
	return st.tkSlotsPrompt(rs, en, false)
}

// slotsPrompt shows the free slots as buttons; edit replaces the pressed
// message (paging) instead of sending a new one.
func (st *step) tkSlotsPrompt(rs TalkRoundState, en TalkEntry, edit bool) error {
	run := st.sess().Talk
	run.Step, run.Other = tkSlot, false
	free, err := st.tkFreeSlots(rs, en)
	if err != nil {
		return err
	}
	seq := st.sess().next()
	pages := (len(free) + tkSlotsPerPage - 1) / tkSlotsPerPage
	if run.Page >= pages {
		run.Page = max(0, pages-1)
	}
	var rows [][]Button
	var row []Button
	for i := run.Page * tkSlotsPerPage; i < len(free) && i < (run.Page+1)*tkSlotsPerPage; i++ {
		row = append(row, Button{Text: st.tkWhen(free[i]), Data: data(seq, "t", strconv.FormatInt(free[i].Unix(), 10))})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	var nav []Button
	if run.Page > 0 {
		nav = append(nav, Button{Text: st.t(mBtnPrevPage), Data: data(seq, "pg", strconv.Itoa(run.Page-1))})
	}
	if run.Page+1 < pages {
		nav = append(nav, Button{Text: st.t(mBtnNextPage), Data: data(seq, "pg", strconv.Itoa(run.Page+1))})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	rows = append(rows, []Button{{Text: st.t(mTalkBtnOtherTime), Data: data(seq, "o")}})
	text := st.t(mTalkPickSlot, TalkPhoneDisplay(run.Phone))
	if len(free) == 0 {
		text = st.t(mTalkNoSlots, TalkPhoneDisplay(run.Phone))
	}
	if edit && st.in.Kind == InputCallback && st.in.MessageID != 0 {
		st.edit(st.in.MessageID, text, rows...)
		return nil
	}
	st.send(text, rows...)
	return nil
}

func (st *step) tkShowConfirm(rs TalkRoundState, en TalkEntry) {
	run := st.sess().Talk
	run.Step = tkConfirm
	seq := st.sess().next()
	kind := st.t(mTalkKindPhone)
	if en.Makeup {
		kind = st.t(mTalkKindMakeup)
	}
	text := st.t(mTalkConfirm, rs.Round.Title, kind, st.tkWhen(time.Unix(run.Slot, 0)), TalkPhoneDisplay(run.Phone), st.tkIvName(en.Interviewer))
	if run.Other {
		text += "\n" + st.t(mTalkProposalNote)
	}
	st.send(text,
		[]Button{{Text: st.t(mBtnConfirm), Data: data(seq, "ok")}},
		[]Button{{Text: st.t(mTalkBtnChangeSlot), Data: data(seq, "chs")}, {Text: st.t(mTalkBtnChangePhone), Data: data(seq, "chp")}})
}

func (st *step) tkIvName(id int64) string {
	if id == 0 {
		return "—"
	}
	p, ok, err := st.dir.Person(id)
	if err != nil || !ok {
		return fmt.Sprint(id)
	}
	return p.Name
}

// talkRun returns the round and entry of the member's conversation, or
// leaves the flow (saying why) when they are gone.
func (st *step) tkTalkRunMember() (TalkRoundState, TalkEntry, bool, error) {
	run := st.sess().Talk
	tr, ok := st.talks()
	if !ok || run == nil {
		st.sess().Flow, st.sess().Talk = FlowNone, nil
		return TalkRoundState{}, TalkEntry{}, false, nil
	}
	rs, ok, err := tr.TalkRound(run.Round)
	if err != nil {
		return rs, TalkEntry{}, false, fmt.Errorf("talk round %s: %w", run.Round, err)
	}
	var en TalkEntry
	if ok {
		en, ok, err = tr.TalkEntry(run.Round, st.me.ID)
		if err != nil {
			return rs, en, false, fmt.Errorf("talk entry: %w", err)
		}
	}
	if !ok || !rs.Open || en.Reached() {
		s := st.sess()
		s.Flow, s.Talk = FlowNone, nil
		s.next()
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID, Text: st.t(mTalkFlowGone), RemoveKeyboard: true})
		return rs, en, false, nil
	}
	return rs, en, true, nil
}

func (st *step) talkInput() error {
	run := st.sess().Talk
	if run == nil {
		st.sess().Flow = FlowNone
		return nil
	}
	switch run.Step {
	case tkSummary:
		return st.tkSummaryInput()
	case tkExcuse:
		return st.tkExcuseInput()
	case tkRosterFile, tkRosterPick, tkRosterConfirm:
		return st.tkRosterInput()
	}
	rs, en, ok, err := st.tkTalkRunMember()
	if !ok || err != nil {
		return err
	}
	switch run.Step {
	case tkPhone:
		var raw string
		switch st.in.Kind {
		case InputContact:
			if st.in.ContactUserID != st.in.UserID {
				st.send(st.t(mTalkForeignContact))
				return nil
			}
			raw = st.in.ContactPhone
		case InputText:
			raw = st.in.Text
		default:
			st.send(st.t(mTalkAskPhoneAgain))
			return nil
		}
		normalize := NormalizePhone
		if st.in.Kind == InputContact {
			normalize = NormalizeContactPhone
		}
		phone, ok := normalize(raw)
		if !ok {
			if st.in.Kind == InputContact {
				st.send(st.t(mTalkContactNotCN))
			} else {
				st.send(st.t(mTalkBadPhone))
			}
			return nil
		}
		run.Phone = phone
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID,
			Text: st.t(mTalkPhoneNoted, TalkPhoneDisplay(phone)), RemoveKeyboard: true})
		return st.tkShowSlots(rs, en)
	case tkPropose:
		if st.in.Kind != InputText {
			st.send(st.t(mTalkAskProposal))
			return nil
		}
		t, ok := tkParseWhen(st.in.Text, st.now, st.e.env.Location)
		switch {
		case !ok:
			st.send(st.t(mTalkBadTime))
			return nil
		case t.Before(st.now.Add(tkMinLead)):
			st.send(st.t(mTalkTimePast))
			return nil
		case !rs.Round.Deadline.IsZero() && t.After(rs.Round.Deadline):
			st.send(st.t(mTalkTimeAfterDeadline, st.tkWhen(rs.Round.Deadline)))
			return nil
		}
		run.Slot, run.Other = t.Unix(), true
		st.tkShowConfirm(rs, en)
		return nil
	}
	st.send(st.t(mUseButtons))
	return nil
}

// parseWhen reads a typed time: "2026-12-03 15:30", "12-03 15:30",
// "12月3日 15:30", "12/3 15:30". Without a year, the next such date.
func tkParseWhen(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	r := strings.NewReplacer("年", "-", "月", "-", "日", " ", "号", " ", "/", "-", "：", ":", "点", ":", "．", ".")
	s = strings.Join(strings.Fields(r.Replace(strings.TrimSpace(s))), " ")
	s = strings.ReplaceAll(s, "- ", " ")
	if strings.HasSuffix(s, ":") {
		s += "00"
	}
	for _, layout := range []string{"2006-1-2 15:04", "2006-1-2 15:4"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	for _, layout := range []string{"1-2 15:04", "1-2 15:4"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			n := now.In(loc)
			t = time.Date(n.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, loc)
			if t.Before(n.Add(-24 * time.Hour)) {
				t = t.AddDate(1, 0, 0)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

func (st *step) talkCallback(cb callback) (bool, error) {
	run := st.sess().Talk
	if run == nil {
		return false, nil
	}
	if run.Step == tkSummary {
		return st.tkSummaryCallback(cb)
	}
	switch run.Step {
	case tkExcuse:
		return false, nil
	case tkRosterFile, tkRosterPick, tkRosterConfirm:
		return st.tkRosterCallback(cb)
	}
	rs, en, ok, err := st.tkTalkRunMember()
	if !ok || err != nil {
		return true, err
	}
	switch {
	case run.Step == tkPhone && cb.Verb == "keep" && en.Phone != "":
		run.Phone = en.Phone
		st.answer("", false)
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID,
			Text: st.t(mTalkPhoneNoted, TalkPhoneDisplay(en.Phone)), RemoveKeyboard: true})
		return true, st.tkShowSlots(rs, en)
	case run.Step == tkSlot && cb.Verb == "pg":
		p, err := strconv.Atoi(cb.Arg)
		if err != nil || p < 0 {
			return false, nil
		}
		run.Page = p
		st.answer("", false)
		return true, st.tkSlotsPrompt(rs, en, true)
	case run.Step == tkSlot && cb.Verb == "o":
		run.Step = tkPropose
		st.sess().next()
		st.answer("", false)
		st.send(st.t(mTalkAskProposal))
		return true, nil
	case run.Step == tkSlot && cb.Verb == "t":
		u, err := strconv.ParseInt(cb.Arg, 10, 64)
		if err != nil {
			return false, nil
		}
		free, err := st.tkFreeSlots(rs, en)
		if err != nil {
			return true, err
		}
		for _, t := range free {
			if t.Unix() == u {
				run.Slot, run.Other = u, false
				st.answer("", false)
				st.tkShowConfirm(rs, en)
				return true, nil
			}
		}
		st.answer(st.t(mTalkSlotTaken), true)
		return true, st.tkShowSlots(rs, en)
	case run.Step == tkConfirm && cb.Verb == "chs":
		st.answer("", false)
		return true, st.tkShowSlots(rs, en)
	case run.Step == tkConfirm && cb.Verb == "chp":
		st.answer("", false)
		st.tkAskPhone(en)
		return true, nil
	case run.Step == tkConfirm && cb.Verb == "ok":
		return true, st.tkConfirmPhone(rs, en)
	}
	return false, nil
}

func (st *step) tkConfirmPhone(rs TalkRoundState, en TalkEntry) error {
	run := st.sess().Talk
	if st.tkLocked(en) {
		return nil
	}
	slot := time.Unix(run.Slot, 0)
	if !run.Other {
		free, err := st.tkFreeSlots(rs, en)
		if err != nil {
			return err
		}
		found := false
		for _, t := range free {
			found = found || t.Equal(slot)
		}
		if !found {
			st.answer(st.t(mTalkSlotTaken), true)
			st.send(st.t(mTalkSlotTakenLong))
			return st.tkShowSlots(rs, en)
		}
	}
	after := en
	after.Mode, after.Slot, after.Phone, after.Place = ModePhone, slot, run.Phone, ""
	if run.Other {
		after.Status = EntryProposed
		st.effect(TalkProposed{st.tkChange(en, after)})
	} else {
		after.Status = EntryScheduled
		st.tkScheduleEffect(en, after)
	}
	s := st.sess()
	s.Flow, s.Talk = FlowNone, nil
	s.next()
	st.answer("", false)
	st.send(st.tkBookingText(rs, after), st.tkBookingButtons(rs, after)...)
	if after.Interviewer == 0 {
		return nil
	}
	tag := ""
	if after.Makeup {
		tag = T("zh", mTalkTagMakeup)
	}
	if run.Other {
		st.push(after.Interviewer, T("zh", mTalkIvProposal, after.Name, st.unitName(after.Unit), tag, st.e.tkWhenZH(slot), rs.Round.Title),
			[]Button{{Text: T("zh", mTalkBtnAccept), Data: tkIvData(rs.Round.ID, after.User, "ok", strconv.FormatInt(run.Slot, 10))},
				{Text: T("zh", mTalkBtnDecline), Data: tkIvData(rs.Round.ID, after.User, "no")}})
		return nil
	}
	st.push(after.Interviewer, T("zh", mTalkIvBooked, after.Name, st.unitName(after.Unit), tag, st.e.tkWhenZH(slot), rs.Round.Title))
	return nil
}

func (st *step) tkBookingText(rs TalkRoundState, en TalkEntry) string {
	kind := st.t(mTalkKindPhone)
	if en.Makeup {
		kind = st.t(mTalkKindMakeup)
	}
	if en.Status == EntryProposed {
		return st.t(mTalkProposed, rs.Round.Title, st.tkWhen(en.Slot), TalkPhoneDisplay(en.Phone), st.tkIvName(en.Interviewer))
	}
	return st.t(mTalkBooked, rs.Round.Title, kind, st.tkWhen(en.Slot), TalkPhoneDisplay(en.Phone), st.tkIvName(en.Interviewer),
		int(st.e.env.Talk.cutoff().Hours()))
}

func (st *step) tkBookingButtons(rs TalkRoundState, en TalkEntry) [][]Button {
	id := rs.Round.ID
	return [][]Button{{{Text: st.t(mTalkBtnChangeTime), Data: "tk:" + id + ":chg"}, {Text: st.t(mTalkBtnCancelBooking), Data: "tk:" + id + ":cxl"}}}
}

func (st *step) talkBack() error {
	run := st.sess().Talk
	if run == nil {
		st.send(st.t(mNothingToBack))
		return nil
	}
	switch run.Step {
	case tkSummary, tkExcuse, tkPhone, tkRosterFile:
		st.send(st.t(mNothingToBack))
		return nil
	case tkRosterPick, tkRosterConfirm:
		run.Step, run.Roster = tkRosterFile, nil
		st.sess().next()
		st.send(st.t(mTalkRosterReask))
		return nil
	}
	rs, en, ok, err := st.tkTalkRunMember()
	if !ok || err != nil {
		return err
	}
	switch run.Step {
	case tkSlot:
		st.tkAskPhone(en)
	case tkPropose:
		return st.tkShowSlots(rs, en)
	case tkConfirm:
		if run.Other {
			run.Step = tkPropose
			st.sess().next()
			st.send(st.t(mTalkAskProposal))
			return nil
		}
		return st.tkShowSlots(rs, en)
	}
	return nil
}

// talkCancel leaves the talk conversation; nothing booked changes.
func (st *step) talkCancel() {
	s := st.sess()
	if s.Talk != nil && (s.Talk.Step == tkRosterFile || s.Talk.Step == tkRosterPick || s.Talk.Step == tkRosterConfirm) {
		s.Flow, s.Talk = FlowNone, nil
		s.next()
		st.send(st.t(mTalkRosterCancelled))
		return
	}
	s.Flow, s.Talk = FlowNone, nil
	s.next()
	st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID, Text: st.t(mTalkCancelledFlow), RemoveKeyboard: true})
}
