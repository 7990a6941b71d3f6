package survey_test

import (
	"testing"

	"sibu/flows/survey"
)

// Cases follow SurveyJS's documented expression semantics
// (surveyjs.io "Conditional Logic and Dynamic Texts": operators table).
func TestExprSemantics(t *testing.T) {
	answers := map[string]survey.Value{
		"overall":   "满意",
		"age":       float64(34),
		"agestr":    "34",
		"colors":    []any{"red", "green"},
		"married":   true,
		"name":      "  Zhang San ",
		"empty":     "",
		"emptylist": []any{},
		"m":         map[string]any{"r1": "好", "r2": "差"},
	}
	lookup := func(n string) survey.Value { return answers[n] }
	tests := []struct {
		expr string
		want bool
	}{
		{"{overall} = '满意'", true},
		{"{overall} == \"满意\"", true},
		{"{overall} != '满意'", false},
		{"{overall} <> '不满意'", true},
		{"{missing} = 'a'", false},
		{"{missing} != 'a'", true}, // unanswered differs from any value
		{"{missing} empty", true},
		{"{missing} notempty", false},
		{"{empty} empty", true},
		{"{emptylist} empty", true},
		{"{colors} notempty", true},
		{"{age} > 30", true},
		{"{age} >= 34 and {age} <= 34", true},
		{"{agestr} = 34", true}, // numeric strings compare as numbers
		{"{agestr} < 100", true},
		{"{missing} > 1", false},
		{"{missing} < 1", false},
		{"{name} = 'zhang san'", true}, // case and spaces ignored
		{"{colors} contains 'red'", true},
		{"{colors} *= 'blue'", false},
		{"{colors} notcontains 'blue'", true},
		{"{name} contains 'San'", true},
		{"{colors} = 'red'", false}, // array vs scalar: use contains/anyof
		{"{colors} = ['green', 'red']", true},
		{"{colors} anyof ['blue', 'green']", true},
		{"{colors} allof ['red', 'green']", true},
		{"{colors} allof ['red', 'blue']", false},
		{"{overall} anyof ['满意', '基本满意']", true},
		{"{missing} anyof ['a']", false},
		{"{married} = true", true},
		{"{married} = false", false},
		{"!({married} = true)", false},
		{"not {overall} = '满意' or {age} > 100", false},
		{"({age} > 40 or {overall} = '满意') and {colors} contains 'green'", true},
		{"{age} > 40 || {overall} = '满意' && {colors} contains 'blue'", false},
		{"{m.r1} = '好'", true},
		{"{m.r3} empty", true},
		{"{age} greater 30 and {age} less 40", true},
		{"{age} > -1", true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := survey.ParseExpr(tt.expr)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got := e.Eval(lookup); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestExprErrors(t *testing.T) {
	for _, src := range []string{"{a} = ", "{a = 'x'", "{a} = 'x", "({a} = 1", "{a} = x", "{a} # 1", "{} = 1", "{a} = 1 {b}"} {
		if _, err := survey.ParseExpr(src); err == nil {
			t.Errorf("%q parsed; want an error", src)
		}
	}
	e, _ := survey.ParseExpr("{a} = 1 and ({b.r1} notempty or {a} > 2)")
	if got := e.Vars(); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("Vars = %v", got)
	}
}
