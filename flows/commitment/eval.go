package commitment

import (
	"fmt"
	"strings"

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
	if st.Me.Role != kit.RoleOfficial {
		st.Send(st.t(kit.MsgNoPermission))
		return nil
	}
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
	if !ok || !st.checkUnit(unit) {
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
			st.Send(st.t(kit.MsgInviteBadUnit, a, st.Env.UnitList()))
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

// evalEntry handles "pe:<unit>:sr|gr|vt|sq": start 述诺, grading, voting
// or the round's satisfaction questionnaire.
func (st step) evalEntry(rest string) error {
	unit, verb, ok := strings.Cut(rest, ":")
	if !ok || !st.Known {
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
	switch {
	case verb == "sq":
		return st.evalSurveyEntry(round)
	case verb == "vt" && round.Survey != "":
		st.Answer(st.t(mEvalVoteBySurvey, st.f.surveyTitle(round.Survey)), true)
		return nil
	}
	mode := map[string]string{"sr": modeReport, "gr": modeGrade, "vt": modeVote}[verb]
	if mode == "" {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	if mode == modeGrade && !st.oversees(unit) && !st.monitors(unit) || mode != modeGrade && st.isMonitor() {
		st.Answer(st.t(kit.MsgNoPermission), true)
		return nil
	}
	st.Answer("", false)
	st.enter(&Run{Mode: mode, Unit: unit})
	return st.evalNext()
}
