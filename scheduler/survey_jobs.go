package scheduler

import (
	"context"
	"fmt"
	"sort"
	"time"

	"sibu/flows"
)

// SurveyJobs are the questionnaire crons: opening and closing campaigns at
// their times, reminding non-respondents (not in quiet hours), and
// releasing held anonymous responses to the records system once a day.
type SurveyJobs struct{ Deps }

// Register adds the jobs to s: survey_open_close every minute,
// survey_reminders every 15 minutes, survey_anon_release daily at 00:10.
// Coarse (the playground's hand-driven clock) runs the first two hourly, so
// advancing demo time by a week walks few ticks.
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
		{"survey_anon_release", "10 0 * * *", j.ReleaseAnonymous},
	} {
		if err := s.Add(add.name, add.spec, add.fn, WithCatchUp(), WithTimeout(5*time.Minute)); err != nil {
			return err
		}
	}
	return nil
}

// surveys are the configured questionnaires, in id order.
func (j *SurveyJobs) surveys() []*flows.Survey {
	env := j.Engine.Env()
	out := make([]*flows.Survey, 0, len(env.Surveys))
	for _, sv := range env.Surveys {
		out = append(out, sv)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
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
		cp := sv.Campaign
		switch {
		case c.Status == flows.StatusOpen && !cp.ClosesAt.IsZero() && !tick.Before(cp.ClosesAt):
			if _, _, err := j.commit(ctx, tick, j.Engine.CloseSurvey(sv.ID)); err != nil {
				return nil, fmt.Errorf("close %s: %w", sv.ID, err)
			}
			closed++
		case c.Status == flows.StatusDraft && !cp.OpensAt.IsZero() && !tick.Before(cp.OpensAt) &&
			(cp.ClosesAt.IsZero() || tick.Before(cp.ClosesAt)):
			res, err := j.Engine.OpenSurvey(sv.ID, tick, j.Store.Directory(ctx))
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
// surveyReminderDue says so, never in quiet hours. Each reminder is
// committed with the condition that the person had N-1, so a reminder is
// sent once however many replicas or retries run it.
func (j *SurveyJobs) Reminders(ctx context.Context, tick time.Time) (map[string]any, error) {
	if j.quiet(tick) {
		return map[string]any{"quiet_hours": true}, nil
	}
	sent, skipped := 0, 0
	for _, sv := range j.surveys() {
		cp := sv.Campaign
		c, err := j.Store.SurveyCounts(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		if !surveyReminderDue(cp, c, 0, time.Time{}, tick) {
			continue // nobody can be due: the non-respondents are not read
		}
		people, err := j.Store.NonRespondents(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if p.Unreachable || !surveyReminderDue(cp, c, p.N, p.Last, tick) {
				continue
			}
			n, already, err := j.commit(ctx, tick, j.Engine.SurveyReminder(sv, p.User, p.N+1))
			sent, skipped = sent+n, skipped+already // already: another replica sent this one
			if err != nil {
				return map[string]any{"sent": sent}, fmt.Errorf("remind %d of %s: %w", p.User, sv.ID, err)
			}
		}
	}
	return map[string]any{"sent": sent, "already_sent": skipped}, nil
}

// ReleaseAnonymous sends the day's held anonymous responses to the records
// system, in random order.
func (j *SurveyJobs) ReleaseAnonymous(ctx context.Context, _ time.Time) (map[string]any, error) {
	total := 0
	for _, sv := range j.surveys() {
		if !sv.Campaign.Anonymous {
			continue
		}
		n, err := j.Store.ReleaseAnonymous(ctx, sv.ID)
		if err != nil {
			return nil, err
		}
		total += n
	}
	return map[string]any{"released": total}, nil
}
