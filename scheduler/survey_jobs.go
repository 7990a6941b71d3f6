package scheduler

import (
	"context"
	"fmt"
	"maps"
	"sibu/flows/survey"
	"sibu/storage"
	"slices"
	"time"
)

// SurveyJobs are the questionnaire crons: opening and closing campaigns at
// their times, reminding non-respondents (not in quiet hours), and
// releasing pooled anonymous responses in batches.
type SurveyJobs struct{ Deps }

// Register adds the jobs to s: survey_open_close and survey_anon_batch
// every minute, survey_reminders every 15 minutes, survey_anon_release
// daily at 00:10 (the batch release again, should the minute ones have
// missed a batch). Coarse (the playground's hand-driven clock) runs the
// minute and quarter-hour ones hourly, so advancing demo time by a week
// walks few ticks.
func (j *SurveyJobs) Register(s *Scheduler, coarse bool) error {
	openClose, remind := "* * * * *", "*/15 * * * *"
	if coarse {
		openClose, remind = "0 * * * *", "0 * * * *"
	}
	for _, add := range []struct {
		name, spec string
		fn         Job
	}{
		{"survey_open_close", openClose, j.OpenClose},
		{"survey_reminders", remind, j.Reminders},
		{"survey_anon_batch", openClose, j.ReleaseAnonymous},
		{"survey_anon_release", "10 0 * * *", j.ReleaseAnonymous},
	} {
		if err := s.Add(add.name, add.spec, add.fn, WithCatchUp(), WithTimeout(5*time.Minute)); err != nil {
			return err
		}
	}
	return nil
}

// surveys are the configured questionnaires, in id order.
func (j *SurveyJobs) surveys() []*survey.Survey {
	f := j.Engine.Survey()
	out := make([]*survey.Survey, 0, len(f.Surveys))
	for _, id := range f.IDs() {
		out = append(out, f.Get(id))
	}
	return out
}

// OpenClose opens campaigns whose opens_at came and closes those whose
// closes_at passed.
func (j *SurveyJobs) OpenClose(ctx context.Context, tick time.Time) (map[string]any, error) {
	opened, closed := 0, 0
	for _, sv := range j.surveys() {
		c, err := j.Store.SurveyCounts(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		switch {
		case survey.CloseDue(sv, c, tick):
			if _, _, err := j.commit(ctx, tick, j.Engine.Survey().Close(sv.ID)); err != nil {
				return nil, fmt.Errorf("close %s: %w", sv.ID, err)
			}
			closed++
		case survey.OpenDue(sv, c, tick):
			res, err := j.Engine.Survey().Open(sv.ID, tick, j.Store.Directory(ctx))
			if err != nil {
				return nil, err
			}
			if _, _, err := j.commit(ctx, tick, res); err != nil {
				return nil, fmt.Errorf("open %s: %w", sv.ID, err)
			}
			opened++
		}
	}
	return map[string]any{"opened": opened, "closed": closed}, nil
}

// Reminders reminds the invitees who have not submitted when
// survey.RemindersDue and survey.ReminderDue say so, never in quiet hours. Each reminder is
// committed with the condition that the person had N-1, so a reminder is
// sent once however many replicas or retries run it.
func (j *SurveyJobs) Reminders(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	sent, skipped := 0, 0
	for _, sv := range j.surveys() {
		if sv.Campaign.ReminderMax == 0 {
			continue // no reminders: nothing is read
		}
		c, err := j.Store.SurveyCounts(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		if !survey.RemindersDue(sv, c, tick) {
			continue // nobody can be due: the non-respondents are not read
		}
		people, err := j.Store.NonRespondents(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if p.Unreachable || !survey.ReminderDue(sv, p.N, p.Last, tick) {
				continue
			}
			n, already, err := j.commit(ctx, tick, j.Engine.Survey().Remind(sv, p.User, p.N+1))
			sent, skipped = sent+n, skipped+already // already: another replica sent this one
			if err != nil {
				return map[string]any{"sent": sent}, fmt.Errorf("remind %d of %s: %w", p.User, sv.ID, err)
			}
		}
	}
	return map[string]any{"sent": sent, "already_sent": skipped}, nil
}

// ReleaseAnonymous releases the pooled responses of every anonymous
// questionnaire (and of its evaluation rounds) in batches of at least its
// min_group: counted in the figures, stored without person or time, sent
// to the records system in random order. Fewer wait for more. A
// questionnaire no longer configured is released too, in batches of the
// default min_group, so its pool does not stay for ever. Responses sealed
// to another anonymity key cannot be opened: they are reported.
func (j *SurveyJobs) ReleaseAnonymous(ctx context.Context, _ time.Time) (map[string]any, error) {
	minGroups := map[string]int{}
	for _, sv := range j.surveys() {
		if sv.Campaign.Anonymous {
			minGroups[sv.ID] = sv.Campaign.MinGroup
		}
	}
	pooled, err := j.Store.PooledSurveys(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range pooled {
		if _, ok := minGroups[id]; !ok && j.Engine.Survey().Get(id) == nil {
			minGroups[id] = survey.DefaultMinGroup
		}
	}
	ids := slices.Sorted(maps.Keys(minGroups))
	var total storage.Released
	for _, id := range ids {
		r, err := j.Store.ReleaseAnonymous(ctx, id, minGroups[id])
		if err != nil {
			return nil, err
		}
		if r.Unreadable > 0 && j.Log != nil {
			j.Log.Warn("anonymous responses sealed to another anonymity key stay pooled: was sibu-anonymity.key lost or replaced, or do replicas hold different keys?",
				"survey_id", id, "unreadable", r.Unreadable)
		}
		total.Add(r)
	}
	return map[string]any{"released": total.Released, "waiting": total.Waiting, "unreadable": total.Unreadable}, nil
}
