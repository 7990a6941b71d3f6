package join

import (
	"time"

	"sibu/flows/kit"
	"sibu/flows/talk"
)

// Rosters of expected people: an official imports a file (XLSX or CSV:
// 姓名, 单位, 角色, 手机, 职务) of the people who should join, within their
// subtree (/roster, or `sibu roster import FILE` for the first load). The
// accepted rows are stored as expected people, keyed by their normalized
// mobile number; whoever opens their unit's join link and shares their own
// contact joins as the roster says (name, unit, role) after a ✅ 确认 of the
// name. Roster numbers are shown to officials of the unit only, used only
// for matching, never logged, and records events carry a reference.

// OtherRoster is kit.Input's Other for a roster file the transport has
// read while the chat waits for one (WantsRoster): Input.Text holds a
// RosterUpload as JSON.
const OtherRoster = "people_roster"

// Limits of a roster.
const (
	// MaxRows is how many rows a file sent in the chat may have (bigger
	// files are imported in parts, or with `sibu roster import`).
	MaxRows = 10000
	// MaxRowsCLI is how many rows `sibu roster import` reads.
	MaxRowsCLI = 200000
	// MaxBytesCLI is the largest file `sibu roster import` reads.
	MaxBytesCLI = 64 << 20
)

// RosterRow is one row of a roster file as typed, with its row number
// (1 is the header).
type RosterRow struct {
	Line     int    `json:"line"`
	Name     string `json:"name"`
	Unit     string `json:"unit,omitempty"`
	Role     string `json:"role,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Position string `json:"position,omitempty"`
}

// RosterUpload is a roster file as the transport read it: its name and
// rows, or the problem (the talk rosters' problems) that kept it from
// being read.
type RosterUpload struct {
	File    string             `json:"file"`
	Rows    []RosterRow        `json:"rows,omitempty"`
	Problem talk.RosterProblem `json:"problem,omitempty"`
}

// Expected is one person on the roster, expected to join. It is stored as
// JSON under their normalized number (Phone, the key, is not in it).
type Expected struct {
	Phone    string   `json:"-"`
	Name     string   `json:"n"`
	Unit     string   `json:"u"`
	Role     kit.Role `json:"r"`
	Position string   `json:"p,omitempty"`
	// Ref is the entry's reference in records events (never the number).
	Ref string `json:"ref"`
}

// same reports whether e and o say the same of the person.
func (e Expected) same(o Expected) bool {
	return e.Name == o.Name && e.Unit == o.Unit && e.Role == o.Role && e.Position == o.Position
}

// Current is a roster entry as stored: the person, the stored JSON (what a
// write is conditioned on) and who joined as them (0: nobody yet).
type Current struct {
	Expected
	Raw    string
	Joined int64
}

// RosterCount is what /roster shows of one unit (not its sub-units).
type RosterCount struct {
	Expected int64 // on the roster
	Waiting  int64 // on the roster, not joined yet
	Requests int64 // join requests waiting for a decision
	// ByRole counts the waiting people per role.
	ByRole map[kit.Role]int64
}

// Joined is how many people of the roster joined.
func (c RosterCount) Joined() int64 { return c.Expected - c.Waiting }

// UnitLink is a unit's join link: anyone may open it (multi-use) until it
// expires or is revoked; who is on the roster joins, anyone else asks.
type UnitLink struct {
	Code      string    `json:"code"`
	Unit      string    `json:"unit"`
	By        int64     `json:"by"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Revoked   bool      `json:"revoked,omitempty"`
}

// Usable reports whether the link may be used at now.
func (l UnitLink) Usable(now time.Time) bool { return !l.Revoked && now.Before(l.ExpiresAt) }

// LinkTTL is how long a unit's join link lasts.
const LinkTTL = 30 * 24 * time.Hour

// RequestStatus is where a join request stands.
type RequestStatus string

// Join request states.
const (
	RequestPending  RequestStatus = "pending"
	RequestApproved RequestStatus = "approved"
	RequestRefused  RequestStatus = "refused"
)

// Request is someone whose number is not on the roster asking to join a
// unit through its link; the unit's secretary approves or refuses.
type Request struct {
	ID   string `json:"id"`
	User int64  `json:"user"`
	Name string `json:"name"`
	Unit string `json:"unit"`
	// Tail is the last four digits of their number (never the number).
	Tail string `json:"tail,omitempty"`
	// RosterName: their number is on the roster under another name.
	RosterName string        `json:"roster_name,omitempty"`
	At         time.Time     `json:"at"`
	Status     RequestStatus `json:"status"`
	By         int64         `json:"by,omitempty"`
}

// Reader is what joining and rosters read beyond kit.Directory. The
// directory a step gets implements it (storage, and the tests' fake).
type Reader interface {
	// Expected returns the roster entries of phones (normalized); numbers
	// not on the roster are absent. Two reads, whatever the roster's size.
	Expected(phones []string) (map[string]Current, error)
	// RosterOf returns the roster entries of unit (not its sub-units).
	RosterOf(unit string) (map[string]Current, error)
	// Waiting returns n people of unit's roster who have not joined, from
	// offset in the roster's order, and how many there are.
	Waiting(unit string, offset, n int) ([]Expected, int64, error)
	// RosterCounts returns the figures of units.
	RosterCounts(units []string) (map[string]RosterCount, error)
	// UnitLink returns a unit link by code; LinkOf the current link of a
	// unit.
	UnitLink(code string) (UnitLink, bool, error)
	LinkOf(unit string) (UnitLink, bool, error)
	// Request returns a join request; RequestOf the pending request of a
	// person; Pending the pending requests of a unit, oldest first.
	Request(id string) (Request, bool, error)
	RequestOf(user int64) (Request, bool, error)
	Pending(unit string) ([]Request, error)
}

// reader returns the Reader of the step's directory (ok=false without one).
func (st step) reader() (Reader, bool) {
	r, ok := st.Dir.(Reader)
	return r, ok
}
