package flows

import (
	"fmt"
	"strings"
	"time"
)

// Notices the scheduler sends for talk rounds. Each is a Result with one
// TalkNoticeSent effect (committed once per key) and its pushes.

// TalkSlotNoticeKey names a slot notice: one per kind, entry and slot.
func TalkSlotNoticeKey(kind string, en TalkEntry) string {
	return fmt.Sprintf("%s:%d:%d", kind, en.User, en.Slot.Unix())
}

// TalkRemindBefore is how long before a phone slot its interviewer is reminded.
func (e *Engine) TalkRemindBefore() time.Duration { return e.env.Talk.remindBefore() }

// TalkReminder is the reminder to the interviewer before a phone slot: the
// person's name, number (a contact card: tap to call), and earlier notes.
func (e *Engine) TalkReminder(rs TalkRoundState, en TalkEntry) Result {
	st := &step{e: e, lang: "zh"}
	notes := ""
	if en.Makeup {
		notes = T("zh", mTalkReminderMakeup, en.Attempts)
	}
	text := T("zh", mTalkReminder, int(e.env.Talk.remindBefore().Minutes()), en.Name, st.unitName(en.Unit),
		e.tkWhenZH(en.Slot), TalkPhoneDisplay(en.Phone), rs.Round.Title, notes)
	cp := en
	return Result{
		Effects: []Effect{TalkNoticeSent{Round: rs.Round.ID, Kind: NoticeRemind, Key: TalkSlotNoticeKey(NoticeRemind, en), To: en.Interviewer, Entry: &cp}},
		Outputs: []Output{{Kind: OutPush, ChatID: en.Interviewer, Text: text,
			Contact: &Contact{Phone: en.Phone, FirstName: en.Name}}},
	}
}

// TalkOutcomePrompt asks the interviewer, after a slot, how the talk went.
func (e *Engine) TalkOutcomePrompt(rs TalkRoundState, en TalkEntry) Result {
	cp := en
	return Result{
		Effects: []Effect{TalkNoticeSent{Round: rs.Round.ID, Kind: NoticeOutcome, Key: TalkSlotNoticeKey(NoticeOutcome, en), To: en.Interviewer, Entry: &cp}},
		Outputs: []Output{{Kind: OutPush, ChatID: en.Interviewer,
			Text:    T("zh", mTalkOutcomeAsk, en.Name, e.tkWhenZH(en.Slot), rs.Round.Title),
			Buttons: tkOutcomeButtons("zh", rs.Round.ID, en)}},
	}
}

// TalkDaily is an interviewer's daily list of people not yet reached
// (total of them; entries is the first page).
func (e *Engine) TalkDaily(rs TalkRoundState, interviewer int64, entries []TalkEntry, total int64, day string) Result {
	st := &step{e: e, lang: "zh"}
	var b strings.Builder
	b.WriteString(T("zh", mTalkDaily, rs.Round.Title, total, e.tkWhenZH(rs.Round.Deadline)) + "\n")
	var rows [][]Button
	for _, en := range entries {
		b.WriteString("  · " + st.tkEntryLine(en, true) + "\n")
		if len(rows) < 8 && en.Status != EntryScheduled {
			rows = append(rows, []Button{{Text: T("zh", mTalkBtnRecord, en.Name), Data: tkIvData(rs.Round.ID, en.User, "rec")}})
		}
	}
	if int64(len(entries)) < total {
		b.WriteString(T("zh", mTalkDailyMore, total-int64(len(entries))) + "\n")
	}
	return Result{
		Effects: []Effect{TalkNoticeSent{Round: rs.Round.ID, Kind: NoticeDaily, Key: fmt.Sprintf("daily:%d:%s", interviewer, day), To: interviewer}},
		Outputs: []Output{{Kind: OutPush, ChatID: interviewer, Text: strings.TrimRight(b.String(), "\n"), Buttons: rows}},
	}
}

// TalkDeadlineSummary is the summary to officials before the coverage
// deadline.
func (e *Engine) TalkDeadlineSummary(rs TalkRoundState, cov TalkCoverage, officials []int64) Result {
	bk := cov.Buckets
	text := T("zh", mTalkDeadlineSummary, rs.Round.Title, e.tkWhenZH(rs.Round.Deadline), cov.Roster, cov.Done(),
		bk[BucketDoneFace], bk[BucketDonePhone], bk[BucketDoneMakeup], bk[BucketScheduled], bk[BucketPending], bk[BucketExcused],
		percent(cov.Done()+bk[BucketExcused], cov.Roster))
	res := Result{Effects: []Effect{TalkNoticeSent{Round: rs.Round.ID, Kind: NoticeDeadline, Key: "deadline"}}}
	for _, o := range officials {
		res.Outputs = append(res.Outputs, Output{Kind: OutPush, ChatID: o, Text: text,
			Buttons: [][]Button{{{Text: T("zh", mTalkBtnChart), Data: "tc:" + rs.Round.ID + ":chart"}, {Text: T("zh", mTalkBtnLedger), Data: "tc:" + rs.Round.ID + ":xlsx"}}}})
	}
	return res
}
