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
	if c.Status != StatusOpen || !issued {
		st.answer(st.t(mSurveyNotForYou), true)
		return nil
	}
	done, err := st.dir.Submitted(id, st.me.ID)
	if err != nil {
		return fmt.Errorf("submitted %s: %w", id, err)
	}
	if done {
		st.answer(st.t(mSurveyAlreadyDone, sv.Title), true)
		return nil
	}
	s := st.sess()
	st.answer("", false)
	if s.Flow == FlowSurvey && s.Survey.ID == id {
		st.migrate(sv, s.Survey)
		st.showCurrent(sv)
		return nil
	}
	if s.Flow == FlowSurvey {
		st.parkSurvey()
	}
	if s.Flow == FlowJoin {
		s.Join = nil
	}
	run := s.Drafts[id]
	delete(s.Drafts, id)
	if len(s.Drafts) == 0 {
		s.Drafts = nil
	}
	s.Flow = FlowSurvey
	if run != nil {
		s.Survey = run
		st.migrate(sv, run)
		st.showCurrent(sv)
		return nil
	}
	run = &SurveyRun{ID: id, Version: sv.Version, Answers: map[string][]string{}}
	s.Survey = run
	vis := visible(sv, run.Answers)
	run.Cur = sv.Questions[vis[0]].Name
	desc := ""
	if sv.Description != "" {
		desc = sv.Description + "\n"
	}
	if sv.Campaign.Anonymous {
		desc += st.t(mSurveyAnon)
	}
	st.send(st.t(mSurveyIntro, sv.Title, desc, len(vis)))
	st.showCurrent(sv)
	return nil
}

// parkSurvey keeps the active questionnaire as a draft and leaves the flow.
func (st *step) parkSurvey() {
	s := st.sess()
	if s.Survey != nil {
		if s.Drafts == nil {
			s.Drafts = map[string]*SurveyRun{}
		}
		s.Survey.Sel, s.Survey.Review = nil, false
		s.Drafts[s.Survey.ID] = s.Survey
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
		q := sv.question(name)
		if q == nil || !validStored(q, vals) {
			delete(run.Answers, name)
		}
	}
	run.Hist = slices.DeleteFunc(run.Hist, func(n string) bool { return sv.question(n) == nil })
	if run.Cur != "" && sv.question(run.Cur) == nil {
		run.Cur = ""
		for _, i := range visible(sv, run.Answers) {
			if _, ok := run.Answers[sv.Questions[i].Name]; !ok {
				run.Cur = sv.Questions[i].Name
				break
			}
		}
	}
	run.Sel = nil
	run.Version = sv.Version
}

func validStored(q *Question, vals []string) bool {
	if len(q.Choices) == 0 {
		return true
	}
	for _, v := range vals {
		if !slices.ContainsFunc(q.Choices, func(c Choice) bool { return c.Value == v }) {
			return false
		}
	}
	return true
}

// visible lists the indices of the questions shown for these answers.
func visible(sv *Survey, _ map[string][]string) []int {
	out := make([]int, len(sv.Questions))
	for i := range out {
		out[i] = i
	}
	return out
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
	text := st.questionText(sv, q)
	if prev, ok := run.Answers[q.Name]; ok {
		text += "\n\n" + st.t(mPrevAnswer, st.answerText(q, prev))
	}
	if q.Type == QCheckbox && run.Sel == nil {
		run.Sel = append([]string{}, run.Answers[q.Name]...)
	}
	st.send(text, st.questionButtons(q, run, seq)...)
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
	}
	if !q.Required {
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

func (st *step) questionButtons(q *Question, run *SurveyRun, seq int) [][]Button {
	var rows [][]Button
	switch q.Type {
	case QRadio, QDropdown, QBoolean:
		var bs []Button
		for i, c := range q.Choices {
			bs = append(bs, Button{Text: c.Text, Data: data(seq, "a", strconv.Itoa(i))})
		}
		rows = layout(bs)
	case QCheckbox:
		var bs []Button
		for i, c := range q.Choices {
			t := c.Text
			if slices.Contains(run.Sel, c.Value) {
				t = "✅ " + t
			}
			bs = append(bs, Button{Text: t, Data: data(seq, "t", strconv.Itoa(i))})
		}
		rows = layout(bs)
		rows = append(rows, []Button{{Text: st.t(mBtnDone), Data: data(seq, "d")}})
	case QRating:
		var row []Button
		for v := q.RateMin; v <= q.RateMax; v++ {
			row = append(row, Button{Text: strconv.Itoa(v), Data: data(seq, "a", strconv.Itoa(v-q.RateMin))})
		}
		rows = append(rows, row)
	}
	if !q.Required && q.Type != QCheckbox {
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

func (st *step) answerText(q *Question, vals []string) string {
	if len(vals) == 0 {
		return st.t(mSkipped)
	}
	if len(q.Choices) == 0 {
		return strings.Join(vals, "、")
	}
	var out []string
	for _, v := range vals {
		for _, c := range q.Choices {
			if c.Value == v {
				out = append(out, c.Text)
			}
		}
	}
	return strings.Join(out, "、")
}

// record stores an answer to the current question, shows it in place of the
// buttons (when answered by button) and moves on.
func (st *step) record(sv *Survey, q *Question, vals []string) {
	run := st.sess().Survey
	if run.Answers == nil {
		run.Answers = map[string][]string{}
	}
	run.Answers[q.Name] = vals
	run.Sel = nil
	if st.in.Kind == InputCallback {
		st.answer("", false)
		st.edit(st.in.MessageID, st.questionText(sv, q)+"\n\n"+st.t(mYourAnswer, st.answerText(q, vals)))
	}
	if run.Review {
		run.Review = false
		run.Cur = ""
		st.showCurrent(sv)
		return
	}
	run.Hist = append(run.Hist, q.Name)
	run.Cur = ""
	vis := visible(sv, run.Answers)
	for i, idx := range vis {
		if sv.Questions[idx].Name == q.Name && i+1 < len(vis) {
			run.Cur = sv.Questions[vis[i+1]].Name
		}
	}
	st.showCurrent(sv)
}

func (st *step) surveyInput() error {
	sv, run := st.survey()
	if sv == nil { // the questionnaire was removed from configuration
		st.sess().Flow, st.sess().Survey = FlowNone, nil
		st.send(st.t(mSurveyNotForYou))
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
	st.record(sv, q, []string{v})
	return nil
}

var telRe = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,18}[0-9]$`)

func (st *step) validateText(q *Question, text string) (string, string) {
	text = strings.TrimSpace(text)
	limit := maxTextAnswer
	if q.Type == QComment {
		limit = maxCommentAnswer
	}
	if utf8.RuneCountInString(text) > limit {
		return "", st.t(mTooLong, limit)
	}
	if text == "" {
		return "", st.t(mRequired)
	}
	switch q.InputType {
	case "number":
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return "", st.t(mNotNumber)
		}
	case "date":
		t, err := time.Parse("2006-01-02", strings.ReplaceAll(text, "/", "-"))
		if err != nil {
			return "", st.t(mNotDate)
		}
		text = t.Format("2006-01-02")
	case "tel":
		if !telRe.MatchString(text) {
			return "", st.t(mNotTel)
		}
	}
	return text, ""
}

func (st *step) surveyCallback(cb callback) (bool, error) {
	sv, run := st.survey()
	if sv == nil {
		return false, nil
	}
	st.migrate(sv, run)
	if run.Cur == "" {
		return st.summaryCallback(sv, cb)
	}
	q := sv.question(run.Cur)
	switch cb.Verb {
	case "a":
		switch q.Type {
		case QRadio, QDropdown, QBoolean:
			i, ok := cb.index(len(q.Choices))
			if !ok {
				return false, nil
			}
			st.record(sv, q, []string{q.Choices[i].Value})
			return true, nil
		case QRating:
			i, ok := cb.index(q.RateMax - q.RateMin + 1)
			if !ok {
				return false, nil
			}
			st.record(sv, q, []string{strconv.Itoa(q.RateMin + i)})
			return true, nil
		}
	case "t":
		i, ok := cb.index(len(q.Choices))
		if q.Type != QCheckbox || !ok {
			return false, nil
		}
		v := q.Choices[i].Value
		if j := slices.Index(run.Sel, v); j >= 0 {
			run.Sel = slices.Delete(run.Sel, j, j+1)
		} else {
			run.Sel = append(run.Sel, v)
		}
		if run.Sel == nil {
			run.Sel = []string{}
		}
		seq := st.sess().next()
		st.answer("", false)
		st.edit(st.in.MessageID, st.questionText(sv, q), st.questionButtons(q, run, seq)...)
		return true, nil
	case "d":
		if q.Type != QCheckbox {
			return false, nil
		}
		if q.Required && len(run.Sel) == 0 {
			st.answer(st.t(mNeedOne), true)
			return true, nil
		}
		var vals []string
		for _, c := range q.Choices { // keep the definition's order
			if slices.Contains(run.Sel, c.Value) {
				vals = append(vals, c.Value)
			}
		}
		st.record(sv, q, vals)
		return true, nil
	case "k":
		if q.Required {
			st.answer(st.t(mRequired), true)
			return true, nil
		}
		st.record(sv, q, []string{})
		return true, nil
	case "b":
		if !run.Review {
			return false, nil
		}
		run.Review, run.Cur, run.Sel = false, "", nil
		st.answer("", false)
		st.edit(st.in.MessageID, st.questionText(sv, q))
		st.showCurrent(sv)
		return true, nil
	}
	return false, nil
}

func (st *step) surveyBack() error {
	sv, run := st.survey()
	if sv == nil {
		st.send(st.t(mNothingToBack))
		return nil
	}
	st.migrate(sv, run)
	if run.Review {
		run.Review, run.Cur, run.Sel = false, "", nil
		st.showCurrent(sv)
		return nil
	}
	if len(run.Hist) == 0 {
		st.send(st.t(mFirstQuestion))
		st.showCurrent(sv)
		return nil
	}
	run.Cur = run.Hist[len(run.Hist)-1]
	run.Hist = run.Hist[:len(run.Hist)-1]
	run.Sel = nil
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
			a = st.answerText(q, vals)
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
		for _, i := range vis {
			q := &sv.Questions[i]
			if _, ok := run.Answers[q.Name]; !ok && q.Required {
				run.Cur = q.Name
				st.answer(st.t(mRequired), true)
				st.showCurrent(sv)
				return true, nil
			}
		}
		answers := map[string]any{}
		for _, i := range vis {
			q := &sv.Questions[i]
			if vals, ok := run.Answers[q.Name]; ok {
				answers[q.Name] = answerValue(q, vals)
			}
		}
		// Storage needs the respondent for the "who submitted" set; for an
		// anonymous questionnaire it keeps them out of the stored answers and
		// the records event.
		ef := ResponseSubmitted{SurveyID: sv.ID, Version: sv.Version, Respondent: st.me.ID, Unit: st.me.Unit,
			Anonymous: sv.Campaign.Anonymous, Answers: answers, Satisfied: sv.IsSatisfied(run.Answers), At: st.now}
		st.effect(ef)
		final := st.summaryText(sv)
		s.Flow, s.Survey = FlowNone, nil
		s.next()
		st.answer("", false)
		st.edit(st.in.MessageID, final)
		st.send(st.t(mSubmitted, sv.Title))
		return true, nil
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
		run.Cur, run.Review, run.Sel = sv.Questions[i].Name, true, nil
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

// answerValue is the records form of an answer: a string, a number for
// ratings and numeric text, a list for multi-select, a bool for boolean.
func answerValue(q *Question, vals []string) any {
	if len(vals) == 0 {
		if q.Type == QCheckbox {
			return []string{}
		}
		return nil
	}
	switch q.Type {
	case QCheckbox:
		return vals
	case QRating:
		if n, err := strconv.Atoi(vals[0]); err == nil {
			return n
		}
	case QBoolean:
		if len(vals) == 1 {
			return vals[0] == "true"
		}
	case QText:
		if q.InputType == "number" && len(vals) == 1 {
			if f, err := strconv.ParseFloat(vals[0], 64); err == nil {
				return f
			}
		}
	}
	return vals[0]
}
