package talk

import (
	"fmt"
	"strconv"
	"time"

	"sibu/flows/kit"
)

// Effects of talk rounds. Storage applies them with the conditions each
// documents; EventData is the records event each one becomes. Phone
// numbers and summaries stay out of events (a reference
// "talk:<round>:<user>" instead) unless Settings.RecordsIncludePrivate.

// RoundOpened: an official opened (or reopened) a round.
//
//	{"type":"sibu.talk.round.opened","data":{"round":"hj2026","title":"…","by":7,"deadline":"…"}}
type RoundOpened struct {
	Round Round
	By    int64
}

// EventType implements kit.Effect.
func (RoundOpened) EventType() string { return "sibu.talk.round.opened" }

// roundOpenedEvent is the data of sibu.talk.round.opened.
type roundOpenedEvent struct {
	Round    string    `json:"round"`
	Title    string    `json:"title"`
	By       int64     `json:"by"`
	Deadline time.Time `json:"deadline"`
	Units    []string  `json:"units"`
	Sessions []Session `json:"sessions"`
	Slots    int       `json:"slots"`
}

// EventData implements kit.Effect: the round's definition (the number of
// its slots), subject the round.
func (e RoundOpened) EventData() (string, any) {
	r := e.Round
	return r.ID, roundOpenedEvent{Round: r.ID, Title: r.Title, By: e.By, Deadline: r.Deadline,
		Units: r.Units, Sessions: r.Sessions, Slots: len(r.Slots)}
}

// RoundClosed: an official closed a round.
type RoundClosed struct {
	Round string
	By    int64
}

// EventType implements kit.Effect.
func (RoundClosed) EventType() string { return "sibu.talk.round.closed" }

// roundClosedEvent is the data of sibu.talk.round.closed.
type roundClosedEvent struct {
	Round string `json:"round"`
	By    int64  `json:"by"`
}

// EventData implements kit.Effect, subject the round.
func (e RoundClosed) EventData() (string, any) {
	return e.Round, roundClosedEvent{Round: e.Round, By: e.By}
}

// Invited: people were put on a round's roster and invited. Condition:
// none of them was on it. Source names the uploaded list they came from,
// if any.
//
//	{"type":"sibu.talk.invited","data":{"round":"hj2026","people":[42,43],"interviewers":{"42":7},"by":7,"source":"名单.xlsx"}}
type Invited struct {
	Round   string
	Entries []Entry
	By      int64  `json:",omitempty"`
	Source  string `json:",omitempty"`
}

// EventType implements kit.Effect.
func (Invited) EventType() string { return "sibu.talk.invited" }

// invitedEvent is the data of sibu.talk.invited.
type invitedEvent struct {
	Round        string          `json:"round"`
	People       []int64         `json:"people"`
	Interviewers map[int64]int64 `json:"interviewers"` // user → interviewer
	By           int64           `json:"by,omitempty"`
	Source       string          `json:"source,omitempty"`
}

// EventData implements kit.Effect: who was invited and who talks with
// them, subject the round.
func (e Invited) EventData() (string, any) {
	d := invitedEvent{Round: e.Round, People: make([]int64, len(e.Entries)), Interviewers: map[int64]int64{},
		By: e.By, Source: e.Source}
	for i, en := range e.Entries {
		d.People[i] = en.User
		d.Interviewers[en.User] = en.Interviewer
	}
	return e.Round, d
}

// Change is one roster entry moving from Before to After. Storage commits
// it only if the stored entry still has Before.Rev, keeps the counters, the
// not-yet-reached sets and the agenda in step, and when After holds a phone
// slot that Before did not, reserves it: the commit fails if someone else
// holds it (two members never get one slot).
type Change struct {
	Before Entry
	After  Entry
	By     int64
	// Private: the records event may carry the phone number and summary
	// (Settings.RecordsIncludePrivate).
	Private bool
}

// EntryChange returns the change itself (implemented by every entry effect).
func (c Change) EntryChange() Change { return c }

// EntryChange is implemented by the effects that move one entry.
type EntryChange interface {
	kit.Effect
	EntryChange() Change
}

// changeEvent is the data of the events of one entry's change.
type changeEvent struct {
	Round       string    `json:"round"`
	UserID      int64     `json:"user_id"`
	Unit        string    `json:"unit"`
	Interviewer int64     `json:"interviewer"`
	Status      Status    `json:"status"`
	By          int64     `json:"by"`
	Rev         int       `json:"rev"`
	Mode        string    `json:"mode,omitempty"`
	Slot        time.Time `json:"slot,omitzero"`
	Place       string    `json:"place,omitempty"`
	*makeupEvent
	*doneEvent
	Reason   string `json:"reason,omitempty"`
	Phone    string `json:"phone,omitempty"`
	PhoneRef string `json:"phone_ref,omitempty"`
	*summaryEvent
	SummaryRef   string    `json:"summary_ref,omitempty"`
	PreviousSlot time.Time `json:"previous_slot,omitzero"`
}

// makeupEvent: the next (or this) talk is a 补谈, after attempts missed.
type makeupEvent struct {
	Makeup   bool `json:"makeup"`
	Attempts int  `json:"attempts"`
}

// doneEvent: how and when the talk was done.
type doneEvent struct {
	How    string    `json:"how"`
	DoneAt time.Time `json:"done_at"`
}

// summaryEvent is a talk's outcome when private data may be disclosed.
type summaryEvent struct {
	Summary string `json:"summary"`
	Voice   string `json:"voice_file_id"`
}

// EventData implements kit.Effect for every entry effect: the entry after
// the change, subject "<round>/<user>". The phone number and the summary
// are a reference "talk:<round>:<user>" unless the change is Private.
func (c Change) EventData() (string, any) {
	a := c.After
	user := strconv.FormatInt(a.User, 10)
	ref := "talk:" + a.Round + ":" + user
	d := changeEvent{Round: a.Round, UserID: a.User, Unit: a.Unit, Interviewer: a.Interviewer, Status: a.Status,
		By: c.By, Rev: a.Rev, Mode: a.Mode, Slot: a.Slot.UTC(), Place: a.Place, Reason: a.Reason}
	if a.Makeup {
		d.makeupEvent = &makeupEvent{Makeup: true, Attempts: a.Attempts}
	}
	if a.How != "" {
		d.doneEvent = &doneEvent{How: a.How, DoneAt: a.DoneAt.UTC()}
	}
	if a.Phone != "" {
		if c.Private {
			d.Phone = a.Phone
		} else {
			d.PhoneRef = ref
		}
	}
	if a.Status == EntryDone && (a.Summary != "" || a.Voice != "") {
		if c.Private {
			d.summaryEvent = &summaryEvent{Summary: a.Summary, Voice: a.Voice}
		} else {
			d.SummaryRef = ref
		}
	}
	if !c.Before.Slot.IsZero() && !c.Before.Slot.Equal(a.Slot) {
		d.PreviousSlot = c.Before.Slot.UTC()
	}
	return a.Round + "/" + user, d
}

// Scheduled: a talk was booked (面谈 at a session, or 电话 at a slot).
//
//	{"type":"sibu.talk.scheduled","data":{"round":"hj2026","user_id":42,"mode":"phone","slot":"…","interviewer":7,"phone_ref":"talk:hj2026:42"}}
type Scheduled struct{ Change }

// EventType implements kit.Effect.
func (Scheduled) EventType() string { return "sibu.talk.scheduled" }

// Rescheduled: a booked talk moved (another slot, number or mode).
type Rescheduled struct{ Change }

// EventType implements kit.Effect.
func (Rescheduled) EventType() string { return "sibu.talk.rescheduled" }

// MakeupScheduled: a 补谈 was booked after a missed talk.
type MakeupScheduled struct{ Change }

// EventType implements kit.Effect.
func (MakeupScheduled) EventType() string { return "sibu.talk.makeup.scheduled" }

// Proposed: a member proposed another time; the interviewer must accept
// it.
type Proposed struct{ Change }

// EventType implements kit.Effect.
func (Proposed) EventType() string { return "sibu.talk.proposed" }

// Cancelled: a member cancelled a booking (back to 待谈).
type Cancelled struct{ Change }

// EventType implements kit.Effect.
func (Cancelled) EventType() string { return "sibu.talk.cancelled" }

// Completed: the talk took place (已谈), with its outcome.
//
//	{"type":"sibu.talk.completed","data":{"round":"hj2026","user_id":42,"how":"phone","by":7,"summary_ref":"talk:hj2026:42"}}
type Completed struct{ Change }

// EventType implements kit.Effect.
func (Completed) EventType() string { return "sibu.talk.completed" }

// Missed: 未接通 or 爽约; the member is asked for a 补谈.
type Missed struct{ Change }

// EventType implements kit.Effect.
func (Missed) EventType() string { return "sibu.talk.missed" }

// Excused: an official excused a person, with a reason.
type Excused struct{ Change }

// EventType implements kit.Effect.
func (Excused) EventType() string { return "sibu.talk.excused" }

// Notice kinds (NoticeSent.Kind).
const (
	NoticeRemind   = "remind"   // 15 minutes before a phone slot
	NoticeOutcome  = "outcome"  // after a slot: record the outcome
	NoticeDaily    = "daily"    // daily not-yet-reached list
	NoticeDeadline = "deadline" // summary to officials 3 days before the deadline
)

// NoticeSent: the scheduler sent a notice. Condition: not sent before
// under Key (per slot, per day…), and for slot notices the entry still has
// Rev, so replicas and restarts send it once.
//
//	{"type":"sibu.talk.reminder.sent","data":{"round":"hj2026","user_id":42,"interviewer":7,"slot":"…"}}
type NoticeSent struct {
	Round string
	Kind  string
	Key   string
	To    int64
	// Entry is the talk a slot notice is about (nil for lists).
	Entry *Entry
	// Day is the day of a daily list ("2006-01-02").
	Day string `json:",omitempty"`
}

// Rolls names the notices a daily list takes over: the interviewer's lists
// of the week before (stale, removed as it is claimed, or a round left open
// would keep a claim a day) and of the next day (once it went, this one
// comes too late). Other notices roll nothing.
func (n NoticeSent) Rolls() (stale []string, next string) {
	day, err := time.Parse("2006-01-02", n.Day)
	if n.Kind != NoticeDaily || err != nil {
		return nil, ""
	}
	key := func(d int) string { return dailyKey(n.To, day.AddDate(0, 0, d).Format("2006-01-02")) }
	for d := 1; d <= 7; d++ {
		stale = append(stale, key(-d))
	}
	return stale, key(1)
}

// dailyKey is the claim of an interviewer's daily list on day.
func dailyKey(interviewer int64, day string) string {
	return fmt.Sprintf("daily:%d:%s", interviewer, day)
}

// EventType implements kit.Effect: a reminder (to the interviewer before
// a slot, to the person being talked to) is a records fact; lists and
// summaries are not.
func (n NoticeSent) EventType() string {
	switch n.Kind {
	case NoticeRemind, NoticeInviteAfter, NoticeInviteBefore, NoticeDayBefore, NoticeSoon:
		return "sibu.talk.reminder.sent"
	}
	return ""
}

// noticeEvent is the data of sibu.talk.reminder.sent.
type noticeEvent struct {
	Round string `json:"round"`
	Kind  string `json:"kind"`
	To    int64  `json:"to"`
	*noticeTalk
}

// noticeTalk is the talk a slot notice is about.
type noticeTalk struct {
	UserID int64     `json:"user_id"`
	Slot   time.Time `json:"slot,omitzero"` // none for an invitation's follow-up
}

// EventData implements kit.Effect: the notice and, for a slot notice, its
// talk; subject the round.
func (n NoticeSent) EventData() (string, any) {
	d := noticeEvent{Round: n.Round, Kind: n.Kind, To: n.To}
	if n.Entry != nil {
		d.noticeTalk = &noticeTalk{UserID: n.Entry.User, Slot: n.Entry.Slot.UTC()}
	}
	return n.Round, d
}
