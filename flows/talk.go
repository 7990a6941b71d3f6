package flows

import (
	"sort"
	"strings"
	"time"
)

// TalkSettings configure talk rounds (谈民心) from configuration. The zero
// value works: no predefined rounds, changes until 2 h before a slot,
// reminders 15 minutes before, no phone numbers or summaries in records
// events.
type TalkSettings struct {
	// Rounds are the predefined rounds an official opens with /talks open <id>.
	Rounds map[string]*TalkRound
	// ChangeCutoff: a booked talk can be changed or cancelled until this
	// long before it (default 2h).
	ChangeCutoff time.Duration
	// RemindBefore: the interviewer is reminded this long before a phone
	// slot (default 15m).
	RemindBefore time.Duration
	// RecordsIncludePrivate puts phone numbers and talk summaries in records
	// events; off by default (events then carry a reference).
	RecordsIncludePrivate bool
}

func (s TalkSettings) cutoff() time.Duration {
	if s.ChangeCutoff > 0 {
		return s.ChangeCutoff
	}
	return 2 * time.Hour
}

func (s TalkSettings) remindBefore() time.Duration {
	if s.RemindBefore > 0 {
		return s.RemindBefore
	}
	return 15 * time.Minute
}

// TalkRound is one round of one-to-one talks (一对一、交心谈心): who is on
// the roster, who talks with them, the in-person sessions, the phone slots
// each interviewer offers and the coverage deadline. When opened its
// definition is stored, so later changes to configuration do not move a
// round in flight.
type TalkRound struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Units (with their descendants) and Roles select the roster; empty
	// Units is the root unit, empty Roles every role.
	Units []string `json:"units,omitempty"`
	Roles []Role   `json:"roles,omitempty"`
	// People are added to the roster by user id (an uploaded list).
	People []int64 `json:"people,omitempty"`
	// RosterOnly: the roster is People alone (a round opened with an
	// uploaded list); Units and Roles select no one.
	RosterOnly bool `json:"roster_only,omitempty"`
	// Interviewers per unit (a person's unit, or the nearest ancestor
	// listed). Units without any use their supervisors.
	Interviewers map[string][]int64 `json:"interviewers,omitempty"`
	// Sessions are the in-person talks (面谈).
	Sessions []TalkSession `json:"sessions,omitempty"`
	// Slots are the phone slots (电话约谈) every interviewer offers.
	Slots []time.Time `json:"slots,omitempty"`
	// SlotLength is how long one phone slot lasts (default 20m).
	SlotLength time.Duration `json:"slot_length,omitempty"`
	// Deadline is when coverage (全覆盖) is due.
	Deadline time.Time `json:"deadline"`
}

// TalkSession is one in-person session.
type TalkSession struct {
	At    time.Time `json:"at"`
	Place string    `json:"place"`
}

// Length is how long one phone slot lasts.
func (r *TalkRound) Length() time.Duration {
	if r.SlotLength > 0 {
		return r.SlotLength
	}
	return 20 * time.Minute
}

// TalkStatus is where one roster entry stands.
type TalkStatus string

// Roster entry states: 待谈 → 已约 (面谈 or 电话) → 已谈 | 未接通/爽约 → 补谈 …
// until 已谈 or excused.
const (
	EntryPending   TalkStatus = "pending"   // 待谈
	EntryProposed  TalkStatus = "proposed"  // proposed another time, waiting for the interviewer
	EntryScheduled TalkStatus = "scheduled" // 已约
	EntryDone      TalkStatus = "done"      // 已谈
	EntryMissed    TalkStatus = "missed"    // 未接通 / 爽约, a 补谈 is due
	EntryExcused   TalkStatus = "excused"   // 免谈, excused by an official
)

// Talk modes.
const (
	ModeFace  = "face"  // 面谈
	ModePhone = "phone" // 电话约谈
)

// Coverage buckets: every roster entry counts in exactly one.
const (
	BucketPending    = "pending"
	BucketScheduled  = "scheduled"
	BucketDoneFace   = "done_face"
	BucketDonePhone  = "done_phone"
	BucketDoneMakeup = "done_makeup"
	BucketExcused    = "excused"
)

// TalkBuckets lists the coverage buckets in display order.
var TalkBuckets = []string{BucketDoneFace, BucketDonePhone, BucketDoneMakeup, BucketScheduled, BucketPending, BucketExcused}

// TalkEntry is one person on a round's roster. Phone and Summary are
// private: only the assigned interviewer and the unit's officials see them.
type TalkEntry struct {
	Round       string     `json:"round"`
	User        int64      `json:"user"`
	Name        string     `json:"name"`
	Unit        string     `json:"unit"`
	Interviewer int64      `json:"iv"`
	Status      TalkStatus `json:"st"`
	Mode        string     `json:"mode,omitempty"`
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
	// Rev counts the entry's changes; every change is committed only if
	// the stored entry still has the Rev it was read with.
	Rev int `json:"rev"`
}

// Bucket is the coverage bucket the entry counts in.
func (e TalkEntry) Bucket() string {
	switch e.Status {
	case EntryScheduled:
		return BucketScheduled
	case EntryDone:
		switch e.How {
		case ModePhone:
			return BucketDonePhone
		case "makeup":
			return BucketDoneMakeup
		}
		return BucketDoneFace
	case EntryExcused:
		return BucketExcused
	}
	return BucketPending
}

// Reached reports whether the entry needs no more talks (已谈 or excused).
func (e TalkEntry) Reached() bool { return e.Status == EntryDone || e.Status == EntryExcused }

// PhoneSlot reports whether the entry holds a reserved phone slot.
func (e TalkEntry) PhoneSlot() bool {
	return e.Status == EntryScheduled && e.Mode == ModePhone && !e.Slot.IsZero()
}

// TalkRoundState is a stored round: its definition and status.
type TalkRoundState struct {
	Round    TalkRound
	Open     bool
	OpenedAt time.Time
}

// TalkCoverage is a round's coverage, from counters kept as entries move
// (reading it never scans the roster).
type TalkCoverage struct {
	Roster int64
	// Buckets: bucket → people; Units: unit → bucket → people ("roster"
	// counts the unit's roster).
	Buckets map[string]int64
	Units   map[string]map[string]int64
}

// Done is everyone talked with (面谈 + 电话 + 补谈).
func (c TalkCoverage) Done() int64 {
	return c.Buckets[BucketDoneFace] + c.Buckets[BucketDonePhone] + c.Buckets[BucketDoneMakeup]
}

// TalkReader is the read side of talk rounds. storage's Directory
// implements it; steps reach it with a type assertion on the Directory.
type TalkReader interface {
	// TalkRound returns a stored (opened at least once) round.
	TalkRound(id string) (TalkRoundState, bool, error)
	// TalkRounds lists the ids of stored rounds, open first.
	TalkRounds() ([]string, error)
	// TalkEntry returns a person's roster entry in a round.
	TalkEntry(round string, user int64) (TalkEntry, bool, error)
	// TalkBooked returns an interviewer's reserved phone slots: unix
	// seconds → user id.
	TalkBooked(round string, interviewer int64) (map[int64]int64, error)
	// TalkCoverage returns a round's counters.
	TalkCoverage(round string) (TalkCoverage, error)
	// TalkUnreached returns a page of user ids not yet reached (ascending)
	// and how many there are; interviewer 0 means everyone's.
	TalkUnreached(round string, interviewer int64, offset, n int) ([]int64, int64, error)
	// TalkUnreachedIn is TalkUnreached for the people of the given units
	// (an official's subtree), ascending by user id.
	TalkUnreachedIn(round string, units []string, offset, n int) ([]int64, int64, error)
	// TalkAgenda returns an interviewer's scheduled talks between from and
	// to, by time.
	TalkAgenda(interviewer int64, from, to time.Time) ([]TalkEntry, error)
}

// TalkChange is one roster entry moving from Before to After. Storage
// commits it only if the stored entry still has Before.Rev, keeps the
// counters, the not-yet-reached sets and the agenda in step, and when After
// holds a phone slot that Before did not, reserves it: the commit fails if
// someone else holds it (two members never get one slot).
type TalkChange struct {
	Before TalkEntry
	After  TalkEntry
	By     int64
	// Private: the records event may carry the phone number and summary
	// (TalkSettings.RecordsIncludePrivate).
	Private bool
}

// Change returns the change itself (implemented by every entry effect).
func (c TalkChange) Change() TalkChange { return c }

// TalkEntryChange is implemented by the effects that move one entry.
type TalkEntryChange interface {
	Effect
	Change() TalkChange
}

// TalkRoundOpened: an official opened (or reopened) a round.
//
//	{"type":"sibu.talk.round.opened","data":{"round":"hj2026","title":"…","by":7,"deadline":"…"}}
type TalkRoundOpened struct {
	Round TalkRound
	By    int64
}

// EventType implements Effect.
func (TalkRoundOpened) EventType() string { return "sibu.talk.round.opened" }

// TalkRoundClosed: an official closed a round.
type TalkRoundClosed struct {
	Round string
	By    int64
}

// EventType implements Effect.
func (TalkRoundClosed) EventType() string { return "sibu.talk.round.closed" }

// TalkInvited: people were put on a round's roster and invited.
// Condition: none of them was on it. Source names the uploaded list they
// came from, if any.
//
//	{"type":"sibu.talk.invited","data":{"round":"hj2026","people":[42,43],"interviewers":{"42":7},"by":7,"source":"名单.xlsx"}}
type TalkInvited struct {
	Round   string
	Entries []TalkEntry
	By      int64  `json:",omitempty"`
	Source  string `json:",omitempty"`
}

// EventType implements Effect.
func (TalkInvited) EventType() string { return "sibu.talk.invited" }

// TalkScheduled: a talk was booked (面谈 at a session, or 电话 at a slot).
//
//	{"type":"sibu.talk.scheduled","data":{"round":"hj2026","user_id":42,"mode":"phone","slot":"…","interviewer":7,"phone_ref":"talk:hj2026:42"}}
type TalkScheduled struct{ TalkChange }

// EventType implements Effect.
func (TalkScheduled) EventType() string { return "sibu.talk.scheduled" }

// TalkRescheduled: a booked talk moved (another slot, number or mode).
type TalkRescheduled struct{ TalkChange }

// EventType implements Effect.
func (TalkRescheduled) EventType() string { return "sibu.talk.rescheduled" }

// TalkMakeupScheduled: a 补谈 was booked after a missed talk.
type TalkMakeupScheduled struct{ TalkChange }

// EventType implements Effect.
func (TalkMakeupScheduled) EventType() string { return "sibu.talk.makeup.scheduled" }

// TalkProposed: a member proposed another time; the interviewer must
// accept it.
type TalkProposed struct{ TalkChange }

// EventType implements Effect.
func (TalkProposed) EventType() string { return "sibu.talk.proposed" }

// TalkCancelled: a member cancelled a booking (back to 待谈).
type TalkCancelled struct{ TalkChange }

// EventType implements Effect.
func (TalkCancelled) EventType() string { return "sibu.talk.cancelled" }

// TalkCompleted: the talk took place (已谈), with its outcome.
//
//	{"type":"sibu.talk.completed","data":{"round":"hj2026","user_id":42,"how":"phone","by":7,"summary_ref":"talk:hj2026:42"}}
type TalkCompleted struct{ TalkChange }

// EventType implements Effect.
func (TalkCompleted) EventType() string { return "sibu.talk.completed" }

// TalkMissed: 未接通 or 爽约; the member is asked for a 补谈.
type TalkMissed struct{ TalkChange }

// EventType implements Effect.
func (TalkMissed) EventType() string { return "sibu.talk.missed" }

// TalkExcused: an official excused a person, with a reason.
type TalkExcused struct{ TalkChange }

// EventType implements Effect.
func (TalkExcused) EventType() string { return "sibu.talk.excused" }

// TalkNotice kinds.
const (
	NoticeRemind   = "remind"   // 15 minutes before a phone slot
	NoticeOutcome  = "outcome"  // after a slot: record the outcome
	NoticeDaily    = "daily"    // daily not-yet-reached list
	NoticeDeadline = "deadline" // summary to officials 3 days before the deadline
)

// TalkNoticeSent: the scheduler sent a notice. Condition: not sent before
// under Key (per slot, per day…), and for slot notices the entry still has
// Rev, so replicas and restarts send it once.
//
//	{"type":"sibu.talk.reminder.sent","data":{"round":"hj2026","user_id":42,"interviewer":7,"slot":"…"}}
type TalkNoticeSent struct {
	Round string
	Kind  string
	Key   string
	To    int64
	// Entry is the talk a slot notice is about (nil for lists).
	Entry *TalkEntry
}

// EventType implements Effect: only the slot reminder is a records fact.
func (n TalkNoticeSent) EventType() string {
	if n.Kind == NoticeRemind {
		return "sibu.talk.reminder.sent"
	}
	return ""
}

// TalkRun is a talk (谈民心) conversation in progress: a member booking a
// 电话约谈, or an interviewer recording an outcome.
type TalkRun struct {
	Round string `json:"r"`
	Step  string `json:"s"`
	// User is the member whose talk an interviewer records.
	User  int64  `json:"u,omitempty"`
	Phone string `json:"p,omitempty"`
	Slot  int64  `json:"t,omitempty"` // chosen slot, unix seconds
	Other bool   `json:"o,omitempty"` // the slot is a proposal
	Voice string `json:"v,omitempty"`
	Page  int    `json:"g,omitempty"`
	// Roster is an uploaded roster being matched and confirmed.
	Roster *TalkRosterDraft `json:"ro,omitempty"`
}

// Talk conversation steps.
const (
	tkPhone   = "phone"   // member: share or type a number
	tkSlot    = "slot"    // member: pick a slot
	tkPropose = "propose" // member: type another time
	tkConfirm = "confirm" // member: confirm the booking
	tkSummary = "summary" // interviewer: type the summary
	tkExcuse  = "excuse"  // official: type the reason of an excuse
)

// talkFeature is talk rounds with 电话约谈 and 会后补谈 until 全覆盖:
// invitations, booking, interviewer reminders, /mytalks, /coverage.
func talkFeature() feature {
	return feature{
		commands: map[string]func(st *step) error{
			"talks":    (*step).talksAdmin,
			"mytalks":  (*step).myTalks,
			"coverage": (*step).coverage,
		},
		flows: map[FlowName]flowHandlers{FlowTalk: {
			input:    (*step).talkInput,
			callback: (*step).talkCallback,
			back:     (*step).talkBack,
			cancel:   (*step).talkCancel,
		}},
		entries: map[string]func(st *step, rest string) error{
			"tk": (*step).talkMemberEntry,
			"ti": (*step).talkInterviewerEntry,
			"tc": (*step).coverageEntry,
		},
		help: func(st *step) string {
			if _, ok := st.talks(); !ok {
				return "" // a directory without talk rounds (older tests, tools)
			}
			switch st.me.Role {
			case RoleOfficial:
				return st.t(mTalkHelpOfficial)
			case RoleSupervisor:
				return st.t(mTalkHelpSupervisor)
			}
			return ""
		},
		status: (*step).talkStatus,
	}
}

// talks returns the TalkReader behind the step's Directory.
func (st *step) talks() (TalkReader, bool) {
	tr, ok := st.dir.(TalkReader)
	return tr, ok
}

func (st *step) tkWhen(t time.Time) string {
	if t.IsZero() {
		return st.t(mTalkTimeTBD)
	}
	lt := t.In(st.e.env.Location)
	wd := []string{"日", "一", "二", "三", "四", "五", "六"}[lt.Weekday()]
	if st.lang == "en" {
		return lt.Format("Mon 01-02 15:04")
	}
	return lt.Format("01-02") + "（周" + wd + "）" + lt.Format("15:04")
}

// whenZH is tkWhen() for pushes (the recipient's language is not known).
func (e *Engine) tkWhenZH(t time.Time) string {
	st := &step{e: e, lang: "zh"}
	return st.tkWhen(t)
}

// sortedRoundIDs returns the predefined round ids in order.
func (e *Engine) tkSortedRoundIDs() []string {
	ids := make([]string, 0, len(e.env.Talk.Rounds))
	for id := range e.env.Talk.Rounds {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// NormalizeContactPhone is NormalizePhone for a shared contact, which
// Telegram gives in international form (with or without "+"): only +86
// numbers are accepted.
func NormalizeContactPhone(s string) (string, bool) {
	d := strings.TrimPrefix(strings.TrimSpace(s), "+")
	if !strings.HasPrefix(d, "86") {
		return "", false
	}
	return NormalizePhone("+" + d)
}

// TalkPhoneDisplay formats a normalized number for reading: 138 1234 5678
// or 028-12345678.
func TalkPhoneDisplay(p string) string {
	d := strings.TrimPrefix(p, "+86")
	if len(d) == 11 && d[0] == '1' {
		return d[:3] + " " + d[3:7] + " " + d[7:]
	}
	if len(d) >= 9 {
		area := 3
		if d[0] == '1' || d[0] == '2' {
			area = 2
		}
		return "0" + d[:area] + "-" + d[area:]
	}
	return p
}

// NormalizePhone validates a mainland mobile (1[3-9] and 9 digits, with or
// without +86 / 86 / 0086, spaces or dashes) or a landline with its area
// code (010/02x and 7–8 digits, 0xxx and 7–8 digits), and returns it as
// +86…; ok=false when it is neither.
func NormalizePhone(s string) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')', r == '（', r == '）':
		default:
			return "", false
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+") && !strings.HasPrefix(d, "86") {
		return "", false // another country
	}
	intl := false
	switch {
	case strings.HasPrefix(d, "0086"):
		d, intl = d[4:], true
	case strings.HasPrefix(d, "86") && len(d) >= 11:
		d, intl = d[2:], true
	}
	if len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' {
		return "+86" + d, true
	}
	if intl && len(d) > 0 && d[0] != '0' {
		d = "0" + d // +86 28 12345678: the trunk 0 dropped
	}
	if len(d) < 10 || d[0] != '0' || d[1] == '0' || d[1] == '1' && d[2] != '0' {
		return "", false
	}
	area := 4 // 0xxx
	if d[1] == '1' || d[1] == '2' {
		area = 3 // 010, 02x
	}
	local := len(d) - area
	if local < 7 || local > 8 || d[area] == '0' || d[area] == '1' {
		return "", false
	}
	return "+86" + d[1:], true
}
