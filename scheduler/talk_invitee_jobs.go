package scheduler

import (
	"context"
	"fmt"
	"math"
	"time"

	"sibu/flows/kit"
	"sibu/flows/talk"
)

// TalkInviteeJobs are the notices to the people being talked to
// (flows/talk/invitee.go): talk_invitees, daily at 10:00, follows up
// invitations not answered and reminds booked talks the day before;
// talk_soon, every 5 minutes, reminds a booked phone talk an hour before
// (55–60 minutes: the text says the time). Each notice is committed with
// its claim and the entry's revision, so it goes once across ticks,
// replicas and restarts, and never about a talk changed, cancelled or done
// meanwhile.
//
// talk_invitees waits out quiet hours; talk_soon does not (the person
// chose the time of the talk: its push is AnyHour).
type TalkInviteeJobs struct{ Deps }

// invitePage is how many roster entries talk_invitees reads at a time.
const invitePage = 200

// Register adds the jobs to s.
func (j *TalkInviteeJobs) Register(s *Scheduler) error {
	if err := s.Add("talk_invitees", "0 10 * * *", j.Invitees, WithCatchUp(), WithTimeout(5*time.Minute)); err != nil {
		return err
	}
	return s.Add("talk_soon", "*/5 * * * *", j.Soon, WithCatchUp(), WithTimeout(2*time.Minute))
}

// Invitees sends the invitation follow-ups and the day-before reminders
// due at tick: it reads each open round's people not yet reached, a page
// at a time.
func (j *TalkInviteeJobs) Invitees(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	ids, err := j.Store.TalkRounds(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	counts := map[string]int{}
	for _, id := range ids {
		rs, ok, err := j.Store.TalkRound(ctx, id)
		if err != nil {
			return nil, err
		}
		if !ok || !rs.Open {
			continue
		}
		for after := int64(math.MinInt64); ; {
			page, err := j.Store.TalkUnreachedAfter(ctx, id, after, invitePage)
			if err != nil {
				return nil, err
			}
			if len(page) == 0 {
				break
			}
			after = page[len(page)-1]
			entries, err := j.Store.TalkEntries(ctx, id, page)
			if err != nil {
				return nil, err
			}
			if err := j.send(ctx, rs, entries, tick, false, names, counts); err != nil {
				return nil, err
			}
		}
	}
	return countsOf(counts), nil
}

// Soon sends the reminders of the phone talks that begin within the hour.
func (j *TalkInviteeJobs) Soon(ctx context.Context, tick time.Time) (map[string]any, error) {
	due, err := j.Store.TalkDue(ctx, tick.Add(talk.SoonBefore))
	if err != nil {
		return nil, err
	}
	byRound := map[string][]int64{}
	var order []string
	for _, d := range due {
		if !d.Slot.After(tick) {
			continue
		}
		if byRound[d.Round] == nil {
			order = append(order, d.Round)
		}
		byRound[d.Round] = append(byRound[d.Round], d.User)
	}
	names := map[int64]string{}
	counts := map[string]int{}
	for _, id := range order {
		rs, ok, err := j.Store.TalkRound(ctx, id)
		if err != nil {
			return nil, err
		}
		if !ok || !rs.Open {
			continue
		}
		entries, err := j.Store.TalkEntries(ctx, id, byRound[id])
		if err != nil {
			return nil, err
		}
		if err := j.send(ctx, rs, entries, tick, true, names, counts); err != nil {
			return nil, err
		}
	}
	return countsOf(counts), nil
}

// send commits the notices due at tick about entries of round rs: the
// hour-before ones (soon) or the others. counts gets
// "due_<kind>" (not sent before), "sent" and "already_sent" (another
// replica, or the talk changed meanwhile).
func (j *TalkInviteeJobs) send(ctx context.Context, rs talk.RoundState, entries []talk.Entry, tick time.Time,
	soon bool, names map[int64]string, counts map[string]int) error {
	tk := j.Engine.Talk()
	var due []talk.Entry
	var kinds, keys []string
	for _, en := range entries {
		kind := tk.MemberNoticeDue(rs, en, tick)
		if kind == "" || (kind == talk.NoticeSoon) != soon {
			continue
		}
		due, kinds, keys = append(due, en), append(kinds, kind), append(keys, talk.MemberNoticeKey(kind, en))
	}
	sent, err := j.Store.TalkNoticesSent(ctx, rs.Round.ID, keys)
	if err != nil {
		return err
	}
	var results []kit.Result
	for i, en := range due {
		if sent[i] {
			continue
		}
		name, err := j.name(ctx, en.Interviewer, names)
		if err != nil {
			return err
		}
		results = append(results, tk.MemberNotice(rs, en, kinds[i], name, tick))
		counts["due_"+kinds[i]]++
	}
	n, already, err := j.commit(ctx, tick, results...)
	counts["sent"] += n
	counts["already_sent"] += already
	if err != nil {
		return fmt.Errorf("talk member notices %s: %w", rs.Round.ID, err)
	}
	return nil
}

// name is the name of interviewer id as the people being talked to read
// it, cached in names.
func (j *TalkInviteeJobs) name(ctx context.Context, id int64, names map[int64]string) (string, error) {
	if n, ok := names[id]; ok {
		return n, nil
	}
	n := "—"
	p, ok, err := j.Store.Person(ctx, id)
	switch {
	case err != nil:
		return "", err
	case ok && p.Name != "":
		n = p.Name
	case j.Engine.Env().Admins[id]:
		n = kit.AdminName
	}
	names[id] = n
	return n, nil
}

// countsOf is a job's result map of counts.
func countsOf(counts map[string]int) map[string]any {
	out := make(map[string]any, len(counts))
	for k, v := range counts {
		out[k] = v
	}
	return out
}
