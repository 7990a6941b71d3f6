package survey

import (
	"sibu/flows/access"
	"sibu/flows/kit"
)

// What the access policy knows of a questionnaire, and its figures as a
// person may see them: of the whole campaign, or of the units of their
// subtree; an anonymous questionnaire's figures of fewer than MinGroup
// respondents are withheld.

// object is sv as the access policy sees it: the units it reaches (the
// root when none are named) and who sees its results.
func (f *Feature) object(sv *Survey) access.Object {
	reach := sv.Campaign.Units
	if len(reach) == 0 {
		reach = []string{f.Env.Root}
	}
	return access.Object{Reach: reach, Name: sv.Title, SupervisorsSee: sv.Campaign.Results == "supervisors"}
}

// figures are a questionnaire's headline numbers for a group of people.
type figures struct {
	Issued, Submitted int64
	// Satisfied of Answered respondents answered the 满意 question so.
	Satisfied, Answered int64
}

// whole is the campaign's own figures.
func whole(c Counts) figures {
	return figures{Issued: c.Issued, Submitted: c.Submitted, Satisfied: c.Satisfied, Answered: c.SatisfiedAnswered}
}

// figuresIn sums the per-unit counters of s over scope and its sub-units.
func figuresIn(env *kit.Env, s Stats, scope string) figures {
	var f figures
	for u, n := range s.UnitIssued {
		if env.Subtree(scope, u) {
			f.Issued += n
		}
	}
	for _, u := range env.SubUnits(scope) {
		f.Submitted += s.Units[u+"\x1fsubmitted"]
		f.Satisfied += s.Units[u+"\x1fsatisfied"]
		f.Answered += s.Units[u+"\x1fanswered"]
	}
	return f
}

// withheld reports whether what respondents answered to sv is withheld: an
// anonymous questionnaire shows nothing of a group of fewer than MinGroup
// respondents (their answers would be theirs alone).
func withheld(sv *Survey, respondents int64) bool {
	return sv.Campaign.Anonymous && respondents < int64(sv.Campaign.MinGroup)
}

// satisfied is the 满意率 of f as /status shows it: "—" without a 满意
// rule, and a note when withheld.
func (st step) satisfied(sv *Survey, f figures) string {
	switch {
	case sv.Campaign.Satisfied == nil:
		return st.t(mNoSatRule)
	case withheld(sv, f.Submitted):
		return st.t(mSatWithheld, sv.Campaign.MinGroup)
	case f.Answered == 0:
		return st.t(mSatNoAnswer)
	}
	return st.t(mSatRate, kit.Percent(f.Satisfied, f.Answered), f.Satisfied, f.Answered)
}
