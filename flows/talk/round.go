package talk

import (
	"time"

	"sibu/flows/kit"
)

// Round is one round of one-to-one talks (一对一、交心谈心): who is on the
// roster, who talks with them, the in-person sessions, the phone slots
// each interviewer offers and the coverage deadline. When opened its
// definition is stored, so later changes to configuration do not move a
// round in flight.
type Round struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Units (with their descendants) and Roles select the roster; empty
	// Units is the root unit, empty Roles every role.
	Units []string   `json:"units,omitempty"`
	Roles []kit.Role `json:"roles,omitempty"`
	// People are added to the roster by user id (an uploaded list).
	People []int64 `json:"people,omitempty"`
	// RosterOnly: the roster is People alone (a round opened with an
	// uploaded list); Units and Roles select no one.
	RosterOnly bool `json:"roster_only,omitempty"`
	// Interviewers per unit (a person's unit, or the nearest ancestor
	// listed). Units without any use their supervisors.
	Interviewers map[string][]int64 `json:"interviewers,omitempty"`
	// Sessions are the in-person talks (面谈).
	Sessions []Session `json:"sessions,omitempty"`
	// Slots are the phone slots (电话约谈) every interviewer offers.
	Slots []time.Time `json:"slots,omitempty"`
	// SlotLength is how long one phone slot lasts (default 20m).
	SlotLength time.Duration `json:"slot_length,omitempty"`
	// Deadline is when coverage (全覆盖) is due.
	Deadline time.Time `json:"deadline"`
}

// Session is one in-person session.
type Session struct {
	At    time.Time `json:"at"`
	Place string    `json:"place"`
}

// Length is how long one phone slot lasts.
func (r *Round) Length() time.Duration {
	if r.SlotLength > 0 {
		return r.SlotLength
	}
	return 20 * time.Minute
}

// Status is where one roster entry stands.
type Status string

// Roster entry states: 待谈 → 已约 (面谈 or 电话) → 已谈 | 未接通/爽约 → 补谈 …
// until 已谈 or excused.
const (
	EntryPending   Status = "pending"   // 待谈
	EntryProposed  Status = "proposed"  // proposed another time, waiting for the interviewer
	EntryScheduled Status = "scheduled" // 已约
	EntryDone      Status = "done"      // 已谈
	EntryMissed    Status = "missed"    // 未接通 / 爽约, a 补谈 is due
	EntryExcused   Status = "excused"   // 免谈, excused by an official
)

// Talk modes.
const (
	ModeFace  = "face"  // 面谈
	ModePhone = "phone" // 电话约谈
)

// howMakeup is Entry.How of a 补谈.
const howMakeup = "makeup"

// Coverage buckets: every roster entry counts in exactly one.
const (
	BucketPending    = "pending"
	BucketScheduled  = "scheduled"
	BucketDoneFace   = "done_face"
	BucketDonePhone  = "done_phone"
	BucketDoneMakeup = "done_makeup"
	BucketExcused    = "excused"
)

// Buckets lists the coverage buckets in display order.
var Buckets = []string{BucketDoneFace, BucketDonePhone, BucketDoneMakeup, BucketScheduled, BucketPending, BucketExcused}

// Entry is one person on a round's roster. Phone and Summary are private:
// only the assigned interviewer and the unit's officials see them.
type Entry struct {
	Round       string `json:"round"`
	User        int64  `json:"user"`
	Name        string `json:"name"`
	Unit        string `json:"unit"`
	Interviewer int64  `json:"iv"`
	Status      Status `json:"st"`
	Mode        string `json:"mode,omitempty"`
	// Slot is the booked time (phone slot, proposal or session).
	Slot  time.Time `json:"slot,omitzero"`
	Place string    `json:"place,omitempty"`
	Phone string    `json:"phone,omitempty"` // normalized, +86…
	// Makeup: the next talk is a 补谈 (after a missed one).
	Makeup   bool   `json:"makeup,omitempty"`
	Attempts int    `json:"attempts,omitempty"` // missed talks so far
	Summary  string `json:"summary,omitempty"`
	Voice    string `json:"voice,omitempty"` // file_id of a voice note
	Reason   string `json:"reason,omitempty"`
	// How the talk was done: face, phone or makeup.
	How    string    `json:"how,omitempty"`
	DoneAt time.Time `json:"done_at,omitzero"`
	DoneBy int64     `json:"done_by,omitempty"`
	// Invited is when the person was put on the roster (and invited);
	// Booked when the talk now booked was booked. The member notices
	// (invitee.go) time themselves from them.
	Invited time.Time `json:"invited,omitzero"`
	Booked  time.Time `json:"booked,omitzero"`
	// Rev counts the entry's changes; every change is committed only if
	// the stored entry still has the Rev it was read with.
	Rev int `json:"rev"`
}

// Bucket is the coverage bucket the entry counts in.
func (e Entry) Bucket() string {
	switch e.Status {
	case EntryScheduled:
		return BucketScheduled
	case EntryDone:
		switch e.How {
		case ModePhone:
			return BucketDonePhone
		case howMakeup:
			return BucketDoneMakeup
		}
		return BucketDoneFace
	case EntryExcused:
		return BucketExcused
	}
	return BucketPending
}

// Reached reports whether the entry needs no more talks (已谈 or excused).
func (e Entry) Reached() bool { return e.Status == EntryDone || e.Status == EntryExcused }

// PhoneSlot reports whether the entry holds a reserved phone slot.
func (e Entry) PhoneSlot() bool {
	return e.Status == EntryScheduled && e.Mode == ModePhone && !e.Slot.IsZero()
}

// RoundState is a stored round: its definition and status.
type RoundState struct {
	Round    Round
	Open     bool
	OpenedAt time.Time
}

// Coverage is a round's coverage, from counters kept as entries move
// (reading it never scans the roster).
type Coverage struct {
	Roster int64
	// Buckets: bucket → people; Units: unit → bucket → people ("roster"
	// counts the unit's roster).
	Buckets map[string]int64
	Units   map[string]map[string]int64
}

// Done is everyone talked with (面谈 + 电话 + 补谈).
func (c Coverage) Done() int64 {
	return c.Buckets[BucketDoneFace] + c.Buckets[BucketDonePhone] + c.Buckets[BucketDoneMakeup]
}

// Due is how many people of the roster are to be talked with: the roster
// without the excused (免谈), who do not count either way.
func (c Coverage) Due() int64 { return c.Roster - c.Buckets[BucketExcused] }
