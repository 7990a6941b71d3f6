package flows_test

import (
	"fmt"
	"slices"
)

// memberJobs runs the notices to the people being talked to that are due
// now (invitation follow-ups, the day-before and hour-before reminders),
// as scheduler.TalkInviteeJobs does: what is due is the feature's
// MemberNoticeDue, each committed under its claim.
func (r *runner) memberJobs() []record {
	var recs []record
	ids, _ := r.dir.TalkRounds()
	for _, id := range ids {
		rs := *r.dir.talkRounds[id]
		var users []int64
		for u := range r.dir.entries[id] {
			users = append(users, u)
		}
		slices.Sort(users)
		for _, u := range users {
			en := r.dir.entries[id][u]
			kind := r.eng.Talk().MemberNoticeDue(rs, en, r.now)
			if kind == "" {
				continue
			}
			name := "—"
			if p, ok, _ := r.dir.Person(en.Interviewer); ok {
				name = p.Name
			}
			res := r.eng.Talk().MemberNotice(rs, en, kind, name, r.now)
			if !r.dir.apply(res.Effects) {
				continue // sent already
			}
			rec := record{In: fmt.Sprintf("job: %s notice to %d", kind, u)}
			r.outputs(&rec, res.Outputs, res.Effects)
			recs = append(recs, rec)
		}
	}
	if len(recs) == 0 {
		recs = append(recs, record{In: "job: nothing due"})
	}
	return recs
}
