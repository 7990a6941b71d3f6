package config_test

import (
	"strings"
	"testing"
	"time"

	"sibu/config"
)

func TestCommitmentExampleAndDefaults(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Commitment.Settings()
	if s.MinItems != 2 || s.MaxItems != 5 || s.Levels != 2 || s.NoPublish || s.Rectify != 720*time.Hour ||
		len(s.Remind) != 3 || len(s.Sources) != 3 {
		t.Fatalf("example commitment settings %+v", s)
	}
}

func TestCommitmentErrorsNameTheKey(t *testing.T) {
	base := "units:\n  - {id: root, name: R}\n"
	for yaml, key := range map[string]string{
		"promise: {min_items: 4, max_items: 3}":   "promise.max_items",
		"promise: {review_levels: 5}":             "promise.review_levels",
		"promise: {remind_days: [7, -1]}":         "promise.remind_days",
		"promise: {rectify: 1h}":                  "promise.rectify",
		"promise: {sources: [意见箱, \"\"]}":         "promise.sources[1]",
		"promise: {publish: false, min_items: 1}": "",
	} {
		c, err := config.Parse([]byte(base+yaml), ".", env(nil))
		if key == "" {
			if err != nil || !c.Commitment.Settings().NoPublish || c.Commitment.Settings().MinItems != 1 {
				t.Errorf("%s: %v", yaml, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: error %v, want one naming %s", yaml, err, key)
		}
	}
}

func TestCommitmentSatisfactionSurvey(t *testing.T) {
	base := "units:\n  - {id: root, name: R}\nquestionnaires:\n" +
		"  manyi:\n    campaign: {satisfied: {question: q, values: [满意]}}\n" +
		"    survey: {title: M, elements: [{type: radiogroup, name: q, title: Q, choices: [满意, 不满意]}]}\n" +
		"  plain:\n    survey: {title: P, elements: [{type: comment, name: c, title: C}]}\n"
	c, err := config.Parse([]byte(base+"promise: {satisfaction_survey: manyi}\n"), ".", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Commitment.Settings().SatisfactionSurvey; got != "manyi" {
		t.Fatalf("settings name %q, want manyi", got)
	}
	for yaml, problem := range map[string]string{
		"promise: {satisfaction_survey: nosuch}\n": "names no loaded questionnaire",
		"promise: {satisfaction_survey: plain}\n":  "no campaign.satisfied rule",
	} {
		_, err := config.Parse([]byte(base+yaml), ".", env(nil))
		if err == nil || !strings.Contains(err.Error(), "promise.satisfaction_survey") ||
			!strings.Contains(err.Error(), problem) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line naming promise.satisfaction_survey: %s", yaml, err, problem)
		}
	}
	// Unset: the per-item vote (the example leaves it empty).
	ex, err := config.Load("../config.example.yaml", env(nil))
	if err != nil || ex.Commitment.Settings().SatisfactionSurvey != "" {
		t.Fatalf("example: %v, satisfaction_survey %q", err, ex.Commitment.SatisfactionSurvey)
	}
}
