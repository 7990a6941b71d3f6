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
// and not expired at commit time.
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
// not submitted it before. When Anonymous, storage keeps who submitted apart
// from what was answered and the event carries no respondent and only the day.
//
//	{"type":"sibu.survey.response.submitted","data":{"survey_id":"demo","version":"3f2a…",
//	 "respondent":42,"answers":{"overall":"满意","score":5}}}
type ResponseSubmitted struct {
	SurveyID   string
	Version    string
	Respondent int64
	Unit       string
	Anonymous  bool
	Answers    map[string]any
	Satisfied  bool
	At         time.Time
}

// EventType implements Effect.
func (ResponseSubmitted) EventType() string { return "sibu.survey.response.submitted" }
