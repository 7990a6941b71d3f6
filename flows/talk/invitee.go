package talk

import (
	"fmt"
	"time"

	"sibu/flows/kit"
)

// Notices to the people being talked to (issue 19): an invitation not
// answered is followed up two days after it went and again three days
// before the round's first talk; a booked talk is reminded the day before
// (面谈 with its place, 电话约谈 with the interviewer's name and the time)
// and a phone talk once more an hour before. Each goes once (its
// NoticeSent is claimed under MemberNoticeKey, guarded by the entry's
// revision, so nothing goes about a talk changed, cancelled or done
// meanwhile).

// Member notice kinds (NoticeSent.Kind).
const (
	NoticeInviteAfter  = "inv_after"  // invitation not answered after InviteFollowUp
	NoticeInviteBefore = "inv_before" // not answered InviteBeforeFirst before the first talk
	NoticeDayBefore    = "day_before" // the day before a booked talk
	NoticeSoon         = "soon"       // SoonBefore a booked phone talk
)

// Timing of the member notices.
const (
	// InviteFollowUp is how long after the invitation an unanswered one is
	// followed up.
	InviteFollowUp = 48 * time.Hour
	// InviteBeforeFirst is how long before the round's first talk an
	// unanswered invitation is followed up once more.
	InviteBeforeFirst = 72 * time.Hour
	// SoonBefore is how long before a phone talk its member is reminded.
	SoonBefore = time.Hour
	// inviteQuiet: no follow-up within a day of the invitation itself.
	inviteQuiet = 24 * time.Hour
)

// MemberNoticeKey names a member notice: an invitation's follow-ups once
// per person and round, a talk's reminders once per slot.
func MemberNoticeKey(kind string, en Entry) string {
	if kind == NoticeInviteAfter || kind == NoticeInviteBefore {
		return fmt.Sprintf("%s:%d", kind, en.User)
	}
	return SlotNoticeKey(kind, en)
}

// FirstTalk is when round r's talks begin: its first in-person session,
// or without any its first phone slot (zero when it has neither).
func FirstTalk(r *Round) time.Time {
	var first time.Time
	for _, s := range r.Sessions {
		if first.IsZero() || s.At.Before(first) {
			first = s.At
		}
	}
	if !first.IsZero() {
		return first
	}
	for _, t := range r.Slots {
		if first.IsZero() || t.Before(first) {
			first = t
		}
	}
	return first
}

// MemberNoticeDue is the member notice due at tick about en ("" for none).
// Only an open round before its deadline has any; an invitation counts as
// unanswered while its entry is untouched (待谈 at revision 0).
func (f *Feature) MemberNoticeDue(rs RoundState, en Entry, tick time.Time) string {
	r := &rs.Round
	if !rs.Open || !r.Deadline.IsZero() && !tick.Before(r.Deadline) {
		return ""
	}
	switch {
	case en.Status == EntryPending && en.Rev == 0 && !en.Makeup:
		return inviteDue(rs, en, tick)
	case en.Status == EntryScheduled && !en.Slot.IsZero() && tick.Before(en.Slot):
		return f.bookedDue(en, tick)
	}
	return ""
}

// inviteDue is the follow-up of an unanswered invitation due at tick.
func inviteDue(rs RoundState, en Entry, tick time.Time) string {
	invited := en.Invited
	if invited.IsZero() {
		invited = rs.OpenedAt
	}
	first := FirstTalk(&rs.Round)
	switch {
	case !first.IsZero() && !tick.Before(first):
		return "" // talks have begun: the interviewer follows up
	case !first.IsZero() && !tick.Before(first.Add(-InviteBeforeFirst)):
		if tick.Sub(invited) >= inviteQuiet {
			return NoticeInviteBefore
		}
	case tick.Sub(invited) >= InviteFollowUp:
		return NoticeInviteAfter
	}
	return ""
}

// bookedDue is the reminder of a booked talk due at tick: the hour before
// a phone talk, else from the start of the day before. A reminder whose
// time had come when the talk was booked is not sent (the booking has
// just said it).
func (f *Feature) bookedDue(en Entry, tick time.Time) string {
	phone := en.Mode == ModePhone
	soon := en.Slot.Add(-SoonBefore)
	if phone && !tick.Before(soon) {
		if en.Booked.Before(soon) {
			return NoticeSoon
		}
		return ""
	}
	s := en.Slot.In(f.Env.Location)
	dayBefore := time.Date(s.Year(), s.Month(), s.Day()-1, 0, 0, 0, 0, f.Env.Location)
	if !tick.Before(dayBefore) && en.Booked.Before(dayBefore) {
		return NoticeDayBefore
	}
	return ""
}

// MemberNotice is the notice of kind about en at tick, interviewer the
// name of the person who talks with them.
func (f *Feature) MemberNotice(rs RoundState, en Entry, kind, interviewer string, tick time.Time) kit.Result {
	r := &rs.Round
	out := kit.Output{Kind: kit.OutPush, ChatID: en.User}
	switch kind {
	case NoticeInviteAfter, NoticeInviteBefore:
		details := f.roundDetails("zh", ahead(r, tick), tick)
		if kind == NoticeInviteAfter {
			out.Text = catalog.T("zh", mInviteAfter, r.Title, details, interviewer)
		} else {
			out.Text = catalog.T("zh", mInviteBefore, r.Title, f.when("zh", FirstTalk(r), tick), details, interviewer)
		}
		out.Buttons = f.inviteButtons("zh", r, tick)
	case NoticeDayBefore:
		out.Text, out.Buttons = f.dayBefore(rs, en, interviewer, tick)
	case NoticeSoon:
		out.Text = catalog.T("zh", mSoonPhone, f.kindZH(en), f.when("zh", en.Slot, tick), interviewer,
			PhoneDisplay(en.Phone), r.Title)
		out.AnyHour, out.Urgent = true, true // a time the person chose; it cannot wait for a digest
	}
	cp := en
	return kit.Result{
		Effects: []kit.Effect{NoticeSent{Round: r.ID, Kind: kind, Key: MemberNoticeKey(kind, en), To: en.User, Entry: &cp}},
		Outputs: []kit.Output{out},
	}
}

// dayBefore is the reminder the day before a booked talk: 面谈 with its
// place (and the way to a phone talk instead), 电话约谈 with the
// interviewer and the number to be called (and 改时间 / 取消预约 while
// the change cutoff allows).
func (f *Feature) dayBefore(rs RoundState, en Entry, interviewer string, tick time.Time) (string, [][]kit.Button) {
	r := &rs.Round
	at := f.when("zh", en.Slot, tick)
	cutoff := f.Settings.cutoff()
	changeable := tick.Before(en.Slot.Add(-cutoff))
	if en.Mode == ModeFace {
		var rows [][]kit.Button
		if changeable {
			rows = [][]kit.Button{{{Text: catalog.T("zh", mBtnToPhone), Data: "tk:" + r.ID + ":phone"}}}
		}
		return catalog.T("zh", mDayBeforeFace, r.Title, at, en.Place, interviewer), rows
	}
	var rows [][]kit.Button
	if changeable {
		rows = changeButtons("zh", r.ID)
	}
	return catalog.T("zh", mDayBeforePhone, f.kindZH(en), r.Title, at, interviewer, PhoneDisplay(en.Phone),
		int(cutoff.Hours())), rows
}

// ahead is round r with only its sessions and phone slots still ahead of
// now: what a reminder offers (the invitation listed them all).
func ahead(r *Round, now time.Time) *Round {
	cp := *r
	cp.Sessions, cp.Slots = nil, nil
	for _, s := range r.Sessions {
		if s.At.After(now) {
			cp.Sessions = append(cp.Sessions, s)
		}
	}
	for _, t := range r.Slots {
		if t.After(now) {
			cp.Slots = append(cp.Slots, t)
		}
	}
	return &cp
}

// kindZH names a booked phone talk in a push: 电话约谈, or 补谈.
func (f *Feature) kindZH(en Entry) string {
	if en.Makeup {
		return catalog.T("zh", mKindMakeup)
	}
	return catalog.T("zh", mKindPhone)
}
