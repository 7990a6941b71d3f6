package retro

import "sibu/flows/kit"

// Flow is the name of the 复盘 conversation.
const Flow kit.FlowName = "retro"

// State is the 复盘 part of a chat's session.
type State struct {
	Retro *Run `json:"rt,omitempty"`
}

// RetroState returns s; through embedding it gives a session's State.
func (s *State) RetroState() *State { return s }

type holder interface{ RetroState() *State }

func state(st *kit.Step) *State { return st.Session.(holder).RetroState() }

// Run is a 复盘 conversation in progress: a facilitator setting one up,
// editing a box or making a line a tracked item, or a participant
// answering the steps.
type Run struct {
	Mode string `json:"m"`
	Step string `json:"s"`
	// Retro is the stored 复盘 the run acts on; Draft the one being set
	// up.
	Retro string `json:"r,omitempty"`
	Draft *Retro `json:"d,omitempty"`
	// Page is the page of the participants' list.
	Page int `json:"g,omitempty"`
	// Q is the box being answered (index in Fields()); Answers the
	// answers so far.
	Q       int              `json:"i,omitempty"`
	Answers map[Field]string `json:"a,omitempty"`
	// Field is the box being edited.
	Field Field `json:"fd,omitempty"`
	// Line is the line being made a tracked item, Owner its owner.
	Line  string `json:"l,omitempty"`
	Owner int64  `json:"o,omitempty"`
}

// Modes of a run.
const (
	modeNew    = "new"    // facilitator: setting up a 复盘
	modeAnswer = "answer" // participant: answering the boxes
	modeEdit   = "edit"   // facilitator: typing a box's merged text
	modeTrack  = "track"  // facilitator: a line's owner and deadline
)

// Steps of setting up (Run.Step in modeNew) and of tracking a line.
const (
	stepEvent   = "event"
	stepTitle   = "title"
	stepDate    = "date"
	stepPlace   = "place"
	stepPeople  = "people"
	stepConfirm = "confirm"
	stepOwner   = "owner"
	stepDue     = "due"
	stepSummary = "summary" // answering: the closing summary
)
