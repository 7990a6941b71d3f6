package flows

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// PromiseSettings configure public commitments (from config's promise:
// section). The zero value means the defaults documented on each field.
type PromiseSettings struct {
	// MinItems and MaxItems bound the items a person declares per period
	// (default 2 and 5, as the seed asks: 为群众办好2—5件实事好事).
	MinItems, MaxItems int
	// Levels is the number of review levels: 1 = the branch (支委会) only,
	// 2 = branch then committee (党委会) (default 2).
	Levels int
	// NoPublish keeps approved items out of the unit's group chat (公示 is
	// on by default when the unit has a group).
	NoPublish bool
	// PublishGrades posts the evaluation results of a round to the group.
	PublishGrades bool
	// Remind lists the days before the deadline on which the owner is
	// reminded (default 7, 1, 0).
	Remind []int
	// Rectify is the default time given for 限期整改 (default 30 days); the
	// supervisor may set another date.
	Rectify time.Duration
	// Sources are the offered origins of an item (default 意见箱, 座谈会, 走访).
	Sources []string
	// SatisfactionSurvey is the questionnaire (with a campaign 满意 rule)
	// attached to evaluation rounds as their satisfaction measure; "" keeps
	// the per-item 满意/不满意 vote. /evaluate open may name another.
	SatisfactionSurvey string
}

func (p PromiseSettings) norm() PromiseSettings {
	if p.MinItems <= 0 {
		p.MinItems = 2
	}
	if p.MaxItems < p.MinItems {
		p.MaxItems = max(5, p.MinItems)
	}
	if p.Levels <= 0 {
		p.Levels = 2
	}
	if len(p.Remind) == 0 {
		p.Remind = []int{7, 1, 0}
	}
	if p.Rectify <= 0 {
		p.Rectify = 30 * 24 * time.Hour
	}
	if len(p.Sources) == 0 {
		p.Sources = []string{"意见箱", "座谈会", "走访"}
	}
	return p
}

// CommitmentStatus is where a public commitment item is in 定·审·履·评.
type CommitmentStatus string

// Commitment item states. Overdue is not a state: an active or rectifying
// item whose deadline day has passed is overdue.
const (
	CommitReview    CommitmentStatus = "review"    // 待审核 (at Level)
	CommitReturned  CommitmentStatus = "returned"  // 已退回, to be edited and resubmitted
	CommitActive    CommitmentStatus = "active"    // 已公示, 履诺中
	CommitFulfilled CommitmentStatus = "fulfilled" // 已完成, awaiting 评
	CommitGraded    CommitmentStatus = "graded"    // 已评议, not closed
	CommitRectify   CommitmentStatus = "rectify"   // 限期整改
	CommitClosed    CommitmentStatus = "closed"    // 已销号
)

// CommitmentStatuses lists the states in ledger order.
var CommitmentStatuses = []CommitmentStatus{CommitReview, CommitReturned, CommitActive, CommitFulfilled,
	CommitGraded, CommitRectify, CommitClosed}

// Commitment directions (三级双向).
const (
	DirPerson = ""     // a member's commitment to their branch
	DirUp     = "up"   // a unit's commitment to the unit above
	DirDown   = "down" // a unit's commitment to its own members
)

// Grades of 评.
var Grades = []string{"好", "较好", "一般", "差"}

// Commitment is one public commitment item of the 台帐.
type Commitment struct {
	ID string `json:"id"`
	// Owner is the member who committed; 0 for a unit's own commitment.
	Owner     int64  `json:"owner,omitempty"`
	OwnerName string `json:"owner_name"`
	// Unit is the owner's unit, or the committing unit.
	Unit      string `json:"unit"`
	Direction string `json:"dir,omitempty"`
	// DeclaredBy is who declared it (the owner, or the unit's secretary).
	DeclaredBy int64            `json:"by"`
	Period     string           `json:"period"`
	Content    string           `json:"content"`
	Measures   string           `json:"measures"`
	Source     string           `json:"source,omitempty"`
	Deadline   string           `json:"deadline"` // 2006-01-02, due at the end of that day
	Status     CommitmentStatus `json:"status"`
	Level      int              `json:"level,omitempty"` // review level while in review
	Comment    string           `json:"comment,omitempty"`
	Percent    int              `json:"percent,omitempty"`
	Grade      string           `json:"grade,omitempty"`
	// Ext is a pending request to move the deadline.
	Ext       *Extension `json:"ext,omitempty"`
	Rectified int        `json:"rect,omitempty"` // times ordered to rectify
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	// Rev is the stored revision (storage sets it; not part of the JSON).
	Rev int64 `json:"-"`
}

// Extension is a request to move a deadline (申请延期).
type Extension struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
	At     time.Time
}

// CommitmentEntry is one line of an item's history (the 台帐's 履诺记实).
type CommitmentEntry struct {
	At       time.Time `json:"at"`
	By       int64     `json:"by,omitempty"`
	ByName   string    `json:"by_name,omitempty"`
	What     string    `json:"what"` // the event type's last part: declared, progress, urged…
	Text     string    `json:"text,omitempty"`
	Percent  int       `json:"percent,omitempty"`
	File     *File     `json:"file,omitempty"`
	Status   string    `json:"status,omitempty"`
	Deadline string    `json:"deadline,omitempty"`
}

// EvalRound is an evaluation round (评) of one unit.
type EvalRound struct {
	ID       string    `json:"id"`
	Unit     string    `json:"unit"`
	Period   string    `json:"period"`
	OpenedBy int64     `json:"by"`
	OpenedAt time.Time `json:"at"`
	// Survey is the satisfaction questionnaire the unit's members answer in
	// this round; "" when they vote 满意/不满意 per item instead.
	Survey string `json:"survey,omitempty"`
}

// Satisfaction is the figure of a round's satisfaction questionnaire:
// Respondents members of the unit submitted it in the round, Answered of
// them answered its 满意 question and Satisfied of those count as 满意
// under the campaign rule. A satisfied majority is Satisfied > Answered/2.
type Satisfaction struct {
	Survey      string `json:"survey_id"`
	Respondents int64  `json:"respondents"`
	Answered    int64  `json:"answered"`
	Satisfied   int64  `json:"satisfied"`
}

// EvalMarks are the marks collected in a round: Grades[item] is the
// supervisors' grade (the last one given), Opinions[item] the monitors' and
// other graders' grades by person, Votes[item][person] is true for 满意,
// Reports[item] the owner's 述诺.
type EvalMarks struct {
	Grades   map[string]string
	Opinions map[string]map[int64]string
	Votes    map[string]map[int64]bool
	Reports  map[string]string
}

// PromiseReader is what the commitment feature reads besides Directory.
// storage implements it on its directory; a step reaches it by a type
// assertion (so Directory stays unchanged for the other features).
type PromiseReader interface {
	// Commitment returns an item with its Rev, ok=false when unknown.
	Commitment(id string) (Commitment, bool, error)
	// CommitmentsOf lists a person's items, oldest first.
	CommitmentsOf(owner int64) ([]Commitment, error)
	// UnitCommitments lists the items of a unit (its members' and its own),
	// oldest first.
	UnitCommitments(unit string) ([]Commitment, error)
	// PendingReviews lists every item waiting for review, oldest first.
	PendingReviews() ([]Commitment, error)
	// DueBefore lists active and rectifying items whose deadline day starts
	// before t, earliest deadline first.
	DueBefore(t time.Time) ([]Commitment, error)
	// CommitmentLog returns an item's history, oldest first.
	CommitmentLog(id string) ([]CommitmentEntry, error)
	// CommitmentCounts returns the number of items per status in units.
	CommitmentCounts(units []string) (map[CommitmentStatus]int64, error)
	// EvalRound returns the open evaluation round of unit, ok=false if none.
	EvalRound(unit string) (EvalRound, bool, error)
	// EvalMarks returns the marks of a round.
	EvalMarks(round string) (EvalMarks, error)
	// EvalSatisfaction returns the figure of a round's satisfaction
	// questionnaire so far (Survey is left for the caller to fill).
	EvalSatisfaction(round string) (Satisfaction, error)
	// EvalResponded reports whether user submitted the round's
	// satisfaction questionnaire.
	EvalResponded(round string, user int64) (bool, error)
}

// PromiseRun is a public commitment (公开承诺) conversation in progress.
// Mode says which: declaring (or editing a returned item), a reviewer's
// return comment, progress, done, 督办, 申请延期, a rectification deadline,
// or an evaluation pass (述诺, grading, voting).
type PromiseRun struct {
	Mode string `json:"m"`
	// Items are the drafts being declared; Cur the one being filled.
	Items []PromiseDraft `json:"i,omitempty"`
	Cur   int            `json:"c,omitempty"`
	// Field is the step of the current mode ("content", "measures", …).
	Field string `json:"s,omitempty"`
	// Item is the stored item the mode acts on (edit, return, progress…).
	Item string `json:"it,omitempty"`
	// Unit and Dir: declaring for a unit (三级双向).
	Unit string `json:"u,omitempty"`
	Dir  string `json:"dr,omitempty"`
	// Date is a parsed date waiting for confirmation; Month the picker's.
	Date  string `json:"dt,omitempty"`
	Month string `json:"mo,omitempty"`
	// Text and File are collected before a final button (progress, done,
	// extension reason).
	Text string `json:"t,omitempty"`
	File *File  `json:"fl,omitempty"`
	// Back is the field to return to after the picker/confirmation.
	Back string `json:"b,omitempty"`
}

// PromiseDraft is one item being declared.
type PromiseDraft struct {
	Content  string `json:"c,omitempty"`
	Measures string `json:"m,omitempty"`
	Deadline string `json:"d,omitempty"`
	Source   string `json:"s,omitempty"`
}

// promiseFeature is public commitments 定·审·履·评: /promise, /progress,
// /done, reviews, reminders' buttons, evaluation rounds, /overdue, /ledger.
func promiseFeature() feature {
	return feature{
		commands: map[string]func(st *step) error{
			"promise":  (*step).promiseCommand,
			"progress": func(st *step) error { return st.promisePick(modeProgress) },
			"done":     func(st *step) error { return st.promisePick(modeDone) },
			"extend":   func(st *step) error { return st.promisePick(modeExtend) },
			"urge":     (*step).urgeCommand,
			"review":   (*step).reviewCommand,
			"overdue":  (*step).overdueCommand,
			"ledger":   (*step).ledgerCommand,
			"evaluate": (*step).evaluateCommand,
		},
		flows: map[FlowName]flowHandlers{FlowPromise: {
			input:    (*step).promiseInput,
			callback: (*step).promiseCallback,
			back:     (*step).promiseBack,
			cancel: func(st *step) {
				st.leavePromise()
				st.send(st.t(mCancelled))
			},
		}},
		entries: map[string]func(st *step, rest string) error{
			"pr": (*step).promiseEntry,
			"pe": (*step).evalEntry,
		},
		help:   (*step).promiseHelp,
		status: (*step).promiseStatus,
	}
}

// Modes of PromiseRun.
const (
	modeDeclare  = "declare"
	modeEdit     = "edit"
	modeReturn   = "return"
	modeProgress = "progress"
	modeDone     = "done"
	modeUrge     = "urge"
	modeExtend   = "extend"
	modeRectify  = "rectify"
	modeReport   = "report" // 述诺
	modeGrade    = "grade"
	modeVote     = "vote"
)

func (st *step) promise() PromiseSettings { return st.e.env.Promise.norm() }

// reader returns the commitment reads, or an error when the directory has
// none (a wiring mistake, not a user's).
func (st *step) reader() (PromiseReader, error) {
	r, ok := st.dir.(PromiseReader)
	if !ok {
		return nil, fmt.Errorf("directory %T does not implement flows.PromiseReader", st.dir)
	}
	return r, nil
}

func (st *step) run0() *PromiseRun { return st.sess().Promise }

// enterPromise starts a promise conversation, leaving any other.
func (st *step) enterPromise(run *PromiseRun) {
	s := st.sess()
	switch s.Flow {
	case FlowSurvey:
		st.parkSurvey()
	case FlowJoin:
		s.Join = nil
	case FlowTalk:
		s.Talk = nil
	}
	s.Flow, s.Promise = FlowPromise, run
}

func (st *step) leavePromise() {
	s := st.sess()
	s.Flow, s.Promise = FlowNone, nil
	s.next() // buttons of the abandoned prompt expire
}

// today is the date of now in the deployment's time zone.
func (st *step) today() time.Time { return dayOf(st.now, st.e.env.Location) }

func dayOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// period is the commitment period of t (the year).
func (st *step) period() string { return st.now.In(st.e.env.Location).Format("2006") }

// Overdue reports whether c is past its deadline day at now.
func (c Commitment) Overdue(now time.Time, loc *time.Location) bool {
	return (c.Status == CommitActive || c.Status == CommitRectify) && c.DaysLeft(now, loc) < 0
}

// DaysLeft is the number of days from now's day to the deadline day
// (negative when overdue).
func (c Commitment) DaysLeft(now time.Time, loc *time.Location) int {
	d, err := time.ParseInLocation("2006-01-02", c.Deadline, loc)
	if err != nil {
		return 0
	}
	return int(math.Round(d.Sub(dayOf(now, loc)).Hours() / 24))
}

// DeadlineTime is the start of the deadline day in loc (the due set score).
func (c Commitment) DeadlineTime(loc *time.Location) time.Time {
	d, _ := time.ParseInLocation("2006-01-02", c.Deadline, loc)
	return d
}

// Tracked reports whether the item is in the due set (reminders run).
func (c Commitment) Tracked() bool {
	return (c.Status == CommitActive || c.Status == CommitRectify) && c.Deadline != ""
}

// ownerLabel names who committed: the person, or the unit and direction.
func (st *step) ownerLabel(c Commitment) string {
	switch c.Direction {
	case DirUp:
		return st.t(mpOwnerUp, st.unitName(c.Unit))
	case DirDown:
		return st.t(mpOwnerDown, st.unitName(c.Unit))
	}
	return c.OwnerName
}

// itemCard is an item's description in messages.
func (st *step) itemCard(c Commitment) string {
	s := st.t(mpCard, st.ownerLabel(c), c.Content, c.Measures, st.dateText(c.Deadline))
	if c.Source != "" {
		s += "\n" + st.t(mpCardSource, c.Source)
	}
	return s
}

func (st *step) statusName(s CommitmentStatus) string { return st.t(msg("pr_st_" + string(s))) }

// dateText shows 2026-12-31 as "2026年12月31日（星期四）".
func (st *step) dateText(d string) string {
	t, err := time.ParseInLocation("2006-01-02", d, st.e.env.Location)
	if err != nil {
		return d
	}
	if st.lang == "en" {
		return t.Format("Mon 2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日（%s）", t.Year(), t.Month(), t.Day(), weekdayZh[t.Weekday()])
}

var weekdayZh = []string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// isSupervisor: supervisors and officials may review, urge and grade.
func (st *step) isSupervisor() bool {
	return st.me.Role == RoleSupervisor || st.me.Role == RoleOfficial
}

// oversees reports whether me may act on unit as a supervisor: unit is
// mine or below mine.
func (st *step) oversees(unit string) bool {
	return st.isSupervisor() && st.e.Subtree(st.me.Unit, unit)
}

// isMonitor: a 履诺监督员 reads the ledger and grades in rounds, nothing
// else (never approves, urges, declares or opens rounds).
func (st *step) isMonitor() bool { return st.me.Role == RoleMonitor }

// monitors reports whether me is a 履诺监督员 of unit: unit is mine or
// below mine.
func (st *step) monitors(unit string) bool {
	return st.isMonitor() && st.e.Subtree(st.me.Unit, unit)
}

// monitorsOf lists the 履诺监督员 of unit and of the units above it (a
// monitor of a 党委 watches its branches too), by id.
func (e *Engine) monitorsOf(dir Directory, unit string) ([]Person, error) {
	var out []Person
	for u := unit; u != ""; u = e.parent(u) {
		people, err := dir.Members(u, false)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, p := range people {
			if p.Role == RoleMonitor {
				out = append(out, p)
			}
		}
	}
	slices.SortFunc(out, func(a, b Person) int { return cmpInt(a.ID, b.ID) })
	return out, nil
}

func (e *Engine) parent(unit string) string {
	for _, u := range e.env.Units {
		if u.ID == unit {
			return u.Parent
		}
	}
	return ""
}

func (e *Engine) unit(id string) (Unit, bool) {
	for _, u := range e.env.Units {
		if u.ID == id {
			return u, true
		}
	}
	return Unit{}, false
}

// reviewUnit is the unit whose supervisors review c at level (1-based);
// "" when there is no such level.
func (e *Engine) reviewUnit(c Commitment, level int) string {
	u := c.Unit
	if c.Direction != DirPerson {
		u = e.parent(u)
	}
	for i := 1; i < level && u != ""; i++ {
		u = e.parent(u)
	}
	return u
}

// supervisorsOf lists the supervisors and officials of unit, walking up
// the tree when a unit has none; except (the owner) is left out.
func (e *Engine) supervisorsOf(dir Directory, unit string, except int64) ([]Person, error) {
	for u := unit; u != ""; u = e.parent(u) {
		people, err := dir.Leads(u)
		if err != nil {
			return nil, fmt.Errorf("supervisors of %s: %w", u, err)
		}
		var out []Person
		for _, p := range people {
			if (p.Role == RoleSupervisor || p.Role == RoleOfficial) && p.ID != except {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			slices.SortFunc(out, func(a, b Person) int { return cmpInt(a.ID, b.ID) })
			return out, nil
		}
	}
	// Nobody joined above: the configured admins (officials of the root).
	var out []Person
	for id := range e.env.Admins {
		if id != except {
			out = append(out, Person{ID: id, Unit: e.env.Root, Role: RoleOfficial})
		}
	}
	slices.SortFunc(out, func(a, b Person) int { return cmpInt(a.ID, b.ID) })
	return out, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mayAct reports whether me may act as the owner of c (report progress,
// done, extension): the person, or a supervisor of the committing unit.
func (st *step) mayAct(c Commitment) bool {
	if c.Direction == DirPerson {
		return c.Owner == st.me.ID
	}
	return st.isSupervisor() && st.me.Unit == c.Unit
}

// ownerChats are the chats told about c: the owner, or the committing
// unit's supervisors.
func (e *Engine) ownerChats(dir Directory, c Commitment) ([]int64, error) {
	if c.Direction == DirPerson {
		return []int64{c.Owner}, nil
	}
	sup, err := e.supervisorsOf(dir, c.Unit, 0)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(sup))
	for i, p := range sup {
		ids[i] = p.ID
	}
	return ids, nil
}

// item loads one commitment for a button or command.
func (st *step) item(id string) (Commitment, bool, error) {
	r, err := st.reader()
	if err != nil {
		return Commitment{}, false, err
	}
	c, ok, err := r.Commitment(id)
	if err != nil {
		return Commitment{}, false, fmt.Errorf("commitment %s: %w", id, err)
	}
	return c, ok, nil
}

// myItems lists what me may act on in the given states: own items, and the
// unit's own when me is a supervisor there.
func (st *step) myItems(states ...CommitmentStatus) ([]Commitment, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	items, err := r.CommitmentsOf(st.me.ID)
	if err != nil {
		return nil, fmt.Errorf("commitments of %d: %w", st.me.ID, err)
	}
	if st.isSupervisor() {
		unit, err := r.UnitCommitments(st.me.Unit)
		if err != nil {
			return nil, fmt.Errorf("commitments of %s: %w", st.me.Unit, err)
		}
		for _, c := range unit {
			if c.Direction != DirPerson {
				items = append(items, c)
			}
		}
	}
	out := items[:0]
	for _, c := range items {
		if len(states) == 0 || slices.Contains(states, c.Status) {
			out = append(out, c)
		}
	}
	return out, nil
}

// short cuts a text for a button or a list line.
func short(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// newItemID makes an item id from the declarer, the time and the index: short
// enough for callback data ("pr:<id>:<verb>") and unique without a counter.
func newItemID(by int64, now time.Time, i int) string {
	return fmt.Sprintf("%s%s%c", base36(uint64(by)), base36(uint64(now.UnixMilli())), 'a'+rune(i))
}

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
	slices.Reverse(b)
	return string(b)
}

func (st *step) promiseHelp() string {
	if !st.ok {
		return ""
	}
	switch st.me.Role {
	case RoleOfficial:
		return st.t(mpHelpOfficial)
	case RoleSupervisor:
		return st.t(mpHelpSupervisor)
	case RoleMonitor:
		return st.t(mpHelpMonitor)
	}
	return st.t(mpHelpMember)
}
