package scheduler

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
)

// CommitmentJobs are the public commitment crons: the owners' deadline
// reminders (hourly, never in quiet hours; overdue on day 1, 3, 7, then
// weekly). Deadlines live in a sorted set, so a tick reads only the items
// due within the reminder stages (as the commitment feature says). Every
// reminder is committed with the condition that its stage was not sent for
// that deadline, so replicas, retries and catch-up runs send each stage of
// each item once.
type CommitmentJobs struct{ Deps }

// Register adds commitment_reminders (hourly), caught up after downtime.
// The supervisors' weekly summary is part of their Monday digest
// (DigestJobs).
func (j *CommitmentJobs) Register(s *Scheduler) error {
	return s.Add("commitment_reminders", "0 * * * *", j.Reminders, WithCatchUp(), WithTimeout(5*time.Minute))
}

// due reads the items whose deadline is before before (and the overdue
// ones), with the directory of their units.
func (j *CommitmentJobs) due(ctx context.Context, before time.Time) ([]commitment.Item, kit.Directory, error) {
	items, err := j.Store.DueBefore(ctx, before)
	if err != nil {
		return nil, nil, err
	}
	units := make([]string, 0, len(items))
	for _, c := range items {
		units = append(units, c.Unit)
	}
	dir, err := j.Store.JobDirectory(ctx, units)
	if err != nil {
		return nil, nil, err
	}
	return items, dir, nil
}

// Reminders sends the reminder stages due at tick: 7/1/0 days before the
// deadline to the owner, daily while overdue to the owner and to the
// supervisors (to the supervisors only when the owner blocked the bot).
func (j *CommitmentJobs) Reminders(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	items, dir, err := j.due(ctx, j.Engine.Commitment().RemindBefore(tick))
	if err != nil {
		return nil, err
	}
	unreachable, err := j.Store.UnreachableSet(ctx)
	if err != nil {
		return nil, err
	}
	blocked := func(id int64) (bool, error) { return unreachable[id], nil }
	var all []kit.Result
	var failed error // one item's trouble does not hold up the others' reminders
	for _, c := range items {
		results, err := j.Engine.Commitment().Reminders(c, tick, dir, blocked)
		if err != nil {
			failed = cmp.Or(failed, fmt.Errorf("reminders of %s: %w", c.ID, err))
			continue
		}
		all = append(all, results...)
	}
	sent, already, err := j.commit(ctx, tick, all...)
	out := map[string]any{"due": len(items), "sent": sent, "already_sent": already}
	if err = cmp.Or(failed, err); err != nil {
		return out, fmt.Errorf("remind: %w", err) // the next tick retries; claims keep it once
	}
	return out, nil
}
