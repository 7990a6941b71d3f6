package survey

import "time"

// Opened records that an official opened (or re-issued) a questionnaire to
// people, or that the campaign's opens_at came. Condition: the
// questionnaire is still in the status From it was decided on, and none of
// Issued has had it, so two opens decided on the same reads (two
// officials, or an official and the job) issue it once.
//
//	{"type":"sibu.survey.opened","data":{"survey_id":"demo","version":"3f2a…","by":7,"issued":12}}
type Opened struct {
	SurveyID string
	Version  string
	By       int64
	Issued   []int64
	// Units[i] is the unit of Issued[i] (for per-unit response rates).
	Units []string
	// From is the status the open was decided on (draft, or open for a
	// re-issue to newcomers, or closed).
	From Status `json:",omitempty"`
}

// EventType implements kit.Effect.
func (Opened) EventType() string { return "sibu.survey.opened" }

// openedData is the records payload of Opened: how many were invited.
type openedData struct {
	SurveyID string `json:"survey_id"`
	Version  string `json:"version"`
	By       int64  `json:"by"`
	Issued   int    `json:"issued"`
}

// EventData implements kit.Effect.
func (e Opened) EventData() (string, any) {
	return e.SurveyID, openedData{SurveyID: e.SurveyID, Version: e.Version, By: e.By, Issued: len(e.Issued)}
}

// Closed records that an official closed a questionnaire (By 0: its
// closes_at passed).
//
//	{"type":"sibu.survey.closed","data":{"survey_id":"demo","by":7}}
type Closed struct {
	SurveyID string
	By       int64
}

// EventType implements kit.Effect.
func (Closed) EventType() string { return "sibu.survey.closed" }

// closedData is the records payload of Closed.
type closedData struct {
	SurveyID string `json:"survey_id"`
	By       int64  `json:"by"`
}

// EventData implements kit.Effect.
func (e Closed) EventData() (string, any) { return e.SurveyID, closedData(e) }

// ResponseSubmitted records that a person submitted a questionnaire.
// Condition: they had not submitted it before (unless Multiple; see Round
// for rounds). When Anonymous, storage keeps who submitted apart from what
// was answered and the event carries no respondent and only the day.
//
//	{"type":"sibu.survey.response.submitted","data":{"survey_id":"demo","version":"3f2a…",
//	 "respondent":42,"answers":{"overall":"满意","score":5},"satisfied":true}}
type ResponseSubmitted struct {
	SurveyID   string
	Version    string
	Respondent int64
	// Unit is the respondent's unit; for anonymous questionnaires it is
	// empty unless the unit's audience reaches the campaign's MinGroup.
	Unit      string
	Anonymous bool
	Answers   map[string]any
	// Satisfied: the answers count as 满意; SatisfiedAnswered: the
	// questionnaire has a 满意 rule and its question was answered.
	Satisfied         bool
	SatisfiedAnswered bool
	// Tallies are the counters this response adds ("#q", "q\x1fvalue").
	Tallies []string
	// Multiple: the campaign allows more than one response per person.
	Multiple bool
	At       time.Time
	// Round, when set, is the evaluation round (评) whose satisfaction
	// questionnaire this answers. The condition is then per round instead:
	// the round still takes answers and the person has not answered in it
	// (Multiple does not apply); the response is counted in the round's
	// figure as well as the questionnaire's, and leaves the campaign's own
	// "who has answered" (invitations, reminders) alone. Earlier rounds'
	// responses are kept: every response is stored under a new id.
	Round string `json:",omitempty"`
}

// EventType implements kit.Effect.
func (ResponseSubmitted) EventType() string { return "sibu.survey.response.submitted" }

// responseData is the records payload of ResponseSubmitted. An anonymous
// response names no respondent; its unit only when the unit is large
// enough (ResponseSubmitted.Unit).
type responseData struct {
	SurveyID   string         `json:"survey_id"`
	Version    string         `json:"version"`
	Answers    map[string]any `json:"answers"`
	Satisfied  bool           `json:"satisfied"`
	Respondent *int64         `json:"respondent,omitempty"`
	Unit       string         `json:"unit,omitempty"`
	Round      string         `json:"round_id,omitempty"`
}

// EventData implements kit.Effect.
func (e ResponseSubmitted) EventData() (string, any) {
	d := responseData{SurveyID: e.SurveyID, Version: e.Version, Answers: e.Answers, Satisfied: e.Satisfied, Unit: e.Unit}
	if !e.Anonymous {
		d.Respondent = &e.Respondent
	}
	if e.Round != "" && (!e.Anonymous || e.Unit != "") {
		// An evaluation round's satisfaction questionnaire. A round
		// belongs to one unit, so an anonymous response whose unit was
		// left out (a unit under min_group) does not name it either.
		d.Round = e.Round
	}
	return e.SurveyID, d
}

// Progress records that an invitee opened or started a questionnaire.
// Storage only moves a status forward (sent → opened → started →
// submitted) and counts each step once. No records event.
type Progress struct {
	SurveyID string
	User     int64
	Status   string // "opened" or "started"
}

// EventType implements kit.Effect: progress is not a records fact.
func (Progress) EventType() string { return "" }

// EventData implements kit.Effect: there is no records event.
func (Progress) EventData() (string, any) { return "", nil }

// ReminderSent records that a non-respondent was reminded for the Nth time.
// Condition: they had been reminded N-1 times (so replicas and retries
// send it once).
//
//	{"type":"sibu.survey.reminder.sent","data":{"survey_id":"demo","user_id":42,"n":1}}
type ReminderSent struct {
	SurveyID string
	User     int64
	N        int
}

// EventType implements kit.Effect.
func (ReminderSent) EventType() string { return "sibu.survey.reminder.sent" }

// reminderData is the records payload of ReminderSent.
type reminderData struct {
	SurveyID string `json:"survey_id"`
	User     int64  `json:"user_id"`
	N        int    `json:"n"`
}

// EventData implements kit.Effect.
func (e ReminderSent) EventData() (string, any) { return e.SurveyID, reminderData(e) }
