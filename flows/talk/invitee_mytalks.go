package talk

import (
	"fmt"

	"sibu/flows/kit"
)

// A person's own talks on /mytalks: in each open round where they are on
// the roster and not yet reached, what stands (待谈, proposed, booked 面谈
// or 电话约谈, 补谈 due) with the interviewer's name and the time, and the
// buttons that change it — the invitation's own buttons (tk:…), so the
// access policy, the change cutoff and the stale-button answers are the
// ones of the invitation.

// ownTalks sends the person's own talks, one message per round, and
// reports whether there were any.
func (st step) ownTalks(tr Reader) (bool, error) {
	open, err := openRounds(tr)
	if err != nil {
		return false, err
	}
	sent := false
	for _, rs := range open {
		en, on, err := tr.TalkEntry(rs.Round.ID, st.Me.ID)
		if err != nil {
			return sent, fmt.Errorf("talk entry %s: %w", rs.Round.ID, err)
		}
		if !on || en.Reached() {
			continue
		}
		text, rows := st.ownTalk(rs, en)
		if !sent {
			text = st.t(mMineHeader, st.Me.Name) + "\n\n" + text
		}
		st.Send(text, rows...)
		sent = true
	}
	return sent, nil
}

// ownTalk is one round's talk of the person, and its buttons.
func (st step) ownTalk(rs RoundState, en Entry) (string, [][]kit.Button) {
	r := &rs.Round
	iv := st.personName(en.Interviewer)
	switch en.Status {
	case EntryProposed:
		return st.t(mMineProposed, r.Title, st.when(en.Slot), iv), changeButtons(st.Lang, r.ID)
	case EntryMissed:
		return st.t(mMineMissed, r.Title, iv), st.f.inviteButtons(st.Lang, r, st.Now)
	case EntryScheduled:
		return st.ownBooking(rs, en, iv)
	}
	return st.t(mMinePending, r.Title, st.f.roundDetails(st.Lang, ahead(r, st.Now), st.Now), iv), st.f.inviteButtons(st.Lang, r, st.Now)
}

// ownBooking is a booked talk, with 改时间 / 取消预约 (or 改为电话约谈 for
// a 面谈) until the change cutoff, and after it why nothing can change.
func (st step) ownBooking(rs RoundState, en Entry, iv string) (string, [][]kit.Button) {
	r := &rs.Round
	var text string
	rows, until := changeButtons(st.Lang, r.ID), mMineChangeUntil
	if en.Mode == ModeFace {
		until = mMineFaceUntil
		text = st.t(mMineFace, r.Title, st.when(en.Slot), en.Place, iv)
		rows = [][]kit.Button{{{Text: st.t(mBtnToPhone), Data: "tk:" + r.ID + ":phone"},
			{Text: st.t(mBtnCancelBooking), Data: "tk:" + r.ID + ":cxl"}}}
	} else {
		text = st.t(mMinePhone, r.Title, st.kindName(en), st.when(en.Slot), PhoneDisplay(en.Phone), iv)
	}
	cutoff := st.f.Settings.cutoff()
	last := en.Slot.Add(-cutoff)
	if !st.Now.Before(last) {
		return text + "\n" + st.t(mMineLocked, int(cutoff.Hours())), nil
	}
	return text + "\n" + st.t(until, st.when(last)), rows
}
