package flows

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Interviewer side: the push on booking, the outcome of a talk (已谈 with a
// summary or voice note, 未接通 → 补谈, 改为面谈), accepting proposed times,
// tap to call, and /mytalks.

// ivData is the callback data of an interviewer's button about one member:
// "ti:<round>:<user>:<verb>[:<arg>]".
func tkIvData(round string, user int64, verb string, arg ...string) string {
	d := "ti:" + round + ":" + strconv.FormatInt(user, 10) + ":" + verb
	if len(arg) > 0 {
		d += ":" + arg[0]
	}
	return d
}

// mayHandle reports whether the step's person may see and record en: its
// interviewer, or an official whose unit contains the person's.
func (st *step) tkMayHandle(en TalkEntry) bool {
	if !st.ok {
		return false
	}
	if en.Interviewer == st.me.ID {
		return true
	}
	return st.me.Role == RoleOfficial && st.e.Subtree(st.me.Unit, en.Unit)
}

// ivTalk loads an entry for its interviewer (alert when not allowed).
func (st *step) tkIvTalk(roundID string, user int64) (TalkRoundState, TalkEntry, bool, error) {
	tr, ok := st.talks()
	if !ok {
		st.answer(st.t(mNoPermission), true)
		return TalkRoundState{}, TalkEntry{}, false, nil
	}
	rs, ok, err := tr.TalkRound(roundID)
	if err != nil {
		return rs, TalkEntry{}, false, fmt.Errorf("talk round %s: %w", roundID, err)
	}
	var en TalkEntry
	if ok {
		if en, ok, err = tr.TalkEntry(roundID, user); err != nil {
			return rs, en, false, fmt.Errorf("talk entry: %w", err)
		}
	}
	if !ok || !st.tkMayHandle(en) {
		st.answer(st.t(mNoPermission), true)
		return rs, en, false, nil
	}
	return rs, en, true, nil
}

// outcomeButtons are the choices after a talk (or from /mytalks).
func tkOutcomeButtons(lang, round string, en TalkEntry) [][]Button {
	rows := [][]Button{
		{{Text: T(lang, mTalkBtnDone), Data: tkIvData(round, en.User, "done")}},
		{{Text: T(lang, mTalkBtnMissed), Data: tkIvData(round, en.User, "miss")}, {Text: T(lang, mTalkBtnToFace), Data: tkIvData(round, en.User, "face")}},
	}
	if en.Phone != "" {
		rows = append(rows, []Button{{Text: T(lang, mTalkBtnCall), Data: tkIvData(round, en.User, "call")}})
	}
	return rows
}

// talkInterviewerEntry handles "ti:<round>:<user>:<verb>[:<arg>]".
func (st *step) talkInterviewerEntry(rest string) error {
	parts := strings.SplitN(rest, ":", 4)
	if len(parts) < 3 {
		st.answer(st.t(mExpired), false)
		return nil
	}
	user, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		st.answer(st.t(mExpired), false)
		return nil
	}
	roundID, verb, arg := parts[0], parts[2], ""
	if len(parts) == 4 {
		arg = parts[3]
	}
	rs, en, ok, err := st.tkIvTalk(roundID, user)
	if !ok || err != nil {
		return err
	}
	if verb == "call" {
		if en.Phone == "" {
			st.answer(st.t(mTalkNoPhone), true)
			return nil
		}
		st.answer("", false)
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID,
			Text: st.t(mTalkCallText, en.Name, TalkPhoneDisplay(en.Phone)), Contact: &Contact{Phone: en.Phone, FirstName: en.Name}})
		return nil
	}
	if en.Reached() {
		st.answer(st.t(mTalkEntryReached, en.Name), true)
		return nil
	}
	if !rs.Open {
		st.answer(st.t(mTalkRoundClosed, rs.Round.Title), true)
		return nil
	}
	switch verb {
	case "rec":
		st.answer("", false)
		st.send(st.tkEntryLine(en, true), tkOutcomeButtons(st.lang, roundID, en)...)
		return nil
	case "done":
		st.tkLeaveOtherFlows()
		s := st.sess()
		s.Flow = FlowTalk
		s.Talk = &TalkRun{Round: roundID, Step: tkSummary, User: user}
		seq := s.next()
		st.answer("", false)
		st.send(st.t(mTalkAskSummary, en.Name), []Button{{Text: st.t(mTalkBtnNoSummary), Data: data(seq, "fin")}})
		return nil
	case "miss":
		if en.Status != EntryScheduled {
			st.answer(st.t(mTalkNotScheduled, en.Name), true)
			return nil
		}
		after := en
		after.Status, after.Makeup, after.Attempts = EntryMissed, true, en.Attempts+1
		after.Slot, after.Place = time.Time{}, ""
		st.effect(TalkMissed{st.tkChange(en, after)})
		st.answer("", false)
		st.tkSendOrEdit(st.t(mTalkMissedOK, en.Name, after.Attempts))
		st.push(en.User, T("zh", mTalkMemberMissed, rs.Round.Title), tkInviteButtons("zh", &rs.Round, st.now, st.e)...)
		return nil
	case "face":
		after := en
		after.Mode, after.Slot, after.Place = ModeFace, time.Time{}, ""
		after.Status = EntryPending
		if en.Makeup {
			after.Status = EntryMissed
		}
		if f := st.tkFutureSessions(&rs.Round); len(f) > 0 {
			s := rs.Round.Sessions[f[0]]
			after.Status, after.Slot, after.Place = EntryScheduled, s.At, s.Place
		}
		if after.Status == EntryScheduled {
			st.tkScheduleEffect(en, after)
		} else {
			st.effect(TalkCancelled{st.tkChange(en, after)})
		}
		st.answer("", false)
		st.tkSendOrEdit(st.t(mTalkToFaceOK, en.Name, st.tkWhen(after.Slot)))
		st.push(en.User, T("zh", mTalkMemberToFace, rs.Round.Title, st.e.tkWhenZH(after.Slot), after.Place))
		return nil
	case "ok", "no":
		if en.Status != EntryProposed || arg != "" && strconv.FormatInt(en.Slot.Unix(), 10) != arg {
			st.answer(st.t(mExpired), false)
			return nil
		}
		after := en
		if verb == "ok" {
			tr, _ := st.talks()
			booked, err := tr.TalkBooked(roundID, en.Interviewer)
			if err != nil {
				return err
			}
			if u, taken := booked[en.Slot.Unix()]; taken && u != en.User {
				st.answer(st.t(mTalkSlotTaken), true)
				return nil
			}
			after.Status = EntryScheduled
			st.tkScheduleEffect(en, after)
			st.answer("", false)
			st.tkSendOrEdit(st.t(mTalkAccepted, en.Name, st.tkWhen(en.Slot)))
			st.push(en.User, T("zh", mTalkMemberAccepted, rs.Round.Title, st.e.tkWhenZH(en.Slot)),
				[]Button{{Text: T("zh", mTalkBtnChangeTime), Data: "tk:" + roundID + ":chg"}, {Text: T("zh", mTalkBtnCancelBooking), Data: "tk:" + roundID + ":cxl"}})
			return nil
		}
		after.Status, after.Slot = EntryPending, time.Time{}
		if en.Makeup {
			after.Status = EntryMissed
		}
		st.effect(TalkCancelled{st.tkChange(en, after)})
		st.answer("", false)
		st.tkSendOrEdit(st.t(mTalkDeclined, en.Name))
		st.push(en.User, T("zh", mTalkMemberDeclined, rs.Round.Title), tkInviteButtons("zh", &rs.Round, st.now, st.e)...)
		return nil
	}
	st.answer(st.t(mExpired), false)
	return nil
}

// sendOrEdit replaces the pressed message (its buttons are used up) or
// sends text.
func (st *step) tkSendOrEdit(text string) {
	if st.in.Kind == InputCallback && st.in.MessageID != 0 {
		st.edit(st.in.MessageID, text)
		return
	}
	st.send(text)
}

func (st *step) tkSummaryInput() error {
	run := st.sess().Talk
	switch {
	case st.in.Kind == InputOther && st.in.Other == "voice" && st.in.FileID != "":
		run.Voice = st.in.FileID
		seq := st.sess().next()
		st.send(st.t(mTalkVoiceKept), []Button{{Text: st.t(mTalkBtnFinish), Data: data(seq, "fin")}})
		return nil
	case st.in.Kind != InputText:
		st.send(st.t(mTalkAskSummaryAgain))
		return nil
	}
	text := strings.TrimSpace(st.in.Text)
	if n := utf8.RuneCountInString(text); n > tkMaxSummaryLen {
		st.send(st.t(mTooLong, tkMaxSummaryLen))
		return nil
	}
	return st.tkComplete(text)
}

func (st *step) tkSummaryCallback(cb callback) (bool, error) {
	if cb.Verb != "fin" {
		return false, nil
	}
	st.answer("", false)
	return true, st.tkComplete("")
}

// complete records 已谈 for the member of the interviewer's conversation.
func (st *step) tkComplete(summary string) error {
	run := st.sess().Talk
	s := st.sess()
	s.Flow, s.Talk = FlowNone, nil
	s.next()
	rs, en, ok, err := st.tkIvTalk(run.Round, run.User)
	if !ok || err != nil {
		if err == nil {
			st.send(st.t(mNoPermission))
		}
		return err
	}
	if en.Reached() {
		st.send(st.t(mTalkEntryReached, en.Name))
		return nil
	}
	after := en
	after.Status, after.Summary, after.Voice = EntryDone, summary, run.Voice
	after.DoneAt, after.DoneBy = st.now, st.me.ID
	switch {
	case en.Makeup:
		after.How = "makeup"
	case en.Mode == ModePhone:
		after.How = ModePhone
	default:
		after.How = ModeFace
	}
	st.effect(TalkCompleted{st.tkChange(en, after)})
	st.send(st.t(mTalkDoneOK, en.Name, st.tkHowName(after.How)))
	st.push(en.User, T("zh", mTalkMemberThanks, rs.Round.Title))
	return nil
}

func (st *step) tkHowName(how string) string {
	switch how {
	case ModePhone:
		return st.t(mTalkKindPhone)
	case "makeup":
		return st.t(mTalkKindMakeup)
	}
	return st.t(mTalkKindFace)
}

// entryLine is one person's talk for their interviewer or an official;
// private says whether the number may be shown.
func (st *step) tkEntryLine(en TalkEntry, private bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（%s）", en.Name, st.unitName(en.Unit))
	switch en.Status {
	case EntryScheduled:
		kind := st.t(mTalkKindFace)
		if en.Mode == ModePhone {
			kind = st.t(mTalkKindPhone)
		}
		if en.Makeup {
			kind += "·" + st.t(mTalkKindMakeup)
		}
		fmt.Fprintf(&b, " %s %s", kind, st.tkWhen(en.Slot))
	case EntryProposed:
		fmt.Fprintf(&b, " %s", st.t(mTalkStatusProposed, st.tkWhen(en.Slot)))
	case EntryMissed:
		fmt.Fprintf(&b, " %s", st.t(mTalkStatusMissed, en.Attempts))
	default:
		fmt.Fprintf(&b, " %s", st.t(mTalkStatusPending))
	}
	if private && en.Phone != "" {
		fmt.Fprintf(&b, " ☎ %s", TalkPhoneDisplay(en.Phone))
	}
	return b.String()
}

// myTalks answers /mytalks: the interviewer's talks today and this week,
// and how many of their people are not yet reached per open round.
func (st *step) myTalks() error {
	tr, ok := st.talks()
	if !ok {
		st.send(st.t(mTalkNone))
		return nil
	}
	loc := st.e.env.Location
	n := st.now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	agenda, err := tr.TalkAgenda(st.me.ID, today, today.AddDate(0, 0, 7))
	if err != nil {
		return fmt.Errorf("agenda: %w", err)
	}
	var b strings.Builder
	b.WriteString(st.t(mTalkMyHeader, st.me.Name))
	var rows [][]Button
	section := ""
	for _, en := range agenda {
		sec := st.t(mTalkWeek)
		if en.Slot.Before(today.AddDate(0, 0, 1)) {
			sec = st.t(mTalkToday)
		}
		if sec != section {
			section = sec
			b.WriteString("\n" + sec + "\n")
		}
		b.WriteString("  " + st.tkEntryLine(en, true) + "\n")
		if len(rows) < 8 {
			rows = append(rows, []Button{{Text: st.t(mTalkBtnRecord, en.Name), Data: tkIvData(en.Round, en.User, "rec")}})
		}
	}
	if len(agenda) == 0 {
		b.WriteString("\n" + st.t(mTalkNoAgenda) + "\n")
	}
	ids, err := tr.TalkRounds()
	if err != nil {
		return err
	}
	for _, id := range ids {
		rs, ok, err := tr.TalkRound(id)
		if err != nil || !ok || !rs.Open {
			if err != nil {
				return err
			}
			continue
		}
		page, total, err := tr.TalkUnreached(id, st.me.ID, 0, 10)
		if err != nil {
			return err
		}
		if total == 0 {
			continue
		}
		b.WriteString("\n" + st.t(mTalkMyUnreached, rs.Round.Title, total, st.tkWhen(rs.Round.Deadline)) + "\n")
		for _, u := range page {
			en, ok, err := tr.TalkEntry(id, u)
			if err != nil {
				return err
			}
			if ok {
				b.WriteString("  · " + st.tkEntryLine(en, true) + "\n")
				if len(rows) < 12 && en.Status != EntryScheduled {
					rows = append(rows, []Button{{Text: st.t(mTalkBtnRecord, en.Name), Data: tkIvData(id, en.User, "rec")}})
				}
			}
		}
	}
	st.send(strings.TrimRight(b.String(), "\n"), rows...)
	return nil
}
