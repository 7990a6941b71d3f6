package retro

import (
	"fmt"

	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

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

// figures measures a questionnaire campaign, a talk round or the
// commitment period of the facilitator's unit when its 复盘 opens, target
// against actual, in Chinese (the template's language): the
// start of 实际与期望差异. "" for anything sibu did not measure.
func (st step) figures(ev Event) (string, error) {
	switch ev.Kind {
	case EventSurvey:
		sr, ok := st.surveyReader()
		if !ok {
			return "", nil
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
		tr, ok := st.talkReader()
		if !ok {
			return "", nil
		}
		c, err := tr.TalkCoverage(ev.Ref)
		if err != nil {
			return "", fmt.Errorf("talk coverage %s: %w", ev.Ref, err)
		}
		return catalog.T("zh", mFiguresTalk, ev.Name, c.Due(), c.Done(), kit.Percent(c.Done(), c.Due()),
			c.Buckets[talk.BucketExcused]), nil
	case EventCommitment:
		if st.f.Commitments == nil {
			return "", nil
		}
		_, figures, err := st.f.Commitments.PeriodFigures(st.Step, st.run().Draft.Unit)
		return figures, err
	}
	return "", nil
}
