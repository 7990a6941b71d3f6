package join

import "sibu/flows/kit"

// State is the join part of a chat's session.
type State struct {
	Join *Run `json:"j,omitempty"`
}

// JoinState returns s; through embedding it gives a session's State.
func (s *State) JoinState() *State { return s }

type holder interface{ JoinState() *State }

func state(st *kit.Step) *State { return st.Session.(holder).JoinState() }

// Run is a join in progress: the invite and the name typed so far. Admin
// is a configured admin giving their real name (no invite). Link is a
// join through a unit's link (Code is the link's): Shared once they shared
// their own contact (Phone its mainland number, Tail its last digits),
// Matched when the number is on the roster (Name, Unit and Role are then
// the roster's), RosterName when they said the roster's name is not
// theirs.
type Run struct {
	Code       string   `json:"c"`
	Unit       string   `json:"u"`
	Role       kit.Role `json:"r"`
	Name       string   `json:"n,omitempty"`
	Admin      bool     `json:"a,omitempty"`
	Link       bool     `json:"l,omitempty"`
	Shared     bool     `json:"s,omitempty"`
	Phone      string   `json:"p,omitempty"`
	Tail       string   `json:"t,omitempty"`
	Matched    bool     `json:"m,omitempty"`
	RosterName string   `json:"rn,omitempty"`
}
