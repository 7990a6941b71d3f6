package tipoff

import "sibu/flows/kit"

// Effects of the tip-off line. What a reporter sends (Submitted, Added)
// is sealed into a pool by storage and becomes a records fact only at its
// batch release (Received, Supplemented), with the day and no reporter;
// the inspectors' effects are facts at once.

// Submitted: a reporter sent a tip-off. Storage seals it with the keyed
// hash of Code into the pool, and counts the reporter's tip-offs of the
// day under a pseudonym. Condition: the reporter had sent Count that day.
// It is not a records fact (the release makes Received).
type Submitted struct {
	Reporter int64
	Count    int
	Code     string
	Tipoff   Tipoff
}

// EventType implements kit.Effect: "" (its fact is Received, at release).
func (Submitted) EventType() string { return "" }

// EventData implements kit.Effect: nothing (never an event).
func (Submitted) EventData() (string, any) { return "", nil }

// Added: a reporter added to their tip-off, by its code; pooled and
// counted like Submitted, a fact (Supplemented) at release.
type Added struct {
	Reporter int64
	Count    int
	Code     string
	Note     Note
}

// EventType implements kit.Effect: "" (its fact is Supplemented).
func (Added) EventType() string { return "" }

// EventData implements kit.Effect: nothing (never an event).
func (Added) EventData() (string, any) { return "", nil }

// Received is the records fact of a released tip-off: no reporter, its
// day only (the event's time is the day of the release). Storage makes it
// at the release; no step emits it.
//
//	{"type":"sibu.tipoff.received","data":{"tipoff_id":"…","kind":"bribe","unit":"b1","text":"…","day":"2026-11-25"}}
type Received struct{ Tipoff Tipoff }

// EventType implements kit.Effect.
func (Received) EventType() string { return "sibu.tipoff.received" }

// receivedEvent is the data of sibu.tipoff.received.
type receivedEvent struct {
	TipoffID string     `json:"tipoff_id"`
	Kind     Kind       `json:"kind"`
	Unit     string     `json:"unit"`
	Text     string     `json:"text"`
	Files    []kit.File `json:"files,omitempty"`
	Day      string     `json:"day"`
}

// EventData implements kit.Effect, subject the tip-off.
func (e Received) EventData() (string, any) {
	t := e.Tipoff
	return t.ID, receivedEvent{TipoffID: t.ID, Kind: t.Kind, Unit: t.Unit, Text: t.Text, Files: t.Files, Day: t.Day}
}

// Supplemented is the records fact of a reporter's addition, made at its
// release like Received.
//
//	{"type":"sibu.tipoff.supplemented","data":{"tipoff_id":"…","text":"…","day":"2026-11-26"}}
type Supplemented struct {
	ID   string
	Note Note
}

// EventType implements kit.Effect.
func (Supplemented) EventType() string { return "sibu.tipoff.supplemented" }

// noteEvent is the data of a note's event.
type noteEvent struct {
	TipoffID string     `json:"tipoff_id"`
	Text     string     `json:"text,omitempty"`
	Files    []kit.File `json:"files,omitempty"`
	Day      string     `json:"day,omitempty"`
	By       int64      `json:"by,omitempty"`
	Status   Status     `json:"status,omitempty"`
	Nominee  string     `json:"nominee,omitempty"`
}

// EventData implements kit.Effect, subject the tip-off.
func (e Supplemented) EventData() (string, any) {
	return e.ID, noteEvent{TipoffID: e.ID, Text: e.Note.Text, Files: e.Note.Files, Day: e.Note.Day}
}

// Change is what the inspectors' effects carry: the tip-off after the
// change, the revision it was read at, who changed it. Condition: the
// stored tip-off is still at Prev.
type Change struct {
	Tipoff Tipoff
	Prev   int64
	By     int64
}

// TipoffChange returns the change itself (implemented by every change
// effect).
func (c Change) TipoffChange() Change { return c }

// Effect is implemented by the effects that change a released tip-off.
type Effect interface {
	kit.Effect
	TipoffChange() Change
}

// event is the data of a change's event: the last note when there is one.
func (c Change) event(withNote bool) noteEvent {
	t := c.Tipoff
	d := noteEvent{TipoffID: t.ID, By: c.By, Status: t.Status, Nominee: t.Nominee}
	if n := len(t.Thread); withNote && n > 0 {
		d.Text, d.Files, d.Day = t.Thread[n-1].Text, t.Thread[n-1].Files, t.Thread[n-1].Day
	}
	return d
}

// Answered: an inspector answered (the last note of the thread), which the
// reporter reads with the code.
//
//	{"type":"sibu.tipoff.answered","data":{"tipoff_id":"…","text":"…","day":"2026-11-26","by":25,"status":"handling"}}
type Answered struct{ Change }

// EventType implements kit.Effect.
func (Answered) EventType() string { return "sibu.tipoff.answered" }

// EventData implements kit.Effect, subject the tip-off.
func (e Answered) EventData() (string, any) { return e.Tipoff.ID, e.event(true) }

// Marked: an inspector marked the tip-off 处理中 or 已办结.
//
//	{"type":"sibu.tipoff.marked","data":{"tipoff_id":"…","by":25,"status":"closed"}}
type Marked struct{ Change }

// EventType implements kit.Effect.
func (Marked) EventType() string { return "sibu.tipoff.marked" }

// EventData implements kit.Effect, subject the tip-off.
func (e Marked) EventData() (string, any) { return e.Tipoff.ID, e.event(false) }

// Linked: an inspector tied the tip-off to a nominee, whose 凡提必查 check
// it feeds (the nominee's own effect is in the same step).
//
//	{"type":"sibu.tipoff.linked","data":{"tipoff_id":"…","by":25,"status":"handling","nominee":"…"}}
type Linked struct{ Change }

// EventType implements kit.Effect.
func (Linked) EventType() string { return "sibu.tipoff.linked" }

// EventData implements kit.Effect, subject the tip-off.
func (e Linked) EventData() (string, any) { return e.Tipoff.ID, e.event(false) }
