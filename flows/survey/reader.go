package survey

import (
	"fmt"
	"time"

	"sibu/flows/kit"
)

// Status is the lifecycle state of a questionnaire campaign.
type Status string

// Questionnaire campaign states.
const (
	StatusDraft  Status = ""
	StatusOpen   Status = "open"
	StatusClosed Status = "closed"
)

// Counts are the figures an official sees for one questionnaire. All are
// counters maintained at the moment things happen, so reading them never
// scans responses. An anonymous questionnaire's responses are counted when
// a batch of at least MinGroup is released (Pending until then), so its
// figures never move by one person.
type Counts struct {
	Status    Status
	OpenedAt  time.Time
	Issued    int64
	Opened    int64 // invitees who opened it (tapped 开始填写)
	Started   int64 // invitees who answered a first question
	Submitted int64
	// Pending: anonymous responses submitted and not yet released (not
	// in any other figure).
	Pending int64
	// Satisfied of SatisfiedAnswered responses count as 满意 (满意率 is
	// satisfied / answered that question).
	Satisfied         int64
	SatisfiedAnswered int64
	// UnitIssued counts invitees per unit.
	UnitIssued map[string]int64
}

// Stats adds the per-question and per-unit counters for /stats.
type Stats struct {
	Counts
	// Tallies: "#<question>" → responses that answered it;
	// "<question>\x1f<value>" → responses that chose value.
	Tallies map[string]int64
	// Units: "<unit>\x1fsubmitted", "<unit>\x1fsatisfied", "<unit>\x1fanswered".
	Units map[string]int64
}

// Reader is what the questionnaire feature reads beyond kit.Directory. The
// directory a step gets implements it (storage, and the tests' fake).
type Reader interface {
	// Survey returns a questionnaire's campaign figures.
	Survey(id string) (Counts, error)
	// SurveyStatus returns a questionnaire's status cheaply; it may be a
	// few seconds old (answering steps use it; the submit reads Survey and
	// its commit guards on the stored status).
	SurveyStatus(id string) (Status, error)
	// Issued reports whether a questionnaire was issued to user.
	Issued(surveyID string, user int64) (bool, error)
	// Submitted reports whether user already submitted a questionnaire.
	Submitted(surveyID string, user int64) (bool, error)
	// Stats returns a questionnaire's counters for /stats.
	Stats(surveyID string) (Stats, error)
}

// reader returns the Reader of dir, an error when dir does not implement it.
func reader(dir kit.Directory) (Reader, error) {
	r, ok := dir.(Reader)
	if !ok {
		return nil, fmt.Errorf("directory %T does not implement survey.Reader", dir)
	}
	return r, nil
}
