package survey_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
	"sibu/flows/survey"
)

// eventSamples are one sample of every effect (several of
// ResponseSubmitted, whose payload depends on anonymity and rounds), each
// with the data storage's old eventData built for it.
var eventSamples = []struct {
	name   string
	effect kit.Effect
	old    string
}{
	{"opened", survey.Opened{SurveyID: "demo", Version: "3f2a", By: 7, Issued: []int64{2, 3}, Units: []string{"b1", "b2"}},
		`{"survey_id":"demo","version":"3f2a","by":7,"issued":2}`},
	{"opened_by_job", survey.Opened{SurveyID: "demo", Version: "3f2a"},
		`{"survey_id":"demo","version":"3f2a","by":0,"issued":0}`},
	{"closed", survey.Closed{SurveyID: "demo", By: 7},
		`{"survey_id":"demo","by":7}`},
	{"response_named", survey.ResponseSubmitted{SurveyID: "demo", Version: "3f2a", Respondent: 42, Unit: "b1",
		Answers: map[string]any{"overall": "满意", "score": 5}, Satisfied: true, SatisfiedAnswered: true,
		Tallies: []string{"#overall", "overall\x1f满意"}, At: time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)},
		`{"survey_id":"demo","version":"3f2a","answers":{"overall":"满意","score":5},"satisfied":true,"respondent":42,"unit":"b1"}`},
	{"response_anonymous", survey.ResponseSubmitted{SurveyID: "anon", Version: "9d71", Respondent: 42, Unit: "root",
		Anonymous: true, Answers: map[string]any{"q1": "满意"}},
		`{"survey_id":"anon","version":"9d71","answers":{"q1":"满意"},"satisfied":false,"unit":"root"}`},
	{"response_anonymous_small_unit_round", survey.ResponseSubmitted{SurveyID: "anon", Version: "9d71", Respondent: 42,
		Anonymous: true, Answers: map[string]any{}, Round: "r1"},
		`{"survey_id":"anon","version":"9d71","answers":{},"satisfied":false}`},
	{"response_round", survey.ResponseSubmitted{SurveyID: "sat", Version: "1a2b", Respondent: 42, Unit: "b1",
		Answers: map[string]any{"overall": "满意"}, Satisfied: true, Round: "r1"},
		`{"survey_id":"sat","version":"1a2b","answers":{"overall":"满意"},"satisfied":true,"respondent":42,"unit":"b1","round_id":"r1"}`},
	{"response_anonymous_round", survey.ResponseSubmitted{SurveyID: "anon", Version: "9d71", Respondent: 42, Unit: "b1",
		Anonymous: true, Answers: map[string]any{"q1": "不满意"}, Round: "r1"},
		`{"survey_id":"anon","version":"9d71","answers":{"q1":"不满意"},"satisfied":false,"unit":"b1","round_id":"r1"}`},
	{"response_no_answers", survey.ResponseSubmitted{SurveyID: "demo", Version: "3f2a"},
		`{"survey_id":"demo","version":"3f2a","answers":null,"satisfied":false,"respondent":0}`},
	// Progress is no records event (its type is ""): storage never
	// rendered one.
	{"progress", survey.Progress{SurveyID: "demo", User: 42, Status: "opened"}, ""},
	{"reminder_sent", survey.ReminderSent{SurveyID: "demo", User: 42, N: 2},
		`{"survey_id":"demo","user_id":42,"n":2}`},
}

// TestEventMarshaling snapshots the records event of every effect (go test
// ./flows/survey -update rewrites testdata/events.golden.json), and checks
// each payload against what storage built before the payloads moved here.
func TestEventMarshaling(t *testing.T) {
	var effects []kit.Effect
	for _, s := range eventSamples {
		effects = append(effects, s.effect)
		if s.old == "" {
			continue
		}
		_, data := s.effect.EventData()
		got, err := json.Marshal(data)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(s.old), &w); err != nil {
			t.Fatalf("%s: sample: %v", s.name, err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: data %s, the old builder made %s", s.name, got, s.old)
		}
	}
	kittest.AssertEvents(t, effects)
}
