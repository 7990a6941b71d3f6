package discipline

import (
	"time"

	"sibu/flows/kit"
)

// Effects of the checklists (四必看, 四必训).

// ChecklistOpened: an official defined a checklist; Targets are the people
// it asks. Condition: no checklist with its id exists.
//
//	{"type":"sibu.checklist.opened","data":{"checklist_id":"…","kind":"watch","title":"…","units":["b1"],"roles":["member"],"targets":3,…}}
type ChecklistOpened struct {
	Checklist Checklist
	Targets   []Target
}

// EventType implements kit.Effect.
func (ChecklistOpened) EventType() string { return "sibu.checklist.opened" }

// checklistEvent is the data of sibu.checklist.opened and closed.
type checklistEvent struct {
	ChecklistID string        `json:"checklist_id"`
	Kind        ChecklistKind `json:"kind"`
	Title       string        `json:"title"`
	Unit        string        `json:"unit"`
	By          int64         `json:"by"`
	Units       []string      `json:"units,omitempty"`
	Roles       []kit.Role    `json:"roles,omitempty"`
	List        string        `json:"list,omitempty"`
	Deadline    string        `json:"deadline,omitempty"`
	Material    string        `json:"material,omitempty"`
	At          time.Time     `json:"at,omitzero"`
	Place       string        `json:"place,omitempty"`
	Targets     int           `json:"targets,omitempty"`
	Done        *int          `json:"done,omitempty"`
}

// EventData implements kit.Effect, subject the checklist. The check-in
// code stays out (it is shown at the session).
func (e ChecklistOpened) EventData() (string, any) {
	c := e.Checklist
	return c.ID, checklistEvent{ChecklistID: c.ID, Kind: c.Kind, Title: c.Title, Unit: c.Unit, By: c.By, Units: c.Units,
		Roles: c.Roles, List: c.List, Deadline: c.Deadline, Material: c.Material, At: c.At, Place: c.Place, Targets: len(e.Targets)}
}

// Confirmed: a person did a checklist (看完了 with an optional 心得, or a
// training's check-in). Conditions: the checklist is open, the person is
// one of its targets and has not confirmed before.
//
//	{"type":"sibu.checklist.confirmed","data":{"checklist_id":"…","person":31,"how":"watched","note":"…"}}
type Confirmed struct{ Confirmation Confirmation }

// EventType implements kit.Effect.
func (Confirmed) EventType() string { return "sibu.checklist.confirmed" }

// confirmedEvent is the data of sibu.checklist.confirmed.
type confirmedEvent struct {
	ChecklistID string `json:"checklist_id"`
	Person      int64  `json:"person"`
	How         string `json:"how"`
	Note        string `json:"note,omitempty"`
}

// EventData implements kit.Effect, subject "<checklist>/<person>".
func (e Confirmed) EventData() (string, any) {
	c := e.Confirmation
	return c.Checklist + "/" + itoa(c.Person), confirmedEvent{ChecklistID: c.Checklist, Person: c.Person, How: c.How, Note: c.Note}
}

// ChecklistClosed: an official closed a checklist (no more confirmations
// or reminders). Condition: the stored checklist is still at Prev.
//
//	{"type":"sibu.checklist.closed","data":{"checklist_id":"…","targets":5,"done":4,…}}
type ChecklistClosed struct {
	Checklist Checklist
	Prev      int64
	By        int64
	Targets   int
	Done      int
}

// EventType implements kit.Effect.
func (ChecklistClosed) EventType() string { return "sibu.checklist.closed" }

// EventData implements kit.Effect: the completion at the close.
func (e ChecklistClosed) EventData() (string, any) {
	c := e.Checklist
	done := e.Done
	return c.ID, checklistEvent{ChecklistID: c.ID, Kind: c.Kind, Title: c.Title, Unit: c.Unit, By: e.By,
		Targets: e.Targets, Done: &done}
}

// ChecklistReminded: the reminder job reminded a person who has not done
// a checklist. Condition: not sent before under Key, so replicas and
// retries send it once. Not a records fact.
type ChecklistReminded struct {
	Checklist string
	Person    int64
	Key       string
}

// EventType implements kit.Effect: "" (not a records fact).
func (ChecklistReminded) EventType() string { return "" }

// EventData implements kit.Effect: nothing.
func (ChecklistReminded) EventData() (string, any) { return "", nil }
