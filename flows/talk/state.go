package talk

import "sibu/flows/kit"

// Flow is the name of the talk conversation.
const Flow kit.FlowName = "talk"

// State is the talk part of a chat's session.
type State struct {
	Talk *Run `json:"tk,omitempty"`
}

// TalkState returns s; through embedding it gives a session's State.
func (s *State) TalkState() *State { return s }

type holder interface{ TalkState() *State }

func state(st *kit.Step) *State { return st.Session.(holder).TalkState() }

// Run is a talk (谈民心) conversation in progress: a member booking a
// 电话约谈, an interviewer recording an outcome, an official typing the
// reason of an excuse or uploading a roster.
type Run struct {
	Round string `json:"r"`
	Step  string `json:"s"`
	// User is the member whose talk an interviewer records.
	User  int64  `json:"u,omitempty"`
	Phone string `json:"p,omitempty"`
	Slot  int64  `json:"t,omitempty"` // chosen slot, unix seconds
	Other bool   `json:"o,omitempty"` // the slot is a proposal
	Voice string `json:"v,omitempty"`
	Page  int    `json:"g,omitempty"`
	// Roster is an uploaded roster being matched and confirmed.
	Roster *RosterDraft `json:"ro,omitempty"`
	// Msg is the message whose button started the run (the outcome
	// question of a talk): it loses its buttons once the run is done.
	Msg int `json:"m,omitempty"`
}

// Talk conversation steps (Run.Step).
const (
	stepPhone         = "phone"          // member: share or type a number
	stepSlot          = "slot"           // member: pick a slot
	stepPropose       = "propose"        // member: type another time
	stepConfirm       = "confirm"        // member: confirm the booking
	stepSummary       = "summary"        // interviewer: type the summary
	stepExcuse        = "excuse"         // official: type the reason of an excuse
	stepRosterFile    = "roster"         // official: send the file
	stepRosterPick    = "roster_pick"    // official: which of several namesakes
	stepRosterConfirm = "roster_confirm" // official: confirm adding
)

// rosterStep reports whether the run is a roster upload.
func (r *Run) rosterStep() bool {
	return r.Step == stepRosterFile || r.Step == stepRosterPick || r.Step == stepRosterConfirm
}

// WantsRoster reports whether the chat of session s waits for a roster
// file, so the transport should read a document it receives into a
// RosterUpload. s is the engine's *flows.Session.
func WantsRoster(s kit.Session) bool {
	h, ok := s.(holder)
	if !ok || s.CoreState().Flow != Flow {
		return false
	}
	run := h.TalkState().Talk
	return run != nil && run.Step == stepRosterFile
}
