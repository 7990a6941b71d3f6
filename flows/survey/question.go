package survey

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
)

// showCurrent sends the current question, or the summary when Cur is "".
func (st step) showCurrent(sv *Survey) {
	run := state(st.Step).Survey
	if run.Cur == "" {
		st.summary(sv)
		return
	}
	q := sv.question(run.Cur)
	seq := st.Next()
	if run.Other {
		st.Send(st.t(mAskOther, q.OtherText))
		return
	}
	text := st.questionText(sv, q)
	if prev, ok := run.Answers[q.Name]; ok && q.Type != QMatrix {
		text += "\n\n" + st.t(mPrevAnswer, st.answerText(q, prev, run.Answers))
	}
	if q.Type == QCheckbox && run.Sel == nil {
		run.Sel = append([]string{}, run.Answers[q.Name]...)
	}
	if q.Type == QRanking {
		text += st.rankingProgress(q, run.Sel)
	}
	if q.Type == QMatrix {
		text += st.matrixRowText(q, run.Row)
	}
	st.Send(text, st.questionButtons(sv, q, run, seq)...)
}

// questionText is a question as asked: its number, title, hints and
// description.
func (st step) questionText(sv *Survey, q *Question) string {
	run := state(st.Step).Survey
	vis := visible(sv, run.Answers)
	n := 0
	for i, idx := range vis {
		if sv.Questions[idx].Name == q.Name {
			n = i + 1
		}
	}
	var b strings.Builder
	b.WriteString(st.t(mQuestionHeader, n, len(vis)))
	b.WriteString("\n")
	b.WriteString(q.Title)
	if hint, ok := choiceHints[q.Type]; ok {
		b.WriteString(st.t(hint))
	}
	if !required(sv, q, run.Answers) {
		b.WriteString(st.t(mHintOptional))
	}
	if q.Description != "" {
		b.WriteString("\n")
		b.WriteString(q.Description)
	}
	switch q.Type {
	case QText:
		hint, ok := inputHints[q.InputType]
		if !ok {
			hint = mHintText
		}
		b.WriteString("\n" + st.t(hint))
	case QComment:
		b.WriteString("\n" + st.t(mHintText))
	}
	return b.String()
}

// choiceHints follow the title of the questions answered by buttons.
var choiceHints = map[string]kit.Msg{
	QCheckbox: mHintMulti,
	QRadio:    mHintSingle, QDropdown: mHintSingle, QBoolean: mHintSingle,
	QRanking: mHintRanking,
	QMatrix:  mHintMatrix,
}

// inputHints say what to type for a text question's inputType.
var inputHints = map[string]kit.Msg{"number": mHintNumber, "date": mHintDate, "tel": mHintTel}

func (st step) rankingProgress(q *Question, sel []string) string {
	if len(sel) == 0 {
		return ""
	}
	return "\n\n" + st.t(mRankedSoFar, rankText(q, sel))
}

func rankText(q *Question, vals []string) string {
	parts := make([]string, 0, len(vals))
	for i, v := range vals {
		parts = append(parts, fmt.Sprintf("%d.%s", i+1, choiceText(q.Choices, v)))
	}
	return strings.Join(parts, " ")
}

func (st step) matrixRowText(q *Question, row int) string {
	if row >= len(q.Rows) {
		return ""
	}
	return "\n\n" + st.t(mMatrixRow, q.Rows[row].Text, row+1, len(q.Rows))
}

func choiceText(cs []Choice, v string) string {
	for _, c := range cs {
		if c.Value == v {
			return c.Text
		}
	}
	return v
}

// answerText shows an answer as the person gave it.
func (st step) answerText(q *Question, vals []string, answers map[string][]string) string {
	if len(vals) == 0 {
		return st.t(mSkipped)
	}
	switch q.Type {
	case QRanking:
		return rankText(q, vals)
	case QMatrix:
		parts := make([]string, 0, len(vals))
		for _, v := range vals {
			row, col, _ := strings.Cut(v, "=")
			parts = append(parts, choiceText(q.Rows, row)+"："+choiceText(q.Choices, col))
		}
		return strings.Join(parts, "；")
	}
	opts := q.options()
	if len(opts) == 0 {
		return strings.Join(vals, "、")
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		t := choiceText(opts, v)
		if v == OtherValue {
			if c := answers[q.Name+"-Comment"]; len(c) > 0 {
				t += "（" + c[0] + "）"
			}
		}
		out = append(out, t)
	}
	return strings.Join(out, "、")
}
