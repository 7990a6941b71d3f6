package retro

import "sibu/flows/kit"

// Flow is the name of the 复盘 conversation.
const Flow kit.FlowName = "retro"

// State is the 复盘 part of a chat's session.
type State struct {
	Retro *Run `json:"rt,omitempty"`
	// Parked are the runs left before they were done, so nothing typed is
	// lost: a participant's answers by 复盘 id, a facilitator's set-up under
	// parkedSetup. /retro, the invitation's button and the /start to-do
	// resume them.
	Parked map[string]*Run `json:"rp,omitempty"`
}

// parkedSetup is the key of a parked set-up in State.Parked.
const parkedSetup = "+new"

// maxParked bounds the parked runs of one chat: the oldest 复盘 ids (they
// grow with time) go first.
const maxParked = 8

// park keeps the run being left (the flow's Leave): answers given so far,
// or a set-up under way; editing a box or tracking a line has nothing
// typed to keep. The buttons of its prompt expire.
func park(st *kit.Step) {
	s := state(st)
	run := s.Retro
	s.Retro = nil
	if run == nil {
		return // ended (step.end): nothing to keep
	}
	st.Next()
	key := run.parkKey()
	if key == "" {
		return
	}
	if s.Parked == nil {
		s.Parked = map[string]*Run{}
	}
	s.Parked[key] = run
	for len(s.Parked) > maxParked {
		oldest := ""
		for k := range s.Parked {
			if k != parkedSetup && (oldest == "" || k < oldest) {
				oldest = k
			}
		}
		delete(s.Parked, oldest)
	}
}

// parkKey is where run is kept when it is left before it is done: ""
// when there is nothing typed to keep.
func (run *Run) parkKey() string {
	switch {
	case run.Mode == modeAnswer && (len(run.Answers) > 0 || run.Q > 0):
		return run.Retro
	case run.Mode == modeNew && run.Step != stepEvent:
		return parkedSetup
	}
	return ""
}

// unpark takes the run parked under key out of the session (nil when
// none).
func unpark(st *kit.Step, key string) *Run {
	s := state(st)
	run := s.Parked[key]
	delete(s.Parked, key)
	if len(s.Parked) == 0 {
		s.Parked = nil
	}
	return run
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
	// Page is the page of the participants' list, Browse the unit it
	// shows ("": the 复盘's own).
	Page   int    `json:"g,omitempty"`
	Browse string `json:"u,omitempty"`
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
