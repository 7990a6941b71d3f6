package survey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"sibu/flows/kit"
)

// summaryText lists every question shown with its answer.
func (st step) summaryText(sv *Survey) string {
	run := state(st.Step).Survey
	var b strings.Builder
	for n, i := range visible(sv, run.Answers) {
		q := &sv.Questions[i]
		a := st.t(mSummaryEmpty)
		if vals, ok := run.Answers[q.Name]; ok {
			a = st.answerText(q, vals, run.Answers)
		}
		fmt.Fprintf(&b, "%d. %s\n   %s\n", n+1, q.Title, a)
	}
	return st.t(mSummary, b.String())
}

// summary sends the closing summary with 提交 and 修改.
func (st step) summary(sv *Survey) {
	seq := st.Next()
	st.Send(st.summaryText(sv), []kit.Button{
		{Text: st.t(mBtnSubmit), Data: kit.Data(seq, "s")},
		{Text: st.t(mBtnChange), Data: kit.Data(seq, "e")},
	})
}

// summaryCallback handles the summary's buttons: submit ("s"), pick a
// question to change ("e"), the question picked ("g"), back ("b").
func (st step) summaryCallback(sv *Survey, cb kit.Callback) (bool, error) {
	run := state(st.Step).Survey
	vis := visible(sv, run.Answers)
	switch cb.Verb {
	case "s":
		return true, st.submit(sv, vis)
	case "e":
		st.pickToChange(sv, vis)
		return true, nil
	case "g":
		i, ok := cb.Index(len(sv.Questions))
		if !ok || !slices.Contains(vis, i) {
			return false, nil
		}
		run.Cur, run.Review, run.Sel, run.Row, run.Page = sv.Questions[i].Name, true, nil, 0, 0
		st.Answer("", false)
		st.Edit(st.In.MessageID, st.summaryText(sv))
		st.showCurrent(sv)
		return true, nil
	case "b":
		st.Answer("", false)
		st.Edit(st.In.MessageID, st.summaryText(sv))
		st.summary(sv)
		return true, nil
	}
	return false, nil
}

// pickToChange turns the summary's buttons into the questions' numbers.
func (st step) pickToChange(sv *Survey, vis []int) {
	seq := st.Next()
	var rows [][]kit.Button
	var row []kit.Button
	for n, i := range vis {
		row = append(row, kit.Button{Text: strconv.Itoa(n + 1), Data: kit.Data(seq, "g", strconv.Itoa(i))})
		if len(row) == 5 {
			rows, row = append(rows, row), nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnBackSummary), Data: kit.Data(seq, "b")}})
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.summaryText(sv)+"\n"+st.t(mPickToChange), rows...)
}
