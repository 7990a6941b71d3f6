package survey

import (
	"slices"
	"strconv"
	"strings"
)

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

// countAll is the number of questions shown when no condition hides any.
func countAll(sv *Survey) int { return len(visible(sv, map[string][]string{})) }

// required reports whether q must be answered, given the answers so far.
func required(sv *Survey, q *Question, answers map[string][]string) bool {
	return q.Required || q.RequiredIf != nil && q.RequiredIf.Eval(lookup(sv, answers))
}

// nextAfter applies the triggers that read the question just answered, then
// picks the next visible question ("" = the summary).
func nextAfter(sv *Survey, run *Run, q *Question) string {
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
