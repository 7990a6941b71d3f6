package flows

import "time"

// Effect is a domain change one step records. Storage applies the effects of
// a step in the same atomic commit as the session, checks the conditions each
// effect documents (a failed one aborts the whole commit and the step is run
// again on fresh reads), and appends one records event per effect to the
// outbox.
type Effect interface {
	// EventType is the CloudEvents type of the records event.
	EventType() string
}

// MemberJoined: a person used an invite. Condition: the invite is unused
// at commit time. An empty Invite adds the person directly (demo seeding,
// imports by an official).
//
//	{"type":"sibu.member.joined","data":{"user_id":42,"name":"张三","unit":"root","role":"member"}}
type MemberJoined struct {
	Person Person
	Invite string
}

// EventType implements Effect.
func (MemberJoined) EventType() string { return "sibu.member.joined" }

// InviteCreated: a supervisor or official created a join code.
//
//	{"type":"sibu.invite.created","data":{"unit":"root","role":"member","by":7,"expires_at":"…"}}
type InviteCreated struct{ Invite Invite }

// EventType implements Effect.
func (InviteCreated) EventType() string { return "sibu.invite.created" }

// SurveyOpened: an official opened (or re-issued) a questionnaire to people.
//
//	{"type":"sibu.survey.opened","data":{"survey_id":"demo","version":"3f2a…","by":7,"issued":12}}
type SurveyOpened struct {
	SurveyID string
	Version  string
	By       int64
	Issued   []int64
	// Units[i] is the unit of Issued[i] (for per-unit response rates).
	Units []string
}

// EventType implements Effect.
func (SurveyOpened) EventType() string { return "sibu.survey.opened" }

// SurveyClosed: an official closed a questionnaire.
type SurveyClosed struct {
	SurveyID string
	By       int64
}

// EventType implements Effect.
func (SurveyClosed) EventType() string { return "sibu.survey.closed" }

// ResponseSubmitted: a person submitted a questionnaire. Condition: they had
// not submitted it before (unless Multiple; see Round for rounds). When Anonymous, storage keeps who submitted apart
// from what was answered and the event carries no respondent and only the day.
//
//	{"type":"sibu.survey.response.submitted","data":{"survey_id":"demo","version":"3f2a…",
//	 "respondent":42,"answers":{"overall":"满意","score":5}}}
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

// EventType implements Effect.
func (ResponseSubmitted) EventType() string { return "sibu.survey.response.submitted" }

// SurveyProgress: an invitee opened or started a questionnaire. Storage only
// moves a status forward (sent → opened → started → submitted) and counts
// each step once. No records event.
type SurveyProgress struct {
	SurveyID string
	User     int64
	Status   string // "opened" or "started"
}

// EventType implements Effect: progress is not a records fact.
func (SurveyProgress) EventType() string { return "" }

// ReminderSent: a non-respondent was reminded for the Nth time. Condition:
// they had been reminded N-1 times (so replicas and retries send it once).
//
//	{"type":"sibu.survey.reminder.sent","data":{"survey_id":"demo","user_id":42,"n":1}}
type ReminderSent struct {
	SurveyID string
	User     int64
	N        int
}

// EventType implements Effect.
func (ReminderSent) EventType() string { return "sibu.survey.reminder.sent" }
