package commitment

import (
	"fmt"
	"slices"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/survey"
)

// evaluateCommand answers /evaluate [open|close] [unit] [questionnaire]
// (officials): opens an evaluation round (评) for a unit, or closes it and
// applies the rules: 好 with a satisfied majority → 销号; 差 or an
// unsatisfied majority → 限期整改; otherwise 已评议. The majority is the
// round's satisfaction questionnaire's (the one named, else
// promise.satisfaction_survey) or, without one, the per-item vote's.
func (st step) evaluateCommand() error {
	args := strings.Fields(st.In.Args)
	if len(args) == 0 || args[0] != "open" && args[0] != "close" {
		usage := st.t(mEvalUsage)
		if id := st.settings().SatisfactionSurvey; id != "" {
			usage += "\n" + st.t(mEvalUsageSurvey, st.f.surveyTitle(id), id)
		}
		st.Send(usage)
		return nil
	}
	unit, sid, ok := st.evalArgs(args)
	if !ok || !st.checkUnit(access.Launch, unit) {
		return nil
	}
	round, open, err := st.evalRound(unit)
	if err != nil {
		return err
	}
	if args[0] == "open" {
		if open {
			st.Send(st.t(mEvalAlreadyOpen, st.UnitName(unit)))
			return nil
		}
		var sv *survey.Survey
		if sid != "" {
			if sv = st.f.survey(sid); sv == nil || sv.Campaign.Satisfied == nil {
				st.Send(st.t(mEvalSurveyUnknown, sid, st.satisfactionSurveyList()))
				return nil
			}
		}
		return st.openRound(unit, sv)
	}
	if !open {
		st.Send(st.t(mEvalNotOpen, st.UnitName(unit)))
		return nil
	}
	return st.closeRound(round)
}

// evalRound returns the open evaluation round of unit, ok=false if none.
func (st step) evalRound(unit string) (Round, bool, error) {
	r, err := st.reader()
	if err != nil {
		return Round{}, false, err
	}
	round, ok, err := r.EvalRound(unit)
	if err != nil {
		return Round{}, false, fmt.Errorf("evaluation round of %s: %w", unit, err)
	}
	return round, ok, nil
}

// evalArgs reads /evaluate's unit and questionnaire after open|close (my
// unit and promise.satisfaction_survey when not given); ok=false when
// answered already.
func (st step) evalArgs(args []string) (unit, sid string, ok bool) {
	unit, sid = st.Me.Unit, st.settings().SatisfactionSurvey
	for i, a := range args[1:] {
		switch {
		case i == 0 && st.Env.UnitExists(a):
			unit = a
		case args[0] == "open" && st.f.survey(a) != nil:
			sid = a
		case i == 0:
			st.Send(st.t(kit.MsgInviteBadUnit, a, st.Env.UnitListUnder(st.Me.Unit)))
			return "", "", false
		case args[0] == "open":
			st.Send(st.t(mEvalSurveyUnknown, a, st.satisfactionSurveyList()))
			return "", "", false
		}
	}
	return unit, sid, true
}

// roundItems are the items a round of unit evaluates: its members' and its
// own, and its sub-units' commitments to it, that have been approved and
// are not closed.
func (st step) roundItems(unit string) ([]Item, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	var out []Item
	units := []string{unit}
	for _, u := range st.Env.Units {
		if u.Parent == unit && u.ID != unit {
			units = append(units, u.ID)
		}
	}
	for _, u := range units {
		items, err := r.UnitCommitments(u)
		if err != nil {
			return nil, fmt.Errorf("commitments of %s: %w", u, err)
		}
		for _, c := range items {
			if u != unit && c.Direction != DirUp {
				continue
			}
			switch c.Status {
			case StatusActive, StatusFulfilled, StatusGraded, StatusRectify:
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// evalGraders lists who grades a round of unit: its supervisors (or the
// nearest ones above) and the 履诺监督员 of it and above. They are not
// asked for the satisfaction vote or questionnaire.
func (st step) evalGraders(unit string) ([]kit.Person, error) {
	graders, err := st.f.supervisorsOf(st.Dir, unit, 0)
	if err != nil {
		return nil, err
	}
	monitors, err := st.f.monitorsOf(st.Dir, unit)
	if err != nil {
		return nil, err
	}
	return append(graders, monitors...), nil
}

// roundGraders are evalGraders and, for an item none of the unit's
// supervisors may grade (their own, or the unit's own items under
// separation of duties), those the access policy lets grade it, from its
// deciding unit up.
func (st step) roundGraders(unit string, items []Item) ([]kit.Person, error) {
	graders, err := st.evalGraders(unit)
	if err != nil {
		return nil, err
	}
	for _, c := range items {
		o := st.object(c)
		o.Unit = unit
		if slices.ContainsFunc(graders, func(p kit.Person) bool {
			return p.Role != kit.RoleMonitor && access.Decide(st.Env, p, access.Grade, o).Allowed
		}) {
			continue
		}
		more, err := st.f.deciders(st.Dir, access.Grade, o)
		if err != nil {
			return nil, err
		}
		for _, p := range more {
			if !slices.ContainsFunc(graders, func(g kit.Person) bool { return g.ID == p.ID }) {
				graders = append(graders, p)
			}
		}
	}
	return graders, nil
}

// invited reports whether the round invited me to its satisfaction vote
// or questionnaire: a member of its unit who does not grade it and who
// had joined when it opened (the people openRound asked).
func (st step) invited(round Round) (bool, error) {
	if st.Me.Unit != round.Unit || st.Me.Role == kit.RoleMonitor || st.Me.JoinedAt.After(round.OpenedAt) {
		return false, nil
	}
	graders, err := st.evalGraders(round.Unit)
	if err != nil {
		return false, err
	}
	return !slices.ContainsFunc(graders, func(p kit.Person) bool { return p.ID == st.Me.ID }), nil
}

// evalEntry handles "pe:<unit>:sr|gr|vt|sq": start 述诺, grading, voting
// or the round's satisfaction questionnaire, as the access policy lets me.
func (st step) evalEntry(rest string) error {
	unit, verb, ok := strings.Cut(rest, ":")
	a, known := access.Verb("pe", verb)
	if !ok || !known || !st.Known {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	round, open, err := st.evalRound(unit)
	if err != nil {
		return err
	} else if !open {
		st.Answer(st.t(mEvalClosedNow), true)
		return nil
	}
	o := access.Object{Unit: unit}
	if a == access.Vote {
		if o.Invited, err = st.invited(round); err != nil {
			return err
		}
	}
	switch {
	case !access.Check(st.Step, a, o).Allowed:
		return nil
	case verb == "sq":
		return st.evalSurveyEntry(round)
	case verb == "vt" && round.Survey != "":
		st.Answer(st.t(mEvalVoteBySurvey, st.f.surveyTitle(round.Survey)), true)
		return nil
	}
	mode := map[string]string{"sr": modeReport, "gr": modeGrade, "vt": modeVote}[verb]
	st.Answer("", false)
	st.enter(&Run{Mode: mode, Unit: unit})
	return st.evalNext()
}
