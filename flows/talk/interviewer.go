package talk

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Interviewer side: the outcome of a talk (已谈 with a summary or voice
// note, 未接通 → 补谈, 改为面谈), accepting proposed times and tap to call.
// The summary is outcome.go, /mytalks mytalks.go.

// ivData is the callback data of an interviewer's button about one member:
// "ti:<round>:<user>:<verb>[:<arg>]".
func ivData(round string, user int64, verb string, arg ...string) string {
	d := "ti:" + round + ":" + strconv.FormatInt(user, 10) + ":" + verb
	if len(arg) > 0 {
		d += ":" + arg[0]
	}
	return d
}

// ivTalk loads an entry for its interviewer, or an official above the
// person, as the access policy decides (alert when not allowed).
func (st step) ivTalk(roundID string, user int64) (RoundState, Entry, bool, error) {
	tr, ok := st.reader()
	if !ok || !st.Known {
		st.tell(st.t(mFlowGone))
		return RoundState{}, Entry{}, false, nil
	}
	rs, ok, err := tr.TalkRound(roundID)
	if err != nil {
		return rs, Entry{}, false, fmt.Errorf("talk round %s: %w", roundID, err)
	}
	var en Entry
	if ok {
		if en, ok, err = tr.TalkEntry(roundID, user); err != nil {
			return rs, en, false, fmt.Errorf("talk entry: %w", err)
		}
	}
	if !ok {
		st.tell(st.t(mFlowGone))
		return rs, en, false, nil
	}
	if !access.Check(st.Step, access.Interview, access.Object{Unit: en.Unit, Interviewer: en.Interviewer}).Allowed {
		return rs, en, false, nil
	}
	return rs, en, true, nil
}

// outcomeButtons are the choices after a talk (or from /mytalks).
func outcomeButtons(lang, round string, en Entry) [][]kit.Button {
	rows := [][]kit.Button{
		{{Text: catalog.T(lang, mBtnDone), Data: ivData(round, en.User, "done")}},
		{{Text: catalog.T(lang, mBtnMissed), Data: ivData(round, en.User, "miss")}, {Text: catalog.T(lang, mBtnToFace), Data: ivData(round, en.User, "face")}},
	}
	if en.Phone != "" {
		rows = append(rows, []kit.Button{{Text: catalog.T(lang, mBtnCall), Data: ivData(round, en.User, "call")}})
	}
	return rows
}

// interviewerEntry handles "ti:<round>:<user>:<verb>[:<arg>]".
func (st step) interviewerEntry(rest string) error {
	parts := strings.SplitN(rest, ":", 4)
	if len(parts) < 3 {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	user, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	roundID, verb, arg := parts[0], parts[2], ""
	if len(parts) == 4 {
		arg = parts[3]
	}
	if _, known := access.Verb("ti", verb); !known {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	rs, en, ok, err := st.ivTalk(roundID, user)
	if !ok || err != nil {
		return err
	}
	switch {
	case verb == "call":
		st.call(en)
		return nil
	case en.Reached():
		st.Answer(st.t(mEntryReached, en.Name), true)
		return nil
	case !rs.Open:
		st.Answer(st.t(mRoundClosed, rs.Round.Title), true)
		return nil
	}
	switch verb {
	case "rec":
		st.Answer("", false)
		st.Send(st.entryLine(en, true), outcomeButtons(st.Lang, roundID, en)...)
		return nil
	case "done":
		st.askSummary(roundID, en)
		return nil
	case "miss":
		st.missed(rs, en)
		return nil
	case "face":
		st.toFace(rs, en)
		return nil
	case "ok", "no":
		if en.Status != EntryProposed || arg != "" && strconv.FormatInt(en.Slot.Unix(), 10) != arg {
			st.Answer(st.t(kit.MsgExpired), false)
			return nil
		}
		if verb == "ok" {
			return st.accept(rs, en)
		}
		st.decline(rs, en)
		return nil
	}
	st.Answer(st.t(kit.MsgExpired), false)
	return nil
}

// call sends the member's number as a contact card (tap to call).
func (st step) call(en Entry) {
	if en.Phone == "" {
		st.Answer(st.t(mNoPhone), true)
		return
	}
	st.Answer("", false)
	st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID,
		Text: st.t(mCallText, en.Name, PhoneDisplay(en.Phone)), Contact: &kit.Contact{Phone: en.Phone, FirstName: en.Name}})
}

// missed records 未接通/爽约 and asks the member to book a 补谈.
func (st step) missed(rs RoundState, en Entry) {
	if en.Status != EntryScheduled {
		st.Answer(st.t(mNotScheduled, en.Name), true)
		return
	}
	after := en
	after.Status, after.Makeup, after.Attempts = EntryMissed, true, en.Attempts+1
	after.Slot, after.Place = time.Time{}, ""
	st.Emit(Missed{st.change(en, after)})
	st.Answer("", false)
	st.sendOrEdit(st.t(mMissedOK, en.Name, after.Attempts))
	st.Push(en.User, catalog.T("zh", mMemberMissed, rs.Round.Title), st.f.inviteButtons("zh", &rs.Round, st.Now)...)
}

// toFace turns the talk into an in-person one, at the next session if
// there is one.
func (st step) toFace(rs RoundState, en Entry) {
	after := en
	after.Mode, after.Slot, after.Place = ModeFace, time.Time{}, ""
	after.Status = EntryPending
	if en.Makeup {
		after.Status = EntryMissed
	}
	if f := futureSessions(&rs.Round, st.Now); len(f) > 0 {
		s := rs.Round.Sessions[f[0]]
		after.Status, after.Slot, after.Place = EntryScheduled, s.At, s.Place
	}
	if after.Status == EntryScheduled {
		st.scheduleEffect(en, after)
	} else {
		st.Emit(Cancelled{st.change(en, after)})
	}
	st.Answer("", false)
	st.sendOrEdit(st.t(mToFaceOK, en.Name, st.when(after.Slot)))
	st.Push(en.User, catalog.T("zh", mMemberToFace, rs.Round.Title, st.whenZH(after.Slot), after.Place))
}

// accept books the time a member proposed, if the slot is still free.
func (st step) accept(rs RoundState, en Entry) error {
	tr, _ := st.reader()
	booked, err := tr.TalkBooked(rs.Round.ID, en.Interviewer)
	if err != nil {
		return err
	}
	if u, taken := booked[en.Slot.Unix()]; taken && u != en.User {
		st.Answer(st.t(mSlotTaken), true)
		return nil
	}
	after := en
	after.Status = EntryScheduled
	st.scheduleEffect(en, after)
	st.Answer("", false)
	st.sendOrEdit(st.t(mAccepted, en.Name, st.when(en.Slot)))
	st.Push(en.User, catalog.T("zh", mMemberAccepted, rs.Round.Title, st.whenZH(en.Slot)), changeButtons("zh", rs.Round.ID)...)
	return nil
}

// decline turns down a proposed time; the member chooses again.
func (st step) decline(rs RoundState, en Entry) {
	after := en
	after.Status, after.Slot = EntryPending, time.Time{}
	if en.Makeup {
		after.Status = EntryMissed
	}
	st.Emit(Cancelled{st.change(en, after)})
	st.Answer("", false)
	st.sendOrEdit(st.t(mDeclined, en.Name))
	st.Push(en.User, catalog.T("zh", mMemberDeclined, rs.Round.Title), st.f.inviteButtons("zh", &rs.Round, st.Now)...)
}
