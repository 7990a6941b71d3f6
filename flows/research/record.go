package research

import (
	"fmt"
	"time"

	"sibu/flows/kit"
)

// Kinds of a Record: a meeting (听) or a visit (访).
const (
	KindMeeting = "meeting"
	KindVisit   = "visit"
)

// MeetingTypes are the kinds of meeting 听 logs (Record.Type of a meeting).
var MeetingTypes = []string{"情况汇报会", "座谈会", "个别听取"}

// Record is one logged meeting (听: 情况汇报会, 座谈会, 个别听取) or visit
// (访: to a 村居, 站所, 企业 or 农户). Its opinions are stored apart, each
// an Opinion whose Ref is the record's id.
type Record struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Type is the meeting's kind, or the visit's place (Settings.Places).
	Type string `json:"type"`
	Unit string `json:"unit"`
	// Date is the day it took place, 2006-01-02.
	Date string `json:"date"`
	// Place is where a meeting was held, or whom a visit went to (a
	// village, an enterprise's name); free text.
	Place string `json:"place,omitempty"`
	// People is how many took part (a meeting) or were met (a visit);
	// Names optionally names them.
	People int64  `json:"people"`
	Names  string `json:"names,omitempty"`
	// FollowUp: the visit found something that needs a follow-up.
	FollowUp bool `json:"follow_up,omitempty"`
	// Evidence are photos of the sign-in sheet or of the meeting.
	Evidence []kit.File `json:"evidence,omitempty"`
	// Opinions are the ids of the opinions heard there, in order.
	Opinions []string  `json:"opinions,omitempty"`
	By       int64     `json:"by"`
	ByName   string    `json:"by_name"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	// Rev counts the record's changes; a change commits only if the stored
	// record still has the Rev it was read with.
	Rev int `json:"rev"`
}

// Editable reports whether the record may still be changed at now by its
// author: within window of its logging.
func (r Record) Editable(now time.Time, window time.Duration) bool {
	return now.Before(r.Created.Add(window))
}

// Sources of an Opinion.
const (
	SourceMeeting = "meeting" // 听: a meeting's record
	SourceVisit   = "visit"   // 访: a visit's record
	SourceSurvey  = "survey"  // 问: a questionnaire's comment
	SourceTalk    = "talk"    // 谈: a talk's summary
)

// Opinion is one entry of the 意见台账: an opinion or request heard at a
// meeting or a visit, written in a questionnaire's comment or said in a
// talk, traceable to its source (Source and Ref), classified by a topic,
// and handled: turned into a commitment item or followed up by someone.
type Opinion struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	// Ref is what it came from: a record's id, "survey:<id>:<response>:<question>"
	// or "talk:<round>:<user>".
	Ref string `json:"ref"`
	// Title names the source for people: the meeting's or visit's line,
	// the questionnaire's or round's title.
	Title string `json:"title,omitempty"`
	// Unit is where it came from; "" for an anonymous comment released
	// without its unit.
	Unit string `json:"unit,omitempty"`
	Date string `json:"date"`
	Text string `json:"text,omitempty"`
	// Voice is the file_id of a voice note (the opinion in the person's
	// own words).
	Voice string `json:"voice,omitempty"`
	Topic string `json:"topic,omitempty"`
	// Anonymous: from an anonymous questionnaire (no person, no time of
	// day; shown without anything that could single the person out).
	Anonymous bool `json:"anonymous,omitempty"`
	// Private: from a talk summary, seen by officials only.
	Private bool `json:"private,omitempty"`
	// By is who recorded it (0 for imported ones).
	By       int64    `json:"by,omitempty"`
	Handling Handling `json:"handling,omitzero"`
	Rev      int      `json:"rev"`
}

// Handling kinds.
const (
	HandledNone       = ""
	HandledCommitment = "commitment"
	HandledFollowUp   = "followup"
)

// Handling is what became of an opinion: nothing yet, a commitment item
// (Item), or a follow-up by Assignee before Deadline (Done when finished).
type Handling struct {
	Kind         string    `json:"kind,omitempty"`
	Item         string    `json:"item,omitempty"`
	Assignee     int64     `json:"assignee,omitempty"`
	AssigneeName string    `json:"assignee_name,omitempty"`
	Deadline     string    `json:"deadline,omitempty"`
	Done         bool      `json:"done,omitempty"`
	Note         string    `json:"note,omitempty"`
	By           int64     `json:"by,omitempty"`
	At           time.Time `json:"at,omitzero"`
}

// Open reports whether the opinion waits for its follow-up.
func (o Opinion) Open() bool { return o.Handling.Kind == HandledFollowUp && !o.Handling.Done }

// newID is an id unique per person, time and index: base36 of each.
func newID(by int64, now time.Time, i int) string {
	return fmt.Sprintf("%s%s%s", base36(uint64(by)), base36(uint64(now.UnixMilli())), base36(uint64(i)))
}

// base36 writes n in digits 0-9a-z.
func base36(n uint64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append(b, digits[n%36])
		n /= 36
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
