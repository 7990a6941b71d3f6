package flows

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	maxTextAnswer    = 500
	maxCommentAnswer = 2000
	maxOtherAnswer   = 200
)

// startSurvey begins or resumes questionnaire id (an invitation's button or
// /surveys).
func (st *step) startSurvey(id string, _ int) error {
	sv := st.e.env.Surveys[id]
	if sv == nil || !st.ok {
		st.answer(st.t(mSurveyNotForYou), true)
		return nil
	}
	c, err := st.dir.Survey(id)
	if err != nil {
		return fmt.Errorf("survey counts %s: %w", id, err)
	}
	issued, err := st.dir.Issued(id, st.me.ID)
	if err != nil {
		return fmt.Errorf("issued %s: %w", id, err)
	}
	if !issued {
		st.answer(st.t(mSurveyNotForYou), true)
		return nil
	}
	if msg, open := st.answerable(sv, c); !open {
		st.answer(msg, true)
		return nil
	}
	if !sv.Campaign.AllowMultiple {
		done, err := st.dir.Submitted(id, st.me.ID)
		if err != nil {
			return fmt.Errorf("submitted %s: %w", id, err)
		}
		if done {
			st.answer(st.t(mSurveyAlreadyDone, sv.Title), true)
			return nil
		}
	}
	st.answer("", false)
	st.enterSurvey(sv, "", "")
	return nil
}

// enterSurvey shows the current question of sv: of the run in progress, of
// a parked draft, or of a new run (with the questionnaire's introduction).
// round and unit scope the run to an evaluation round's satisfaction
// questionnaire ("" for the campaign); such a run is answered while the
// round is open and reports no campaign progress (opened, started).
func (st *step) enterSurvey(sv *Survey, round, unit string) {
	s := st.sess()
	key := draftKey(sv.ID, round)
	if s.Flow == FlowSurvey && s.Survey.key() == key {
		st.migrate(sv, s.Survey)
		st.showCurrent(sv)
		return
	}
	if s.Flow == FlowSurvey {
		st.parkSurvey()
	}
	if s.Flow == FlowJoin {
		s.Join = nil
	}
	run := s.Drafts[key]
	delete(s.Drafts, key)
	if len(s.Drafts) == 0 {
		s.Drafts = nil
	}
	s.Flow = FlowSurvey
	if run != nil {
		s.Survey = run
		st.migrate(sv, run)
		st.showCurrent(sv)
		return
	}
	run = &SurveyRun{ID: sv.ID, Version: sv.Version, Answers: map[string][]string{}, Round: round, Unit: unit}
	s.Survey = run
	if round == "" {
		st.effect(SurveyProgress{SurveyID: sv.ID, User: st.me.ID, Status: "opened"})
	}
	vis := visible(sv, run.Answers)
	if len(vis) == 0 {
		run.Cur = ""
	} else {
		run.Cur = sv.Questions[vis[0]].Name
	}
	desc := ""
	if round != "" {
		desc = st.t(mpEvalSurveyFor, st.unitName(unit)) + "\n"
	}
	if sv.Description != "" {
		desc += sv.Description + "\n"
	}
	if sv.Campaign.Anonymous {
		desc += st.t(mSurveyAnon)
	}
	if !sv.Campaign.ClosesAt.IsZero() && round == "" {
		desc += st.t(mSurveyDeadline, sv.Campaign.ClosesAt.In(st.e.env.Location).Format("2006-01-02 15:04")) + "\n"
	}
	st.send(st.t(mSurveyIntro, sv.Title, desc, len(vis)))
	st.showCurrent(sv)
}

// answerable reports whether answers are taken now, and if not, why.
func (st *step) answerable(sv *Survey, c SurveyCounts) (string, bool) {
	cp := sv.Campaign
	switch {
	case c.Status == StatusClosed || !cp.ClosesAt.IsZero() && !st.now.Before(cp.ClosesAt):
		return st.t(mSurveyClosedLate, sv.Title), false
	case c.Status != StatusOpen:
		return st.t(mSurveyNotForYou), false
	case !cp.OpensAt.IsZero() && st.now.Before(cp.OpensAt):
		return st.t(mSurveyNotYet, sv.Title, cp.OpensAt.In(st.e.env.Location).Format("2006-01-02 15:04")), false
	}
	return "", true
}

// parkSurvey keeps the active questionnaire as a draft and leaves the flow.
func (st *step) parkSurvey() {
	s := st.sess()
	if s.Survey != nil {
		if s.Drafts == nil {
			s.Drafts = map[string]*SurveyRun{}
		}
		r := s.Survey
		r.Sel, r.Review, r.Page, r.Row, r.Other = nil, false, 0, 0, false
		s.Drafts[r.key()] = r
	}
	s.Flow, s.Survey = FlowNone, nil
	s.next()
}

// migrate brings a run started on an older definition onto sv by question
// name: answers to removed questions or to removed choices are dropped.
func (st *step) migrate(sv *Survey, run *SurveyRun) {
	if run.Version == sv.Version {
		return
	}
	for name, vals := range run.Answers {
		base, isComment := strings.CutSuffix(name, "-Comment")
		q := sv.question(base)
		if q == nil || !isComment && !validStored(q, vals) {
			delete(run.Answers, name)
		}
	}
	run.Hist = slices.DeleteFunc(run.Hist, func(n string) bool { return sv.question(n) == nil })
	if run.Cur != "" && sv.question(run.Cur) == nil {
		run.Cur = st.firstUnanswered(sv, run)
	}
	run.Sel, run.Page, run.Row, run.Other = nil, 0, 0, false
	run.Version = sv.Version
}

func (st *step) firstUnanswered(sv *Survey, run *SurveyRun) string {
	for _, i := range visible(sv, run.Answers) {
		if _, ok := run.Answers[sv.Questions[i].Name]; !ok {
			return sv.Questions[i].Name
		}
	}
	return ""
}

func validStored(q *Question, vals []string) bool {
	if q.Type == QMatrix {
		for _, v := range vals {
			row, col, ok := strings.Cut(v, "=")
			if !ok || !hasChoice(q.Rows, row) || !hasChoice(q.Choices, col) {
				return false
			}
		}
		return true
	}
	opts := q.options()
	if len(opts) == 0 {
		return true
	}
	for _, v := range vals {
		if !hasChoice(opts, v) {
			return false
		}
	}
	return true
}

// lookup gives expressions the typed value of each answer.
func lookup(sv *Survey, answers map[string][]string) func(string) Value {
	return func(name string) Value {
		q := sv.question(name)
		vals, ok := answers[name]
		if q == nil || !ok {
			return nil
		}
		switch v := answerValue(q, vals).(type) {
		case []string:
			out := make([]any, len(v))
			for i, x := range v {
				out[i] = x
			}
			return out
		case int:
			return float64(v)
		case map[string]string:
			out := map[string]any{}
			for k, x := range v {
				out[k] = x
			}
			return out
		default:
			return v
		}
	}
}

// visible lists the indices of the questions shown for these answers.
func visible(sv *Survey, answers map[string][]string) []int {
	get := lookup(sv, answers)
	out := make([]int, 0, len(sv.Questions))
	for i, q := range sv.Questions {
		if q.VisibleIf == nil || q.VisibleIf.Eval(get) {
			out = append(out, i)
		}
	}
	return out
}

func required(sv *Survey, q *Question, answers map[string][]string) bool {
	return q.Required || q.RequiredIf != nil && q.RequiredIf.Eval(lookup(sv, answers))
}

func (st *step) survey() (*Survey, *SurveyRun) {
	run := st.sess().Survey
	sv := st.e.env.Surveys[run.ID]
	return sv, run
}

// showCurrent sends the current question, or the summary when Cur is "".
func (st *step) showCurrent(sv *Survey) {
	run := st.sess().Survey
	if run.Cur == "" {
		st.summary(sv)
		return
	}
	q := sv.question(run.Cur)
	seq := st.sess().next()
	if run.Other {
		st.send(st.t(mAskOther, q.OtherText))
		return
	}
	text := st.questionText(sv, q)
	if prev, ok := run.Answers[q.Name]; ok && q.Type != QMatrix {
		text += "\n\n" + st.t(mPrevAnswer, st.answerText(q, prev, run.Answers))
	}
	if (q.Type == QCheckbox || q.Type == QRanking) && run.Sel == nil && q.Type == QCheckbox {
		run.Sel = append([]string{}, run.Answers[q.Name]...)
	}
	if q.Type == QRanking {
		text += st.rankingProgress(q, run.Sel)
	}
	if q.Type == QMatrix {
		text += st.matrixRowText(q, run.Row)
	}
	st.send(text, st.questionButtons(sv, q, run, seq)...)
}

func (st *step) questionText(sv *Survey, q *Question) string {
	run := st.sess().Survey
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
	switch q.Type {
	case QCheckbox:
		b.WriteString(st.t(mHintMulti))
	case QRadio, QDropdown, QBoolean:
		b.WriteString(st.t(mHintSingle))
	case QRanking:
		b.WriteString(st.t(mHintRanking))
	case QMatrix:
		b.WriteString(st.t(mHintMatrix))
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
		switch q.InputType {
		case "number":
			b.WriteString("\n" + st.t(mHintNumber))
		case "date":
			b.WriteString("\n" + st.t(mHintDate))
		case "tel":
			b.WriteString("\n" + st.t(mHintTel))
		default:
			b.WriteString("\n" + st.t(mHintText))
		}
	case QComment:
		b.WriteString("\n" + st.t(mHintText))
	}
	return b.String()
}

func (st *step) rankingProgress(q *Question, sel []string) string {
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

func (st *step) matrixRowText(q *Question, row int) string {
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

func (st *step) questionButtons(sv *Survey, q *Question, run *SurveyRun, seq int) [][]Button {
	var rows [][]Button
	req := required(sv, q, run.Answers)
	switch q.Type {
	case QRadio, QDropdown, QBoolean, QCheckbox:
		opts := q.options()
		verb := "a"
		if q.Type == QCheckbox {
			verb = "t"
		}
		lo, hi := 0, len(opts)
		pages := 1
		if len(opts) > pageSize+1 {
			pages = (len(opts) + pageSize - 1) / pageSize
			run.Page = min(max(run.Page, 0), pages-1)
			lo, hi = run.Page*pageSize, min((run.Page+1)*pageSize, len(opts))
		}
		var bs []Button
		for i := lo; i < hi; i++ {
			t := opts[i].Text
			if q.Type == QCheckbox && slices.Contains(run.Sel, opts[i].Value) {
				t = "✅ " + t
			}
			bs = append(bs, Button{Text: t, Data: data(seq, verb, strconv.Itoa(i))})
		}
		rows = layout(bs)
		if pages > 1 {
			var nav []Button
			if run.Page > 0 {
				nav = append(nav, Button{Text: st.t(mBtnPrevPage), Data: data(seq, "pg", strconv.Itoa(run.Page-1))})
			}
			nav = append(nav, Button{Text: fmt.Sprintf("%d/%d", run.Page+1, pages), Data: data(seq, "pg", strconv.Itoa(run.Page))})
			if run.Page < pages-1 {
				nav = append(nav, Button{Text: st.t(mBtnNextPage), Data: data(seq, "pg", strconv.Itoa(run.Page+1))})
			}
			rows = append(rows, nav)
		}
		if q.Type == QCheckbox {
			rows = append(rows, []Button{{Text: st.t(mBtnDone), Data: data(seq, "d")}})
		}
	case QRating:
		var row []Button
		for v := q.RateMin; v <= q.RateMax; v++ {
			row = append(row, Button{Text: strconv.Itoa(v), Data: data(seq, "a", strconv.Itoa(v-q.RateMin))})
		}
		rows = append(rows, row)
	case QRanking:
		var bs []Button
		for i, c := range q.Choices {
			if !slices.Contains(run.Sel, c.Value) {
				bs = append(bs, Button{Text: c.Text, Data: data(seq, "rk", strconv.Itoa(i))})
			}
		}
		rows = layout(bs)
		if len(run.Sel) > 0 {
			rows = append(rows, []Button{{Text: st.t(mBtnRerank), Data: data(seq, "rr")}})
		}
	case QMatrix:
		var bs []Button
		for i, c := range q.Choices {
			bs = append(bs, Button{Text: c.Text, Data: data(seq, "mc", strconv.Itoa(i))})
		}
		rows = layout(bs)
	}
	if !req && q.Type != QCheckbox {
		rows = append(rows, []Button{{Text: st.t(mBtnSkip), Data: data(seq, "k")}})
	}
	if run.Review {
		rows = append(rows, []Button{{Text: st.t(mBtnBackSummary), Data: data(seq, "b")}})
	}
	return rows
}

// layout puts short choices side by side and long ones one per row.
func layout(bs []Button) [][]Button {
	longest := 0
	for _, b := range bs {
		longest = max(longest, utf8.RuneCountInString(b.Text))
	}
	per := 1
	switch {
	case longest <= 5:
		per = 3
	case longest <= 10:
		per = 2
	}
	var rows [][]Button
	for i := 0; i < len(bs); i += per {
		rows = append(rows, bs[i:min(i+per, len(bs))])
	}
	return rows
}

func (st *step) answerText(q *Question, vals []string, answers map[string][]string) string {
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

// record stores an answer to the current question, shows it in place of the
// buttons (when answered by button) and moves on.
func (st *step) record(sv *Survey, q *Question, vals []string, other string) {
	run := st.sess().Survey
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
			st.effect(SurveyProgress{SurveyID: sv.ID, User: st.me.ID, Status: "started"})
		}
	}
	if st.in.Kind == InputCallback && !st.noEdit {
		st.answer("", false)
		st.edit(st.in.MessageID, st.questionText(sv, q)+"\n\n"+st.t(mYourAnswer, st.answerText(q, vals, run.Answers)))
	}
	if run.Review {
		run.Review = false
		run.Cur = ""
		st.showCurrent(sv)
		return
	}
	run.Hist = append(run.Hist, q.Name)
	run.Cur = st.nextAfter(sv, run, q)
	st.showCurrent(sv)
}

// nextAfter applies the triggers that read the question just answered, then
// picks the next visible question ("" = the summary).
func (st *step) nextAfter(sv *Survey, run *SurveyRun, q *Question) string {
	get := lookup(sv, run.Answers)
	vis := visible(sv, run.Answers)
	for _, t := range sv.Triggers {
		if !slices.Contains(t.Expr.Vars(), q.Name) || !t.Expr.Eval(get) {
			continue
		}
		switch t.Type {
		case "complete":
			return ""
		case "skip":
			for _, i := range vis {
				if sv.Questions[i].Name == t.GotoName {
					return t.GotoName
				}
			}
		}
	}
	pos := -1
	for i, idx := range sv.Questions {
		if idx.Name == q.Name {
			pos = i
		}
	}
	for _, idx := range vis {
		if idx > pos {
			return sv.Questions[idx].Name
		}
	}
	return ""
}

// closedNow refuses answers once the questionnaire closed (for a round's
// run: once the round closed), politely, and keeps nothing of the run.
func (st *step) closedNow(sv *Survey) bool {
	if run := st.sess().Survey; run != nil && run.Round != "" {
		return st.roundClosedNow(run)
	}
	status, err := st.dir.SurveyStatus(sv.ID)
	if err != nil {
		return false // a read error is not a reason to refuse; the submit's commit checks the status
	}
	return st.closeRun(sv, SurveyCounts{Status: status})
}

// closeRun ends the run with the reason when the questionnaire cannot be
// answered now (per c).
func (st *step) closeRun(sv *Survey, c SurveyCounts) bool {
	if msg, open := st.answerable(sv, c); !open {
		s := st.sess()
		s.Flow, s.Survey = FlowNone, nil
		s.next()
		st.answer(msg, true)
		st.send(msg)
		return true
	}
	return false
}

func (st *step) surveyInput() error {
	sv, run := st.survey()
	if sv == nil { // the questionnaire was removed from configuration
		st.sess().Flow, st.sess().Survey = FlowNone, nil
		st.send(st.t(mSurveyNotForYou))
		return nil
	}
	if st.closedNow(sv) {
		return nil
	}
	st.migrate(sv, run)
	if run.Cur == "" {
		st.send(st.t(mUseButtons))
		st.showCurrent(sv)
		return nil
	}
	q := sv.question(run.Cur)
	if st.in.Kind != InputText {
		st.send(st.t(mUnsupported))
		st.showCurrent(sv)
		return nil
	}
	if run.Other {
		text := strings.TrimSpace(st.in.Text)
		if utf8.RuneCountInString(text) > maxOtherAnswer {
			st.send(st.t(mTooLong, maxOtherAnswer))
			return nil
		}
		vals := []string{OtherValue}
		if q.Type == QCheckbox {
			vals = st.ordered(q, run.Sel)
		}
		st.record(sv, q, vals, text)
		return nil
	}
	if q.Type != QText && q.Type != QComment {
		st.send(st.t(mUseButtons))
		st.showCurrent(sv)
		return nil
	}
	v, problem := st.validateText(q, st.in.Text)
	if problem != "" {
		st.send(problem)
		return nil
	}
	st.record(sv, q, []string{v}, "")
	return nil
}

var telRe = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,18}[0-9]$`)

func (st *step) validateText(q *Question, text string) (string, string) {
	text = strings.TrimSpace(text)
	limit := maxTextAnswer
	if q.Type == QComment {
		limit = maxCommentAnswer
	}
	n := utf8.RuneCountInString(text)
	if n > limit {
		return "", st.t(mTooLong, limit)
	}
	if text == "" {
		return "", st.t(mRequired)
	}
	var f float64
	switch q.InputType {
	case "number":
		var err error
		if f, err = strconv.ParseFloat(text, 64); err != nil {
			return "", st.t(mNotNumber)
		}
	case "date":
		t, ok := parseDate(text)
		if !ok {
			return "", st.t(mNotDate)
		}
		text = t.Format("2006-01-02")
	case "tel":
		if !telRe.MatchString(text) {
			return "", st.t(mNotTel)
		}
	}
	for _, v := range q.Validators {
		if msg := st.check(v, text, f, n); msg != "" {
			return "", msg
		}
	}
	return text, ""
}

// check applies one validator; it returns the reason it fails, or "".
func (st *step) check(v Validator, text string, f float64, n int) string {
	fail := func(key msg, args ...any) string {
		if v.Text != "" {
			return v.Text
		}
		return st.t(key, args...)
	}
	switch v.Type {
	case "numeric":
		if v.MinValue != nil && f < *v.MinValue {
			return fail(mTooSmall, fmtNum(*v.MinValue))
		}
		if v.MaxValue != nil && f > *v.MaxValue {
			return fail(mTooLarge, fmtNum(*v.MaxValue))
		}
	case "text":
		if v.MinLength > 0 && n < v.MinLength {
			return fail(mTooShort, v.MinLength)
		}
		if v.MaxLength > 0 && n > v.MaxLength {
			return fail(mTooLong, v.MaxLength)
		}
	case "regex":
		if v.Regex != nil && !v.Regex.MatchString(text) {
			return fail(mBadFormat)
		}
	case "answercount":
		if v.MinCount > 0 && n < v.MinCount {
			return fail(mTooFewPicks, v.MinCount)
		}
		if v.MaxCount > 0 && n > v.MaxCount {
			return fail(mTooManyPicks, v.MaxCount)
		}
	}
	return ""
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// ordered returns the selected values in the order the question offers them.
func (st *step) ordered(q *Question, sel []string) []string {
	var vals []string
	for _, c := range q.options() {
		if slices.Contains(sel, c.Value) {
			vals = append(vals, c.Value)
		}
	}
	return vals
}

func (st *step) surveyCallback(cb callback) (bool, error) {
	sv, run := st.survey()
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
	req := required(sv, q, run.Answers)
	refresh := func() {
		seq := st.sess().next()
		text := st.questionText(sv, q)
		if q.Type == QRanking {
			text += st.rankingProgress(q, run.Sel)
		}
		st.answer("", false)
		st.edit(st.in.MessageID, text, st.questionButtons(sv, q, run, seq)...)
	}
	switch cb.Verb {
	case "a":
		switch q.Type {
		case QRadio, QDropdown, QBoolean:
			opts := q.options()
			i, ok := cb.index(len(opts))
			if !ok {
				return false, nil
			}
			if opts[i].Value == OtherValue {
				st.askOther(sv, q)
				return true, nil
			}
			st.record(sv, q, []string{opts[i].Value}, "")
			return true, nil
		case QRating:
			i, ok := cb.index(q.RateMax - q.RateMin + 1)
			if !ok {
				return false, nil
			}
			v := q.RateMin + i
			for _, val := range q.Validators {
				if msg := st.check(val, "", float64(v), 0); msg != "" {
					st.answer(msg, true)
					return true, nil
				}
			}
			st.record(sv, q, []string{strconv.Itoa(v)}, "")
			return true, nil
		}
	case "t":
		opts := q.options()
		i, ok := cb.index(len(opts))
		if q.Type != QCheckbox || !ok {
			return false, nil
		}
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
		refresh()
		return true, nil
	case "pg":
		p, err := strconv.Atoi(cb.Arg)
		if err != nil || p < 0 || p*pageSize >= len(q.options()) {
			return false, nil
		}
		run.Page = p
		refresh()
		return true, nil
	case "d":
		if q.Type != QCheckbox {
			return false, nil
		}
		if req && len(run.Sel) == 0 {
			st.answer(st.t(mNeedOne), true)
			return true, nil
		}
		for _, val := range q.Validators {
			if msg := st.check(val, "", 0, len(run.Sel)); msg != "" {
				st.answer(msg, true)
				return true, nil
			}
		}
		if slices.Contains(run.Sel, OtherValue) {
			st.askOther(sv, q)
			return true, nil
		}
		st.record(sv, q, st.ordered(q, run.Sel), "")
		return true, nil
	case "rk":
		i, ok := cb.index(len(q.Choices))
		if q.Type != QRanking || !ok || slices.Contains(run.Sel, q.Choices[i].Value) {
			return false, nil
		}
		run.Sel = append(run.Sel, q.Choices[i].Value)
		if len(run.Sel) == len(q.Choices) {
			st.record(sv, q, run.Sel, "")
			return true, nil
		}
		refresh()
		return true, nil
	case "rr":
		if q.Type != QRanking {
			return false, nil
		}
		run.Sel = []string{}
		refresh()
		return true, nil
	case "mc":
		i, ok := cb.index(len(q.Choices))
		if q.Type != QMatrix || !ok || run.Row >= len(q.Rows) {
			return false, nil
		}
		run.Sel = append(run.Sel, q.Rows[run.Row].Value+"="+q.Choices[i].Value)
		st.answer("", false)
		st.edit(st.in.MessageID, st.questionText(sv, q)+st.matrixRowText(q, run.Row)+"\n"+st.t(mYourAnswer, q.Choices[i].Text))
		return true, st.nextRow(sv, q, run)
	case "k":
		if req {
			st.answer(st.t(mRequired), true)
			return true, nil
		}
		if q.Type == QMatrix && run.Row < len(q.Rows) {
			st.answer("", false)
			st.edit(st.in.MessageID, st.questionText(sv, q)+st.matrixRowText(q, run.Row)+"\n"+st.t(mYourAnswer, st.t(mSkipped)))
			return true, st.nextRow(sv, q, run)
		}
		st.record(sv, q, []string{}, "")
		return true, nil
	case "b":
		if !run.Review {
			return false, nil
		}
		run.Review, run.Cur, run.Sel, run.Row, run.Other = false, "", nil, 0, false
		st.answer("", false)
		st.edit(st.in.MessageID, st.questionText(sv, q))
		st.showCurrent(sv)
		return true, nil
	}
	return false, nil
}

// nextRow moves a matrix question to its next row, or records it.
func (st *step) nextRow(sv *Survey, q *Question, run *SurveyRun) error {
	run.Row++
	if run.Row < len(q.Rows) {
		seq := st.sess().next()
		st.send(st.questionText(sv, q)+st.matrixRowText(q, run.Row), st.questionButtons(sv, q, run, seq)...)
		return nil
	}
	vals := run.Sel
	if vals == nil {
		vals = []string{}
	}
	st.noEdit = true // the row's message was already edited
	st.record(sv, q, vals, "")
	return nil
}

// askOther asks for the text of 其他.
func (st *step) askOther(sv *Survey, q *Question) {
	run := st.sess().Survey
	run.Other = true
	st.answer("", false)
	st.edit(st.in.MessageID, st.questionText(sv, q)+"\n\n"+st.t(mYourAnswer, q.OtherText))
	st.sess().next()
	st.send(st.t(mAskOther, q.OtherText))
}

func (st *step) surveyBack() error {
	sv, run := st.survey()
	if sv == nil {
		st.send(st.t(mNothingToBack))
		return nil
	}
	st.migrate(sv, run)
	switch {
	case run.Other:
		run.Other = false
		run.Sel = nil
		st.showCurrent(sv)
		return nil
	case run.Cur != "" && sv.question(run.Cur).Type == QMatrix && run.Row > 0:
		run.Row--
		prefix := sv.question(run.Cur).Rows[run.Row].Value + "="
		run.Sel = slices.DeleteFunc(run.Sel, func(s string) bool { return strings.HasPrefix(s, prefix) })
		st.showCurrent(sv)
		return nil
	case run.Review:
		run.Review, run.Cur, run.Sel, run.Row = false, "", nil, 0
		st.showCurrent(sv)
		return nil
	}
	// The previous question still visible (answers may have hidden some).
	vis := visible(sv, run.Answers)
	for len(run.Hist) > 0 {
		prev := run.Hist[len(run.Hist)-1]
		run.Hist = run.Hist[:len(run.Hist)-1]
		if slices.ContainsFunc(vis, func(i int) bool { return sv.Questions[i].Name == prev }) {
			run.Cur, run.Sel, run.Page, run.Row = prev, nil, 0, 0
			st.showCurrent(sv)
			return nil
		}
	}
	st.send(st.t(mFirstQuestion))
	st.showCurrent(sv)
	return nil
}

func (st *step) summaryText(sv *Survey) string {
	run := st.sess().Survey
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

func (st *step) summary(sv *Survey) {
	seq := st.sess().next()
	st.send(st.summaryText(sv), []Button{
		{Text: st.t(mBtnSubmit), Data: data(seq, "s")},
		{Text: st.t(mBtnChange), Data: data(seq, "e")},
	})
}

func (st *step) summaryCallback(sv *Survey, cb callback) (bool, error) {
	s := st.sess()
	run := s.Survey
	vis := visible(sv, run.Answers)
	switch cb.Verb {
	case "s":
		return true, st.submit(sv, vis)
	case "e":
		seq := s.next()
		var rows [][]Button
		var row []Button
		for n, i := range vis {
			row = append(row, Button{Text: strconv.Itoa(n + 1), Data: data(seq, "g", strconv.Itoa(i))})
			if len(row) == 5 {
				rows, row = append(rows, row), nil
			}
		}
		if row != nil {
			rows = append(rows, row)
		}
		rows = append(rows, []Button{{Text: st.t(mBtnBackSummary), Data: data(seq, "b")}})
		st.answer("", false)
		st.edit(st.in.MessageID, st.summaryText(sv)+"\n"+st.t(mPickToChange), rows...)
		return true, nil
	case "g":
		i, ok := cb.index(len(sv.Questions))
		if !ok || !slices.Contains(vis, i) {
			return false, nil
		}
		run.Cur, run.Review, run.Sel, run.Row, run.Page = sv.Questions[i].Name, true, nil, 0, 0
		st.answer("", false)
		st.edit(st.in.MessageID, st.summaryText(sv))
		st.showCurrent(sv)
		return true, nil
	case "b":
		st.answer("", false)
		st.edit(st.in.MessageID, st.summaryText(sv))
		st.summary(sv)
		return true, nil
	}
	return false, nil
}

// submit checks the answers and records the response.
func (st *step) submit(sv *Survey, vis []int) error {
	s := st.sess()
	run := s.Survey
	for _, i := range vis {
		q := &sv.Questions[i]
		if _, ok := run.Answers[q.Name]; !ok && required(sv, q, run.Answers) {
			run.Cur = q.Name
			st.answer(st.t(mRequired), true)
			st.showCurrent(sv)
			return nil
		}
	}
	c, err := st.dir.Survey(sv.ID)
	if err != nil {
		return fmt.Errorf("survey counts %s: %w", sv.ID, err)
	}
	// Closed since the last answer (the commit guards it too); a round's
	// run is answered while the round is open, whatever the campaign's
	// status (checked at the start of this step and by the commit).
	if run.Round == "" && st.closeRun(sv, c) {
		return nil
	}
	// Answers to questions that are no longer visible are dropped, as
	// SurveyJS does on completion.
	answers := map[string]any{}
	kept := map[string][]string{}
	var tallies []string
	for _, i := range vis {
		q := &sv.Questions[i]
		vals, ok := run.Answers[q.Name]
		if !ok {
			continue
		}
		kept[q.Name] = vals
		answers[q.Name] = answerValue(q, vals)
		if c := run.Answers[q.Name+"-Comment"]; len(c) > 0 && slices.Contains(vals, OtherValue) {
			answers[q.Name+"-Comment"] = c[0]
		}
		if len(vals) == 0 {
			continue
		}
		tallies = append(tallies, "#"+q.Name)
		switch q.Type {
		case QText, QComment:
		case QRanking:
			tallies = append(tallies, q.Name+"\x1f"+vals[0]) // first choice
		default:
			for _, v := range vals {
				tallies = append(tallies, q.Name+"\x1f"+v)
			}
		}
	}
	if run.Round != "" {
		if done, err := st.roundResponded(run); err != nil || done {
			return err
		}
	}
	unit := st.me.Unit
	if sv.Campaign.Anonymous && c.UnitIssued[unit] < int64(sv.Campaign.MinGroup) {
		unit = "" // a small unit would single people out
	}
	ef := ResponseSubmitted{SurveyID: sv.ID, Version: sv.Version, Respondent: st.me.ID, Unit: unit,
		Anonymous: sv.Campaign.Anonymous, Answers: answers, Tallies: tallies, Multiple: sv.Campaign.AllowMultiple, At: st.now,
		Round: run.Round}
	if r := sv.Campaign.Satisfied; r != nil {
		_, ef.SatisfiedAnswered = kept[r.Question]
		ef.Satisfied = sv.IsSatisfied(kept)
	}
	st.effect(ef)
	final := st.summaryText(sv)
	s.Flow, s.Survey = FlowNone, nil
	s.next()
	st.answer("", false)
	st.edit(st.in.MessageID, final)
	st.send(st.t(mSubmitted, sv.Title))
	return nil
}

// answerValue is the records form of an answer: a string, a number for
// ratings and numeric text, a list for multi-select and ranking, a bool for
// boolean, an object {row: column} for matrices.
func answerValue(q *Question, vals []string) any {
	switch q.Type {
	case QCheckbox, QRanking:
		if vals == nil {
			return []string{}
		}
		return vals
	case QMatrix:
		m := map[string]string{}
		for _, v := range vals {
			row, col, _ := strings.Cut(v, "=")
			m[row] = col
		}
		return m
	}
	if len(vals) == 0 {
		return nil
	}
	switch q.Type {
	case QRating:
		if n, err := strconv.Atoi(vals[0]); err == nil {
			return n
		}
	case QBoolean:
		return vals[0] == "true"
	case QText:
		if q.InputType == "number" {
			if f, err := strconv.ParseFloat(vals[0], 64); err == nil {
				return f
			}
		}
	}
	return vals[0]
}

// parseDate reads 2026-12-31, 2026/12/1, 2026.12.1 and 2026年12月1日.
func parseDate(s string) (time.Time, bool) {
	s = strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "", " ", "").Replace(strings.TrimSpace(s))
	t, err := time.Parse("2006-1-2", s)
	return t, err == nil
}
