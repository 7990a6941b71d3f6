package survey

import (
	"fmt"
	"slices"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// start begins or resumes questionnaire id (an invitation's button or
// /surveys).
func (st step) start(id string) error {
	sv := st.f.Surveys[id]
	if sv == nil || !st.Known {
		st.Answer(st.t(kit.MsgSurveyNotForYou), true)
		return nil
	}
	c, err := st.counts(id)
	if err != nil {
		return err
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	issued, err := r.Issued(id, st.Me.ID)
	if err != nil {
		return fmt.Errorf("issued %s: %w", id, err)
	}
	if !access.Check(st.Step, access.Answer, access.Object{Invited: issued}).Allowed {
		return nil
	}
	if msg, open := st.answerable(sv, c); !open {
		st.Answer(msg, true)
		return nil
	}
	if !sv.Campaign.AllowMultiple {
		done, err := r.Submitted(id, st.Me.ID)
		if err != nil {
			return fmt.Errorf("submitted %s: %w", id, err)
		}
		if done {
			st.Answer(st.t(mSurveyAlreadyDone, sv.Title), true)
			return nil
		}
	}
	st.Answer("", false)
	st.enter(sv, "", "")
	return nil
}

// enter shows the current question of sv: of the run in progress, of a
// parked draft, or of a new run (with the questionnaire's introduction).
// round and unit scope the run to an evaluation round's satisfaction
// questionnaire ("" for the campaign); such a run is answered while the
// round is open and reports no campaign progress (opened, started).
func (st step) enter(sv *Survey, round, unit string) {
	s := state(st.Step)
	key := draftKey(sv.ID, round)
	if st.Flow() == Flow && s.Survey.key() == key {
		st.migrate(sv, s.Survey)
		st.showCurrent(sv)
		return
	}
	if st.Flow() == Flow {
		st.Leave() // another run of this flow: parked as a draft
	}
	st.Enter(Flow)
	run := s.Drafts[key]
	delete(s.Drafts, key)
	if len(s.Drafts) == 0 {
		s.Drafts = nil
	}
	if run != nil {
		s.Survey = run
		st.migrate(sv, run)
		st.showCurrent(sv)
		return
	}
	run = &Run{ID: sv.ID, Version: sv.Version, Answers: map[string][]string{}, Round: round, Unit: unit}
	s.Survey = run
	if round == "" {
		st.Emit(Progress{SurveyID: sv.ID, User: st.Me.ID, Status: "opened"})
	}
	vis := visible(sv, run.Answers)
	if len(vis) == 0 {
		run.Cur = ""
	} else {
		run.Cur = sv.Questions[vis[0]].Name
	}
	st.Send(st.t(mSurveyIntro, sv.Title, st.intro(sv, round, unit), len(vis)))
	st.showCurrent(sv)
}

// intro is the introduction of a new run between the title and the number
// of questions: the round's line, the description, anonymity, the deadline.
func (st step) intro(sv *Survey, round, unit string) string {
	desc := ""
	if round != "" && st.f.Rounds != nil {
		desc = st.f.Rounds.Intro(st.Step, unit) + "\n"
	}
	if sv.Description != "" {
		desc += sv.Description + "\n"
	}
	if sv.Campaign.Anonymous {
		desc += st.t(mSurveyAnon)
	}
	if !sv.Campaign.ClosesAt.IsZero() && round == "" {
		desc += st.t(mSurveyDeadline, st.f.when(sv.Campaign.ClosesAt)) + "\n"
	}
	return desc
}

// answerable reports whether answers are taken now, and if not, why.
func (st step) answerable(sv *Survey, c Counts) (string, bool) {
	cp := sv.Campaign
	switch {
	case c.Status == StatusClosed || !cp.ClosesAt.IsZero() && !st.Now.Before(cp.ClosesAt):
		return st.t(mSurveyClosedLate, sv.Title), false
	case c.Status != StatusOpen:
		return st.t(kit.MsgSurveyNotForYou), false
	case !cp.OpensAt.IsZero() && st.Now.Before(cp.OpensAt):
		return st.t(mSurveyNotYet, sv.Title, st.f.when(cp.OpensAt)), false
	}
	return "", true
}

// migrate brings a run started on an older definition onto sv by question
// name: answers to removed questions or to removed choices are dropped.
func (st step) migrate(sv *Survey, run *Run) {
	if run.Version == sv.Version {
		return
	}
	for name, vals := range run.Answers {
		base, isComment := strings.CutSuffix(name, "-Comment")
		q := sv.question(base)
		if q == nil || !isComment && !validStored(q, vals) {
			delete(run.Answers, name)
		}
	}
	run.Hist = slices.DeleteFunc(run.Hist, func(n string) bool { return sv.question(n) == nil })
	if run.Cur != "" && sv.question(run.Cur) == nil {
		run.Cur = firstUnanswered(sv, run)
	}
	run.Sel, run.Page, run.Row, run.Other = nil, 0, 0, false
	run.Version = sv.Version
}

func firstUnanswered(sv *Survey, run *Run) string {
	for _, i := range visible(sv, run.Answers) {
		if _, ok := run.Answers[sv.Questions[i].Name]; !ok {
			return sv.Questions[i].Name
		}
	}
	return ""
}

// validStored reports whether stored answer values are still among what q
// offers.
func validStored(q *Question, vals []string) bool {
	if q.Type == QMatrix {
		for _, v := range vals {
			row, col, ok := strings.Cut(v, "=")
			if !ok || !hasChoice(q.Rows, row) || !hasChoice(q.Choices, col) {
				return false
			}
		}
		return true
	}
	opts := q.options()
	if len(opts) == 0 {
		return true
	}
	for _, v := range vals {
		if !hasChoice(opts, v) {
			return false
		}
	}
	return true
}

// closedNow refuses answers once the questionnaire closed (for a round's
// run: once the round closed), politely, and keeps nothing of the run.
func (st step) closedNow(sv *Survey) bool {
	if run := state(st.Step).Survey; run != nil && run.Round != "" {
		return st.roundClosed(run)
	}
	r, err := st.reader()
	if err != nil {
		return false
	}
	status, err := r.SurveyStatus(sv.ID)
	if err != nil {
		return false // a read error is not a reason to refuse; the submit's commit checks the status
	}
	return st.closeRun(sv, Counts{Status: status})
}

// roundClosed ends a round's run once its round closed (Rounds.ClosedNow
// says so).
func (st step) roundClosed(run *Run) bool {
	if st.f.Rounds == nil || !st.f.Rounds.ClosedNow(st.Step, run) {
		return false
	}
	st.ended(run)
	return true
}

// ended ends run with End unless Rounds already did.
func (st step) ended(run *Run) {
	if state(st.Step).Survey == run {
		End(st.Step)
	}
}

// closeRun ends the run with the reason when the questionnaire cannot be
// answered now (per c).
func (st step) closeRun(sv *Survey, c Counts) bool {
	if msg, open := st.answerable(sv, c); !open {
		End(st.Step)
		st.Answer(msg, true)
		st.Send(msg)
		return true
	}
	return false
}
