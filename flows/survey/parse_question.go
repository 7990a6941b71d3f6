package survey

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// complain records one problem of the question being converted.
type complain func(format string, args ...any)

// convertQuestion checks one question and converts it; it returns every
// problem found.
func convertQuestion(rq rawQuestion) (Question, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	q := Question{Type: rq.Type, Name: strings.TrimSpace(rq.Name), Title: strings.TrimSpace(rq.Title),
		Description: strings.TrimSpace(rq.Description), Required: rq.IsRequired, InputType: rq.InputType,
		Other: rq.ShowOtherItem, OtherText: rq.OtherText, None: rq.ShowNoneItem, NoneText: rq.NoneText,
		MaxLength: rq.MaxLength}
	if q.Name == "" {
		bad("name is required")
	} else if !validName(q.Name) {
		bad("name %q: use letters, digits, _ or - (at most 40)", q.Name)
	}
	if q.Title == "" {
		q.Title = q.Name
	}
	if utf8.RuneCountInString(q.Title)+utf8.RuneCountInString(q.Description) > maxTitleRunes {
		bad("title and description are longer than %d characters", maxTitleRunes)
	}
	convertConditions(&q, rq, bad)
	if q.OtherText == "" {
		q.OtherText = "其他"
	}
	if q.NoneText == "" {
		q.NoneText = "以上都不是"
	}
	convertType(&q, rq, bad)
	takesChoices := q.Type == QRadio || q.Type == QCheckbox || q.Type == QDropdown
	if len(rq.Choices) > 0 && !(takesChoices || q.Type == QRanking) {
		bad("type %s does not take choices", q.Type)
	}
	if (len(rq.Rows) > 0 || len(rq.Columns) > 0) && q.Type != QMatrix {
		bad("only matrix questions take rows and columns")
	}
	if q.MaxLength != 0 && (q.MaxLength < 1 || q.MaxLength > 4000 || q.Type != QText && q.Type != QComment) {
		bad("maxLength applies to text and comment questions, 1 to 4000 characters")
	}
	if (q.Other || q.None) && !takesChoices {
		bad("showOtherItem/showNoneItem apply to radiogroup, checkbox and dropdown only")
	}
	for _, rv := range rq.Validators {
		q.Validators = append(q.Validators, convertValidator(q, rv, bad))
	}
	return q, errs
}

// convertConditions parses visibleIf and requiredIf.
func convertConditions(q *Question, rq rawQuestion, bad complain) {
	for key, src := range map[string]string{"visibleIf": rq.VisibleIf, "requiredIf": rq.RequiredIf} {
		if src == "" {
			continue
		}
		e, err := ParseExpr(src)
		if err != nil {
			bad("%s %q: %v", key, src, err)
			continue
		}
		if key == "visibleIf" {
			q.VisibleIf = e
		} else {
			q.RequiredIf = e
		}
	}
}

// convertType checks and converts what q's type takes: choices, rows and
// columns, the rating's range, the text's inputType.
func convertType(q *Question, rq rawQuestion, bad complain) {
	switch q.Type {
	case QRadio, QCheckbox, QDropdown, QRanking:
		limit := maxChoices
		if q.Type == QRanking {
			limit = maxRankChoices
		}
		if len(rq.Choices) == 0 {
			bad("type %s needs choices", q.Type)
		}
		q.Choices = convertChoices(rq.Choices, "choice", limit, bad)
	case QMatrix:
		if len(rq.Rows) == 0 || len(rq.Columns) == 0 {
			bad("type matrix needs rows and columns")
		}
		q.Rows = convertChoices(rq.Rows, "row", maxMatrixRows, bad)
		q.Choices = convertChoices(rq.Columns, "column", maxMatrixCols, bad)
	case QRating:
		q.RateMin, q.RateMax = 1, 5
		if rq.RateMin != nil {
			q.RateMin = *rq.RateMin
		}
		if rq.RateMax != nil {
			q.RateMax = *rq.RateMax
		}
		if q.RateMax < q.RateMin || q.RateMax-q.RateMin > 10 {
			bad("rateMin %d..rateMax %d: need min ≤ max and at most 11 steps", q.RateMin, q.RateMax)
		}
	case QBoolean:
		q.Choices = []Choice{{Value: "true", Text: "是"}, {Value: "false", Text: "否"}}
	case QText:
		switch q.InputType {
		case "", "text", "number", "date", "tel":
		default:
			bad("inputType %q is not supported (text, number, date, tel)", q.InputType)
		}
	case QComment:
	case "":
		bad("type is required")
	default:
		bad("unknown type %q (radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix)", q.Type)
	}
}

// convertChoices checks choices (what: "choice", "row" or "column") and
// converts them.
func convertChoices(raw []rawChoice, what string, limit int, bad complain) []Choice {
	var out []Choice
	vals := map[string]bool{}
	for _, c := range raw {
		switch {
		case c.Value == "":
			bad("a %s has an empty value", what)
		case vals[c.Value]:
			bad("duplicate %s %q", what, c.Value)
		case c.Value == OtherValue && what == "choice" || c.Value == NoneValue && what == "choice":
			bad("choice value %q is reserved (use showOtherItem / showNoneItem)", c.Value)
		case utf8.RuneCountInString(c.Text) > maxChoiceText:
			bad("%s %q is longer than %d characters for a button", what, c.Text, maxChoiceText)
		}
		vals[c.Value] = true
		out = append(out, Choice(c))
	}
	if len(out) > limit {
		bad("%d %ss do not fit Telegram's keyboards (at most %d)", len(out), what, limit)
	}
	return out
}

// convertValidator checks one validator of q and converts it.
func convertValidator(q Question, rv rawValidator, bad complain) Validator {
	v := Validator{Type: rv.Type, MinValue: rv.MinValue, MaxValue: rv.MaxValue, MinLength: rv.MinLength,
		MaxLength: rv.MaxLength, MinCount: rv.MinCount, MaxCount: rv.MaxCount, Text: rv.Text}
	switch rv.Type {
	case "numeric":
		if q.Type != QRating && !(q.Type == QText && q.InputType == "number") {
			bad("numeric validator needs a rating or a text question with inputType number")
		}
	case "text":
		if q.Type != QText && q.Type != QComment {
			bad("text validator applies to text and comment questions")
		}
	case "regex":
		re, err := regexp.Compile(rv.Regex)
		if err != nil || rv.Regex == "" {
			bad("regex validator: bad regex %q", rv.Regex)
		}
		v.Regex = re
		if q.Type != QText && q.Type != QComment {
			bad("regex validator applies to text and comment questions")
		}
	case "answercount":
		if q.Type != QCheckbox {
			bad("answercount validator applies to checkbox questions")
		}
	default:
		bad("unknown validator type %q (numeric, text, regex, answercount)", rv.Type)
	}
	return v
}

// validName reports whether s may name a question: letters, digits, _ or -,
// at most 40.
func validName(s string) bool {
	if len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}
