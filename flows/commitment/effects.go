package commitment

import "sibu/flows/kit"

// Change is what every item transition carries: the item as it is after
// the transition, the revision it was read at and one history entry.
// Condition: the stored item is still at Prev (0 = it must not exist yet),
// unless Follows says an earlier effect of the same step already checked
// it. Storage writes the item at Prev+1, moves its indexes (status counts,
// due set, pending reviews) and appends Entry to its history.
//
// The effects keep Go's field names in JSON (the golden transcripts show
// them); the records event's payload is itemEvent.
type Change struct {
	Item    Item
	Prev    int64
	Follows bool
	From    Status
	Entry   Entry
	// Satisfaction is the round's questionnaire figure the result of an
	// evaluation was decided with (graded, closed, rectification ordered);
	// nil otherwise and when the round used the per-item vote.
	Satisfaction *Satisfaction `json:",omitempty"`
}

// ItemChange implements Effect.
func (c Change) ItemChange() Change { return c }

// EventData implements kit.Effect: the item after the transition, subject
// its id.
func (c Change) EventData() (string, any) { return c.Item.ID, c.event() }

// Effect is implemented by every effect that changes an item.
type Effect interface {
	kit.Effect
	ItemChange() Change
}

// itemEvent is the data of the item events (sibu.commitment.declared, …).
type itemEvent struct {
	ItemID       string             `json:"item_id"`
	Unit         string             `json:"unit"`
	Period       string             `json:"period"`
	Content      string             `json:"content"`
	Measures     string             `json:"measures"`
	Deadline     string             `json:"deadline"`
	Status       Status             `json:"status"`
	By           int64              `json:"by"`
	Owner        int64              `json:"owner,omitempty"`
	OwnerName    string             `json:"owner_name"`
	Direction    string             `json:"direction,omitempty"`
	From         Status             `json:"from,omitempty"`
	Source       string             `json:"source,omitempty"`
	Opinion      string             `json:"opinion,omitempty"`
	Grade        string             `json:"grade,omitempty"`
	Text         string             `json:"text,omitempty"`
	NewDeadline  string             `json:"new_deadline,omitempty"`
	Level        int                `json:"level,omitempty"`
	Percent      int                `json:"percent,omitempty"`
	Evidence     *evidenceEvent     `json:"evidence,omitempty"`
	Extension    *extensionEvent    `json:"extension,omitempty"`
	Satisfaction *satisfactionEvent `json:"satisfaction,omitempty"`
}

// extensionEvent is the pending extension of an item.
type extensionEvent struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// evidenceEvent is the evidence file of a progress or done entry.
type evidenceEvent struct {
	Kind   string `json:"kind"`
	FileID string `json:"file_id"`
}

func (c Change) event() itemEvent {
	i, e := c.Item, c.Entry
	d := itemEvent{ItemID: i.ID, Unit: i.Unit, Period: i.Period, Content: i.Content, Measures: i.Measures,
		Deadline: i.Deadline, Status: i.Status, By: e.By, Owner: i.Owner, OwnerName: i.OwnerName,
		Direction: i.Direction, From: c.From, Source: i.Source, Opinion: i.Opinion, Grade: i.Grade, Text: e.Text,
		NewDeadline: e.Deadline, Level: max(i.Level, 0), Percent: max(e.Percent, 0), Satisfaction: c.Satisfaction.event()}
	if e.File != nil {
		d.Evidence = &evidenceEvent{Kind: e.File.Kind, FileID: e.File.ID}
	}
	if i.Ext != nil {
		d.Extension = &extensionEvent{Date: i.Ext.Date, Reason: i.Ext.Reason}
	}
	return d
}

// Declared: an item was declared (定) or resubmitted after a return; it
// now waits for review at level 1.
//
//	{"type":"sibu.commitment.declared","data":{"item_id":"…","owner":42,"unit":"b1","status":"review",…}}
type Declared struct{ Change }

// EventType implements kit.Effect.
func (Declared) EventType() string { return "sibu.commitment.declared" }

// Returned: a reviewer returned an item with a comment (审 退回).
type Returned struct{ Change }

// EventType implements kit.Effect.
func (Returned) EventType() string { return "sibu.commitment.returned" }

// Approved: a reviewer approved an item at a level; at the last level the
// item becomes active (it enters the ledger's 履 part).
type Approved struct{ Change }

// EventType implements kit.Effect.
func (Approved) EventType() string { return "sibu.commitment.approved" }

// Published: an approved item was posted to the unit's group (公示). It
// changes nothing but the history.
type Published struct{ Change }

// EventType implements kit.Effect.
func (Published) EventType() string { return "sibu.commitment.published" }

// Progress: a 履诺记实 entry (text, optional evidence and percent).
type Progress struct{ Change }

// EventType implements kit.Effect.
func (Progress) EventType() string { return "sibu.commitment.progress" }

// Urged: a supervisor sent a 督办 note.
type Urged struct{ Change }

// EventType implements kit.Effect.
func (Urged) EventType() string { return "sibu.commitment.urged" }

// ExtensionRequested: the owner asked to move the deadline (申请延期).
type ExtensionRequested struct{ Change }

// EventType implements kit.Effect.
func (ExtensionRequested) EventType() string { return "sibu.commitment.extension.requested" }

// Extended: a supervisor approved the extension; the deadline moved.
type Extended struct{ Change }

// EventType implements kit.Effect.
func (Extended) EventType() string { return "sibu.commitment.extended" }

// ExtensionRejected: a supervisor refused the extension.
type ExtensionRejected struct{ Change }

// EventType implements kit.Effect.
func (ExtensionRejected) EventType() string { return "sibu.commitment.extension.rejected" }

// Fulfilled: the owner marked the item done, with evidence (/done).
type Fulfilled struct{ Change }

// EventType implements kit.Effect.
func (Fulfilled) EventType() string { return "sibu.commitment.fulfilled" }

// Graded: an evaluation round gave the item its grade (好/较好/一般/差).
type Graded struct{ Change }

// EventType implements kit.Effect.
func (Graded) EventType() string { return "sibu.commitment.graded" }

// Closed: graded 好 with a satisfied majority: 销号.
type Closed struct{ Change }

// EventType implements kit.Effect.
func (Closed) EventType() string { return "sibu.commitment.closed" }

// RectificationOrdered: 差 or an unsatisfied majority: 限期整改 by a new
// deadline (also when the supervisor sets another date).
type RectificationOrdered struct{ Change }

// EventType implements kit.Effect.
func (RectificationOrdered) EventType() string { return "sibu.commitment.rectification.ordered" }
