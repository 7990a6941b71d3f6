package discipline

import (
	"time"

	"sibu/flows/kit"
)

// ChecklistKind is what a checklist asks of its people.
type ChecklistKind string

// Checklist kinds. 四必谈 are talk rounds (flows/talk), shown per required
// pair by /checklist.
const (
	KindWatch ChecklistKind = "watch" // 四必看: watch or read a material (一片一书), confirm 看完了
	KindTrain ChecklistKind = "train" // 四必训: attend a training, check in at the session
)

// Checklist is one 四必看 material or 四必训 training: who must do it
// (units × roles, or an uploaded list of names), by when, and for a training when, where and how people
// check in (a code shown at the session, or their location within a
// radius).
type Checklist struct {
	ID       string        `json:"id"`
	Kind     ChecklistKind `json:"kind"`
	Title    string        `json:"title"`
	Unit     string        `json:"unit"` // the defining official's unit
	By       int64         `json:"by"`
	ByName   string        `json:"by_name"`
	Material string        `json:"material,omitempty"` // a link or a note
	File     *kit.File     `json:"file,omitempty"`
	Units    []string      `json:"units"`
	Roles    []kit.Role    `json:"roles"`
	// List is the file of an uploaded list of names (instead of units ×
	// roles), People the joined people it was matched to; Units are then
	// theirs.
	List   string  `json:"list,omitempty"`
	People []int64 `json:"people,omitempty"`
	// Groups are the list's 分组 column by person (the seed's four groups:
	// 四大班子领导, 换届工作会议参加者 …), when it has one.
	Groups   map[int64]string `json:"groups,omitempty"`
	Deadline string           `json:"deadline"` // 2006-01-02
	// A training's session, check-in code and place to be within Radius
	// metres of (Radius 0: no location check-in).
	At     time.Time `json:"at,omitzero"`
	Place  string    `json:"place,omitempty"`
	Code   string    `json:"code,omitempty"`
	Lat    float64   `json:"lat,omitempty"`
	Lon    float64   `json:"lon,omitempty"`
	Radius int       `json:"radius,omitempty"`
	Open   bool      `json:"open"`
	Opened time.Time `json:"opened"`
	// Rev is the stored revision (storage sets it; not in the JSON).
	Rev int64 `json:"-"`
}

// Target is one person a checklist asks, as they were when it opened.
type Target struct {
	Person int64    `json:"person"`
	Name   string   `json:"name"`
	Unit   string   `json:"unit"`
	Role   kit.Role `json:"role"`
	// Group is the person's group on an uploaded list ("": by role).
	Group string `json:"group,omitempty"`
}

// How a person did a checklist.
const (
	HowWatched  = "watched"  // pressed 看完了
	HowCode     = "code"     // checked in with the session's code
	HowLocation = "location" // checked in by location
)

// Confirmation is one person's proof: how and when, and an optional
// one-line 心得.
type Confirmation struct {
	Checklist string    `json:"checklist"`
	Person    int64     `json:"person"`
	How       string    `json:"how"`
	Note      string    `json:"note,omitempty"`
	At        time.Time `json:"at"`
}
