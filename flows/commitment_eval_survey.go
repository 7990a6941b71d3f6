package flows

import (
	"fmt"
	"strings"
)

// A round's satisfaction questionnaire (满意度测评). When a round has one
// (EvalRound.Survey), the unit's members other than its graders are invited
// to it instead of voting per item, and answer it by chat like any
// questionnaire. Its answers are scoped to the round: a run carries the
// round (SurveyRun.Round), each member answers once per round whatever they
// answered in earlier rounds, and the round's figure (Satisfaction) counts
// only the round's responses. The questionnaire's campaign (its /survey
// invitations, reminders and "already submitted") is left alone.

// evalSurveyEntry handles "pe:<unit>:sq": a member starts (or resumes) the
// round's questionnaire.
func (st *step) evalSurveyEntry(round EvalRound) error {
	sv := st.e.env.Surveys[round.Survey]
	if round.Survey == "" || sv == nil {
		st.answer(st.t(mExpired), false)
		return nil
	}
	mayAnswer, err := st.evalRespondent(round.Unit)
	if err != nil {
		return err
	}
	if !mayAnswer {
		st.answer(st.t(mSurveyNotForYou), true)
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	done, err := r.EvalResponded(round.ID, st.me.ID)
	if err != nil {
		return fmt.Errorf("responded %s: %w", round.ID, err)
	}
	if done {
		st.answer(st.t(mpEvalSurveyDone, sv.Title), true)
		return nil
	}
	st.answer("", false)
	st.enterSurvey(sv, round.ID, round.Unit)
	return nil
}

// evalRespondent reports whether me answers the satisfaction measure of a
// round of unit: a member of the unit who does not grade it (the people
// openRound invites).
func (st *step) evalRespondent(unit string) (bool, error) {
	if st.me.Unit != unit || st.isMonitor() {
		return false, nil
	}
	graders, err := st.evalGraders(unit)
	if err != nil {
		return false, err
	}
	for _, p := range graders {
		if p.ID == st.me.ID {
			return false, nil
		}
	}
	return true, nil
}

// roundClosedNow ends a round's questionnaire run once the round closed
// (or another round replaced it), keeping nothing of the run.
func (st *step) roundClosedNow(run *SurveyRun) bool {
	r, err := st.reader()
	if err != nil {
		return false
	}
	round, open, err := r.EvalRound(run.Unit)
	if err != nil || open && round.ID == run.Round {
		return false // a read error is not a reason to refuse; the commit checks the round
	}
	s := st.sess()
	s.Flow, s.Survey = FlowNone, nil
	s.next()
	st.answer(st.t(mpEvalClosedNow), true)
	st.send(st.t(mpEvalClosedNow))
	return true
}

// roundResponded tells a member who already answered the round's
// questionnaire (from another draft) so, and ends the run.
func (st *step) roundResponded(run *SurveyRun) (bool, error) {
	r, err := st.reader()
	if err != nil {
		return false, err
	}
	done, err := r.EvalResponded(run.Round, st.me.ID)
	if err != nil {
		return false, fmt.Errorf("responded %s: %w", run.Round, err)
	}
	if done {
		s := st.sess()
		s.Flow, s.Survey = FlowNone, nil
		s.next()
		st.answer("", false)
		st.send(st.t(mpEvalSurveyDone, st.e.surveyTitle(run.ID)))
	}
	return done, nil
}

// satisfactionText is a round's figure for people: "满意 2/3（66.7%），3 人参与".
func (st *step) satisfactionText(lang string, s Satisfaction) string {
	if s.Respondents == 0 {
		return T(lang, mpEvalSatNone, st.e.surveyTitle(s.Survey))
	}
	if sv := st.e.env.Surveys[s.Survey]; sv != nil && sv.Campaign.Anonymous && s.Respondents < int64(sv.Campaign.MinGroup) {
		// As /stats: a small anonymous group's counts would single people
		// out (3 of 3 satisfied is everyone's answer), so only the outcome,
		// and not even that when it is one person's answer.
		if s.Respondents < 2 {
			return T(lang, mpEvalSatOne, sv.Title)
		}
		outcome := mpEvalSatSplit
		switch not := s.Answered - s.Satisfied; {
		case s.Satisfied > not:
			outcome = mpEvalSatMost
		case not > s.Satisfied:
			outcome = mpEvalSatMostNot
		}
		return T(lang, mpEvalSatSmall, sv.Title, s.Respondents, sv.Campaign.MinGroup, T(lang, outcome))
	}
	return T(lang, mpEvalSatFigure, st.e.surveyTitle(s.Survey), s.Satisfied, s.Answered, percent(s.Satisfied, s.Answered), s.Respondents)
}

// satisfactionSurveyList lists the questionnaires a round may attach (those
// with a campaign 满意 rule).
func (st *step) satisfactionSurveyList() string {
	var b strings.Builder
	for _, id := range st.e.surveyIDs() {
		if st.e.env.Surveys[id].Campaign.Satisfied != nil {
			fmt.Fprintf(&b, "  %s — %s\n", id, st.e.surveyTitle(id))
		}
	}
	if b.Len() == 0 {
		return st.t(mpEvalSurveyNone)
	}
	return strings.TrimRight(b.String(), "\n")
}
