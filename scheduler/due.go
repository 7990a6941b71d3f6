package scheduler

import (
	"time"

	"sibu/flows"
)

// Whether a reminder or notice is due at a tick is a feature's rule: it
// belongs in flows, beside the text it sends. Until it moves there, each
// feature's rule is one function in this file, and the jobs ask only it.
// Commitments are further along: flows decides per item
// (Engine.PromiseReminders asks Engine.ReminderStage; PromiseDigests drops
// items beyond the digest's week), and the jobs only bound what they read.

// surveyReminderDue reports whether a non-respondent of the campaign cp,
// reminded n times so far, the last at last (zero: never), is due another
// reminder at tick: the campaign reminds (a gap and a maximum), is open
// and not past its close, was opened at least a gap ago, and the person
// has had fewer than the maximum, the last at least a gap ago. With n = 0
// and a zero last it answers for the campaign as a whole: whether anyone
// can be due.
func surveyReminderDue(cp flows.Campaign, c flows.SurveyCounts, n int, last, tick time.Time) bool {
	switch {
	case cp.ReminderMax == 0 || cp.ReminderGap == 0 || n >= cp.ReminderMax:
		return false
	case c.Status != flows.StatusOpen || !cp.ClosesAt.IsZero() && !tick.Before(cp.ClosesAt):
		return false
	case c.OpenedAt.IsZero() || tick.Sub(c.OpenedAt) < cp.ReminderGap:
		return false
	}
	return last.IsZero() || tick.Sub(last) >= cp.ReminderGap
}

// talkNoticeDue reports whether the talk notice of kind is due at tick in
// round rs. The slot notices are about the phone slot at slot: the
// reminder from lead before it until the talk's time is over, then the
// outcome prompt. The daily list goes while the round is open and before
// its deadline; the officials' summary too, from three days before the
// deadline.
func talkNoticeDue(kind string, rs flows.TalkRoundState, slot time.Time, lead time.Duration, tick time.Time) bool {
	over := slot.Add(rs.Round.Length())
	deadline := rs.Round.Deadline
	running := rs.Open && (deadline.IsZero() || tick.Before(deadline))
	switch kind {
	case flows.NoticeRemind:
		return !tick.Before(slot.Add(-lead)) && tick.Before(over)
	case flows.NoticeOutcome:
		return !tick.Before(over)
	case flows.NoticeDaily:
		return running
	case flows.NoticeDeadline:
		return running && !deadline.IsZero() && !tick.Before(deadline.Add(-72*time.Hour))
	}
	return false
}

// commitmentHorizon is how many days past today a deadline may lie for a
// commitment reminder to be due: the largest reminder stage, at least 7
// (flows' default stages are 7, 1, 0, and the configured ones may be left
// empty for that default).
func commitmentHorizon(stages []int) int {
	n := 7
	for _, d := range stages {
		n = max(n, d)
	}
	return n
}

// digestDays is how far ahead the commitment digest looks (flows'
// PromiseDigests keeps the same 7 days).
const digestDays = 7
