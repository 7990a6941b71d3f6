package flows

import (
	"fmt"
	"time"
)

// OpenSurvey opens questionnaire id on its own (the campaign's opens_at
// came): the effects and invitation pushes of /survey open, by nobody.
func (e *Engine) OpenSurvey(id string, now time.Time, dir Directory) (Result, error) {
	sv := e.env.Surveys[id]
	if sv == nil {
		return Result{}, fmt.Errorf("%w: %s", ErrNoSurvey, id)
	}
	st := &step{e: e, dir: dir, now: now, lang: "zh", me: Person{Unit: e.env.Root, Role: RoleOfficial}, ok: true}
	n, err := st.issue(sv)
	if err != nil {
		return Result{}, err
	}
	if n < 0 {
		return Result{}, nil
	}
	return st.res, nil
}

// CloseSurvey closes questionnaire id on its own (closes_at passed).
func (e *Engine) CloseSurvey(id string) Result {
	return Result{Effects: []Effect{SurveyClosed{SurveyID: id}}}
}

// SurveyReminder is the Nth reminder to a person who has not submitted:
// its effect (sent once per person and N) and its push.
func (e *Engine) SurveyReminder(sv *Survey, user int64, n int) Result {
	deadline := ""
	if !sv.Campaign.ClosesAt.IsZero() {
		deadline = T("zh", mSurveyDeadline, sv.Campaign.ClosesAt.In(e.env.Location).Format("2006-01-02 15:04"))
	}
	text := T("zh", mSurveyReminder, sv.Title, deadline)
	return Result{
		Effects: []Effect{ReminderSent{SurveyID: sv.ID, User: user, N: n}},
		Outputs: []Output{{Kind: OutPush, ChatID: user, Text: text,
			Buttons: [][]Button{{{Text: T("zh", mBtnStartSurvey), Data: surveyEntry(sv.ID)}}}}},
	}
}
