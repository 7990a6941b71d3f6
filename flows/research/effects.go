package research

import (
	"time"

	"sibu/flows/kit"
)

// Effects of research campaigns. Storage applies them with the conditions
// each documents; EventData is the records event each one becomes.

// Logged: a meeting (听) or a visit (访) was logged. Condition: no record
// has its id. Storage stores it, indexes it under its author and counts it
// (and its people) on its unit's day. Its opinions come as OpinionAdded
// effects of the same step.
//
//	{"type":"sibu.research.meeting.logged","data":{"record_id":"…","kind":"meeting","type":"座谈会","unit":"dongcheng","date":"2026-11-25","people":30,…}}
type Logged struct{ Record Record }

// EventType implements kit.Effect: sibu.research.meeting.logged or
// sibu.research.visit.logged.
func (e Logged) EventType() string { return "sibu.research." + e.Record.Kind + ".logged" }

// EventData implements kit.Effect: the record, subject its id.
func (e Logged) EventData() (string, any) { return e.Record.ID, recordData(e.Record, 0) }

// Amended: the author changed a meeting or a visit (within the edit
// window). Condition: the stored record still has Before.Rev. Storage
// moves its counts from Before's unit and day to After's.
type Amended struct {
	Before, After Record
}

// EventType implements kit.Effect: sibu.research.meeting.amended or
// sibu.research.visit.amended.
func (e Amended) EventType() string { return "sibu.research." + e.After.Kind + ".amended" }

// EventData implements kit.Effect: the record after the change, subject
// its id.
func (e Amended) EventData() (string, any) { return e.After.ID, recordData(e.After, e.Before.Rev) }

// recordEvent is the data of the record events.
type recordEvent struct {
	RecordID string     `json:"record_id"`
	Kind     string     `json:"kind"`
	Type     string     `json:"type"`
	Unit     string     `json:"unit"`
	Date     string     `json:"date"`
	Place    string     `json:"place,omitempty"`
	People   int64      `json:"people"`
	Names    string     `json:"names,omitempty"`
	FollowUp bool       `json:"follow_up,omitempty"`
	Opinions []string   `json:"opinions,omitempty"`
	Evidence []kit.File `json:"evidence,omitempty"`
	By       int64      `json:"by"`
	Rev      int        `json:"rev"`
	Previous int        `json:"previous_rev,omitempty"`
}

func recordData(r Record, prev int) recordEvent {
	return recordEvent{RecordID: r.ID, Kind: r.Kind, Type: r.Type, Unit: r.Unit, Date: r.Date, Place: r.Place,
		People: r.People, Names: r.Names, FollowUp: r.FollowUp, Opinions: r.Opinions, Evidence: r.Evidence,
		By: r.By, Rev: r.Rev, Previous: prev}
}

// OpinionAdded: an opinion entered the 意见台账. Condition: no opinion has
// its id, and for an imported one (a questionnaire's comment, a talk's
// summary) that its Ref was not imported before. Storage indexes it under
// its unit and counts it on its day.
//
//	{"type":"sibu.research.opinion.added","data":{"opinion_id":"…","source":"meeting","ref":"…","unit":"dongcheng","text":"…"}}
type OpinionAdded struct{ Opinion Opinion }

// EventType implements kit.Effect.
func (OpinionAdded) EventType() string { return "sibu.research.opinion.added" }

// EventData implements kit.Effect: the opinion, subject its id. A talk's
// summary stays out (a reference instead), as talk events keep it.
func (e OpinionAdded) EventData() (string, any) { return e.Opinion.ID, opinionData(e.Opinion, "") }

// opinionEvent is the data of the opinion events.
type opinionEvent struct {
	OpinionID string    `json:"opinion_id"`
	Source    string    `json:"source"`
	Ref       string    `json:"ref"`
	Unit      string    `json:"unit,omitempty"`
	Date      string    `json:"date"`
	Text      string    `json:"text,omitempty"`
	TextRef   string    `json:"text_ref,omitempty"`
	Voice     string    `json:"voice_file_id,omitempty"`
	Topic     string    `json:"topic,omitempty"`
	Anonymous bool      `json:"anonymous,omitempty"`
	By        int64     `json:"by,omitempty"`
	Rev       int       `json:"rev"`
	Change    string    `json:"change,omitempty"`
	Handling  *Handling `json:"handling,omitempty"`
}

func opinionData(o Opinion, change string) opinionEvent {
	d := opinionEvent{OpinionID: o.ID, Source: o.Source, Ref: o.Ref, Unit: o.Unit, Date: o.Date, Text: o.Text,
		Voice: o.Voice, Topic: o.Topic, Anonymous: o.Anonymous, By: o.By, Rev: o.Rev, Change: change}
	if o.Private {
		d.Text, d.Voice, d.TextRef = "", "", o.Ref
	}
	if o.Handling.Kind != HandledNone {
		h := o.Handling
		d.Handling = &h
	}
	return d
}

// Change is one opinion moving from Before to After: tagged, turned into a
// commitment item, given a follow-up, or its follow-up done. Condition: the
// stored opinion still has Before.Rev.
type Change struct {
	Before, After Opinion
	By            int64
	At            time.Time
}

// OpinionChange returns the change itself (every opinion change has it).
func (c Change) OpinionChange() Change { return c }

// OpinionChange is implemented by the effects that change an opinion.
type OpinionChange interface {
	kit.Effect
	OpinionChange() Change
}

// Tagged: an opinion got its topic.
type Tagged struct{ Change }

// EventType implements kit.Effect.
func (Tagged) EventType() string { return "sibu.research.opinion.tagged" }

// EventData implements kit.Effect: the opinion after the change.
func (e Tagged) EventData() (string, any) { return e.After.ID, opinionData(e.After, "tagged") }

// Committed: an opinion became a commitment item (定 draws on collected
// opinions); Handling.Item names it.
type Committed struct{ Change }

// EventType implements kit.Effect.
func (Committed) EventType() string { return "sibu.research.opinion.committed" }

// EventData implements kit.Effect: the opinion after the change.
func (e Committed) EventData() (string, any) { return e.After.ID, opinionData(e.After, "committed") }

// FollowUpAssigned: someone was asked to follow an opinion up by a day.
type FollowUpAssigned struct{ Change }

// EventType implements kit.Effect.
func (FollowUpAssigned) EventType() string { return "sibu.research.opinion.followup.assigned" }

// EventData implements kit.Effect: the opinion after the change.
func (e FollowUpAssigned) EventData() (string, any) {
	return e.After.ID, opinionData(e.After, "followup_assigned")
}

// FollowUpDone: the follow-up of an opinion was reported done.
type FollowUpDone struct{ Change }

// EventType implements kit.Effect.
func (FollowUpDone) EventType() string { return "sibu.research.opinion.followup.done" }

// EventData implements kit.Effect: the opinion after the change.
func (e FollowUpDone) EventData() (string, any) {
	return e.After.ID, opinionData(e.After, "followup_done")
}

// FollowUpReminded: the assignee of an open follow-up was reminded of its
// deadline (Stage d1 the day before, d0 on the day). Conditions: that
// stage was not sent for that deadline and assignee before (Key, a claim
// on the opinion), and the opinion still has Rev — one done or changed
// since it was read is not reminded (a later run reads it again).
//
//	{"type":"sibu.research.opinion.followup.reminded","data":{"opinion_id":"…","stage":"d1","to":42,"deadline":"2026-12-10"}}
type FollowUpReminded struct {
	OpinionID string
	Rev       int
	Key       string // "<deadline>:<stage>:<to>"
	Stage     string // StageDayBefore or StageDeadline
	To        int64
	Deadline  string
}

// EventType implements kit.Effect.
func (FollowUpReminded) EventType() string { return "sibu.research.opinion.followup.reminded" }

// remindedEvent is the data of sibu.research.opinion.followup.reminded.
type remindedEvent struct {
	OpinionID string `json:"opinion_id"`
	Stage     string `json:"stage"`
	To        int64  `json:"to"`
	Deadline  string `json:"deadline"`
}

// EventData implements kit.Effect: the stage without its claim key,
// subject the opinion id.
func (e FollowUpReminded) EventData() (string, any) {
	return e.OpinionID, remindedEvent{OpinionID: e.OpinionID, Stage: e.Stage, To: e.To, Deadline: e.Deadline}
}
