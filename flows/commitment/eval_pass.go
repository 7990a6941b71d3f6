package commitment

import (
	"fmt"
	"slices"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// evalActions are the access policy's actions of the passes.
var evalActions = map[string]access.Action{modeReport: access.Report, modeGrade: access.Grade, modeVote: access.Vote}

// pass is what the access policy is told about the run's open round: its
// marks so far and whether it invited me to vote.
type pass struct {
	round   Round
	marks   Marks
	invited bool
}

// evalPass reads the run's open round for the policy; ok=false when the
// round closed.
func (st step) evalPass() (pass, bool, error) {
	round, ok, err := st.evalRound(st.run().Unit)
	if err != nil || !ok {
		return pass{}, false, err
	}
	r, err := st.reader()
	if err != nil {
		return pass{}, false, err
	}
	p := pass{round: round}
	if p.marks, err = r.EvalMarks(round.ID); err != nil {
		return pass{}, false, fmt.Errorf("marks of %s: %w", round.ID, err)
	}
	if st.run().Mode == modeVote {
		if p.invited, err = st.invited(round); err != nil {
			return pass{}, false, err
		}
	}
	return p, true, nil
}

// evalObject is item c of the run's round as the access policy sees it in
// the run's pass, with whether I rated it already.
func (st step) evalObject(c Item, p pass) access.Object {
	o := st.object(c)
	o.Unit, o.Invited = p.round.Unit, p.invited
	_, o.Done = p.marks.Votes[c.ID][st.Me.ID]
	return o
}

// evalMine filters the round's items for the run's mode: those the access
// policy lets me report on, grade or rate (nobody grades or rates their
// own), counting those I rated already (each is rated once: the pass
// passes them, evalNext).
func (st step) evalMine(items []Item, p pass) []Item {
	a := evalActions[st.run().Mode]
	return slices.DeleteFunc(items, func(c Item) bool {
		o := st.evalObject(c, p)
		o.Done = false
		return !access.Allows(st.Step, a, o)
	})
}

// evalNext shows the item after run.Item that I have not rated yet, or
// ends the pass.
func (st step) evalNext() error {
	run := st.run()
	p, open, err := st.evalPass()
	if err != nil {
		return err
	}
	if !open {
		st.leave()
		st.Send(st.t(mEvalClosedNow))
		return nil
	}
	items, err := st.roundItems(run.Unit)
	if err != nil {
		return err
	}
	items = st.evalMine(items, p)
	i := 0
	if run.Item != "" {
		i = slices.IndexFunc(items, func(c Item) bool { return c.ID == run.Item }) + 1
	}
	for run.Mode == modeVote && !st.Env.NoSeparation && i < len(items) && st.evalObject(items[i], p).Done {
		i++
	}
	if i >= len(items) {
		st.passDone(len(items))
		return nil
	}
	c := items[i]
	run.Item = c.ID
	seq := st.Next()
	head := st.t(mEvalItemHead, i+1, len(items)) + "\n" + st.itemCard(c)
	if c.Percent > 0 {
		head += "\n" + st.t(mEvalPercent, c.Percent, st.statusName(c.Status))
	}
	skip := st.skipRow(seq)
	switch run.Mode {
	case modeReport:
		st.Send(head+"\n\n"+st.t(mAskReport), skip)
	case modeGrade:
		if rep := p.marks.Reports[c.ID]; rep != "" {
			head += "\n" + st.t(mEvalSelf, rep) // the owner's 述诺, for graders
		}
		st.Send(head+"\n\n"+st.t(mAskGrade), st.gradeRows(seq)...)
	case modeVote:
		st.Send(head+"\n\n"+st.t(mAskVote),
			[]kit.Button{{Text: st.t(mBtnSatisfied), Data: kit.Data(seq, "v", "y")}, {Text: st.t(mBtnUnsatisfied), Data: kit.Data(seq, "v", "n")}}, skip)
	}
	return nil
}

// evalMark records a mark of the current item, when the access policy
// still lets me, shows it on the pressed prompt (chose) and shows the next.
func (st step) evalMark(kind, value, chose string) error {
	run := st.run()
	p, open, err := st.evalPass()
	if err != nil {
		return err
	}
	c, found, err := st.item(run.Item)
	switch {
	case err != nil:
		return err
	case !open:
		st.leave()
		st.Send(st.t(mEvalClosedNow))
		return nil
	case !found:
		st.leave()
		st.Send(st.t(mAlreadyHandled))
		return nil
	case !access.Check(st.Step, evalActions[run.Mode], st.evalObject(c, p)).Allowed:
		st.leave()
		return nil
	}
	st.Emit(Marked{Round: p.round.ID, Item: run.Item, Kind: kind, By: st.Me.ID, Value: value, At: st.Now})
	st.Chose(st.itemCard(c), chose)
	run.Rated, run.Field = run.Rated+1, ""
	return st.evalNext()
}

// evalCallback handles the buttons of an evaluation pass: 跳过, a grade or
// a vote.
func (st step) evalCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "sk":
		if c, found, err := st.item(run.Item); err != nil {
			return true, err
		} else if found {
			st.Chose(st.itemCard(c), st.t(mEvalChoseSkip))
		}
		run.Skipped, run.Field = run.Skipped+1, ""
		return true, st.evalNext()
	case run.Mode == modeGrade && (cb.Verb == "g" || cb.Verb == "gy" || cb.Verb == "gn"):
		return st.gradeCallback(cb)
	case cb.Verb == "v" && run.Mode == modeVote && (cb.Arg == "y" || cb.Arg == "n"):
		vote := map[string]kit.Msg{"y": mBtnSatisfied, "n": mBtnUnsatisfied}[cb.Arg]
		return true, st.evalMark("v", cb.Arg, st.t(vote))
	}
	return false, nil
}

// gradeCallback takes a grade (g), asking first to confirm 差 from those
// whose grade decides (it orders 限期整改): 确认 (gy) or 重新选择 (gn).
func (st step) gradeCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	kind := "g" // the supervisors' grade decides
	if st.Me.Role == kit.RoleMonitor {
		kind = "o" // a 履诺监督员's grade is kept beside it, by person
	}
	i, ok := cb.Index(len(Grades))
	bad := len(Grades) - 1
	switch {
	case cb.Verb == "g" && !ok, cb.Verb != "g" && run.Field != "bad":
		return false, nil
	case cb.Verb == "gy":
		i = bad
	case cb.Verb == "g" && i == bad && kind == "g", cb.Verb == "gn":
		c, found, err := st.item(run.Item)
		if err != nil || !found {
			return found, err
		}
		if cb.Verb == "gn" {
			st.regrade(c)
		} else {
			st.askBad(c)
		}
		return true, nil
	}
	return true, st.evalMark(kind, Grades[i], st.t(mEvalChoseGrade, Grades[i]))
}

// passDone ends an evaluation pass over n items: how many were marked and
// skipped, or that there was nothing for me.
func (st step) passDone(n int) {
	run := st.run()
	key := map[string]kit.Msg{modeReport: mEvalDoneReport, modeGrade: mEvalDoneGrade, modeVote: mEvalDoneVote}[run.Mode]
	text := st.t(key, run.Rated, run.Skipped)
	switch {
	case n == 0:
		text = st.t(map[string]kit.Msg{modeReport: mEvalNoneReport, modeGrade: mEvalNoneGrade, modeVote: mEvalNoneVote}[run.Mode])
	case run.Rated+run.Skipped == 0:
		text = st.t(mEvalAllDone, n) // every item was rated in an earlier pass
	case run.Skipped > 0:
		text += st.t(mEvalSkippedHint)
	}
	st.leave(text)
	st.Send(text)
}

// reportInput takes the typed 述诺 of the current item.
func (st step) reportInput() error {
	t, ok := st.textField(maxNote)
	if !ok {
		return nil
	}
	return st.evalMark("s", t, "")
}
