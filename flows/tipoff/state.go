package tipoff

import "sibu/flows/kit"

// Flow is the name of the tip-off conversation.
const Flow kit.FlowName = "tipoff"

// State is the tip-off part of a chat's session. Like every session it is
// concealed under the anonymity key in Redis; it holds a draft only while
// it is written, and a receipt code only while it is used.
type State struct {
	Tipoff *Run `json:"tf,omitempty"`
}

// TipoffState returns s; through embedding it gives a session's State.
func (s *State) TipoffState() *State { return s }

type holder interface{ TipoffState() *State }

func state(st *kit.Step) *State { return st.Session.(holder).TipoffState() }

// Run is a tip-off conversation: a reporter writing one, following one up
// with its code, or an inspector answering one or linking it to a
// nominee.
type Run struct {
	Mode  string     `json:"m"`
	Step  string     `json:"s"`
	Kind  Kind       `json:"k,omitempty"`
	Unit  string     `json:"u,omitempty"`
	Text  string     `json:"t,omitempty"`
	Files []kit.File `json:"fl,omitempty"`
	// Code is the receipt code being followed up.
	Code string `json:"c,omitempty"`
	// ID is the tip-off an inspector acts on.
	ID string `json:"id,omitempty"`
}

// Modes and steps.
const (
	modeNew    = "new"    // reporter: writing a tip-off
	modeFind   = "find"   // reporter: following one up with its code
	modeAnswer = "answer" // inspector: typing an answer
	modeLink   = "link"   // inspector: choosing the nominee

	stepKind    = "kind"
	stepUnit    = "unit"
	stepText    = "text"
	stepFiles   = "files"
	stepConfirm = "confirm"
	stepCode    = "code"
	stepFound   = "found"
	stepAdd     = "add"
)
