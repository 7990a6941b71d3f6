package scheduler

import (
	"context"
	"time"
)

// DisciplineJobs are the crons of the election-discipline work: the batch
// release of pooled tip-offs (every five minutes: a batch as soon as the
// pool holds enough, the earlier days' whatever their number), with a
// notice to the inspectors above the units concerned; and the checklists'
// reminders (daily 09:30, by the attention cadence, not in quiet hours),
// each sent once across replicas by its condition.
type DisciplineJobs struct{ Deps }

// Register adds tipoff_release and checklist_reminders, both caught up
// after downtime.
func (j *DisciplineJobs) Register(s *Scheduler) error {
	if err := s.Add("tipoff_release", "*/5 * * * *", j.ReleaseTipoffs, WithCatchUp(), WithTimeout(2*time.Minute)); err != nil {
		return err
	}
	return s.Add("checklist_reminders", "30 9 * * *", j.ChecklistReminders, WithCatchUp(), WithTimeout(5*time.Minute))
}

// ReleaseTipoffs releases the pooled tip-offs due at tick and tells the
// inspectors (the pushes wait out quiet hours in the push queue).
func (j *DisciplineJobs) ReleaseTipoffs(ctx context.Context, tick time.Time) (map[string]any, error) {
	env := j.Engine.Env()
	released, err := j.Store.ReleaseTipoffs(ctx, env.Tipoff.WithDefaults().MinBatch, tick.In(env.Location))
	if err != nil || len(released) == 0 {
		return map[string]any{"released": 0}, err
	}
	res, err := j.Engine.Tipoff().Released(released, j.Store.Directory(ctx))
	if err != nil {
		return nil, err
	}
	sent, already, err := j.commit(ctx, tick, res...)
	return map[string]any{"released": len(released), "notices": sent, "already": already}, err
}

// ChecklistReminders reminds the people who have not done an open
// checklist, on the cadence's days.
func (j *DisciplineJobs) ChecklistReminders(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	all, err := j.Store.Checklists(ctx)
	if err != nil {
		return nil, err
	}
	reminded, already := 0, 0
	for _, c := range all {
		if j.Engine.Discipline().ReminderDay(c, tick) == 0 {
			continue
		}
		targets, err := j.Store.ChecklistTargets(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		done, err := j.Store.ChecklistConfirmations(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		sent, again, err := j.commit(ctx, tick, j.Engine.Discipline().Reminders(c, targets, done, tick)...)
		reminded, already = reminded+sent, already+again
		if err != nil {
			return nil, err
		}
	}
	return map[string]any{"checklists": len(all), "reminded": reminded, "already": already}, nil
}
