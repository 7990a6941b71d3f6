package commitment

import "sibu/flows/kit"

// State is the public commitment part of a chat's session: the
// conversation in progress.
type State struct {
	Commitment *Run `json:"pr,omitempty"`
}

// CommitmentState returns s; through embedding it gives a session's State.
func (s *State) CommitmentState() *State { return s }

// holder is a session that holds a State.
type holder interface{ CommitmentState() *State }

// state returns the commitment state of the step's session.
func state(st *kit.Step) *State { return st.Session.(holder).CommitmentState() }

// Run is a public commitment (公开承诺) conversation in progress. Mode says
// which: declaring (or editing a returned item), a reviewer's return
// comment, progress, done, 督办, 申请延期, a rectification deadline, or an
// evaluation pass (述诺, grading, voting).
type Run struct {
	Mode string `json:"m"`
	// Items are the drafts being declared; Cur the one being filled.
	Items []Draft `json:"i,omitempty"`
	Cur   int     `json:"c,omitempty"`
	// Field is the step of the current mode ("content", "measures", …).
	Field string `json:"s,omitempty"`
	// Item is the stored item the mode acts on (edit, return, progress…).
	Item string `json:"it,omitempty"`
	// Unit and Dir: declaring for a unit (三级双向).
	Unit string `json:"u,omitempty"`
	Dir  string `json:"dr,omitempty"`
	// Date is a parsed date waiting for confirmation; Month the picker's.
	Date  string `json:"dt,omitempty"`
	Month string `json:"mo,omitempty"`
	// Text and File are collected before a final button (progress, done,
	// extension reason).
	Text string    `json:"t,omitempty"`
	File *kit.File `json:"fl,omitempty"`
	// Back is the field to return to after the picker/confirmation.
	Back string `json:"b,omitempty"`
	// Msg is the message whose button started the mode (a review push
	// whose 退回 asked for a comment): it shows the outcome once done.
	Msg int `json:"mg,omitempty"`
	// Rated and Skipped count the items of an evaluation pass marked and
	// skipped so far.
	Rated   int `json:"nd,omitempty"`
	Skipped int `json:"ns,omitempty"`
}

// Draft is one item being declared.
type Draft struct {
	Content  string `json:"c,omitempty"`
	Measures string `json:"m,omitempty"`
	Deadline string `json:"d,omitempty"`
	Source   string `json:"s,omitempty"`
	// Opinion is the opinion the item is drawn from (DeclareFrom).
	Opinion string `json:"o,omitempty"`
}

// Modes of Run.
const (
	modeDeclare  = "declare"
	modeEdit     = "edit"
	modeReturn   = "return"
	modeProgress = "progress"
	modeDone     = "done"
	modeUrge     = "urge"
	modeExtend   = "extend"
	modeRectify  = "rectify"
	modeReport   = "report" // 述诺
	modeGrade    = "grade"
	modeVote     = "vote"
	modeClose    = "close" // confirming the close of an evaluation round
)
