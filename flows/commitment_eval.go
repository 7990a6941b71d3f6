package flows

import (
	"fmt"
	"slices"
	"strings"
)

// evaluateCommand answers /evaluate [open|close] [unit] [questionnaire]
// (officials): opens an evaluation round (评) for a unit, or closes it and
// applies the rules: 好 with a satisfied majority → 销号; 差 or an
// unsatisfied majority → 限期整改; otherwise 已评议. The majority is the
// round's satisfaction questionnaire's (the one named, else
// promise.satisfaction_survey) or, without one, the per-item vote's.
func (st *step) evaluateCommand() error {
	if st.me.Role != RoleOfficial {
		st.send(st.t(mNoPermission))
		return nil
	}
	args := strings.Fields(st.in.Args)
	if len(args) == 0 || args[0] != "open" && args[0] != "close" {
		usage := st.t(mpEvalUsage)
		if id := st.promise().SatisfactionSurvey; id != "" {
			usage += "\n" + st.t(mpEvalUsageSurvey, st.e.surveyTitle(id), id)
		}
		st.send(usage)
		return nil
	}
	unit, survey := st.me.Unit, st.promise().SatisfactionSurvey
	for i, a := range args[1:] {
		switch {
		case i == 0 && st.unitExists(a):
			unit = a
		case args[0] == "open" && st.e.env.Surveys[a] != nil:
			survey = a
		case i == 0:
			st.send(st.t(mInviteBadUnit, a, st.unitList()))
			return nil
		case args[0] == "open":
			st.send(st.t(mpEvalSurveyUnknown, a, st.satisfactionSurveyList()))
			return nil
		}
	}
	if !st.unitExists(unit) {
		st.send(st.t(mInviteBadUnit, unit, st.unitList()))
		return nil
	}
	if !st.e.Subtree(st.me.Unit, unit) {
		st.send(st.t(mpNotYourUnit, st.unitName(st.me.Unit)))
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	round, open, err := r.EvalRound(unit)
	if err != nil {
		return fmt.Errorf("evaluation round of %s: %w", unit, err)
	}
	if args[0] == "open" {
		if open {
			st.send(st.t(mpEvalAlreadyOpen, st.unitName(unit)))
			return nil
		}
		var sv *Survey
		if survey != "" {
			if sv = st.e.env.Surveys[survey]; sv == nil || sv.Campaign.Satisfied == nil {
				st.send(st.t(mpEvalSurveyUnknown, survey, st.satisfactionSurveyList()))
				return nil
			}
		}
		return st.openRound(unit, sv)
	}
	if !open {
		st.send(st.t(mpEvalNotOpen, st.unitName(unit)))
		return nil
	}
	return st.closeRound(round)
}

// roundItems are the items a round of unit evaluates: its members' and its
// own, and its sub-units' commitments to it, that have been approved and
// are not closed.
func (st *step) roundItems(unit string) ([]Commitment, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	var out []Commitment
	units := []string{unit}
	for _, u := range st.e.env.Units {
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
			case CommitActive, CommitFulfilled, CommitGraded, CommitRectify:
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// openRound opens a round of unit: owners are asked for 述诺, graders to
// grade, and the unit's other members to answer sv (when not nil) or to
// vote per item.
func (st *step) openRound(unit string, sv *Survey) error {
	items, err := st.roundItems(unit)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		st.send(st.t(mpEvalNoItems, st.unitName(unit)))
		return nil
	}
	round := EvalRound{ID: unit + "-" + st.now.In(st.e.env.Location).Format("20060102150405"), Unit: unit,
		Period: st.period(), OpenedBy: st.me.ID, OpenedAt: st.now}
	if sv != nil {
		round.Survey = sv.ID
	}
	st.effect(EvalRoundOpened{Round: round})
	name := st.unitName(unit)
	owners := map[int64]bool{}
	for _, c := range items {
		chats, err := st.e.ownerChats(st.dir, c)
		if err != nil {
			return err
		}
		for _, id := range chats {
			owners[id] = true
		}
	}
	for _, id := range sortedIDs(owners) {
		st.push(id, T("zh", mpEvalOwnerPush, name), []Button{{Text: T("zh", mpBtnReport), Data: "pe:" + unit + ":sr"}})
	}
	graders, err := st.evalGraders(unit)
	if err != nil {
		return err
	}
	gset := map[int64]bool{}
	for _, p := range graders {
		gset[p.ID] = true
		st.push(p.ID, T("zh", mpEvalGraderPush, name, len(items)), []Button{{Text: T("zh", mpBtnGrade), Data: "pe:" + unit + ":gr"}})
	}
	members, err := st.dir.Members(unit, false)
	if err != nil {
		return fmt.Errorf("members of %s: %w", unit, err)
	}
	voters := 0
	for _, p := range members {
		if gset[p.ID] {
			continue
		}
		voters++
		if sv != nil {
			st.push(p.ID, T("zh", mpEvalSurveyPush, name)+"\n"+st.invitationText(sv, false),
				[]Button{{Text: T("zh", mBtnStartSurvey), Data: "pe:" + unit + ":sq"}})
			continue
		}
		st.push(p.ID, T("zh", mpEvalVoterPush, name, len(items)), []Button{{Text: T("zh", mpBtnVote), Data: "pe:" + unit + ":vt"}})
	}
	if sv != nil {
		st.send(st.t(mpEvalOpenedSurvey, name, len(items), len(owners), len(graders), sv.Title, voters))
		return nil
	}
	st.send(st.t(mpEvalOpened, name, len(items), len(owners), len(graders), voters))
	return nil
}

// evalGraders lists who grades a round of unit: its supervisors (or the
// nearest ones above) and the 履诺监督员 of it and above. They are not
// asked for the satisfaction vote or questionnaire.
func (st *step) evalGraders(unit string) ([]Person, error) {
	graders, err := st.e.supervisorsOf(st.dir, unit, 0)
	if err != nil {
		return nil, err
	}
	monitors, err := st.e.monitorsOf(st.dir, unit)
	if err != nil {
		return nil, err
	}
	return append(graders, monitors...), nil
}

func sortedIDs(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// evalEntry handles "pe:<unit>:sr|gr|vt|sq": start 述诺, grading, voting
// or the round's satisfaction questionnaire.
func (st *step) evalEntry(rest string) error {
	unit, verb, ok := strings.Cut(rest, ":")
	if !ok || !st.ok {
		st.answer(st.t(mExpired), false)
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	round, open, err := r.EvalRound(unit)
	if err != nil {
		return fmt.Errorf("evaluation round of %s: %w", unit, err)
	} else if !open {
		st.answer(st.t(mpEvalClosedNow), true)
		return nil
	}
	switch {
	case verb == "sq":
		return st.evalSurveyEntry(round)
	case verb == "vt" && round.Survey != "":
		st.answer(st.t(mpEvalVoteBySurvey, st.e.surveyTitle(round.Survey)), true)
		return nil
	}
	mode := map[string]string{"sr": modeReport, "gr": modeGrade, "vt": modeVote}[verb]
	if mode == "" {
		st.answer(st.t(mExpired), false)
		return nil
	}
	if mode == modeGrade && !st.oversees(unit) && !st.monitors(unit) || mode != modeGrade && st.isMonitor() {
		st.answer(st.t(mNoPermission), true)
		return nil
	}
	st.answer("", false)
	st.enterPromise(&PromiseRun{Mode: mode, Unit: unit})
	return st.evalNext()
}

// evalMine filters the round's items for the run's mode.
func (st *step) evalMine(items []Commitment) []Commitment {
	run := st.run0()
	return slices.DeleteFunc(items, func(c Commitment) bool {
		switch run.Mode {
		case modeReport:
			return !st.mayAct(c)
		case modeVote:
			return st.mayAct(c) // nobody rates their own item
		}
		return false
	})
}

// evalNext shows the item after run.Item, or ends the pass.
func (st *step) evalNext() error {
	run := st.run0()
	items, err := st.roundItems(run.Unit)
	if err != nil {
		return err
	}
	items = st.evalMine(items)
	i := 0
	if run.Item != "" {
		i = slices.IndexFunc(items, func(c Commitment) bool { return c.ID == run.Item }) + 1
	}
	if i >= len(items) || len(items) == 0 {
		st.leavePromise()
		st.send(st.t(mpEvalDone, len(items)))
		return nil
	}
	c := items[i]
	run.Item = c.ID
	seq := st.sess().next()
	head := st.t(mpEvalItemHead, i+1, len(items)) + "\n" + st.itemCard(c)
	if c.Percent > 0 {
		head += "\n" + st.t(mpEvalPercent, c.Percent, st.statusName(c.Status))
	}
	skip := []Button{{Text: st.t(mpBtnSkip), Data: data(seq, "sk")}, {Text: st.t(mpBtnCancel), Data: data(seq, "x")}}
	switch run.Mode {
	case modeReport:
		st.send(head+"\n\n"+st.t(mpAskReport), skip)
	case modeGrade:
		r, err := st.reader()
		if err != nil {
			return err
		}
		if round, ok, err := r.EvalRound(run.Unit); err == nil && ok {
			if marks, err := r.EvalMarks(round.ID); err == nil {
				if rep := marks.Reports[c.ID]; rep != "" {
					head += "\n" + st.t(mpEvalSelf, rep)
				}
			}
		}
		var row []Button
		for gi, g := range Grades {
			row = append(row, Button{Text: g, Data: data(seq, "g", fmt.Sprint(gi))})
		}
		st.send(head+"\n\n"+st.t(mpAskGrade), row, skip)
	case modeVote:
		st.send(head+"\n\n"+st.t(mpAskVote),
			[]Button{{Text: st.t(mpBtnSatisfied), Data: data(seq, "v", "y")}, {Text: st.t(mpBtnUnsatisfied), Data: data(seq, "v", "n")}}, skip)
	}
	return nil
}

func (st *step) evalMark(kind, value string) error {
	run := st.run0()
	r, err := st.reader()
	if err != nil {
		return err
	}
	round, ok, err := r.EvalRound(run.Unit)
	if err != nil {
		return fmt.Errorf("evaluation round: %w", err)
	}
	if !ok {
		st.leavePromise()
		st.send(st.t(mpEvalClosedNow))
		return nil
	}
	st.effect(EvalMarked{Round: round.ID, Item: run.Item, Kind: kind, By: st.me.ID, Value: value, At: st.now})
	return st.evalNext()
}

func (st *step) evalCallback(cb callback) (bool, error) {
	run := st.run0()
	switch {
	case cb.Verb == "sk":
		return true, st.evalNext()
	case cb.Verb == "g" && run.Mode == modeGrade:
		i, ok := cb.index(len(Grades))
		if !ok {
			return false, nil
		}
		kind := "g" // the supervisors' grade decides
		if st.isMonitor() {
			kind = "o" // a 履诺监督员's grade is kept beside it, by person
		}
		return true, st.evalMark(kind, Grades[i])
	case cb.Verb == "v" && run.Mode == modeVote && (cb.Arg == "y" || cb.Arg == "n"):
		return true, st.evalMark("v", cb.Arg)
	}
	return false, nil
}

func (st *step) reportInput() error {
	t, ok := st.textField(maxNote)
	if !ok {
		return nil
	}
	return st.evalMark("s", t)
}

// closeRound applies the round's marks to its items.
func (st *step) closeRound(round EvalRound) error {
	r, err := st.reader()
	if err != nil {
		return err
	}
	marks, err := r.EvalMarks(round.ID)
	if err != nil {
		return fmt.Errorf("marks of %s: %w", round.ID, err)
	}
	items, err := st.roundItems(round.Unit)
	if err != nil {
		return err
	}
	// With a questionnaire, the unit's figure counts for every item:
	// satisfied against answered-but-not-satisfied, as the votes do.
	var sat *Satisfaction
	if round.Survey != "" {
		f, err := r.EvalSatisfaction(round.ID)
		if err != nil {
			return fmt.Errorf("satisfaction of %s: %w", round.ID, err)
		}
		f.Survey = round.Survey
		sat = &f
	}
	p := st.promise()
	results := map[string]int{}
	var lines []string
	var rectify []Commitment
	for _, c := range items {
		grade := marks.Grades[c.ID]
		y, n := 0, 0
		for _, v := range marks.Votes[c.ID] {
			if v {
				y++
			} else {
				n++
			}
		}
		if sat != nil {
			y, n = int(sat.Satisfied), int(sat.Answered-sat.Satisfied)
		}
		if grade == "" {
			results["ungraded"]++
			continue
		}
		prev, from := c.Rev, c.Status
		c.Grade, c.Status, c.Updated = grade, CommitGraded, st.now
		note := st.t(mpEvalTally, grade, y, n)
		if sat != nil {
			note = st.t(mpEvalTallySurvey, grade, st.satisfactionText(st.lang, *sat))
		}
		note += st.opinionsNote(marks.Opinions[c.ID])
		ge := st.entry("graded", note)
		if rep := marks.Reports[c.ID]; rep != "" {
			ge.Text += "\n" + T("zh", mpEvalSelf, rep)
		}
		st.effect(CommitmentGraded{CommitmentChange{Item: c, Prev: prev, From: from, Entry: ge, Satisfaction: sat}})
		outcome := "graded"
		switch {
		case grade == Grades[0] && (y > n || y+n == 0):
			c.Status = CommitClosed
			st.effect(CommitmentClosed{CommitmentChange{Item: c, Prev: prev + 1, Follows: true, From: CommitGraded,
				Entry: st.entry("closed", note), Satisfaction: sat}})
			outcome = "closed"
		case grade == Grades[3] || n > y:
			c.Status, c.Rectified, c.Percent = CommitRectify, c.Rectified+1, 0
			c.Deadline = st.today().Add(p.Rectify).Format("2006-01-02")
			e := st.entry("rectification_ordered", note)
			e.Deadline = c.Deadline
			st.effect(CommitmentRectificationOrdered{CommitmentChange{Item: c, Prev: prev + 1, Follows: true, From: CommitGraded,
				Entry: e, Satisfaction: sat}})
			outcome = "rectify"
			rectify = append(rectify, c)
		}
		results[outcome]++
		chats, err := st.e.ownerChats(st.dir, c)
		if err != nil {
			return err
		}
		for _, id := range chats {
			switch outcome {
			case "closed":
				st.push(id, T("zh", mpClosedOwner, short(c.Content, 40), note))
			case "rectify":
				st.push(id, T("zh", mpRectifyOwner, short(c.Content, 40), note, st.dateText(c.Deadline)), ownerButtons(c.ID))
			default:
				st.push(id, T("zh", mpGradedOwner, short(c.Content, 40), note))
			}
		}
		lines = append(lines, fmt.Sprintf("%s · %s — %s（%s）", short(st.ownerLabel(c), 10), short(c.Content, 20), grade, T("zh", msg("pr_out_"+outcome))))
	}
	st.effect(EvalRoundClosed{Round: round, By: st.me.ID, Results: results, Satisfaction: sat})
	sup, err := st.e.supervisorsOf(st.dir, round.Unit, 0)
	if err != nil {
		return err
	}
	for _, c := range rectify {
		for _, s := range sup {
			st.push(s.ID, T("zh", mpRectifySupervisor, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline)),
				[]Button{{Text: T("zh", mpBtnRectifyDate), Data: "pr:" + c.ID + ":rd"}})
		}
	}
	name := st.unitName(round.Unit)
	figure, figureZh := "", ""
	if sat != nil {
		figure, figureZh = "\n"+st.satisfactionText(st.lang, *sat), "\n"+st.satisfactionText("zh", *sat)
	}
	if u, ok := st.e.unit(round.Unit); ok && u.Group != 0 && p.PublishGrades && len(lines) > 0 {
		st.push(u.Group, T("zh", mpEvalPublic, name)+figureZh+"\n"+strings.Join(lines, "\n"))
	}
	st.send(st.t(mpEvalClosed, name, results["closed"], results["rectify"], results["graded"], results["ungraded"]) +
		figure + "\n" + strings.Join(lines, "\n"))
	return nil
}

// opinionsNote sums up the 履诺监督员's grades of an item for its result
// ("；履诺监督员：好×1、较好×1"), "" when none graded it. They are shown
// with the result and kept in its history; the supervisors' grade decides.
func (st *step) opinionsNote(ops map[int64]string) string {
	if len(ops) == 0 {
		return ""
	}
	n := map[string]int{}
	for _, g := range ops {
		n[g]++
	}
	var parts []string
	for _, g := range Grades {
		if n[g] > 0 {
			parts = append(parts, fmt.Sprintf("%s×%d", g, n[g]))
		}
	}
	return st.t(mpEvalOpinions, strings.Join(parts, "、"))
}
