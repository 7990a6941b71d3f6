package kit

import (
	"fmt"
	"strings"
	"time"
)

// Role is what a person may do in their unit.
type Role string

// Roles, from least to most powerful; RoleMonitor stands apart.
const (
	RoleMember     Role = "member"
	RoleSupervisor Role = "supervisor"
	RoleOfficial   Role = "official"
	// RoleMonitor is an external 履诺监督员: read-only access to the 台账
	// (/ledger, /overdue) of their unit and below, and grades in evaluation
	// rounds; never reviews, urges, declares or opens rounds. Officials
	// invite them.
	RoleMonitor Role = "monitor"
	// RoleInspector is the discipline inspection office (纪检): receives
	// the anonymous tip-offs about the units below theirs and closes the
	// 纪检监察机关意见凡提必听 and 信访举报凡提必查 checks of nominees there.
	// Officials invite them.
	RoleInspector Role = "inspector"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleMember || r == RoleSupervisor || r == RoleOfficial || r == RoleMonitor || r == RoleInspector
}

// RoleIn reports whether r is one of roles; an empty list means everyone
// but monitors (external 履诺监督员 take part only where they are named).
func RoleIn(r Role, roles []Role) bool {
	if len(roles) == 0 {
		return r != RoleMonitor
	}
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// AdminName is the name of a configured admin who has not given theirs.
const AdminName = "管理员"

// Person is someone who joined (or an admin named in configuration).
type Person struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"`
	Unit     string    `json:"unit"`
	Role     Role      `json:"role"`
	JoinedAt time.Time `json:"joined_at"`
}

// Unit is one node of the organisation tree (党委, 支部, 科室…).
type Unit struct {
	ID     string `json:"id" yaml:"id"`
	Name   string `json:"name" yaml:"name"`
	Parent string `json:"parent,omitempty" yaml:"parent"`
	// Group is the Telegram group chat of the unit, if any (for 公示).
	Group int64 `json:"group,omitempty" yaml:"group"`
}

// Invite is a single-use join code.
type Invite struct {
	Code      string    `json:"code"`
	Unit      string    `json:"unit"`
	Role      Role      `json:"role"`
	By        int64     `json:"by"`
	ExpiresAt time.Time `json:"expires_at"`
	UsedBy    int64     `json:"used_by,omitempty"`
}

// DefaultInviteTTL is how long an invite code lasts unless configured.
const DefaultInviteTTL = 7 * 24 * time.Hour

// Env is what every feature knows that does not change per step: the bot's
// name, the organisation tree, the admins, the time zone and the switch of
// the access policy (flows/access).
type Env struct {
	BotUsername string
	Units       []Unit
	Root        string // id of the root unit
	// Admins are officials of the root unit, whatever they joined as.
	Admins    map[int64]bool
	InviteTTL time.Duration
	// NoSeparation turns separation of duties off (it is on by default):
	// then a unit's leads may decide on their unit's own items and on
	// items they declared, one person may decide both review levels, and
	// any member of a round's unit may vote, more than once. Nobody ever
	// decides on their own personal item.
	NoSeparation bool
	// NewCode returns a fresh unguessable code (invites). Tests fix it.
	NewCode func() string
	// Location is the time zone of dates shown to people.
	Location *time.Location
	// Quiet are the quiet hours (in Location): pushes due in them are held
	// until they end, and whoever starts pushes then is told so.
	Quiet QuietHours
}

// Unit returns the unit with id.
func (e *Env) Unit(id string) (Unit, bool) {
	for _, u := range e.Units {
		if u.ID == id {
			return u, true
		}
	}
	return Unit{}, false
}

// UnitExists reports whether id names a unit.
func (e *Env) UnitExists(id string) bool {
	_, ok := e.Unit(id)
	return ok
}

// UnitName returns the name of unit id (the id itself when unknown).
func (e *Env) UnitName(id string) string {
	if u, ok := e.Unit(id); ok {
		return u.Name
	}
	return id
}

// UnitListUnder lists root and the units below it as "  · name" lines:
// the units a person of root may name (for usage messages; people type
// names, never ids).
func (e *Env) UnitListUnder(root string) string {
	var b strings.Builder
	for _, u := range e.Units {
		if root == e.Root || e.Subtree(root, u.ID) {
			fmt.Fprintf(&b, "  · %s\n", u.Name)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// Parent returns the parent of unit id ("" for the root or an unknown unit).
func (e *Env) Parent(id string) string {
	u, _ := e.Unit(id)
	return u.Parent
}

// Subtree reports whether unit is root or one of its descendants.
func (e *Env) Subtree(root, unit string) bool {
	parents := map[string]string{}
	for _, u := range e.Units {
		parents[u.ID] = u.Parent
	}
	for i := 0; unit != "" && i <= len(parents); i++ {
		if unit == root {
			return true
		}
		unit = parents[unit]
	}
	return false
}

// SubUnits returns unit and its descendants, in configuration order.
func (e *Env) SubUnits(unit string) []string {
	var out []string
	for _, u := range e.Units {
		if e.Subtree(unit, u.ID) {
			out = append(out, u.ID)
		}
	}
	return out
}

// TopUnits are the units of unit's subtree (SubUnits) a question offers
// as buttons: all of them when they are at most max; else the levels
// from unit down as long as they fit in max (the others are typed by
// name). Telegram takes at most 100 buttons in a message.
func (e *Env) TopUnits(unit string, max int) []string {
	all := e.SubUnits(unit)
	if len(all) <= max {
		return all
	}
	depth := map[string]int{}
	perLevel := map[int]int{}
	for _, u := range all {
		d := 0
		for p := u; p != unit && p != "" && d <= len(e.Units); p = e.Parent(p) {
			d++
		}
		depth[u] = d
		perLevel[d]++
	}
	upTo, n := -1, 0
	for d := 0; perLevel[d] > 0 && n+perLevel[d] <= max; d++ {
		upTo, n = d, n+perLevel[d]
	}
	var out []string
	for _, u := range all {
		if depth[u] <= upTo {
			out = append(out, u)
		}
	}
	return out
}
