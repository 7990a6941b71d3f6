package commitment

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
	"sibu/flows/survey"
)

// A round's satisfaction questionnaire (满意度测评). When a round has one
// (Round.Survey), the unit's members other than its graders are invited to
// it instead of voting per item, and answer it by chat like any
// questionnaire. Its answers are scoped to the round: a run carries the
// round (survey.Run.Round), each member answers once per round whatever
// they answered in earlier rounds, and the round's figure (Satisfaction)
// counts only the round's responses. The questionnaire's campaign (its
// /survey invitations, reminders and "already submitted") is left alone.
// The questionnaire feature asks this one about such runs through
// survey.Rounds (ClosedNow, Responded, Intro).

// survey returns questionnaire id, nil when unknown (or there are none).
func (f *Feature) survey(id string) *survey.Survey {
	if f.Surveys == nil {
		return nil
	}
	return f.Surveys.Get(id)
}

// surveyTitle returns the title of questionnaire id (the id when unknown).
func (f *Feature) surveyTitle(id string) string {
	if sv := f.survey(id); sv != nil {
		return sv.Title
	}
	return id
}

// evalSurveyEntry handles "pe:<unit>:sq": a member starts (or resumes) the
// round's questionnaire.
func (st step) evalSurveyEntry(round Round) error {
	sv := st.f.survey(round.Survey)
	if round.Survey == "" || sv == nil {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	done, err := r.EvalResponded(round.ID, st.Me.ID)
	if err != nil {
		return fmt.Errorf("responded %s: %w", round.ID, err)
	}
	if done {
		st.Answer(st.t(mEvalSurveyDone, sv.Title), true)
		return nil
	}
	st.Answer("", false)
	st.f.Surveys.Enter(st.Step, sv, round.ID, round.Unit)
	return nil
}

// ClosedNow implements survey.Rounds: it ends a round's questionnaire run
// once the round closed (or another round replaced it), keeping nothing of
// the run, and says so.
func (f *Feature) ClosedNow(s *kit.Step, run *survey.Run) bool {
	st := f.step(s)
	r, err := st.reader()
	if err != nil {
		return false
	}
	round, open, err := r.EvalRound(run.Unit)
	if err != nil || open && round.ID == run.Round {
		return false // a read error is not a reason to refuse; the commit checks the round
	}
	survey.End(s)
	st.Answer(st.t(mEvalClosedNow), true)
	st.Send(st.t(mEvalClosedNow))
	return true
}

// Responded implements survey.Rounds: it tells a member who already
// answered the round's questionnaire (from another draft) so, and ends the
// run.
func (f *Feature) Responded(s *kit.Step, run *survey.Run) (bool, error) {
	st := f.step(s)
	r, err := st.reader()
	if err != nil {
		return false, err
	}
	done, err := r.EvalResponded(run.Round, st.Me.ID)
	if err != nil {
		return false, fmt.Errorf("responded %s: %w", run.Round, err)
	}
	if done {
		survey.End(s)
		st.Answer("", false)
		st.Send(st.t(mEvalSurveyDone, f.surveyTitle(run.ID)))
	}
	return done, nil
}

// Intro implements survey.Rounds: the line (without its newline) that
// introduces a round's questionnaire for unit.
func (f *Feature) Intro(s *kit.Step, unit string) string {
	return f.step(s).t(mEvalSurveyFor, s.UnitName(unit))
}

// withheld reports whether the figure s of a round is withheld: its
// questionnaire is anonymous and fewer than its min_group answered.
func (f *Feature) withheld(s Satisfaction) bool {
	sv := f.survey(s.Survey)
	return sv != nil && sv.Campaign.Anonymous && s.Respondents < int64(sv.Campaign.MinGroup)
}

// satisfactionText is a round's figure for people: "满意 2/3（66.7%），3 人参与".
func (st step) satisfactionText(lang string, s Satisfaction) string {
	if s.Respondents == 0 {
		return catalog.T(lang, mEvalSatNone, st.f.surveyTitle(s.Survey))
	}
	if sv := st.f.survey(s.Survey); sv != nil && st.f.withheld(s) {
		// As /stats: a small anonymous group's counts would single people
		// out (3 of 3 satisfied is everyone's answer), so only the outcome,
		// and not even that when it is one person's answer.
		if s.Respondents < 2 {
			return catalog.T(lang, mEvalSatOne, sv.Title)
		}
		outcome := mEvalSatSplit
		switch not := s.Answered - s.Satisfied; {
		case s.Satisfied > not:
			outcome = mEvalSatMost
		case not > s.Satisfied:
			outcome = mEvalSatMostNot
		}
		return catalog.T(lang, mEvalSatSmall, sv.Title, s.Respondents, sv.Campaign.MinGroup, catalog.T(lang, outcome))
	}
	return catalog.T(lang, mEvalSatFigure, st.f.surveyTitle(s.Survey), s.Satisfied, s.Answered, kit.Percent(s.Satisfied, s.Answered), s.Respondents)
}

// satisfactionSurveyList lists the questionnaires a round may attach (those
// with a campaign 满意 rule).
func (st step) satisfactionSurveyList() string {
	var b strings.Builder
	if st.f.Surveys != nil {
		for _, id := range st.f.Surveys.IDs() {
			if st.f.survey(id).Campaign.Satisfied != nil {
				fmt.Fprintf(&b, "  · %s\n", st.f.surveyTitle(id))
			}
		}
	}
	if b.Len() == 0 {
		return st.t(mEvalSurveyNone)
	}
	return strings.TrimRight(b.String(), "\n")
}
