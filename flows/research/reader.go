package research

import (
	"fmt"

	"sibu/flows/survey"
	"sibu/flows/talk"
)

// Reader is the read side of research campaigns. storage's Directory
// implements it (and survey.Reader and talk.Reader, whose figures a
// campaign shows); steps reach it with a type assertion on the
// kit.Directory. The methods keep a Research or Opinion prefix: one
// storage directory implements the readers of every feature.
type Reader interface {
	survey.Reader
	talk.Reader
	// ResearchRecord returns a meeting or visit, ok=false when unknown.
	ResearchRecord(id string) (Record, bool, error)
	// ResearchRecordsBy lists the records a person logged, newest first,
	// at most n.
	ResearchRecordsBy(user int64, n int) ([]Record, error)
	// ResearchCounts returns each unit's day counters: "<kind>|<day>" →
	// records, "<kind>_people|<day>" → people, "opinion|<day>" →
	// opinions (days 2006-01-02).
	ResearchCounts(units []string) (map[string]map[string]int64, error)
	// Opinion returns an opinion, ok=false when unknown.
	Opinion(id string) (Opinion, bool, error)
	// OpinionsIn lists the opinions of units (and those without a unit
	// when withoutUnit), newest first.
	OpinionsIn(units []string, withoutUnit bool) ([]Opinion, error)
	// FollowUps lists the opinions whose follow-up user was given and has
	// not reported done, oldest deadline first.
	FollowUps(user int64) ([]Opinion, error)
	// OpinionRefs returns the refs of the opinions imported so far.
	OpinionRefs() (map[string]bool, error)
	// SurveyResponses lists a questionnaire's stored responses (released
	// ones only for an anonymous questionnaire: no person, no time).
	SurveyResponses(id string) ([]survey.ResponseRow, error)
	// TalkLedger lists a talk round's roster entries.
	TalkLedger(round string) ([]talk.Entry, error)
}

// reader returns the Reader behind the step's Directory, or an error when
// the directory has none (a wiring mistake, not a user's).
func (st step) reader() (Reader, error) {
	r, ok := st.Dir.(Reader)
	if !ok {
		return nil, fmt.Errorf("directory %T does not implement research.Reader", st.Dir)
	}
	return r, nil
}
