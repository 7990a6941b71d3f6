package discipline

import (
	"time"

	"sibu/flows/kit"
)

// Flow is the name of the discipline conversation.
const Flow kit.FlowName = "discipline"

// State is the discipline part of a chat's session.
type State struct {
	Discipline *Run `json:"dc,omitempty"`
}

// DisciplineState returns s; through embedding it gives a session's State.
func (s *State) DisciplineState() *State { return s }

type holder interface{ DisciplineState() *State }

func state(st *kit.Step) *State { return st.Session.(holder).DisciplineState() }

// Run is a discipline conversation: an official defining a checklist or
// adding a nominee, a person confirming or checking in, an office closing
// a nominee's check.
type Run struct {
	Mode string `json:"m"`
	Step string `json:"s"`
	// Draft is a checklist being defined; Nominee a nominee being added.
	Draft   *Checklist `json:"d,omitempty"`
	Nominee *Nominee   `json:"n,omitempty"`
	// ID is the stored checklist or nominee acted on; Check the check.
	ID    string    `json:"id,omitempty"`
	Check CheckKind `json:"ck,omitempty"`
	// Verdict, Note and File are a check's closing, collected in turn.
	Verdict Verdict   `json:"v,omitempty"`
	Note    string    `json:"t,omitempty"`
	File    *kit.File `json:"f,omitempty"`
	At      time.Time `json:"at,omitzero"`
	// Page is the page of the unit toggles shown.
	Page int `json:"pg,omitempty"`
}

// Modes and steps.
const (
	modeDefine  = "define"  // official: a new checklist
	modeConfirm = "confirm" // person: 看完了 and an optional 心得
	modeCheckin = "checkin" // person: a training's check-in
	modeAdd     = "add"     // official: a new nominee
	modeVet     = "vet"     // office: closing a check

	stepTitle    = "title"
	stepMaterial = "material"
	stepAt       = "at"
	stepPlace    = "place"
	stepWhere    = "where"
	stepUnits    = "units"
	stepRoles    = "roles"
	stepList     = "list"
	stepDeadline = "deadline"
	stepConfirm  = "confirm"
	stepName     = "name"
	stepUnit     = "unit"
	stepPost     = "post"
	stepVerdict  = "verdict"
	stepNote     = "note"
	stepFile     = "file"
)
