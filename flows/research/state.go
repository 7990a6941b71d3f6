package research

import "sibu/flows/kit"

// Flow is the name of the research conversation.
const Flow kit.FlowName = "research"

// State is the research part of a chat's session.
type State struct {
	Research *Run `json:"rs,omitempty"`
}

// ResearchState returns s; through embedding it gives a session's State.
func (s *State) ResearchState() *State { return s }

type holder interface{ ResearchState() *State }

func state(st *kit.Step) *State { return st.Session.(holder).ResearchState() }

// Run is a research conversation in progress: logging (or changing) a
// meeting or a visit field by field, or assigning an opinion's follow-up.
type Run struct {
	Mode string `json:"m"`
	// Field is the step of the conversation (fieldType, fieldUnit, …).
	Field string `json:"s"`
	// Record is the meeting or visit being logged or changed.
	Record Record `json:"r,omitzero"`
	// Heard are the opinions collected so far (new ones only when
	// changing a record); Voices their voice notes (same index, "" for a
	// typed one).
	Heard  []string `json:"h,omitempty"`
	Voices []string `json:"v,omitempty"`
	// Back is the field to return to after a field changed from the
	// summary (fieldSummary).
	Back string `json:"b,omitempty"`
	// Opinion is the opinion whose follow-up is being assigned; Assignee
	// the person chosen.
	Opinion  string `json:"o,omitempty"`
	Assignee int64  `json:"a,omitempty"`
}

// Modes of Run.
const (
	modeLog    = "log"    // a new meeting or visit
	modeAmend  = "amend"  // the author changes one
	modeAssign = "assign" // an opinion's follow-up: who, by when
)

// Fields of a logging run, in the order they are asked.
const (
	fieldType     = "type"     // the meeting's kind, the visit's place
	fieldUnit     = "unit"     // typed unit name (buttons otherwise)
	fieldDate     = "date"     // the day
	fieldPlace    = "place"    // where (a meeting) or whom (a visit)
	fieldPeople   = "people"   // how many (and, for a visit, names)
	fieldOpinions = "opinions" // the opinions, one message each
	fieldFollowUp = "followup" // a visit: is a follow-up needed?
	fieldEvidence = "evidence" // photos
	fieldSummary  = "summary"  // check and submit
	fieldPerson   = "person"   // assigning: who follows up
	fieldDeadline = "deadline" // assigning: by when
)
