package join

import (
	"fmt"
	"time"

	"sibu/flows/kit"
)

// MemberJoined: a person used an invite. Condition: the invite is unused
// at commit time. An empty Invite adds the person directly (demo seeding,
// imports by an official). Ref says what admitted them when it was no
// invite: "roster:<entry ref>" (their number on the roster) or
// "join-request:<id>" (a secretary's approval).
//
//	{"type":"sibu.member.joined","data":{"user_id":42,"name":"张三","unit":"root","role":"member","joined_at":"…","ref":"roster:c0de"}}
type MemberJoined struct {
	Person kit.Person
	Invite string
	Ref    string `json:",omitempty"`
}

// EventType implements kit.Effect.
func (MemberJoined) EventType() string { return "sibu.member.joined" }

// joinedEvent is the data of sibu.member.joined.
type joinedEvent struct {
	UserID   int64     `json:"user_id"`
	Name     string    `json:"name"`
	Unit     string    `json:"unit"`
	Role     kit.Role  `json:"role"`
	JoinedAt time.Time `json:"joined_at"`
	Ref      string    `json:"ref,omitempty"`
}

// EventData implements kit.Effect: the person, subject their user id.
func (e MemberJoined) EventData() (string, any) {
	p := e.Person
	return fmt.Sprint(p.ID), joinedEvent{UserID: p.ID, Name: p.Name, Unit: p.Unit, Role: p.Role, JoinedAt: p.JoinedAt, Ref: e.Ref}
}

// InviteCreated: a supervisor or official created a join code.
//
//	{"type":"sibu.invite.created","data":{"unit":"root","role":"member","by":7,"expires_at":"…"}}
type InviteCreated struct{ Invite kit.Invite }

// EventType implements kit.Effect.
func (InviteCreated) EventType() string { return "sibu.invite.created" }

// inviteEvent is the data of sibu.invite.created (never the code).
type inviteEvent struct {
	Unit      string    `json:"unit"`
	Role      kit.Role  `json:"role"`
	By        int64     `json:"by"`
	ExpiresAt time.Time `json:"expires_at"`
}

// EventData implements kit.Effect: the invite without its code, subject
// its unit.
func (e InviteCreated) EventData() (string, any) {
	i := e.Invite
	return i.Unit, inviteEvent{Unit: i.Unit, Role: i.Role, By: i.By, ExpiresAt: i.ExpiresAt}
}
