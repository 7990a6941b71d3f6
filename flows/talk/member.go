package talk

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Member side of a talk round: the invitation's buttons (参加面谈 / 无法参加，
// 改为电话约谈), and changes and cancellations until Settings.ChangeCutoff
// before the talk. Booking a phone talk is book.go.

// change is the change of en to after by the step's person, after's
// revision the next one.
func (st step) change(before, after Entry) Change {
	after.Rev = before.Rev + 1
	return Change{Before: before, After: after, By: st.Me.ID, Private: st.f.Settings.RecordsIncludePrivate}
}

// memberTalk loads the round and the person's own entry, answering (alert)
// when either is missing or closed.
func (st step) memberTalk(roundID string) (RoundState, Entry, bool, error) {
	tr, ok := st.reader()
	if !ok || !st.Known {
		st.Answer(st.t(mNotForYou), true)
		return RoundState{}, Entry{}, false, nil
	}
	rs, ok, err := tr.TalkRound(roundID)
	if err != nil {
		return rs, Entry{}, false, fmt.Errorf("talk round %s: %w", roundID, err)
	}
	if !ok {
		st.Answer(st.t(mNotForYou), true)
		return rs, Entry{}, false, nil
	}
	en, ok, err := tr.TalkEntry(roundID, st.Me.ID)
	if err != nil {
		return rs, en, false, fmt.Errorf("talk entry %s/%d: %w", roundID, st.Me.ID, err)
	}
	switch {
	case !ok:
		st.Answer(st.t(mNotForYou), true)
	case !rs.Open:
		st.Answer(st.t(mRoundClosed, rs.Round.Title), true)
	case en.Status == EntryExcused:
		st.Answer(st.t(mAlreadyExcused), true)
	case en.Reached():
		st.Answer(st.t(mAlreadyDone), true)
	default:
		return rs, en, true, nil
	}
	return rs, en, false, nil
}

// locked reports (and says) that a booked talk is too close to change.
func (st step) locked(en Entry) bool {
	cutoff := st.f.Settings.cutoff()
	if en.Status == EntryScheduled && !en.Slot.IsZero() && st.Now.After(en.Slot.Add(-cutoff)) {
		msg := st.t(mTooLate, int(cutoff.Minutes()))
		if st.In.Kind == kit.InputCallback {
			st.Answer(msg, true)
		} else {
			st.Send(msg)
		}
		return true
	}
	return false
}

// memberEntry handles "tk:<round>:<verb>[:<arg>]" buttons of invitations,
// confirmations and 补谈 requests.
func (st step) memberEntry(rest string) error {
	roundID, verb, _ := strings.Cut(rest, ":")
	verb, arg, _ := strings.Cut(verb, ":")
	if _, known := access.Verb("tk", verb); !known {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	rs, en, ok, err := st.memberTalk(roundID)
	if !ok || err != nil || !access.Check(st.Step, access.Book, access.Object{Person: en.User}).Allowed {
		return err
	}
	switch verb {
	case "face":
		return st.chooseFace(rs, en, arg)
	case "phone":
		st.choosePhone(rs, en)
		return nil
	case "chg":
		if st.locked(en) {
			return nil
		}
		st.Answer("", false)
		st.DropButtons(st.In.MessageID) // the change is confirmed anew
		st.startPhone(rs, en, en.Phone != "")
		return nil
	case "cxl":
		st.cancelBooking(rs, en)
		return nil
	}
	st.Answer(st.t(kit.MsgExpired), false)
	return nil
}

// choosePhone is "无法参加，改为电话约谈": the booking as it stands, or a
// new phone booking.
func (st step) choosePhone(rs RoundState, en Entry) {
	if en.Status == EntryScheduled && en.Mode == ModePhone || en.Status == EntryProposed {
		st.Answer("", false)
		st.Send(st.bookingText(rs, en), st.bookingButtons(rs)...)
		return
	}
	if st.locked(en) {
		return
	}
	st.Answer("", false)
	st.DropButtons(st.In.MessageID) // chosen: the booking that follows says so
	st.startPhone(rs, en, false)
}

// cancelBooking cancels the member's booking (back to 待谈, or to 补谈 due).
func (st step) cancelBooking(rs RoundState, en Entry) {
	if en.Status != EntryScheduled && en.Status != EntryProposed {
		st.Answer(st.t(mNothingBooked), true)
		return
	}
	if st.locked(en) {
		return
	}
	after := en
	after.Status, after.Slot, after.Place, after.Mode = EntryPending, time.Time{}, "", ""
	if en.Makeup {
		after.Status = EntryMissed
	}
	st.Emit(Cancelled{st.change(en, after)})
	st.Answer("", false)
	st.DropButtons(st.In.MessageID)
	st.leaveRound(rs.Round.ID)
	st.Send(st.t(mCancelledBooking, rs.Round.Title), st.f.inviteButtons(st.Lang, &rs.Round, st.Now)...)
	if en.Interviewer != 0 && en.Mode == ModePhone {
		st.Push(en.Interviewer, catalog.T("zh", mIvCancelled, en.Name, st.whenZH(en.Slot)))
	}
}

// leaveRound ends a booking conversation about round, if the chat is in
// one: a button of an earlier message settled it.
func (st step) leaveRound(round string) {
	if run := st.run(); st.Flow() == Flow && run != nil && run.Round == round {
		st.end()
		st.Next()
	}
}

// futureSessions are the in-person sessions still ahead, by index.
func futureSessions(r *Round, now time.Time) []int {
	var out []int
	for i, s := range r.Sessions {
		if s.At.After(now) {
			out = append(out, i)
		}
	}
	return out
}

// chooseFace books the in-person session arg (the next one when "").
func (st step) chooseFace(rs RoundState, en Entry, arg string) error {
	r := &rs.Round
	future := futureSessions(r, st.Now)
	if len(future) == 0 {
		st.Answer(st.t(mNoSession), true)
		return nil
	}
	i := future[0]
	if arg != "" {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n >= len(r.Sessions) || !r.Sessions[n].At.After(st.Now) {
			st.Answer(st.t(kit.MsgExpired), false)
			return nil
		}
		i = n
	}
	s := r.Sessions[i]
	if en.Status == EntryScheduled && en.Mode == ModeFace && en.Slot.Equal(s.At) {
		st.Answer(st.t(mAlreadyBooked), false)
		return nil
	}
	if st.locked(en) {
		return nil
	}
	after := en
	after.Status, after.Mode, after.Slot, after.Place = EntryScheduled, ModeFace, s.At, s.Place
	st.scheduleEffect(en, after)
	st.Answer("", false)
	st.DropButtons(st.In.MessageID)
	st.leaveRound(rs.Round.ID)
	st.Send(st.t(mFaceBooked, r.Title, st.when(s.At), s.Place),
		[]kit.Button{{Text: st.t(mBtnToPhone), Data: "tk:" + r.ID + ":phone"}})
	if en.PhoneSlot() && en.Interviewer != 0 {
		st.Push(en.Interviewer, catalog.T("zh", mIvCancelled, en.Name, st.whenZH(en.Slot)))
	}
	return nil
}

// scheduleEffect records a booking: a 补谈 after a missed talk, a change of
// an existing booking, or a first booking.
func (st step) scheduleEffect(before, after Entry) {
	after.Booked = st.Now
	c := st.change(before, after)
	switch {
	case before.Makeup:
		st.Emit(MakeupScheduled{c})
	case before.Status == EntryScheduled || before.Status == EntryProposed:
		st.Emit(Rescheduled{c})
	default:
		st.Emit(Scheduled{c})
	}
}

// inviteButtons are the invitation's choices: the in-person sessions
// still ahead, and a phone talk.
func (f *Feature) inviteButtons(lang string, r *Round, now time.Time) [][]kit.Button {
	var rows [][]kit.Button
	future := futureSessions(r, now)
	switch {
	case len(future) == 1:
		rows = append(rows, []kit.Button{{Text: catalog.T(lang, mBtnFace), Data: "tk:" + r.ID + ":face"}})
	case len(future) > 1:
		for _, i := range future {
			rows = append(rows, []kit.Button{{Text: catalog.T(lang, mBtnFaceAt, f.when(lang, r.Sessions[i].At, now)),
				Data: "tk:" + r.ID + ":face:" + strconv.Itoa(i)}})
		}
	}
	phone := mBtnPhone
	if len(future) == 0 {
		phone = mBtnPhoneOnly
	}
	return append(rows, []kit.Button{{Text: catalog.T(lang, phone), Data: "tk:" + r.ID + ":phone"}})
}
