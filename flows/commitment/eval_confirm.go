package commitment

import (
	"fmt"

	"sibu/flows/kit"
)

// Two decisions of an evaluation round are asked twice: closing it (its
// outcomes 销号 and 限期整改 cannot be undone) and grading an item 差
// (which orders 限期整改).

// askClose asks to confirm closing round, saying how far it got.
func (st step) askClose(round Round) error {
	_, marks, items, err := st.roundMarks(round)
	if err != nil {
		return err
	}
	graded := 0
	for _, c := range items {
		if marks.Grades[c.ID] != "" {
			graded++
		}
	}
	st.enter(&Run{Mode: modeClose, Unit: round.Unit, Item: round.ID})
	seq := st.Next()
	st.Send(st.t(mEvalCloseAsk, st.UnitName(round.Unit), len(items), graded, len(items)-graded),
		[]kit.Button{{Text: st.t(mBtnCloseYes), Data: kit.Data(seq, "cy")}, {Text: st.t(mBtnCancel), Data: kit.Data(seq, "x")}})
	return nil
}

// closeCallback closes the round once confirmed, if it is still the one
// asked about.
func (st step) closeCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	if cb.Verb != "cy" {
		return false, nil
	}
	round, open, err := st.evalRound(run.Unit)
	if err != nil {
		return true, err
	}
	st.leave(st.t(mEvalClosedShort))
	if !open || round.ID != run.Item {
		st.Chose(st.t(mEvalNotOpen, st.UnitName(run.Unit)), st.t(kit.MsgCancelled))
		return true, nil
	}
	st.Chose(st.t(mEvalCloseAskShort, st.UnitName(run.Unit)), st.t(mDateConfirmed))
	return true, st.closeRound(round)
}

// askBad asks a grader to confirm 差 for the current item c: it orders
// 限期整改.
func (st step) askBad(c Item) {
	run := st.run()
	run.Field = "bad"
	seq := st.Next()
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.itemCard(c)+"\n\n"+st.t(mEvalBadAsk, int(st.settings().Rectify.Hours()/24)),
		[]kit.Button{{Text: st.t(mBtnBadYes), Data: kit.Data(seq, "gy")}, {Text: st.t(mBtnRegrade), Data: kit.Data(seq, "gn")}})
}

// regrade shows the grades of the current item c again in place (差 not
// confirmed).
func (st step) regrade(c Item) {
	run := st.run()
	run.Field = ""
	seq := st.Next()
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.itemCard(c)+"\n\n"+st.t(mAskGrade), st.gradeRows(seq)...)
}

// gradeRows are the grade buttons of a prompt and its 跳过 / 取消.
func (st step) gradeRows(seq int) [][]kit.Button {
	var row []kit.Button
	for gi, g := range Grades {
		row = append(row, kit.Button{Text: g, Data: kit.Data(seq, "g", fmt.Sprint(gi))})
	}
	return [][]kit.Button{row, st.skipRow(seq)}
}

// skipRow is the 跳过 / 取消 row of an evaluation prompt.
func (st step) skipRow(seq int) []kit.Button {
	return []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "sk")}, {Text: st.t(mBtnCancel), Data: kit.Data(seq, "x")}}
}
