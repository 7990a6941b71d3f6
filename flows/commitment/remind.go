package commitment

import (
	"fmt"
	"slices"
	"time"

	"sibu/flows/kit"
)

// jobStep is the step of a scheduled job at now: no person, Chinese.
func (f *Feature) jobStep(dir kit.Directory, now time.Time) step {
	return f.step(&kit.Step{Env: f.Env, Dir: dir, Now: now, Lang: "zh"})
}

// ReminderStage is the reminder due for c at now: "d<N>" N days before the
// deadline (the nearest configured stage at or above the days left, so a
// late-declared item gets the nearest one once), "o<N>" N days overdue; ""
// when none is due. Overdue, the owner is reminded on the days of the
// nagging cadence only (kit.NagDay: day 1, 3, 7, then weekly). Stages are
// claimed once per deadline, so a moved deadline starts the cycle again.
func (f *Feature) ReminderStage(c Item, now time.Time) string {
	if !c.Tracked() {
		return ""
	}
	days := c.DaysLeft(now, f.Env.Location)
	if days < 0 {
		if !kit.NagDay(-days) {
			return ""
		}
		return fmt.Sprintf("o%d", -days)
	}
	stages := slices.Clone(f.Settings.WithDefaults().Remind)
	slices.Sort(stages)
	for _, s := range stages {
		if days <= s {
			return fmt.Sprintf("d%d", s)
		}
	}
	return ""
}

// RemindBefore is the day before which the reminder job at now reads the
// due items (Reader.DueBefore): the items with a stage that may be due.
func (f *Feature) RemindBefore(now time.Time) time.Time {
	return kit.DayOf(now, f.Env.Location).AddDate(0, 0, f.Settings.Horizon()+1)
}

// Reminders are the reminders due for c at now, one Result per recipient,
// each with a ReminderSent effect whose condition makes it go once: the
// owner's stage (to the supervisors instead when blocked says the owner
// blocked the bot). Supervisors get no push per overdue item: they see
// the items under them in their daily digest (todo), as officials do.
func (f *Feature) Reminders(c Item, now time.Time, dir kit.Directory, blocked func(int64) (bool, error)) ([]kit.Result, error) {
	stage := f.ReminderStage(c, now)
	if stage == "" {
		return nil, nil
	}
	st := f.jobStep(dir, now)
	days := c.DaysLeft(now, f.Env.Location)
	owners, err := f.ownerChats(dir, c)
	if err != nil {
		return nil, err
	}
	sup, err := f.supervisorsOf(dir, f.reviewUnit(c, 1), c.Owner)
	if err != nil {
		return nil, err
	}
	var out []kit.Result
	one := func(to int64, stage string, text string, buttons ...[]kit.Button) {
		out = append(out, kit.Result{
			Effects: []kit.Effect{ReminderSent{ItemID: c.ID, Key: fmt.Sprintf("%s:%s:%d", c.Deadline, stage, to),
				Stage: stage, To: to, Deadline: c.Deadline}},
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: to, Text: text, Buttons: buttons}},
		})
	}
	text := st.reminderText(c, days)
	for _, id := range owners {
		b, err := blocked(id)
		if err != nil {
			return nil, fmt.Errorf("unreachable %d: %w", id, err)
		}
		if !b {
			one(id, stage, text, ownerButtons(c.ID))
			continue
		}
		for _, s := range sup {
			one(s.ID, stage+"b", st.t(mOwnerBlocked, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline)), urgeButton(c.ID))
		}
	}
	return out, nil
}

// reminderText is the owner's reminder of c, days before its deadline
// (negative: overdue).
func (st step) reminderText(c Item, days int) string {
	var text string
	switch {
	case days > 0:
		text = st.t(mRemindBefore, short(c.Content, 60), st.dateText(c.Deadline), days)
	case days == 0:
		text = st.t(mRemindToday, short(c.Content, 60))
	default:
		text = st.t(mRemindOverdue, short(c.Content, 60), -days, st.dateText(c.Deadline))
	}
	if c.Status == StatusRectify {
		text = st.t(mRectifyTagPush) + text
	}
	return text
}
