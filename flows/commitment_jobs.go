package flows

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReminderStage is the reminder due for c at now: "d<N>" N days before the
// deadline (the nearest configured stage at or above the days left, so a
// late-declared item gets the nearest one once), "o<N>" N days overdue; ""
// when none is due. Stages are claimed once per deadline, so a moved
// deadline starts the cycle again.
func (e *Engine) ReminderStage(c Commitment, now time.Time) string {
	if !c.Tracked() {
		return ""
	}
	days := c.DaysLeft(now, e.env.Location)
	if days < 0 {
		return fmt.Sprintf("o%d", -days)
	}
	stages := slices.Clone(e.env.Promise.norm().Remind)
	slices.Sort(stages)
	for _, s := range stages {
		if days <= s {
			return fmt.Sprintf("d%d", s)
		}
	}
	return ""
}

// PromiseReminders are the reminders due for c at now, one Result per
// recipient, each with a CommitmentReminderSent effect whose condition makes
// it go once: the owner's stage (to the supervisors instead when blocked
// says the owner blocked the bot), and from the first day overdue the
// supervisors' daily 督办 reminder.
func (e *Engine) PromiseReminders(c Commitment, now time.Time, dir Directory, blocked func(int64) (bool, error)) ([]Result, error) {
	stage := e.ReminderStage(c, now)
	if stage == "" {
		return nil, nil
	}
	st := &step{e: e, dir: dir, now: now, lang: "zh"}
	days := c.DaysLeft(now, e.env.Location)
	owners, err := e.ownerChats(dir, c)
	if err != nil {
		return nil, err
	}
	sup, err := e.supervisorsOf(dir, e.reviewUnit(c, 1), c.Owner)
	if err != nil {
		return nil, err
	}
	var out []Result
	one := func(to int64, stage string, text string, buttons ...[]Button) {
		out = append(out, Result{
			Effects: []Effect{CommitmentReminderSent{ItemID: c.ID, Key: fmt.Sprintf("%s:%s:%d", c.Deadline, stage, to),
				Stage: stage, To: to, Deadline: c.Deadline}},
			Outputs: []Output{{Kind: OutPush, ChatID: to, Text: text, Buttons: buttons}},
		})
	}
	var text string
	switch {
	case days > 0:
		text = T("zh", mpRemindBefore, short(c.Content, 60), st.dateText(c.Deadline), days)
	case days == 0:
		text = T("zh", mpRemindToday, short(c.Content, 60))
	default:
		text = T("zh", mpRemindOverdue, short(c.Content, 60), -days, st.dateText(c.Deadline))
	}
	if c.Status == CommitRectify {
		text = T("zh", mpRectifyTagPush) + text
	}
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
			one(s.ID, stage+"b", T("zh", mpOwnerBlocked, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline)),
				[]Button{{Text: T("zh", mpBtnUrge), Data: "pr:" + c.ID + ":ur"}})
		}
	}
	if days < 0 {
		for _, s := range sup {
			one(s.ID, fmt.Sprintf("s%d", -days), T("zh", mpRemindSupervisor, st.ownerLabel(c), short(c.Content, 40), -days, st.dateText(c.Deadline)),
				[]Button{{Text: T("zh", mpBtnUrge), Data: "pr:" + c.ID + ":ur"}})
		}
	}
	return out, nil
}

// PromiseDigests are the weekly digests (one per supervisor) of the items
// due within 7 days of now or overdue, grouped by the supervisors of each
// item's unit. week names the week (the claim); each Result goes once.
func (e *Engine) PromiseDigests(items []Commitment, now time.Time, week string, dir Directory) ([]Result, error) {
	st := &step{e: e, dir: dir, now: now, lang: "zh"}
	type acc struct {
		overdue, soon []string
	}
	by := map[int64]*acc{}
	var order []int64
	for _, c := range items {
		if !c.Tracked() {
			continue
		}
		days := c.DaysLeft(now, e.env.Location)
		if days > 7 {
			continue
		}
		sup, err := e.supervisorsOf(dir, c.Unit, c.Owner)
		if err != nil {
			return nil, err
		}
		line := fmt.Sprintf("· %s · %s（%s）", short(st.ownerLabel(c), 10), short(c.Content, 24), c.Deadline)
		for _, s := range sup {
			a := by[s.ID]
			if a == nil {
				a = &acc{}
				by[s.ID] = a
				order = append(order, s.ID)
			}
			if days < 0 {
				a.overdue = append(a.overdue, line+T("zh", mpDigestDays, -days))
			} else {
				a.soon = append(a.soon, line)
			}
		}
	}
	var out []Result
	for _, id := range order {
		a := by[id]
		var b strings.Builder
		b.WriteString(T("zh", mpDigestHeader, week))
		if len(a.overdue) > 0 {
			b.WriteString("\n\n" + T("zh", mpDigestOverdue, len(a.overdue)) + "\n" + strings.Join(capLines(a.overdue, 20), "\n"))
		}
		if len(a.soon) > 0 {
			b.WriteString("\n\n" + T("zh", mpDigestSoon, len(a.soon)) + "\n" + strings.Join(capLines(a.soon, 20), "\n"))
		}
		b.WriteString("\n\n" + T("zh", mpDigestHint))
		out = append(out, Result{Effects: []Effect{CommitmentDigestSent{Week: week, To: id}},
			Outputs: []Output{{Kind: OutPush, ChatID: id, Text: b.String()}}})
	}
	return out, nil
}

func capLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n:n], T("zh", mpOverdueMore, len(lines)-n))
}
