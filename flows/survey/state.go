package survey

import "sibu/flows/kit"

// State is the questionnaire part of a chat's session: the run being
// answered and the parked drafts.
type State struct {
	Survey *Run            `json:"s,omitempty"`
	Drafts map[string]*Run `json:"d,omitempty"`
}

// SurveyState returns s; through embedding it gives a session's State.
func (s *State) SurveyState() *State { return s }

// Run is a questionnaire being answered. Questions are named, not
// numbered, so a definition changed mid-way migrates by name.
type Run struct {
	ID      string              `json:"id"`
	Version string              `json:"v"`
	Cur     string              `json:"c,omitempty"` // "" = the closing summary
	Answers map[string][]string `json:"a,omitempty"`
	Hist    []string            `json:"h,omitempty"`
	Sel     []string            `json:"m,omitempty"` // multi-select in progress
	Review  bool                `json:"r,omitempty"` // changing one answer from the summary
	Page    int                 `json:"p,omitempty"` // page of a long choice list
	Row     int                 `json:"w,omitempty"` // matrix row being asked
	Other   bool                `json:"o,omitempty"` // waiting for the 其他 text
	Started bool                `json:"st,omitempty"`
	// Round and Unit: the evaluation round (评) of Unit whose satisfaction
	// questionnaire this is; "" for the questionnaire's own campaign.
	Round string `json:"rd,omitempty"`
	Unit  string `json:"ru,omitempty"`
}

// draftKey names a parked run in State.Drafts: the questionnaire id, or
// "<id>@<round>" for a round's run, so a round's answers never mix with the
// campaign's (or another round's).
func draftKey(id, round string) string {
	if round == "" {
		return id
	}
	return id + "@" + round
}

func (r *Run) key() string { return draftKey(r.ID, r.Round) }

// holder is the engine's Session as the questionnaire feature sees it.
type holder interface{ SurveyState() *State }

// state returns the questionnaire part of the session of st.
func state(st *kit.Step) *State { return st.Session.(holder).SurveyState() }

// End ends the run being answered without keeping a draft (the
// questionnaire or its round closed, or the person already answered) and
// expires the buttons of its prompt. The chat is then in no flow. Rounds
// use it when ClosedNow or Responded end a run.
func End(st *kit.Step) {
	state(st).Survey = nil
	st.Core().Flow = kit.FlowNone
	st.Next()
}

// park keeps the run being answered as a draft, without its in-progress
// selection, and expires the buttons of its prompt (the flow's Leave).
func park(st *kit.Step) {
	s := state(st)
	if r := s.Survey; r != nil {
		if s.Drafts == nil {
			s.Drafts = map[string]*Run{}
		}
		r.Sel, r.Review, r.Page, r.Row, r.Other = nil, false, 0, 0, false
		s.Drafts[r.key()] = r
	}
	s.Survey = nil
	st.Next()
}
