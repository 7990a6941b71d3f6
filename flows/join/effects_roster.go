package join

import (
	"fmt"
	"time"

	"sibu/flows/kit"
)

// Change is one roster row to write: a new person (Old nil) or a changed
// one, with what the import read of them.
type Change struct {
	Phone string
	New   Expected
	// Line orders the unit's names as the file did.
	Line int
	Old  *Expected
	// OldRaw is the stored JSON of Old; Joined who had joined as them.
	OldRaw string
	Joined int64
}

// RosterChanged writes roster rows. Condition: each row's stored entry, and
// who joined as it, are still what the import read (a join or another
// import meanwhile makes the step run again). Not a records fact:
// RosterImported is.
type RosterChanged struct{ Changes []Change }

// EventType implements kit.Effect ("": not a records fact).
func (RosterChanged) EventType() string { return "" }

// EventData implements kit.Effect.
func (RosterChanged) EventData() (string, any) { return "", nil }

// RosterImported: a roster file was imported (by an official, or at the
// command line: By 0). Its rejected rows and the people missing from it
// are kept a week for the report's XLSX; the records event has the
// figures and a reference only, never names or numbers.
//
//	{"type":"sibu.roster.imported","data":{"import":"roster-import:c0de","file":"名单.xlsx","by":7,"scope":"dc","rows":12,"added":6,"updated":2,"unchanged":1,"rejected":3,"missing":2,"at":"…"}}
type RosterImported struct {
	ID        string
	File      string
	By        int64
	Scope     string
	At        time.Time
	Rows      int
	Added     int
	Updated   int
	Unchanged int
	Rejected  []Rejected
	Missing   []Entry
}

// EventType implements kit.Effect.
func (RosterImported) EventType() string { return "sibu.roster.imported" }

// importedEvent is the data of sibu.roster.imported.
type importedEvent struct {
	Import    string    `json:"import"`
	File      string    `json:"file"`
	By        int64     `json:"by"`
	Scope     string    `json:"scope"`
	Rows      int       `json:"rows"`
	Added     int       `json:"added"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Rejected  int       `json:"rejected"`
	Missing   int       `json:"missing"`
	At        time.Time `json:"at"`
}

// EventData implements kit.Effect: the figures, subject the importer's unit.
func (e RosterImported) EventData() (string, any) {
	return e.Scope, importedEvent{Import: "roster-import:" + e.ID, File: e.File, By: e.By, Scope: e.Scope, Rows: e.Rows,
		Added: e.Added, Updated: e.Updated, Unchanged: e.Unchanged, Rejected: len(e.Rejected), Missing: len(e.Missing), At: e.At}
}

// Effects are the writes of im for the import record rec: the changed rows
// in chunks of at most chunk (each one RosterChanged, so a big import
// commits in parts at the command line), then rec with im's figures.
func (im Import) Effects(rec RosterImported, chunk int) []kit.Effect {
	var out []kit.Effect
	for from := 0; from < len(im.Changes); from += chunk {
		out = append(out, RosterChanged{Changes: im.Changes[from:min(from+chunk, len(im.Changes))]})
	}
	rec.Rows, rec.Added, rec.Updated, rec.Unchanged = im.Rows, im.Added, im.Updated, im.Unchanged
	rec.Rejected, rec.Missing = im.Rejected, im.Missing
	return append(out, rec)
}

// RosterJoined: someone joined as the roster entry of their own number
// (their MemberJoined is in the same commit and carries the entry's
// reference). Condition: nobody joined as the entry yet, and it is still
// as read (Raw). Not a records fact.
type RosterJoined struct {
	Phone string
	Entry Expected
	Raw   string
	User  int64
}

// EventType implements kit.Effect ("": not a records fact).
func (RosterJoined) EventType() string { return "" }

// EventData implements kit.Effect.
func (RosterJoined) EventData() (string, any) { return "", nil }

// LinkCreated: a supervisor or official made a unit's join link.
// Condition: the unit's current link is still Replaces ("" none).
//
//	{"type":"sibu.join_link.created","data":{"unit":"dc-b1","by":7,"expires_at":"…"}}
type LinkCreated struct {
	Link     UnitLink
	Replaces string
}

// EventType implements kit.Effect.
func (LinkCreated) EventType() string { return "sibu.join_link.created" }

// linkEvent is the data of the join link events (never the code).
type linkEvent struct {
	Unit      string    `json:"unit"`
	By        int64     `json:"by"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	At        time.Time `json:"at,omitzero"`
}

// EventData implements kit.Effect: the link without its code, subject its
// unit.
func (e LinkCreated) EventData() (string, any) {
	return e.Link.Unit, linkEvent{Unit: e.Link.Unit, By: e.Link.By, ExpiresAt: e.Link.ExpiresAt}
}

// LinkRevoked: a unit's join link was stopped. Condition: it is still the
// unit's current link.
//
//	{"type":"sibu.join_link.revoked","data":{"unit":"dc-b1","by":7,"at":"…"}}
type LinkRevoked struct {
	Code string
	Unit string
	By   int64
	At   time.Time
}

// EventType implements kit.Effect.
func (LinkRevoked) EventType() string { return "sibu.join_link.revoked" }

// EventData implements kit.Effect, subject the unit.
func (e LinkRevoked) EventData() (string, any) {
	return e.Unit, linkEvent{Unit: e.Unit, By: e.By, At: e.At}
}

// RequestCreated: someone not on the roster asked to join a unit through
// its link. Condition: they have no other request waiting.
//
//	{"type":"sibu.join.requested","data":{"request":"join-request:c0de","unit":"dc-b1","user_id":42,"name":"王小明","at":"…"}}
type RequestCreated struct{ Request Request }

// EventType implements kit.Effect.
func (RequestCreated) EventType() string { return "sibu.join.requested" }

// requestEvent is the data of the join request events (never the number).
type requestEvent struct {
	Request string    `json:"request"`
	Unit    string    `json:"unit"`
	UserID  int64     `json:"user_id"`
	Name    string    `json:"name,omitempty"`
	By      int64     `json:"by,omitempty"`
	At      time.Time `json:"at"`
}

// EventData implements kit.Effect, subject the requester's user id.
func (e RequestCreated) EventData() (string, any) {
	r := e.Request
	return fmt.Sprint(r.User), requestEvent{Request: "join-request:" + r.ID, Unit: r.Unit, UserID: r.User, Name: r.Name, At: r.At}
}

// RequestDecided: a secretary approved (with the requester's MemberJoined
// in the same commit) or refused a join request. Condition: it still
// waits; an approval also that the requester has not joined meanwhile.
//
//	{"type":"sibu.join.approved","data":{"request":"join-request:c0de","unit":"dc-b1","user_id":42,"by":10,"at":"…"}}
type RequestDecided struct {
	Request  Request
	Approved bool
	By       int64
	At       time.Time
}

// EventType implements kit.Effect: sibu.join.approved or sibu.join.refused.
func (e RequestDecided) EventType() string {
	if e.Approved {
		return "sibu.join.approved"
	}
	return "sibu.join.refused"
}

// EventData implements kit.Effect, subject the requester's user id.
func (e RequestDecided) EventData() (string, any) {
	r := e.Request
	return fmt.Sprint(r.User), requestEvent{Request: "join-request:" + r.ID, Unit: r.Unit, UserID: r.User, By: e.By, At: e.At}
}
