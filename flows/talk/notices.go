package talk

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
)

// Notices the scheduler sends for talk rounds. Each is a kit.Result with
// one NoticeSent effect (committed once per key) and its pushes. Whether
// one is due is decided here too (SlotNoticeDue, DailyDue,
// DeadlineSummaryDue).

// SlotNoticeKey names a slot notice: one per kind, entry and slot.
func SlotNoticeKey(kind string, en Entry) string {
	return fmt.Sprintf("%s:%d:%d", kind, en.User, en.Slot.Unix())
}

// RemindBefore is how long before a phone slot its interviewer is
// reminded.
func (f *Feature) RemindBefore() time.Duration { return f.Settings.remindBefore() }

// SlotNoticeDue is the slot notice due at tick about en's phone talk:
// NoticeOutcome once the slot is over, NoticeRemind from RemindBefore
// before it, "" otherwise.
func (f *Feature) SlotNoticeDue(rs RoundState, en Entry, tick time.Time) string {
	switch {
	case !tick.Before(en.Slot.Add(rs.Round.Length())):
		return NoticeOutcome
	case !tick.Before(en.Slot.Add(-f.RemindBefore())):
		return NoticeRemind
	}
	return ""
}

// DailyDue reports whether round rs gets its daily jobs at tick (the
// interviewers' lists, and the deadline summary when that is due too): it
// is open and its deadline (if any) not passed.
func DailyDue(rs RoundState, tick time.Time) bool {
	return rs.Open && (rs.Round.Deadline.IsZero() || tick.Before(rs.Round.Deadline))
}

// DeadlineSummaryDue reports whether the officials' summary of rs is due at
// tick: three days or less before its deadline.
func DeadlineSummaryDue(rs RoundState, tick time.Time) bool {
	d := rs.Round.Deadline
	return !d.IsZero() && !tick.Before(d.Add(-72*time.Hour))
}

// slotNotice is the NoticeSent effect of a slot notice of kind about en.
func slotNotice(rs RoundState, kind string, en Entry) NoticeSent {
	cp := en
	return NoticeSent{Round: rs.Round.ID, Kind: kind, Key: SlotNoticeKey(kind, en), To: en.Interviewer, Entry: &cp}
}

// Reminder is the reminder to the interviewer before a phone slot: the
// person's name, number (a contact card: tap to call), and earlier notes.
// It goes even in quiet hours (AnyHour) and never waits for a digest
// (Urgent): the talk is booked for that time.
func (f *Feature) Reminder(rs RoundState, en Entry) kit.Result {
	notes := ""
	if en.Makeup {
		notes = catalog.T("zh", mReminderMakeup, en.Attempts)
	}
	text := catalog.T("zh", mReminder, int(f.RemindBefore().Minutes()), en.Name, f.Env.UnitName(en.Unit),
		f.when("zh", en.Slot, en.Slot.Add(-f.RemindBefore())), PhoneDisplay(en.Phone), rs.Round.Title, notes)
	return kit.Result{
		Effects: []kit.Effect{slotNotice(rs, NoticeRemind, en)},
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: en.Interviewer, Text: text,
			Contact: &kit.Contact{Phone: en.Phone, FirstName: en.Name}, AnyHour: true, Urgent: true}},
	}
}

// OutcomePrompt asks the interviewer, after a slot, how the talk went.
func (f *Feature) OutcomePrompt(rs RoundState, en Entry) kit.Result {
	return kit.Result{
		Effects: []kit.Effect{slotNotice(rs, NoticeOutcome, en)},
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: en.Interviewer,
			Text:    catalog.T("zh", mOutcomeAsk, en.Name, f.when("zh", en.Slot, en.Slot), rs.Round.Title),
			Buttons: outcomeButtons("zh", rs.Round.ID, en)}},
	}
}

// Daily is an interviewer's daily list of people not yet reached (total
// of them; entries is the first page) on day ("2006-01-02").
func (f *Feature) Daily(rs RoundState, interviewer int64, entries []Entry, total int64, day string) kit.Result {
	now, _ := time.ParseInLocation("2006-01-02", day, f.Env.Location)
	var b strings.Builder
	b.WriteString(catalog.T("zh", mDaily, rs.Round.Title, total, f.deadline("zh", rs.Round.Deadline)) + "\n")
	var rows [][]kit.Button
	for _, en := range entries {
		b.WriteString("  · " + f.entryLine("zh", en, true, now) + "\n")
		if len(rows) < 8 && en.Status != EntryScheduled {
			rows = append(rows, []kit.Button{{Text: catalog.T("zh", mBtnRecord, en.Name), Data: ivData(rs.Round.ID, en.User, "rec")}})
		}
	}
	if int64(len(entries)) < total {
		b.WriteString(catalog.T("zh", mDailyMore, total-int64(len(entries))) + "\n")
	}
	return kit.Result{
		Effects: []kit.Effect{NoticeSent{Round: rs.Round.ID, Kind: NoticeDaily, Key: dailyKey(interviewer, day), To: interviewer, Day: day}},
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: interviewer, Text: strings.TrimRight(b.String(), "\n"), Buttons: rows}},
	}
}

// DeadlineSummary is the summary to officials before the coverage
// deadline.
func (f *Feature) DeadlineSummary(rs RoundState, cov Coverage, officials []int64) kit.Result {
	bk := cov.Buckets
	text := catalog.T("zh", mDeadlineSummary, rs.Round.Title, f.deadline("zh", rs.Round.Deadline), cov.Roster, cov.Done(),
		bk[BucketDoneFace], bk[BucketDonePhone], bk[BucketDoneMakeup], bk[BucketScheduled], bk[BucketPending], bk[BucketExcused],
		f.rate("zh", cov))
	res := kit.Result{Effects: []kit.Effect{NoticeSent{Round: rs.Round.ID, Kind: NoticeDeadline, Key: "deadline"}}}
	for _, o := range officials {
		res.Outputs = append(res.Outputs, kit.Output{Kind: kit.OutPush, ChatID: o, Text: text,
			Buttons: [][]kit.Button{reportButtons("zh", rs.Round.ID)}})
	}
	return res
}
