package survey

import (
	"errors"
	"fmt"
	"time"

	"sibu/flows/kit"
)

// ErrUnknown is returned for a questionnaire id that is not configured.
var ErrUnknown = errors.New("no such questionnaire")

// OpenDue reports whether the campaign of sv opens on its own at now: it
// is a draft, its opens_at came and its closes_at has not passed.
func OpenDue(sv *Survey, c Counts, now time.Time) bool {
	cp := sv.Campaign
	return c.Status == StatusDraft && !cp.OpensAt.IsZero() && !now.Before(cp.OpensAt) &&
		(cp.ClosesAt.IsZero() || now.Before(cp.ClosesAt))
}

// CloseDue reports whether the campaign of sv closes on its own at now: it
// is open and its closes_at passed.
func CloseDue(sv *Survey, c Counts, now time.Time) bool {
	cp := sv.Campaign
	return c.Status == StatusOpen && !cp.ClosesAt.IsZero() && !now.Before(cp.ClosesAt)
}

// RemindersDue reports whether non-respondents of sv may be reminded at
// now: the campaign has reminders, is open and not past its closes_at, and
// opened at least a reminder gap ago.
func RemindersDue(sv *Survey, c Counts, now time.Time) bool {
	cp := sv.Campaign
	if cp.ReminderMax == 0 || cp.ReminderGap == 0 {
		return false
	}
	return c.Status == StatusOpen && (cp.ClosesAt.IsZero() || now.Before(cp.ClosesAt)) &&
		!c.OpenedAt.IsZero() && now.Sub(c.OpenedAt) >= cp.ReminderGap
}

// ReminderDue reports whether a non-respondent of sv who had sent
// reminders, the last one at last (zero: none), is due another at now
// (given RemindersDue): fewer than the campaign's maximum, at least its
// gap apart.
func ReminderDue(sv *Survey, sent int, last, now time.Time) bool {
	cp := sv.Campaign
	return sent < cp.ReminderMax && (last.IsZero() || now.Sub(last) >= cp.ReminderGap)
}

// Open opens questionnaire id on its own (the campaign's opens_at came):
// the effects and invitation pushes of /survey open, by nobody.
func (f *Feature) Open(id string, now time.Time, dir kit.Directory) (kit.Result, error) {
	sv := f.Surveys[id]
	if sv == nil {
		return kit.Result{}, fmt.Errorf("%w: %s", ErrUnknown, id)
	}
	st := f.step(&kit.Step{Env: f.Env, Dir: dir, Now: now, Lang: "zh",
		Me: kit.Person{Unit: f.Env.Root, Role: kit.RoleOfficial}, Known: true})
	n, err := st.issue(sv, StatusDraft) // OpenDue: a draft
	if err != nil {
		return kit.Result{}, err
	}
	if n < 0 {
		return kit.Result{}, nil
	}
	return kit.Result{Outputs: st.Outputs, Effects: st.Effects}, nil
}

// Close closes questionnaire id on its own (closes_at passed).
func (f *Feature) Close(id string) kit.Result {
	return kit.Result{Effects: []kit.Effect{Closed{SurveyID: id}}}
}

// Remind is the nth reminder to a person who has not submitted sv: its
// effect (sent once per person and n) and its push.
func (f *Feature) Remind(sv *Survey, user int64, n int) kit.Result {
	deadline := ""
	if !sv.Campaign.ClosesAt.IsZero() {
		deadline = catalog.T("zh", mSurveyDeadline, f.when(sv.Campaign.ClosesAt))
	}
	text := catalog.T("zh", mSurveyReminder, sv.Title, deadline)
	return kit.Result{
		Effects: []kit.Effect{ReminderSent{SurveyID: sv.ID, User: user, N: n}},
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: user, Text: text, Buttons: [][]kit.Button{startButton(sv.ID)}}},
	}
}
