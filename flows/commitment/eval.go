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
// (officials; 开启 and 结束 too, units and questionnaires by name): opens
// an evaluation round (评) for a unit, or, once confirmed, closes it and
// applies the rules: 好 with a satisfied majority → 销号; 差 or an
// unsatisfied majority → 限期整改; otherwise 已评议. The majority is the
// round's satisfaction questionnaire's (the one named, else
// promise.satisfaction_survey) or, without one, the per-item vote's.
// What is not given is offered as buttons.
func (st step) evaluateCommand() error {
	args := strings.Fields(st.In.Args)
	verb := ""
	if len(args) > 0 {
		verb = evalVerbs[args[0]]
	}
	if verb == "" {
		st.evalMenu()
		return nil
	}
	unit, sid, ok, err := st.evalArgs(verb, args[1:])
	if err != nil || !ok || !st.checkUnit(access.Launch, unit) {
		return err
	}
	round, open, err := st.evalRound(unit)
	if err != nil {
		return err
	}
	if verb == "close" {
		if !open {
			st.Send(st.t(mEvalNotOpen, st.UnitName(unit)))
			return nil
		}
		return st.askClose(round)
	}
	if open {
		st.Send(st.t(mEvalAlreadyOpen, st.UnitName(unit)))
		return nil
	}
	var sv *survey.Survey
	if sid != "" {
		if sv = st.f.survey(sid); sv == nil || sv.Campaign.Satisfied == nil {
			st.Send(st.t(mEvalSurveyUnknown, st.f.surveyTitle(sid), st.satisfactionSurveyList()))
			return nil
		}
	}
	return st.openRound(unit, sv)
}

// evalVerbs are the words of /evaluate's action.
var evalVerbs = map[string]string{"open": "open", "开启": "open", "开始": "open", "close": "close", "结束": "close"}

// evalMenu says what an evaluation round is and offers to open or close
// one.
func (st step) evalMenu() {
	text := st.t(mEvalUsage)
	if id := st.settings().SatisfactionSurvey; id != "" {
		text += "\n" + st.t(mEvalUsageSurvey, st.f.surveyTitle(id))
	}
	pick := ""
	if len(st.Env.SubUnits(st.Me.Unit)) > 1 {
		pick = choose
	}
	st.Send(text, kit.CommandButtons("evaluate", []string{"open " + pick, "close " + pick},
		[]string{st.t(mBtnEvalOpen), st.t(mBtnEvalClose)}, 2)...)
}

// choose is the argument that asks for the unit with buttons.
const choose = "选择"

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

// evalArgs reads /evaluate's unit and questionnaire after its action (my
// unit and promise.satisfaction_survey when not given; both by id or
// name); "选择" offers the units as buttons. ok=false when answered
// already.
func (st step) evalArgs(verb string, args []string) (unit, sid string, ok bool, err error) {
	unit, sid = st.Me.Unit, st.settings().SatisfactionSurvey
	for i, a := range args {
		if a == choose {
			return "", "", false, st.unitPicker(verb)
		}
		if u, isUnit := st.Env.FindUnit(a, ""); i == 0 && isUnit {
			unit = u
			continue
		}
		sv := (*survey.Survey)(nil)
		if st.f.Surveys != nil {
			sv = st.f.Surveys.Find(a)
		}
		switch {
		case verb == "open" && sv != nil:
			sid = sv.ID
		case i == 0:
			st.Send(st.t(mNoSuchUnit, a), st.Env.UnitButtons(st.Me.Unit, "evaluate", verb, "")...)
			return "", "", false, nil
		case verb == "open":
			st.Send(st.t(mEvalSurveyUnknown, a, st.satisfactionSurveyList()))
			return "", "", false, nil
		}
	}
	return unit, sid, true, nil
}

// unitPicker offers the units under mine to open a round at (those with
// none open), or to close one at (those with one open).
func (st step) unitPicker(verb string) error {
	var args, labels []string
	for _, u := range st.Env.SubUnits(st.Me.Unit) {
		_, open, err := st.evalRound(u)
		if err != nil {
			return err
		}
		if open == (verb == "close") {
			args, labels = append(args, verb+" "+u), append(labels, st.UnitName(u))
		}
	}
	if len(args) == 0 {
		st.Send(st.t(map[string]kit.Msg{"open": mEvalNoneToOpen, "close": mEvalNoneOpen}[verb]))
		return nil
	}
	st.Send(st.t(map[string]kit.Msg{"open": mEvalPickOpen, "close": mEvalPickClose}[verb]),
		kit.CommandButtons("evaluate", args, labels, 2)...)
	return nil
}

// roundItems are the items a round of unit evaluates: those of unit and
// every unit below it (the ones /ledger lists), its members' and the
// units' own, that have been approved and are not closed.
func (st step) roundItems(unit string) ([]Item, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, u := range st.Env.SubUnits(unit) {
		items, err := r.UnitCommitments(u)
		if err != nil {
			return nil, fmt.Errorf("commitments of %s: %w", u, err)
		}
		for _, c := range items {
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
// or questionnaire: a member of its unit or below who does not grade it
// and who had joined when it opened (the people openRound asked).
func (st step) invited(round Round) (bool, error) {
	if !st.Env.Subtree(round.Unit, st.Me.Unit) || st.Me.Role != kit.RoleMember || st.Me.JoinedAt.After(round.OpenedAt) {
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
