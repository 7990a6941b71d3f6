package survey

import (
	"slices"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// submit checks the answers and records the response.
func (st step) submit(sv *Survey, vis []int) error {
	run := state(st.Step).Survey
	if st.missingRequired(sv, run, vis) {
		return nil
	}
	c, err := st.counts(sv.ID)
	if err != nil {
		return err
	}
	// Closed since the last answer (the commit guards it too); a round's
	// run is answered while the round is open, whatever the campaign's
	// status (checked at the start of this step and by the commit).
	if run.Round == "" && st.closeRun(sv, c) {
		return nil
	}
	answers, kept, tallies := collect(sv, run, vis)
	if run.Round != "" {
		if done, err := st.roundResponded(run); err != nil || done {
			return err
		}
	}
	unit := st.Me.Unit
	if sv.Campaign.Anonymous && c.UnitIssued[unit] < int64(sv.Campaign.MinGroup) {
		unit = "" // a small unit would single people out
	}
	ef := ResponseSubmitted{SurveyID: sv.ID, Version: sv.Version, Respondent: st.Me.ID, Unit: unit,
		Anonymous: sv.Campaign.Anonymous, Answers: answers, Tallies: tallies, Multiple: sv.Campaign.AllowMultiple, At: st.Now,
		Round: run.Round}
	if r := sv.Campaign.Satisfied; r != nil {
		_, ef.SatisfiedAnswered = kept[r.Question]
		ef.Satisfied = sv.IsSatisfied(kept)
	}
	st.Emit(ef)
	final := st.summaryText(sv, summaryFinal)
	End(st.Step)
	st.Core().Outcome = st.t(mSubmittedShort)
	st.Answer("", false)
	st.Edit(st.In.MessageID, final)
	st.Send(st.t(mSubmitted, sv.Title))
	st.offerTipoff(sv)
	return nil
}

// offerTipoff offers the anonymous tip-off line after a questionnaire that
// asks for it (campaign tipoff: true, only with anonymous: true): to every
// respondent, whatever they answered, so that the reply kept with the
// commit says nothing of the answers; the button only sends "/tipoff new"
// and carries nothing of the response.
func (st step) offerTipoff(sv *Survey) {
	d, ok := kit.CommandData("tipoff", "new")
	if !sv.Campaign.Tipoff || !sv.Campaign.Anonymous || !ok || !access.Allows(st.Step, access.Commands["tipoff"], access.Object{}) {
		return
	}
	st.Send(st.t(mTipoffOffer), []kit.Button{{Text: st.t(mBtnTipoff), Data: d}})
}

// missingRequired shows the first required question shown and not
// answered, if any.
func (st step) missingRequired(sv *Survey, run *Run, vis []int) bool {
	for _, i := range vis {
		q := &sv.Questions[i]
		if _, ok := run.Answers[q.Name]; !ok && required(sv, q, run.Answers) {
			run.Cur = q.Name
			st.Answer(st.t(mRequired), true)
			st.showCurrent(sv)
			return true
		}
	}
	return false
}

// roundResponded ends a round's run when the person already answered the
// round (Rounds.Responded says so).
func (st step) roundResponded(run *Run) (bool, error) {
	if st.f.Rounds == nil {
		return false, nil
	}
	done, err := st.f.Rounds.Responded(st.Step, run)
	if err == nil && done {
		st.ended(run)
	}
	return done, err
}

// collect returns the answers of a response: in records form, as stored
// in the run (for the 满意 rule), and the tally counters it adds. Answers
// to questions that are no longer visible are dropped, as SurveyJS does on
// completion.
func collect(sv *Survey, run *Run, vis []int) (answers map[string]any, kept map[string][]string, tallies []string) {
	answers, kept = map[string]any{}, map[string][]string{}
	for _, i := range vis {
		q := &sv.Questions[i]
		vals, ok := run.Answers[q.Name]
		if !ok {
			continue
		}
		kept[q.Name] = vals
		answers[q.Name] = answerValue(q, vals)
		if c := run.Answers[q.Name+"-Comment"]; len(c) > 0 && slices.Contains(vals, OtherValue) {
			answers[q.Name+"-Comment"] = c[0]
		}
		tallies = append(tallies, tally(q, vals)...)
	}
	return answers, kept, tallies
}

// tally is the counters one answer adds: "#q" when answered, and
// "q\x1fvalue" per value chosen (a ranking's first choice; none for text).
func tally(q *Question, vals []string) []string {
	if len(vals) == 0 {
		return nil
	}
	out := []string{"#" + q.Name}
	switch q.Type {
	case QText, QComment:
	case QRanking:
		out = append(out, q.Name+"\x1f"+vals[0]) // first choice
	default:
		for _, v := range vals {
			out = append(out, q.Name+"\x1f"+v)
		}
	}
	return out
}
