package survey

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"sibu/flows/kit"
)

// Summary modes: what the summary message says under the answers.
const (
	summaryCheck = iota // 请核对：确认无误请点「提交」
	summaryPick         // 请选择要修改的题目
	summaryFinal        // the answers as submitted, nothing to do
)

// summaryLong is the length from which an answer is shortened in the
// summary, and summaryShown how much of it is shown.
const summaryLong, summaryShown = 80, 40

// summaryText lists every question shown with its answer (long ones
// shortened: "…（共 1640 字）"), with the line of mode under them.
func (st step) summaryText(sv *Survey, mode int) string {
	run := state(st.Step).Survey
	var b strings.Builder
	for n, i := range visible(sv, run.Answers) {
		q := &sv.Questions[i]
		a := st.t(mSummaryEmpty)
		if vals, ok := run.Answers[q.Name]; ok {
			a = st.answerText(q, vals, run.Answers)
		}
		if r := []rune(a); len(r) > summaryLong {
			a = st.t(mSummaryCut, string(r[:summaryShown]), len(r))
		}
		fmt.Fprintf(&b, "%d. %s\n   %s\n", n+1, q.Title, a)
	}
	key := map[int]kit.Msg{summaryCheck: mSummary, summaryPick: mSummaryPick, summaryFinal: mSummaryFinal}[mode]
	return st.t(key, strings.TrimRight(b.String(), "\n"))
}

// summary sends the closing summary with 提交 and 修改.
func (st step) summary(sv *Survey) {
	seq := st.Next()
	st.Send(st.summaryText(sv, summaryCheck), []kit.Button{
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
		st.Chose(st.summaryText(sv, summaryFinal), st.t(mChangeChosen, st.shortTitle(sv, i)))
		st.showCurrent(sv)
		return true, nil
	case "b":
		st.Answer("", false)
		st.Edit(st.In.MessageID, st.summaryText(sv, summaryFinal))
		st.summary(sv)
		return true, nil
	}
	return false, nil
}

// pickToChange turns the summary's buttons into the questions, each with
// its number and short title, two to a row.
func (st step) pickToChange(sv *Survey, vis []int) {
	seq := st.Next()
	var rows [][]kit.Button
	var row []kit.Button
	for _, i := range vis {
		row = append(row, kit.Button{Text: st.shortTitle(sv, i), Data: kit.Data(seq, "g", strconv.Itoa(i))})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnBackSummary), Data: kit.Data(seq, "b")}})
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.summaryText(sv, summaryPick), rows...)
}

// shortTitle is question i of sv as an edit button names it: its number
// among the questions shown and the start of its title ("3. 请为班子打分").
func (st step) shortTitle(sv *Survey, i int) string {
	run := state(st.Step).Survey
	n := slices.Index(visible(sv, run.Answers), i) + 1
	return fmt.Sprintf("%d. %s", n, kit.Short(sv.Questions[i].Title, 10))
}
