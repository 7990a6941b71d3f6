package survey

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// maxOtherAnswer is the longest text of 其他, in characters.
const maxOtherAnswer = 200

// input handles what is sent while answering: the text of a text or
// comment question, or of 其他.
func (st step) input() error {
	sv, run := st.current()
	if sv == nil { // the questionnaire was removed from configuration
		state(st.Step).Survey = nil
		st.Core().Flow = kit.FlowNone
		st.Send(st.t(kit.MsgSurveyNotForYou))
		return nil
	}
	if st.closedNow(sv) {
		return nil
	}
	st.migrate(sv, run)
	if run.Cur == "" {
		st.Send(st.t(kit.MsgUseButtons))
		st.showCurrent(sv)
		return nil
	}
	q := sv.question(run.Cur)
	if st.In.Kind != kit.InputText {
		st.Send(st.t(kit.MsgUnsupported))
		st.showCurrent(sv)
		return nil
	}
	if run.Other {
		st.otherText(sv, q, run)
		return nil
	}
	if q.Type != QText && q.Type != QComment {
		st.Send(st.t(kit.MsgUseButtons))
		st.showCurrent(sv)
		return nil
	}
	v, problem := st.validateText(sv, q, st.In.Text)
	if problem != "" {
		st.Send(problem)
		return nil
	}
	st.record(sv, q, []string{v}, "")
	return nil
}

// otherText records the text of 其他 with the choice (or choices) it
// completes.
func (st step) otherText(sv *Survey, q *Question, run *Run) {
	text := strings.TrimSpace(st.In.Text)
	if n := utf8.RuneCountInString(text); n > maxOtherAnswer {
		st.Send(st.t(mAnswerTooLong, maxOtherAnswer, n))
		return
	}
	vals := []string{OtherValue}
	if q.Type == QCheckbox {
		vals = ordered(q, run.Sel)
	}
	st.record(sv, q, vals, text)
}

var telRe = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,18}[0-9]$`)

// validateText checks a typed answer to q of sv; it returns the value to
// store, or the reason it is refused.
func (st step) validateText(sv *Survey, q *Question, text string) (string, string) {
	text = strings.TrimSpace(text)
	limit := q.MaxLength
	if limit == 0 {
		limit = sv.Campaign.MaxAnswer
	}
	if limit <= 0 {
		limit = DefaultMaxAnswer
	}
	n := utf8.RuneCountInString(text)
	if n > limit {
		return "", st.t(mAnswerTooLong, limit, n)
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
		t, ok := when.Date(text, st.Today())
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
func (st step) check(v Validator, text string, f float64, n int) string {
	fail := func(key kit.Msg, args ...any) string {
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
			return fail(kit.MsgTooLong, v.MaxLength)
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

// checkAll applies q's validators to a number or a count of picks; it
// returns the first reason one fails, or "".
func (st step) checkAll(q *Question, f float64, n int) string {
	for _, v := range q.Validators {
		if msg := st.check(v, "", f, n); msg != "" {
			return msg
		}
	}
	return ""
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
