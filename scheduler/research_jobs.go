package scheduler

import (
	"context"
	"fmt"
	"time"
)

// ResearchJobs are the crons of research campaigns: the reminders of the
// follow-ups assigned from opinions (hourly, not in quiet hours), the day
// before the deadline and on the day. Open follow-ups live in a sorted set
// by deadline, so a tick reads only those due today and tomorrow. Every
// reminder is committed with the condition that its stage was not sent for
// that deadline and that the opinion is as read, so replicas, retries and
// catch-up runs send each stage once, and none for a follow-up done
// meanwhile.
type ResearchJobs struct{ Deps }

// Register adds followup_reminders (hourly), caught up after downtime.
func (j *ResearchJobs) Register(s *Scheduler) error {
	return s.Add("followup_reminders", "0 * * * *", j.FollowUpReminders, WithCatchUp(), WithTimeout(2*time.Minute))
}

// FollowUpReminders reminds the assignees of the follow-ups due tomorrow
// or today of their deadline.
func (j *ResearchJobs) FollowUpReminders(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	f := j.Engine.Research()
	first, last := f.FollowUpDays(tick)
	ops, err := j.Store.FollowUpsDue(ctx, first, last)
	if err != nil {
		return nil, err
	}
	sent, already, err := j.commit(ctx, tick, f.FollowUpReminders(ops, tick)...)
	out := map[string]any{"due": len(ops), "sent": sent, "already_sent": already}
	if err != nil {
		return out, fmt.Errorf("follow-up reminders: %w", err) // the next tick retries; claims keep it once
	}
	return out, nil
}
