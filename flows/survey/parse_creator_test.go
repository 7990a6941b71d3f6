package survey_test

import (
	"strings"
	"testing"
	"time"

	"sibu/flows/survey"
)

// creatorExport is a questionnaire as SurveyJS Creator exports it: the
// SurveyJS part alone, with its display settings.
const creatorExport = `{
 "title": "村务公开满意度调查",
 "logoPosition": "right",
 "showQuestionNumbers": "off",
 "completedHtml": "<h3>谢谢</h3>",
 "pages": [
  {"name": "page1", "elements": [
    {"type": "radiogroup", "name": "q1", "title": "您对村务公开是否满意", "isRequired": true, "choices": ["满意", "不满意"]},
    {"type": "comment", "name": "q2", "title": "意见和建议", "maxLength": 300}
  ]}
 ]
}`

func TestParseCreatorExport(t *testing.T) {
	sv, err := survey.Parse("cw", []byte(creatorExport), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	c := sv.Campaign
	if sv.Title != "村务公开满意度调查" || len(sv.Questions) != 2 || len(c.Units) != 0 || c.Anonymous ||
		c.Satisfied != nil || c.MaxAnswer != survey.DefaultMaxAnswer || sv.Questions[1].MaxLength != 300 {
		t.Errorf("parsed %+v, campaign %+v", sv, c)
	}
	if len(sv.Notes) != 2 || !strings.Contains(sv.Notes[0], "the root unit") ||
		sv.Notes[1] != "display settings left out (Telegram shows one question at a time): completedHtml, logoPosition, showQuestionNumbers" {
		t.Errorf("notes %q", sv.Notes)
	}
	// A wrapped file stays strict: a display setting there is a mistake.
	wrapped := `{"campaign": {}, "survey": {"title": "x", "logoPosition": "right", "elements": [{"type": "comment", "name": "a"}]}}`
	if _, err := survey.Parse("w", []byte(wrapped), time.UTC); err == nil || !strings.Contains(err.Error(), "unknown property \"logoPosition\"") {
		t.Errorf("wrapped with a display setting: %v", err)
	}
	// A question's unknown property is still refused in a Creator file.
	bad := strings.Replace(creatorExport, `"maxLength": 300`, `"maxLength": 300, "placeholder": "请填写"`, 1)
	if _, err := survey.Parse("cw", []byte(bad), time.UTC); err == nil {
		t.Error("an unknown question property was taken")
	}
}

func TestMaxAnswerLength(t *testing.T) {
	src := `{"campaign": {"max_answer_length": 5000}, "survey": {"title": "x", "elements": [{"type": "text", "name": "a", "maxLength": 20}, {"type": "radiogroup", "name": "b", "choices": ["1"], "maxLength": 5}]}}`
	_, err := survey.Parse("m", []byte(src), time.UTC)
	for _, want := range []string{"campaign.max_answer_length: between 10 and 4000", "question b: maxLength applies to text and comment"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in %v", want, err)
		}
	}
}

// TestTipoffNeedsAnonymous: the tip-off button is offered after anonymous
// questionnaires only; a named one asking for it is refused at load.
func TestTipoffNeedsAnonymous(t *testing.T) {
	named := `{"campaign": {"tipoff": true}, "survey": {"title": "x", "elements": [{"type": "comment", "name": "a"}]}}`
	if _, err := survey.Parse("n", []byte(named), time.UTC); err == nil || !strings.Contains(err.Error(), "campaign.tipoff: needs anonymous: true") {
		t.Errorf("tipoff without anonymous: %v", err)
	}
	anon := strings.Replace(named, `"tipoff": true`, `"tipoff": true, "anonymous": true`, 1)
	sv, err := survey.Parse("a", []byte(anon), time.UTC)
	if err != nil || !sv.Campaign.Tipoff {
		t.Errorf("anonymous with tipoff: %v", err)
	}
}
