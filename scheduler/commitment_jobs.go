package scheduler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"sibu/flows"
	"sibu/storage"
)

// CommitmentJobs are the public commitment crons: deadline reminders and
// escalation (hourly), and the supervisors' weekly digest (Monday 09:00).
// Deadlines live in a sorted set, so a tick reads only the items due within
// the reminder horizon. Every reminder is committed with the condition that
// its stage was not sent for that deadline, so replicas, retries and
// catch-up runs send each stage of each item once.
type CommitmentJobs struct {
	Store  *storage.Store
	Engine *flows.Engine
	// Quiet reports whether t falls in quiet hours (nothing is sent then;
	// the first tick after them sends what waited).
	Quiet func(t time.Time) bool
	Log   *slog.Logger
}

// Register adds commitment_reminders (hourly) and commitment_digest
// (Mondays 09:00), both caught up after downtime.
func (j *CommitmentJobs) Register(s *Scheduler) error {
	if err := s.Add("commitment_reminders", "0 * * * *", j.Reminders, WithCatchUp(), WithTimeout(5*time.Minute)); err != nil {
		return err
	}
	return s.Add("commitment_digest", "0 9 * * 1", j.Digest, WithCatchUp(), WithTimeout(5*time.Minute))
}

// horizon is how far ahead reminders look: the largest configured stage.
func (j *CommitmentJobs) horizon() int {
	n := 7
	for _, d := range j.Engine.Env().Promise.Remind {
		n = max(n, d)
	}
	return n
}

func (j *CommitmentJobs) today(t time.Time) time.Time {
	t = t.In(j.Engine.Env().Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// commitAll writes system results, each on its own with its own condition,
// in pipelined batches. A result whose condition fails was sent already.
func (j *CommitmentJobs) commitAll(ctx context.Context, results []flows.Result, now time.Time) (sent, already int, err error) {
	cs := make([]storage.Commit, len(results))
	for i, res := range results {
		chat := int64(0)
		if len(res.Outputs) > 0 {
			chat = res.Outputs[0].ChatID
		}
		cs[i] = storage.Commit{ChatID: chat, NoSession: true, Effects: res.Effects, Outputs: res.Outputs, Now: now}
	}
	errs, err := j.Store.CommitBatch(ctx, cs)
	var first error
	for _, e := range errs {
		switch {
		case e == nil:
			sent++
		case errors.Is(e, storage.ErrConflict):
			already++
		case first == nil:
			first = e
		}
	}
	if err == nil {
		err = first // the rest is retried by the next tick; claims keep it once
	}
	return sent, already, err
}

// Reminders sends the reminder stages due at tick: 7/1/0 days before the
// deadline to the owner, daily while overdue to the owner and to the
// supervisors (to the supervisors only when the owner blocked the bot).
func (j *CommitmentJobs) Reminders(ctx context.Context, tick time.Time) (map[string]any, error) {
	if j.Quiet != nil && j.Quiet(tick.In(j.Engine.Env().Location)) {
		return map[string]any{"quiet_hours": true}, nil
	}
	items, err := j.Store.DueBefore(ctx, j.today(tick).AddDate(0, 0, j.horizon()+1))
	if err != nil {
		return nil, err
	}
	dir, err := j.Store.JobDirectory(ctx, itemUnits(items))
	if err != nil {
		return nil, err
	}
	unreachable, err := j.Store.UnreachableSet(ctx)
	if err != nil {
		return nil, err
	}
	blocked := func(id int64) (bool, error) { return unreachable[id], nil }
	var all []flows.Result
	var failed error // one item's trouble does not hold up the others' reminders
	for _, c := range items {
		results, err := j.Engine.PromiseReminders(c, tick, dir, blocked)
		if err != nil {
			failed = cmp.Or(failed, fmt.Errorf("reminders of %s: %w", c.ID, err))
			continue
		}
		all = append(all, results...)
	}
	sent, already, err := j.commitAll(ctx, all, tick)
	out := map[string]any{"due": len(items), "sent": sent, "already_sent": already}
	if err = cmp.Or(failed, err); err != nil {
		return out, fmt.Errorf("remind: %w", err) // the next tick retries; claims keep it once
	}
	return out, nil
}

// Digest sends each supervisor the week's digest: their units' items due
// within 7 days and overdue. Once per supervisor and week.
func (j *CommitmentJobs) Digest(ctx context.Context, tick time.Time) (map[string]any, error) {
	if j.Quiet != nil && j.Quiet(tick.In(j.Engine.Env().Location)) {
		return map[string]any{"quiet_hours": true}, nil
	}
	today := j.today(tick)
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	items, err := j.Store.DueBefore(ctx, today.AddDate(0, 0, 8))
	if err != nil {
		return nil, err
	}
	dir, err := j.Store.JobDirectory(ctx, itemUnits(items))
	if err != nil {
		return nil, err
	}
	results, err := j.Engine.PromiseDigests(items, tick, monday.Format("2006-01-02"), dir)
	if err != nil {
		return nil, err
	}
	sent, already, err := j.commitAll(ctx, results, tick)
	out := map[string]any{"items": len(items), "sent": sent, "already_sent": already}
	if err != nil {
		return out, fmt.Errorf("digest: %w", err)
	}
	return out, nil
}

// itemUnits are the units of items, for JobDirectory.
func itemUnits(items []flows.Commitment) []string {
	units := make([]string, 0, len(items))
	for _, c := range items {
		units = append(units, c.Unit)
	}
	return units
}
