package discipline

import (
	"time"

	"sibu/flows/kit"
)

// Effects of the 四个凡提必 gate. Every decision is a records event.

// NomineeAdded: an official added a nominee with four open checks.
// Condition: no nominee with its id exists.
//
//	{"type":"sibu.nominee.added","data":{"nominee_id":"…","name":"…","unit":"b1","post":"镇长","by":20}}
type NomineeAdded struct{ Nominee Nominee }

// EventType implements kit.Effect.
func (NomineeAdded) EventType() string { return "sibu.nominee.added" }

// nomineeEvent is the data of the nominee events.
type nomineeEvent struct {
	NomineeID string    `json:"nominee_id"`
	Name      string    `json:"name"`
	Unit      string    `json:"unit"`
	Post      string    `json:"post,omitempty"`
	By        int64     `json:"by"`
	Check     *Check    `json:"check,omitempty"`
	Cleared   bool      `json:"cleared,omitempty"`
	Tipoff    string    `json:"tipoff_id,omitempty"`
	At        time.Time `json:"at,omitzero"`
}

// EventData implements kit.Effect, subject the nominee.
func (e NomineeAdded) EventData() (string, any) {
	n := e.Nominee
	return n.ID, nomineeEvent{NomineeID: n.ID, Name: n.Name, Unit: n.Unit, Post: n.Post, By: n.By}
}

// NomineeChange is what the gate's decisions carry: the nominee after the
// decision, the revision it was read at, who decided. Condition: the
// stored nominee is still at Prev.
type NomineeChange struct {
	Nominee Nominee
	Prev    int64
	By      int64
}

// NomineeChanged returns the change itself.
func (c NomineeChange) NomineeChanged() NomineeChange { return c }

// NomineeEffect is implemented by the effects that change a nominee.
type NomineeEffect interface {
	kit.Effect
	NomineeChanged() NomineeChange
}

// event is the data of a change's event, with the check it is about.
func (c NomineeChange) event(k CheckKind) nomineeEvent {
	n := c.Nominee
	d := nomineeEvent{NomineeID: n.ID, Name: n.Name, Unit: n.Unit, Post: n.Post, By: c.By, Cleared: n.Cleared}
	if k != "" {
		ch := n.Check(k)
		d.Check, d.At = &ch, ch.At
	}
	return d
}

// CheckClosed: the responsible office closed a check with a verdict, a
// note and evidence.
//
//	{"type":"sibu.nominee.check.closed","data":{"nominee_id":"…","by":25,"check":{"kind":"opinion","verdict":"pass",…}}}
type CheckClosed struct {
	NomineeChange
	Kind CheckKind
}

// EventType implements kit.Effect.
func (CheckClosed) EventType() string { return "sibu.nominee.check.closed" }

// EventData implements kit.Effect, subject the nominee.
func (e CheckClosed) EventData() (string, any) { return e.Nominee.ID, e.event(e.Kind) }

// Cleared: an official marked the nominee 可提名 (all four checks passed).
//
//	{"type":"sibu.nominee.cleared","data":{"nominee_id":"…","by":20,"cleared":true}}
type Cleared struct{ NomineeChange }

// EventType implements kit.Effect.
func (Cleared) EventType() string { return "sibu.nominee.cleared" }

// EventData implements kit.Effect, subject the nominee.
func (e Cleared) EventData() (string, any) { return e.Nominee.ID, e.event("") }

// TipoffLinked: an inspector linked a tip-off to the nominee; its 凡提必查
// check is open again (and the nominee no longer 可提名).
//
//	{"type":"sibu.nominee.tipoff.linked","data":{"nominee_id":"…","by":25,"tipoff_id":"…"}}
type TipoffLinked struct {
	NomineeChange
	Tipoff string
}

// EventType implements kit.Effect.
func (TipoffLinked) EventType() string { return "sibu.nominee.tipoff.linked" }

// EventData implements kit.Effect, subject the nominee.
func (e TipoffLinked) EventData() (string, any) {
	d := e.event(CheckPetition)
	d.Tipoff = e.Tipoff
	return e.Nominee.ID, d
}
