package commitment

import (
	"encoding/json"
	"strings"
	"testing"

	"sibu/flows/kit"
	"sibu/flows/survey"
)

// TestSmallAnonymousRoundShowsOnlyTheOutcome: an anonymous satisfaction
// questionnaire answered by fewer people than its campaign's min_group
// shows the outcome, not the counts (3 of 3 satisfied is everyone's
// answer); a large enough group shows the figure.
func TestSmallAnonymousRoundShowsOnlyTheOutcome(t *testing.T) {
	sv := &survey.Feature{Env: &kit.Env{}, Surveys: map[string]*survey.Survey{
		"anon":  {ID: "anon", Title: "群众满意度", Campaign: survey.Campaign{Anonymous: true, MinGroup: 5}},
		"named": {ID: "named", Title: "满意度", Campaign: survey.Campaign{MinGroup: 5}},
	}}
	f := &Feature{Env: sv.Env, Surveys: sv}
	st := f.step(&kit.Step{Env: sv.Env, Lang: "zh"})
	for _, c := range []struct {
		s         Satisfaction
		want, not string
	}{
		{Satisfaction{Survey: "anon", Respondents: 3, Answered: 3, Satisfied: 3}, "多数满意", "3/3"},
		{Satisfaction{Survey: "anon", Respondents: 4, Answered: 4, Satisfied: 1}, "多数不满意", "1/4"},
		{Satisfaction{Survey: "anon", Respondents: 2, Answered: 2, Satisfied: 1}, "各半", "1/2"},
		{Satisfaction{Survey: "anon", Respondents: 1, Answered: 1, Satisfied: 1}, "不公布结论", "多数"},
		{Satisfaction{Survey: "anon", Respondents: 5, Answered: 5, Satisfied: 4}, "满意 4/5", "结论"},
		{Satisfaction{Survey: "named", Respondents: 3, Answered: 3, Satisfied: 3}, "满意 3/3", "结论"},
	} {
		got := st.satisfactionText("zh", c.s)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%+v: %q; want it to say %q and not %q", c.s, got, c.want, c.not)
		}
	}
}

// TestWithheldFigureLeavesNoCountsInEvents: the records events of a round
// whose anonymous questionnaire has fewer respondents than min_group say
// only that the figure is withheld (issue 11: round figures went into
// records events unsuppressed); a named figure keeps its counts.
func TestWithheldFigureLeavesNoCountsInEvents(t *testing.T) {
	small := &Satisfaction{Survey: "anon", Respondents: 1, Answered: 1, Satisfied: 0, Withheld: true}
	named := &Satisfaction{Survey: "named", Respondents: 3, Answered: 3, Satisfied: 2}
	round := Round{ID: "b1-1", Unit: "b1"}
	for _, c := range []struct {
		ef   kit.Effect
		want string
	}{
		{RoundClosed{Round: round, Satisfaction: small}, `"satisfaction":{"survey_id":"anon","withheld":true}`},
		{Graded{Change{Item: Item{ID: "x"}, Satisfaction: small}}, `"satisfaction":{"survey_id":"anon","withheld":true}`},
		{RoundClosed{Round: round, Satisfaction: named}, `"satisfaction":{"survey_id":"named","respondents":3,"answered":3,"satisfied":2}`},
	} {
		_, data := c.ef.EventData()
		b, err := json.Marshal(data)
		if err != nil || !strings.Contains(string(b), c.want) {
			t.Errorf("%s: %s, %v; want %s", c.ef.EventType(), b, err, c.want)
		}
	}
}
