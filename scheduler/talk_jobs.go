package scheduler

import (
	"context"
	"fmt"
	"slices"
	"time"

	"sibu/flows/kit"
	"sibu/flows/talk"
)

// TalkJobs are the talk rounds' crons (谈民心): the reminder to the
// interviewer before each phone slot, the outcome prompt after it, and the
// officials' summary three days before the coverage deadline (the
// interviewers' people not yet reached are in their daily digest). Every notice is
// committed with a condition (not sent before under its key; the talk not
// changed since it was read), so it goes out once across replicas,
// retries and restarts.
//
// In quiet hours no summaries go; slot reminders still do
// (the talk is booked for that time).
type TalkJobs struct{ Deps }

// Register adds the jobs to s: talk_slots every minute, talk_daily at 09:00.
//
// Coarse (the playground's hand-driven clock) checks slots every 5 minutes
// instead of every minute, so advancing demo time by a week walks 2,016
// ticks, not 10,080; reminders then come 15–20 minutes before a slot.
func (j *TalkJobs) Register(s *Scheduler, coarse bool) error {
	spec := "* * * * *"
	if coarse {
		spec = "*/5 * * * *"
	}
	if err := s.Add("talk_slots", spec, j.Slots, WithCatchUp(), WithTimeout(2*time.Minute)); err != nil {
		return err
	}
	return s.Add("talk_daily", "0 9 * * *", j.Daily, WithCatchUp(), WithTimeout(5*time.Minute))
}

// Slots sends the reminders and outcome prompts due at tick. It reads only
// the booked slots up to tick + the reminder lead (a sorted set), so a tick
// costs O(due), not O(roster).
func (j *TalkJobs) Slots(ctx context.Context, tick time.Time) (map[string]any, error) {
	tk := j.Engine.Talk()
	lead := tk.RemindBefore()
	due, err := j.Store.TalkDue(ctx, tick.Add(lead))
	if err != nil {
		return nil, err
	}
	reminded, prompted, already, dropped := 0, 0, 0, 0
	rounds := map[string]talk.RoundState{}
	for _, d := range due {
		rs, ok := rounds[d.Round]
		if !ok {
			if rs, ok, err = j.Store.TalkRound(ctx, d.Round); err != nil {
				return nil, err
			}
			rounds[d.Round] = rs
		}
		en, found, err := j.Store.TalkEntry(ctx, d.Round, d.User)
		if err != nil {
			return nil, err
		}
		if !ok || !found || !en.PhoneSlot() || !rs.Open {
			if err := j.Store.DropTalkDue(ctx, d.Round, d.User); err != nil {
				return nil, err
			}
			dropped++
			continue
		}
		var res kit.Result
		counter := &reminded
		switch tk.SlotNoticeDue(rs, en, tick) {
		case talk.NoticeOutcome:
			res = tk.OutcomePrompt(rs, en)
			counter = &prompted
		case talk.NoticeRemind:
			sent, err := j.Store.TalkNoticeSent(ctx, d.Round, talk.SlotNoticeKey(talk.NoticeRemind, en))
			if err != nil {
				return nil, err
			}
			if sent {
				continue
			}
			res = tk.Reminder(rs, en)
		default:
			continue
		}
		n, a, err := j.commit(ctx, tick, res)
		*counter, already = *counter+n, already+a // already: another replica sent it, or the talk just changed
		if err != nil {
			return nil, fmt.Errorf("talk notice %s/%d: %w", d.Round, d.User, err)
		}
	}
	return map[string]any{"reminded": reminded, "outcome_prompts": prompted, "already_sent": already, "dropped": dropped}, nil
}

// Daily pushes the officials a summary three days before a round's
// deadline. The interviewers' people not yet reached are no push of their
// own: they are in each interviewer's daily digest (DigestJobs).
func (j *TalkJobs) Daily(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	ids, err := j.Store.TalkRounds(ctx)
	if err != nil {
		return nil, err
	}
	summaries, already := 0, 0
	for _, id := range ids {
		rs, ok, err := j.Store.TalkRound(ctx, id)
		if err != nil {
			return nil, err
		}
		if !ok || !talk.DailyDue(rs, tick) || !talk.DeadlineSummaryDue(rs, tick) {
			continue
		}
		officials, err := j.officials(ctx)
		if err != nil {
			return nil, err
		}
		cov, err := j.Store.TalkCoverage(ctx, id)
		if err != nil {
			return nil, err
		}
		n, a, err := j.commit(ctx, tick, j.Engine.Talk().DeadlineSummary(rs, cov, officials))
		summaries, already = summaries+n, already+a
		if err != nil {
			return nil, fmt.Errorf("deadline summary %s: %w", id, err)
		}
	}
	return map[string]any{"deadline_summaries": summaries, "already_sent": already}, nil
}

// officials are the root unit's officials and the configured admins.
func (j *TalkJobs) officials(ctx context.Context) ([]int64, error) {
	env := j.Engine.Env()
	members, err := j.Store.Members(ctx, env.Root, true)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, m := range members {
		if m.Role == kit.RoleOfficial && m.Unit == env.Root {
			out = append(out, m.ID)
		}
	}
	for id := range env.Admins {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out, nil
}
