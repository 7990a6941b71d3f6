package research

import (
	"fmt"
	"time"

	"sibu/flows/kit"
)

// Stages of a follow-up's reminder: the day before its deadline and the
// deadline day itself, each sent once per deadline.
const (
	StageDayBefore = "d1"
	StageDeadline  = "d0"
)

// FollowUpStage is the reminder due at now for o's follow-up: StageDayBefore
// when its deadline is tomorrow, StageDeadline when it is today; "" when
// none is due (no open follow-up, another day, or assigned today: the
// assignment's push has just said it).
func (f *Feature) FollowUpStage(o Opinion, now time.Time) string {
	if !o.Open() {
		return ""
	}
	today := kit.DayOf(now, f.Env.Location)
	if !o.Handling.At.IsZero() && kit.DayOf(o.Handling.At, f.Env.Location).Equal(today) {
		return ""
	}
	switch o.Handling.Deadline {
	case today.AddDate(0, 0, 1).Format(dayLayout):
		return StageDayBefore
	case today.Format(dayLayout):
		return StageDeadline
	}
	return ""
}

// FollowUpDays are the first and last deadline days whose follow-ups may
// have a reminder due at now (Store.FollowUpsDue reads them): today and
// tomorrow.
func (f *Feature) FollowUpDays(now time.Time) (first, last time.Time) {
	today := kit.DayOf(now, f.Env.Location)
	return today, today.AddDate(0, 0, 1)
}

// FollowUpReminders are the reminders due at now of the opinions read, one
// Result each: a push to the assignee (in Chinese, with ✅ 已办结 and the
// opinion's card) and a FollowUpReminded effect whose claim makes it go
// once per stage and deadline.
func (f *Feature) FollowUpReminders(ops []Opinion, now time.Time) []kit.Result {
	st := f.step(&kit.Step{Env: f.Env, Now: now, Lang: "zh"})
	var out []kit.Result
	for _, o := range ops {
		stage := f.FollowUpStage(o, now)
		if stage == "" {
			continue
		}
		h := o.Handling
		text := st.t(mFollowRemind+kit.Msg(stage), st.deadlineText(h.Deadline)) + "\n\n" + st.opinionCard(o)
		out = append(out, kit.Result{
			Effects: []kit.Effect{FollowUpReminded{OpinionID: o.ID, Rev: o.Rev, Stage: stage, To: h.Assignee, Deadline: h.Deadline,
				Key: fmt.Sprintf("%s:%s:%d", h.Deadline, stage, h.Assignee)}},
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: h.Assignee, Text: text,
				Buttons: [][]kit.Button{{{Text: st.t(mBtnFollowDone), Data: "ro:" + o.ID + ":dn"}}}}},
		})
	}
	return out
}
