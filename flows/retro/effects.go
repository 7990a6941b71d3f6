package retro

import (
	"strconv"
	"time"

	"sibu/flows/kit"
)

// Effects of 复盘. Storage applies them with the conditions each documents;
// EventData is the records event each one becomes.

// Opened: a facilitator opened a 复盘 and named its participants.
// Condition: no 复盘 with its id exists.
//
//	{"type":"sibu.retro.opened","data":{"retro_id":"…","title":"…","unit":"b1","by":10,"participants":[31,32],…}}
type Opened struct{ Retro Retro }

// EventType implements kit.Effect.
func (Opened) EventType() string { return "sibu.retro.opened" }

// openedEvent is the data of sibu.retro.opened.
type openedEvent struct {
	RetroID      string  `json:"retro_id"`
	Title        string  `json:"title"`
	Unit         string  `json:"unit"`
	By           int64   `json:"by"`
	Event        Event   `json:"event"`
	Date         string  `json:"date"`
	Place        string  `json:"place,omitempty"`
	Participants []int64 `json:"participants"`
	Figures      string  `json:"figures,omitempty"`
}

// EventData implements kit.Effect, subject the 复盘.
func (e Opened) EventData() (string, any) {
	r := e.Retro
	d := openedEvent{RetroID: r.ID, Title: r.Title, Unit: r.Unit, By: r.By, Event: r.Event, Date: r.Date,
		Place: r.Place, Participants: make([]int64, len(r.People)), Figures: r.Figures}
	for i, p := range r.People {
		d.Participants[i] = p.ID
	}
	return r.ID, d
}

// Contributed: a participant gave their answers. Conditions: the 复盘 is
// open and they have not contributed before.
//
//	{"type":"sibu.retro.contributed","data":{"retro_id":"…","person":31,"answers":{"purpose":"…"}}}
type Contributed struct{ Contribution Contribution }

// EventType implements kit.Effect.
func (Contributed) EventType() string { return "sibu.retro.contributed" }

// contributedEvent is the data of sibu.retro.contributed.
type contributedEvent struct {
	RetroID string           `json:"retro_id"`
	Person  int64            `json:"person"`
	Name    string           `json:"name"`
	Answers map[Field]string `json:"answers"`
}

// EventData implements kit.Effect, subject "<retro>/<person>".
func (e Contributed) EventData() (string, any) {
	c := e.Contribution
	return c.Retro + "/" + strconv.FormatInt(c.Person, 10), contributedEvent{RetroID: c.Retro, Person: c.Person, Name: c.Name, Answers: c.Answers}
}

// Change is what the facilitator's effects carry: the 复盘 after the
// change, the revision it was read at and who changed it. Condition: the
// stored 复盘 is still at Prev.
type Change struct {
	Retro Retro
	Prev  int64
	By    int64
}

// RetroChange returns the change itself (implemented by every change
// effect).
func (c Change) RetroChange() Change { return c }

// Effect is implemented by the effects that change a stored 复盘.
type Effect interface {
	kit.Effect
	RetroChange() Change
}

// Edited: the facilitator replaced a box's merged text.
//
//	{"type":"sibu.retro.edited","data":{"retro_id":"…","field":"purpose","text":"…","by":10}}
type Edited struct {
	Change
	Field Field
}

// EventType implements kit.Effect.
func (Edited) EventType() string { return "sibu.retro.edited" }

// editedEvent is the data of sibu.retro.edited.
type editedEvent struct {
	RetroID string `json:"retro_id"`
	Field   Field  `json:"field"`
	Label   string `json:"label"`
	Text    string `json:"text"`
	By      int64  `json:"by"`
}

// EventData implements kit.Effect, subject the 复盘.
func (e Edited) EventData() (string, any) {
	r := e.Retro
	return r.ID, editedEvent{RetroID: r.ID, Field: e.Field, Label: Labels[e.Field], Text: r.Merged[e.Field], By: e.By}
}

// Urged: the facilitator reminded the participants who had not given their
// answers (People), once that day (Retro.Urged).
//
//	{"type":"sibu.retro.urged","data":{"retro_id":"…","people":[31,32],"by":10}}
type Urged struct {
	Change
	People []int64
}

// EventType implements kit.Effect.
func (Urged) EventType() string { return "sibu.retro.urged" }

// urgedEvent is the data of sibu.retro.urged.
type urgedEvent struct {
	RetroID string  `json:"retro_id"`
	People  []int64 `json:"people"`
	By      int64   `json:"by"`
}

// EventData implements kit.Effect, subject the 复盘.
func (e Urged) EventData() (string, any) {
	return e.Retro.ID, urgedEvent{RetroID: e.Retro.ID, People: e.People, By: e.By}
}

// Closed: the facilitator closed the 复盘; Document is its final text,
// box by box, as the DOCX lays it out (kept in the records system).
//
//	{"type":"sibu.retro.closed","data":{"retro_id":"…","document":{"purpose":"…",…},"contributors":[31]}}
type Closed struct {
	Change
	Document     map[Field]string
	Contributors []int64
}

// EventType implements kit.Effect.
func (Closed) EventType() string { return "sibu.retro.closed" }

// closedEvent is the data of sibu.retro.closed.
type closedEvent struct {
	RetroID      string           `json:"retro_id"`
	Title        string           `json:"title"`
	Date         string           `json:"date"`
	Place        string           `json:"place,omitempty"`
	Participants []int64          `json:"participants"`
	Contributors []int64          `json:"contributors"`
	Document     map[Field]string `json:"document"`
	By           int64            `json:"by"`
	ClosedAt     time.Time        `json:"closed_at"`
}

// EventData implements kit.Effect: the final document, subject the 复盘.
func (e Closed) EventData() (string, any) {
	r := e.Retro
	d := closedEvent{RetroID: r.ID, Title: r.Title, Date: r.Date, Place: r.Place, Contributors: e.Contributors,
		Document: e.Document, By: e.By, ClosedAt: r.Closed.UTC(), Participants: make([]int64, len(r.People))}
	for i, p := range r.People {
		d.Participants[i] = p.ID
	}
	if d.Contributors == nil {
		d.Contributors = []int64{}
	}
	return r.ID, d
}

// Tracked: a line of 有待改进之处 or 转化应用 became a tracked item (the
// item itself is the commitment effect of the same step).
//
//	{"type":"sibu.retro.tracked","data":{"retro_id":"…","line":"…","item_id":"…","owner":31,"deadline":"2026-12-31"}}
type Tracked struct {
	Change
	Line     Line
	Item     string
	Owner    int64
	Deadline string
}

// EventType implements kit.Effect.
func (Tracked) EventType() string { return "sibu.retro.tracked" }

// trackedEvent is the data of sibu.retro.tracked.
type trackedEvent struct {
	RetroID  string `json:"retro_id"`
	Field    Field  `json:"field"`
	Line     string `json:"line"`
	ItemID   string `json:"item_id"`
	Owner    int64  `json:"owner"`
	Deadline string `json:"deadline"`
	By       int64  `json:"by"`
}

// EventData implements kit.Effect, subject the 复盘.
func (e Tracked) EventData() (string, any) {
	return e.Retro.ID, trackedEvent{RetroID: e.Retro.ID, Field: e.Line.Field, Line: e.Line.Text, ItemID: e.Item,
		Owner: e.Owner, Deadline: e.Deadline, By: e.By}
}
