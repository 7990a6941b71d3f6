package commitment

import (
	"fmt"
	"slices"

	"sibu/flows/kit"
)

// evalMine filters the round's items for the run's mode.
func (st step) evalMine(items []Item) []Item {
	run := st.run()
	return slices.DeleteFunc(items, func(c Item) bool {
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
func (st step) evalNext() error {
	run := st.run()
	items, err := st.roundItems(run.Unit)
	if err != nil {
		return err
	}
	items = st.evalMine(items)
	i := 0
	if run.Item != "" {
		i = slices.IndexFunc(items, func(c Item) bool { return c.ID == run.Item }) + 1
	}
	if i >= len(items) || len(items) == 0 {
		st.leave()
		st.Send(st.t(mEvalDone, len(items)))
		return nil
	}
	c := items[i]
	run.Item = c.ID
	seq := st.Next()
	head := st.t(mEvalItemHead, i+1, len(items)) + "\n" + st.itemCard(c)
	if c.Percent > 0 {
		head += "\n" + st.t(mEvalPercent, c.Percent, st.statusName(c.Status))
	}
	skip := []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "sk")}, {Text: st.t(mBtnCancel), Data: kit.Data(seq, "x")}}
	switch run.Mode {
	case modeReport:
		st.Send(head+"\n\n"+st.t(mAskReport), skip)
	case modeGrade:
		r, err := st.reader()
		if err != nil {
			return err
		}
		head += st.selfReport(r, run.Unit, c.ID)
		var row []kit.Button
		for gi, g := range Grades {
			row = append(row, kit.Button{Text: g, Data: kit.Data(seq, "g", fmt.Sprint(gi))})
		}
		st.Send(head+"\n\n"+st.t(mAskGrade), row, skip)
	case modeVote:
		st.Send(head+"\n\n"+st.t(mAskVote),
			[]kit.Button{{Text: st.t(mBtnSatisfied), Data: kit.Data(seq, "v", "y")}, {Text: st.t(mBtnUnsatisfied), Data: kit.Data(seq, "v", "n")}}, skip)
	}
	return nil
}

// selfReport is the owner's 述诺 of item in the open round of unit, as a
// line for graders ("" when none, or it cannot be read).
func (st step) selfReport(r Reader, unit, item string) string {
	if round, ok, err := r.EvalRound(unit); err == nil && ok {
		if marks, err := r.EvalMarks(round.ID); err == nil {
			if rep := marks.Reports[item]; rep != "" {
				return "\n" + st.t(mEvalSelf, rep)
			}
		}
	}
	return ""
}

// evalMark records a mark of the current item and shows the next.
func (st step) evalMark(kind, value string) error {
	run := st.run()
	round, ok, err := st.evalRound(run.Unit)
	if err != nil {
		return err
	}
	if !ok {
		st.leave()
		st.Send(st.t(mEvalClosedNow))
		return nil
	}
	st.Emit(Marked{Round: round.ID, Item: run.Item, Kind: kind, By: st.Me.ID, Value: value, At: st.Now})
	return st.evalNext()
}

// evalCallback handles the buttons of an evaluation pass: 跳过, a grade or
// a vote.
func (st step) evalCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "sk":
		return true, st.evalNext()
	case cb.Verb == "g" && run.Mode == modeGrade:
		i, ok := cb.Index(len(Grades))
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

// reportInput takes the typed 述诺 of the current item.
func (st step) reportInput() error {
	t, ok := st.textField(maxNote)
	if !ok {
		return nil
	}
	return st.evalMark("s", t)
}
