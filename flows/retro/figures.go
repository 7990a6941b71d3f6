package retro

import (
	"fmt"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

// The measured figures a 复盘 opens 实际与期望差异 with follow the access
// policy like every result: a questionnaire or talk round is offered only
// to a facilitator who may see its results (access.Results), and measured
// over their subtree when the policy scopes them to it; the commitment
// period is measured over the facilitator's unit and below.

// surveyReader is the questionnaire reader behind the step's Directory.
func (st step) surveyReader() (survey.Reader, bool) {
	r, ok := st.Dir.(survey.Reader)
	return r, ok
}

// talkReader is the talk rounds' reader behind the step's Directory.
func (st step) talkReader() (talk.Reader, bool) {
	r, ok := st.Dir.(talk.Reader)
	return r, ok
}

// reach is the units an event of a campaign of units reaches (the root
// when none are named).
func (st step) reach(units []string) []string {
	if len(units) == 0 {
		return []string{st.Env.Root}
	}
	return units
}

// surveyResults is what the access policy says of the facilitator and the
// results of questionnaire id (its Scope limits them); not allowed for an
// unknown one.
func (st step) surveyResults(id string) access.Decision {
	sv := st.f.Surveys[id]
	if sv == nil {
		return access.Decision{}
	}
	return access.Decide(st.Env, st.Me, access.Results, access.Object{Reach: st.reach(sv.Campaign.Units), Name: sv.Title,
		SupervisorsSee: sv.Campaign.Results == "supervisors"})
}

// talkResults is what the access policy says of the facilitator and the
// coverage of round r.
func (st step) talkResults(r talk.Round) access.Decision {
	reach := st.reach(r.Units)
	if r.RosterOnly {
		reach = []string{st.Env.Root} // a list's people: the root's officials decide
	}
	return access.Decide(st.Env, st.Me, access.Results, access.Object{Reach: reach, Name: r.Title})
}

// figures measures a questionnaire campaign, a talk round or the
// commitment period of the facilitator's unit when its 复盘 opens, target
// against actual, in Chinese (the template's language): the start of
// 实际与期望差异. "" for anything sibu did not measure, or did not let the
// facilitator see.
func (st step) figures(ev Event) (string, error) {
	switch ev.Kind {
	case EventSurvey:
		d := st.surveyResults(ev.Ref)
		sr, ok := st.surveyReader()
		if !ok || !d.Allowed {
			return "", nil
		}
		if d.Scope != "" {
			return st.surveyFiguresIn(sr, ev, d.Scope)
		}
		c, err := sr.Survey(ev.Ref)
		if err != nil {
			return "", fmt.Errorf("survey %s: %w", ev.Ref, err)
		}
		s := catalog.T("zh", mFiguresSurvey, ev.Name, c.Issued, c.Submitted, kit.Percent(c.Submitted, c.Issued))
		if c.SatisfiedAnswered > 0 {
			s += catalog.T("zh", mFiguresSatisfied, kit.Percent(c.Satisfied, c.SatisfiedAnswered), c.Satisfied, c.SatisfiedAnswered)
		}
		if c.Pending > 0 {
			s += catalog.T("zh", mFiguresPending, c.Pending)
		}
		return s + "。", nil
	case EventTalk:
		return st.talkFigures(ev)
	case EventCommitment:
		if st.f.Commitments == nil {
			return "", nil
		}
		_, figures, err := st.f.Commitments.PeriodFigures(st.Step, st.run().Draft.Unit)
		return figures, err
	}
	return "", nil
}

// surveyFiguresIn measures questionnaire ev over scope and the units below
// it, from the per-unit counters; an anonymous questionnaire's 满意率 of
// fewer than its min_group respondents is withheld.
func (st step) surveyFiguresIn(sr survey.Reader, ev Event, scope string) (string, error) {
	s, err := sr.Stats(ev.Ref)
	if err != nil {
		return "", fmt.Errorf("survey stats %s: %w", ev.Ref, err)
	}
	var issued, submitted, satisfied, answered int64
	for u, n := range s.UnitIssued {
		if st.Env.Subtree(scope, u) {
			issued += n
		}
	}
	for _, u := range st.Env.SubUnits(scope) {
		submitted += s.Units[u+"\x1fsubmitted"]
		satisfied += s.Units[u+"\x1fsatisfied"]
		answered += s.Units[u+"\x1fanswered"]
	}
	out := catalog.T("zh", mFiguresSurveyIn, ev.Name, st.UnitName(scope), issued, submitted, kit.Percent(submitted, issued))
	sv := st.f.Surveys[ev.Ref]
	if answered > 0 && !(sv.Campaign.Anonymous && submitted < int64(sv.Campaign.MinGroup)) {
		out += catalog.T("zh", mFiguresSatisfied, kit.Percent(satisfied, answered), satisfied, answered)
	}
	return out + "。", nil
}

// talkFigures measures talk round ev: its whole coverage, or over the
// facilitator's subtree when the policy scopes them to it.
func (st step) talkFigures(ev Event) (string, error) {
	tr, ok := st.talkReader()
	if !ok {
		return "", nil
	}
	rs, found, err := tr.TalkRound(ev.Ref)
	if err != nil || !found {
		return "", err
	}
	d := st.talkResults(rs.Round)
	if !d.Allowed {
		return "", nil
	}
	c, err := tr.TalkCoverage(ev.Ref)
	if err != nil {
		return "", fmt.Errorf("talk coverage %s: %w", ev.Ref, err)
	}
	if d.Scope == "" {
		return catalog.T("zh", mFiguresTalk, ev.Name, c.Due(), c.Done(), kit.Percent(c.Done(), c.Due()),
			c.Buckets[talk.BucketExcused]), nil
	}
	var due, did, excused int64
	for _, u := range st.Env.SubUnits(d.Scope) {
		b := c.Units[u]
		due += b["roster"] - b[talk.BucketExcused]
		did += b[talk.BucketDoneFace] + b[talk.BucketDonePhone] + b[talk.BucketDoneMakeup]
		excused += b[talk.BucketExcused]
	}
	return catalog.T("zh", mFiguresTalkIn, ev.Name, st.UnitName(d.Scope), due, did, kit.Percent(did, due), excused), nil
}
