package commitment

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// roundMarks reads a round's marks and the items it evaluates.
func (st step) roundMarks(round Round) (Reader, Marks, []Item, error) {
	r, err := st.reader()
	if err != nil {
		return nil, Marks{}, nil, err
	}
	marks, err := r.EvalMarks(round.ID)
	if err != nil {
		return nil, Marks{}, nil, fmt.Errorf("marks of %s: %w", round.ID, err)
	}
	items, err := st.roundItems(round.Unit)
	return r, marks, items, err
}

// closeRound applies the round's marks to its items.
func (st step) closeRound(round Round) error {
	r, marks, items, err := st.roundMarks(round)
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
		f.Withheld = st.f.withheld(f)
		sat = &f
	}
	results := map[string]int{}
	var lines []string
	var rectify []Item
	for _, c := range items {
		outcome, c, err := st.closeItem(c, marks, sat)
		if err != nil {
			return err
		}
		if outcome == "" {
			results["ungraded"]++
			continue
		}
		results[outcome]++
		if outcome == "rectify" {
			rectify = append(rectify, c)
		}
		lines = append(lines, fmt.Sprintf("%s · %s — %s（%s）", short(st.ownerLabel(c), 10), short(c.Content, 20), c.Grade,
			catalog.T("zh", kit.Msg("pr_out_"+outcome))))
	}
	st.Emit(RoundClosed{Round: round, By: st.Me.ID, Results: results, Satisfaction: sat})
	return st.roundResults(round, results, lines, rectify, sat)
}

// tally counts the 满意 and 不满意 of item: the per-item votes, or the
// round's questionnaire figure when there is one.
func tally(marks Marks, item string, sat *Satisfaction) (y, n int) {
	if sat != nil {
		return int(sat.Satisfied), int(sat.Answered - sat.Satisfied)
	}
	for _, v := range marks.Votes[item] {
		if v {
			y++
		} else {
			n++
		}
	}
	return y, n
}

// closeItem applies the marks to c: graded, then closed (好 with a
// satisfied majority) or ordered to rectify (差 or an unsatisfied
// majority), and tells its owners. It returns the outcome ("" when nobody
// graded c) and the item as it is now.
func (st step) closeItem(c Item, marks Marks, sat *Satisfaction) (string, Item, error) {
	grade := marks.Grades[c.ID]
	y, n := tally(marks, c.ID, sat)
	if grade == "" {
		return "", c, nil
	}
	prev, from := c.Rev, c.Status
	c.Grade, c.Status, c.Updated = grade, StatusGraded, st.Now
	if from == StatusActive || from == StatusRectify {
		c.Status = from // not reported done: it is kept (and reminded) as before, graded
	}
	graded := c.Status
	note := st.t(mEvalTally, grade, y, n)
	if sat != nil {
		note = st.t(mEvalTallySurvey, grade, st.satisfactionText(st.Lang, *sat))
	}
	note += st.opinionsNote(marks.Opinions[c.ID])
	ge := st.entry("graded", note)
	if rep := marks.Reports[c.ID]; rep != "" {
		ge.Text += "\n" + catalog.T("zh", mEvalSelf, rep)
	}
	st.Emit(Graded{Change{Item: c, Prev: prev, From: from, Entry: ge, Satisfaction: sat}})
	outcome := "graded"
	if graded != StatusGraded {
		outcome = "unfinished"
	}
	switch {
	case grade == Grades[0] && (y > n || y+n == 0):
		c.Status = StatusClosed
		st.Emit(Closed{Change{Item: c, Prev: prev + 1, Follows: true, From: graded,
			Entry: st.entry("closed", note), Satisfaction: sat}})
		outcome = "closed"
	case grade == Grades[3] || n > y:
		c.Status, c.Rectified, c.Percent = StatusRectify, c.Rectified+1, 0
		c.Deadline = st.Today().Add(st.settings().Rectify).Format("2006-01-02")
		e := st.entry("rectification_ordered", note)
		e.Deadline = c.Deadline
		st.Emit(RectificationOrdered{Change{Item: c, Prev: prev + 1, Follows: true, From: graded,
			Entry: e, Satisfaction: sat}})
		outcome = "rectify"
	}
	return outcome, c, st.tellResult(c, outcome, note)
}

// tellResult tells c's owners its outcome.
func (st step) tellResult(c Item, outcome, note string) error {
	chats, err := st.f.ownerChats(st.Dir, c)
	if err != nil {
		return err
	}
	for _, id := range chats {
		switch outcome {
		case "closed":
			st.Push(id, catalog.T("zh", mClosedOwner, short(c.Content, 40), note))
		case "rectify":
			st.Push(id, catalog.T("zh", mRectifyOwner, short(c.Content, 40), note, st.dateText(c.Deadline)), ownerButtons(c.ID))
		case "unfinished":
			st.Push(id, catalog.T("zh", mGradedOpenOwner, short(c.Content, 40), note, st.dateText(c.Deadline)), ownerButtons(c.ID))
		default:
			st.Push(id, catalog.T("zh", mGradedOwner, short(c.Content, 40), note))
		}
	}
	return nil
}

// roundResults asks those who decide each item ordered to rectify for its
// 整改 deadline, publishes the results to the unit's group when configured
// and sums them up for me.
func (st step) roundResults(round Round, results map[string]int, lines []string, rectify []Item, sat *Satisfaction) error {
	for _, c := range rectify {
		sup, err := st.f.deciders(st.Dir, access.Deadline, st.object(c))
		if err != nil {
			return err
		}
		for _, s := range sup {
			st.Push(s.ID, catalog.T("zh", mRectifySupervisor, st.ownerLabel(c), short(c.Content, 40), st.dateText(c.Deadline)),
				[]kit.Button{itemButton(catalog.T("zh", mBtnRectifyDate), c.ID, "rd")})
		}
	}
	name := st.UnitName(round.Unit)
	figure, figureZh := "", ""
	if sat != nil {
		figure, figureZh = "\n"+st.satisfactionText(st.Lang, *sat), "\n"+st.satisfactionText("zh", *sat)
	}
	if u, ok := st.Env.Unit(round.Unit); ok && u.Group != 0 && st.settings().PublishGrades && len(lines) > 0 {
		st.Push(u.Group, catalog.T("zh", mEvalPublic, name)+figureZh+"\n"+strings.Join(lines, "\n"))
	}
	st.Send(st.closedSummary(name, results) + figure + "\n" + strings.Join(lines, "\n"))
	return nil
}

// closedSummary says how a round of unit name ended: 销号 and 限期整改
// always, the other outcomes when there are any.
func (st step) closedSummary(name string, results map[string]int) string {
	text := st.t(mEvalClosed, name, results["closed"], results["rectify"])
	for _, k := range []string{"graded", "unfinished", "ungraded"} {
		if results[k] > 0 {
			text += st.t(kit.Msg("pr_eval_closed_"+k), results[k])
		}
	}
	return text + st.t(mEvalClosedEnd)
}

// opinionsNote sums up the 履诺监督员's grades of an item for its result
// ("；履诺监督员：好×1、较好×1"), "" when none graded it. They are shown
// with the result and kept in its history; the supervisors' grade decides.
func (st step) opinionsNote(ops map[int64]string) string {
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
	return st.t(mEvalOpinions, strings.Join(parts, "、"))
}
