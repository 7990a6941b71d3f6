package scheduler

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
)

// DefaultDigestAt is when the daily digest goes out unless configured.
const DefaultDigestAt = "08:30"

// DigestJobs is the daily digest (今日待办, issue 19): once a day, at At
// in the scheduler's zone, each person who has something to do gets one
// message listing it — what the /start to-do lists (questionnaires to
// fill, items to review, own items due or overdue, people not yet
// reached, …), the pushes held over because the day's budget was spent,
// and on Mondays the week's commitment summary for supervisors — with a
// button for each task. Nobody with nothing to do gets one. Each digest
// is committed with its claim (person and day), so replicas, retries and a
// run again after a crash send it once.
type DigestJobs struct {
	Deps
	// At is the time of day, "HH:MM" (default DefaultDigestAt).
	At string
	// Batch is how many digests are committed per round trip (default
	// 200).
	Batch int
}

// Register adds daily_digest, caught up after downtime (only the latest
// missed day: nobody gets yesterday's digest today).
func (j *DigestJobs) Register(s *Scheduler) error {
	at, err := time.Parse("15:04", cmp.Or(j.At, DefaultDigestAt))
	if err != nil {
		return fmt.Errorf("scheduler: daily_digest: time %q: use HH:MM", j.At)
	}
	return s.Add("daily_digest", fmt.Sprintf("%d %d * * *", at.Minute(), at.Hour()), j.Digest,
		WithCatchUp(), WithTimeout(10*time.Minute))
}

// Digest sends the digests of today — by the clock, not the tick: a tick
// caught up the next morning sends that morning's digest, once, not
// yesterday's and then today's. It goes on past one person's trouble
// (their digest is left for the run again) and reports the first.
func (j *DigestJobs) Digest(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	now := j.now(tick)
	day := now.In(j.Engine.Env().Location).Format("2006-01-02")
	people, err := j.people(ctx)
	if err != nil {
		return nil, err
	}
	unreachable, err := j.Store.UnreachableSet(ctx)
	if err != nil {
		return nil, err
	}
	weekly, err := j.weekly(ctx, now)
	if err != nil {
		return nil, err
	}
	dir := j.Store.Directory(ctx)
	var failed error
	out := map[string]any{"people": len(people), "sent": 0, "already_sent": 0, "nothing_to_do": 0}
	var batch []kit.Result
	flush := func() error {
		sent, already, err := j.commit(ctx, now, batch...)
		out["sent"], out["already_sent"] = out["sent"].(int)+sent, out["already_sent"].(int)+already
		batch = batch[:0]
		return err
	}
	for _, p := range people {
		if unreachable[p.ID] {
			continue
		}
		folded, read, err := j.Store.Folded(ctx, p.ID)
		if err != nil {
			return out, err
		}
		res, err := j.Engine.Digest(flows.DigestInput{Person: p, Day: day, Weekly: weekly[p.ID], Folded: folded, FoldedRead: read}, now, dir)
		if err != nil {
			failed = cmp.Or(failed, err)
			continue
		}
		if len(res.Outputs) == 0 {
			out["nothing_to_do"] = out["nothing_to_do"].(int) + 1
			continue
		}
		if batch = append(batch, res); len(batch) >= cmp.Or(j.Batch, 200) {
			if err := flush(); err != nil {
				return out, fmt.Errorf("digest: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return out, fmt.Errorf("digest: %w", err)
	}
	if failed != nil {
		return out, fmt.Errorf("digest: %w", failed) // the run again sends the ones left; claims keep the others once
	}
	return out, nil
}

// people are everyone who joined and the configured admins (officials of
// the root, whatever they joined as), by id.
func (j *DigestJobs) people(ctx context.Context) ([]kit.Person, error) {
	env := j.Engine.Env()
	people, err := j.Store.Members(ctx, env.Root, true)
	if err != nil {
		return nil, err
	}
	for i, p := range people {
		if env.Admins[p.ID] {
			people[i].Role, people[i].Unit = kit.RoleOfficial, env.Root
		}
	}
	slices.SortFunc(people, func(a, b kit.Person) int { return cmp.Compare(a.ID, b.ID) })
	return slices.CompactFunc(people, func(a, b kit.Person) bool { return a.ID == b.ID }), nil
}

// weekly is, on Mondays, the week's commitment summary of each supervisor
// it concerns (the weekly digest of before, folded into the daily one).
func (j *DigestJobs) weekly(ctx context.Context, now time.Time) (map[int64]string, error) {
	if now.In(j.Engine.Env().Location).Weekday() != time.Monday {
		return nil, nil
	}
	week, before := j.Engine.Commitment().DigestWeek(now)
	items, err := j.Store.DueBefore(ctx, before)
	if err != nil {
		return nil, err
	}
	units := make([]string, 0, len(items))
	for _, c := range items {
		units = append(units, c.Unit)
	}
	dir, err := j.Store.JobDirectory(ctx, units)
	if err != nil {
		return nil, err
	}
	return j.Engine.Commitment().WeekSummaries(items, now, week, dir)
}
