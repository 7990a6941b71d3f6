package survey

import (
	"slices"
	"strconv"

	"sibu/flows/kit"
)

// asked is the question a button of the current prompt answers.
type asked struct {
	sv  *Survey
	q   *Question
	run *Run
	req bool // the question must be answered
}

// answerVerbs handle the buttons of a question, by callback verb.
var answerVerbs = map[string]func(st step, a asked, cb kit.Callback) (bool, error){
	"a":  step.choose,
	"t":  step.toggle,
	"pg": step.page,
	"d":  step.done,
	"rk": step.rank,
	"rr": step.rerank,
	"mc": step.matrixCell,
	"k":  step.skip,
	"b":  step.backToSummary,
}

// callback handles a button of the current prompt: of the question being
// asked, or of the summary.
func (st step) callback(cb kit.Callback) (bool, error) {
	sv, run := st.current()
	if sv == nil {
		return false, nil
	}
	if st.closedNow(sv) {
		return true, nil
	}
	st.migrate(sv, run)
	if run.Cur == "" {
		return st.summaryCallback(sv, cb)
	}
	q := sv.question(run.Cur)
	if run.Other && cb.Verb != "b" {
		return false, nil
	}
	handle, ok := answerVerbs[cb.Verb]
	if !ok {
		return false, nil
	}
	return handle(st, asked{sv: sv, q: q, run: run, req: required(sv, q, run.Answers)}, cb)
}

// refresh shows the question again in place, with its buttons as they are
// now (a selection toggled, another page).
func (st step) refresh(a asked) {
	seq := st.Next()
	text := st.questionText(a.sv, a.q)
	if a.q.Type == QRanking {
		text += st.rankingProgress(a.q, a.run.Sel)
	}
	st.Answer("", false)
	st.Edit(st.In.MessageID, text, st.questionButtons(a.sv, a.q, a.run, seq)...)
}

// choose ("a") answers a single choice or a rating.
func (st step) choose(a asked, cb kit.Callback) (bool, error) {
	switch a.q.Type {
	case QRadio, QDropdown, QBoolean:
		return st.chooseOption(a, cb), nil
	case QRating:
		return st.rate(a, cb), nil
	}
	return false, nil
}

// chooseOption records the option picked; 其他 asks for its text first.
func (st step) chooseOption(a asked, cb kit.Callback) bool {
	opts := a.q.options()
	i, ok := cb.Index(len(opts))
	if !ok {
		return false
	}
	if opts[i].Value == OtherValue {
		st.askOther(a.sv, a.q)
		return true
	}
	st.record(a.sv, a.q, []string{opts[i].Value}, "")
	return true
}

// rate records the value picked when the validators allow it.
func (st step) rate(a asked, cb kit.Callback) bool {
	i, ok := cb.Index(a.q.RateMax - a.q.RateMin + 1)
	if !ok {
		return false
	}
	v := a.q.RateMin + i
	if msg := st.checkAll(a.q, float64(v), 0); msg != "" {
		st.Answer(msg, true)
		return true
	}
	st.record(a.sv, a.q, []string{strconv.Itoa(v)}, "")
	return true
}

// toggle ("t") selects or unselects an option of a multiple choice.
func (st step) toggle(a asked, cb kit.Callback) (bool, error) {
	opts := a.q.options()
	i, ok := cb.Index(len(opts))
	if a.q.Type != QCheckbox || !ok {
		return false, nil
	}
	run := a.run
	v := opts[i].Value
	switch j := slices.Index(run.Sel, v); {
	case j >= 0:
		run.Sel = slices.Delete(run.Sel, j, j+1)
	case v == NoneValue:
		run.Sel = []string{NoneValue} // 以上都不是 excludes the rest
	default:
		run.Sel = append(slices.DeleteFunc(run.Sel, func(s string) bool { return s == NoneValue }), v)
	}
	if run.Sel == nil {
		run.Sel = []string{}
	}
	st.refresh(a)
	return true, nil
}

// page ("pg") shows another page of a long choice list.
func (st step) page(a asked, cb kit.Callback) (bool, error) {
	p, err := strconv.Atoi(cb.Arg)
	if err != nil || p < 0 || p*pageSize >= len(a.q.options()) {
		return false, nil
	}
	a.run.Page = p
	st.refresh(a)
	return true, nil
}

// done ("d") records the selection of a multiple choice.
func (st step) done(a asked, _ kit.Callback) (bool, error) {
	q, run := a.q, a.run
	if q.Type != QCheckbox {
		return false, nil
	}
	if a.req && len(run.Sel) == 0 {
		st.Answer(st.t(mNeedOne), true)
		return true, nil
	}
	if msg := st.checkAll(q, 0, len(run.Sel)); msg != "" {
		st.Answer(msg, true)
		return true, nil
	}
	if slices.Contains(run.Sel, OtherValue) {
		st.askOther(a.sv, q)
		return true, nil
	}
	st.record(a.sv, q, ordered(q, run.Sel), "")
	return true, nil
}

// rank ("rk") puts a choice next in the ranking; the last one records it.
func (st step) rank(a asked, cb kit.Callback) (bool, error) {
	q, run := a.q, a.run
	i, ok := cb.Index(len(q.Choices))
	if q.Type != QRanking || !ok || slices.Contains(run.Sel, q.Choices[i].Value) {
		return false, nil
	}
	run.Sel = append(run.Sel, q.Choices[i].Value)
	if len(run.Sel) == len(q.Choices) {
		st.record(a.sv, q, run.Sel, "")
		return true, nil
	}
	st.refresh(a)
	return true, nil
}

// rerank ("rr") starts a ranking over.
func (st step) rerank(a asked, _ kit.Callback) (bool, error) {
	if a.q.Type != QRanking {
		return false, nil
	}
	a.run.Sel = []string{}
	st.refresh(a)
	return true, nil
}

// matrixCell ("mc") answers the matrix row being asked with a column.
func (st step) matrixCell(a asked, cb kit.Callback) (bool, error) {
	q, run := a.q, a.run
	i, ok := cb.Index(len(q.Choices))
	if q.Type != QMatrix || !ok || run.Row >= len(q.Rows) {
		return false, nil
	}
	run.Sel = append(run.Sel, q.Rows[run.Row].Value+"="+q.Choices[i].Value)
	return true, st.rowAnswered(a, q.Choices[i].Text)
}

// skip ("k") leaves an optional question (or matrix row) unanswered.
func (st step) skip(a asked, _ kit.Callback) (bool, error) {
	if a.req {
		st.Answer(st.t(mRequired), true)
		return true, nil
	}
	if a.q.Type == QMatrix && a.run.Row < len(a.q.Rows) {
		return true, st.rowAnswered(a, st.t(mSkipped))
	}
	st.record(a.sv, a.q, []string{}, "")
	return true, nil
}

// backToSummary ("b") returns from changing an answer to the summary.
func (st step) backToSummary(a asked, _ kit.Callback) (bool, error) {
	run := a.run
	if !run.Review {
		return false, nil
	}
	run.Review, run.Cur, run.Sel, run.Row, run.Other = false, "", nil, 0, false
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.questionText(a.sv, a.q))
	st.showCurrent(a.sv)
	return true, nil
}

// rowAnswered shows the answer to the matrix row in place and moves on.
func (st step) rowAnswered(a asked, answer string) error {
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.questionText(a.sv, a.q)+st.matrixRowText(a.q, a.run.Row)+"\n"+st.t(mYourAnswer, answer))
	return st.nextRow(a.sv, a.q, a.run)
}

// nextRow moves a matrix question to its next row, or records it.
func (st step) nextRow(sv *Survey, q *Question, run *Run) error {
	run.Row++
	if run.Row < len(q.Rows) {
		seq := st.Next()
		st.Send(st.questionText(sv, q)+st.matrixRowText(q, run.Row), st.questionButtons(sv, q, run, seq)...)
		return nil
	}
	vals := run.Sel
	if vals == nil {
		vals = []string{}
	}
	st.NoEdit = true // the row's message was already edited
	st.record(sv, q, vals, "")
	return nil
}

// askOther asks for the text of 其他.
func (st step) askOther(sv *Survey, q *Question) {
	state(st.Step).Survey.Other = true
	st.Answer("", false)
	st.Edit(st.In.MessageID, st.questionText(sv, q)+"\n\n"+st.t(mYourAnswer, q.OtherText))
	st.Next()
	st.Send(st.t(mAskOther, q.OtherText))
}

// ordered returns the selected values in the order the question offers them.
func ordered(q *Question, sel []string) []string {
	var vals []string
	for _, c := range q.options() {
		if slices.Contains(sel, c.Value) {
			vals = append(vals, c.Value)
		}
	}
	return vals
}

// record stores an answer to the current question, shows it in place of the
// buttons (when answered by button) and moves on.
func (st step) record(sv *Survey, q *Question, vals []string, other string) {
	run := state(st.Step).Survey
	if run.Answers == nil {
		run.Answers = map[string][]string{}
	}
	run.Answers[q.Name] = vals
	if other != "" {
		run.Answers[q.Name+"-Comment"] = []string{other}
	} else {
		delete(run.Answers, q.Name+"-Comment")
	}
	run.Sel, run.Page, run.Row, run.Other = nil, 0, 0, false
	if !run.Started {
		run.Started = true
		if run.Round == "" { // a round's run is not campaign progress
			st.Emit(Progress{SurveyID: sv.ID, User: st.Me.ID, Status: "started"})
		}
	}
	if st.In.Kind == kit.InputCallback && !st.NoEdit {
		st.Answer("", false)
		st.Edit(st.In.MessageID, st.questionText(sv, q)+"\n\n"+st.t(mYourAnswer, st.answerText(q, vals, run.Answers)))
	}
	if run.Review {
		run.Review = false
		run.Cur = ""
		st.showCurrent(sv)
		return
	}
	run.Hist = append(run.Hist, q.Name)
	run.Cur = nextAfter(sv, run, q)
	st.showCurrent(sv)
}
