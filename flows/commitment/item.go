package commitment

import (
	"math"
	"time"

	"sibu/flows/kit"
)

// Status is where a public commitment item is in 定·审·履·评.
type Status string

// Item states. Overdue is not a state: an active or rectifying item whose
// deadline day has passed is overdue.
const (
	StatusReview    Status = "review"    // 待审核 (at Level)
	StatusReturned  Status = "returned"  // 已退回, to be edited and resubmitted
	StatusActive    Status = "active"    // 已公示, 履诺中
	StatusFulfilled Status = "fulfilled" // 已完成, awaiting 评
	StatusGraded    Status = "graded"    // 已评议, not closed
	StatusRectify   Status = "rectify"   // 限期整改
	StatusClosed    Status = "closed"    // 已销号
)

// Statuses lists the states in ledger order.
var Statuses = []Status{StatusReview, StatusReturned, StatusActive, StatusFulfilled,
	StatusGraded, StatusRectify, StatusClosed}

// Commitment directions (三级双向).
const (
	DirPerson = ""     // a member's commitment to their branch
	DirUp     = "up"   // a unit's commitment to the unit above
	DirDown   = "down" // a unit's commitment to its own members
)

// Grades of 评.
var Grades = []string{"好", "较好", "一般", "差"}

// Item is one public commitment item of the 台账.
type Item struct {
	ID string `json:"id"`
	// Owner is the member who committed; 0 for a unit's own commitment.
	Owner     int64  `json:"owner,omitempty"`
	OwnerName string `json:"owner_name"`
	// Unit is the owner's unit, or the committing unit.
	Unit      string `json:"unit"`
	Direction string `json:"dir,omitempty"`
	// DeclaredBy is who declared it (the owner, or the unit's secretary).
	DeclaredBy int64  `json:"by"`
	Period     string `json:"period"`
	Content    string `json:"content"`
	Measures   string `json:"measures"`
	Source     string `json:"source,omitempty"`
	// Opinion is the 意见台账 entry the item was drawn from (定 draws on
	// collected opinions), if any.
	Opinion  string `json:"opinion,omitempty"`
	Deadline string `json:"deadline"` // 2006-01-02, due at the end of that day
	Status   Status `json:"status"`
	Level    int    `json:"level,omitempty"` // review level while in review
	Comment  string `json:"comment,omitempty"`
	Percent  int    `json:"percent,omitempty"`
	Grade    string `json:"grade,omitempty"`
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

// Entry is one line of an item's history (the 台账's 履诺记实).
type Entry struct {
	At       time.Time `json:"at"`
	By       int64     `json:"by,omitempty"`
	ByName   string    `json:"by_name,omitempty"`
	What     string    `json:"what"` // the event type's last part: declared, progress, urged…
	Text     string    `json:"text,omitempty"`
	Percent  int       `json:"percent,omitempty"`
	File     *kit.File `json:"file,omitempty"`
	Status   string    `json:"status,omitempty"`
	Deadline string    `json:"deadline,omitempty"`
}

// Round is an evaluation round (评) of one unit.
type Round struct {
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
	// Withheld: the questionnaire is anonymous and fewer than its
	// min_group answered, so the counts are nobody's to see: people get
	// the outcome at most, records events no counts (the results were
	// still decided on them).
	Withheld bool `json:"withheld,omitempty"`
}

// satisfactionEvent is a round's figure in records events: its counts, or
// only that they are withheld.
type satisfactionEvent struct {
	Survey      string `json:"survey_id"`
	Respondents *int64 `json:"respondents,omitempty"`
	Answered    *int64 `json:"answered,omitempty"`
	Satisfied   *int64 `json:"satisfied,omitempty"`
	Withheld    bool   `json:"withheld,omitempty"`
}

// event is s as records events carry it (nil for none).
func (s *Satisfaction) event() *satisfactionEvent {
	if s == nil {
		return nil
	}
	if s.Withheld {
		return &satisfactionEvent{Survey: s.Survey, Withheld: true}
	}
	r, a, y := s.Respondents, s.Answered, s.Satisfied
	return &satisfactionEvent{Survey: s.Survey, Respondents: &r, Answered: &a, Satisfied: &y}
}

// Marks are the marks collected in a round: Grades[item] is the
// supervisors' grade (the last one given), Opinions[item] the monitors' and
// other graders' grades by person, Votes[item][person] is true for 满意,
// Reports[item] the owner's 述诺.
type Marks struct {
	Grades   map[string]string
	Opinions map[string]map[int64]string
	Votes    map[string]map[int64]bool
	Reports  map[string]string
}

// Overdue reports whether c is past its deadline day at now.
func (c Item) Overdue(now time.Time, loc *time.Location) bool {
	return (c.Status == StatusActive || c.Status == StatusRectify) && c.DaysLeft(now, loc) < 0
}

// DaysLeft is the number of days from now's day to the deadline day
// (negative when overdue).
func (c Item) DaysLeft(now time.Time, loc *time.Location) int {
	d, err := time.ParseInLocation("2006-01-02", c.Deadline, loc)
	if err != nil {
		return 0
	}
	return int(math.Round(d.Sub(kit.DayOf(now, loc)).Hours() / 24))
}

// DeadlineTime is the start of the deadline day in loc (the due set score).
func (c Item) DeadlineTime(loc *time.Location) time.Time {
	d, _ := time.ParseInLocation("2006-01-02", c.Deadline, loc)
	return d
}

// Tracked reports whether the item is in the due set (reminders run).
func (c Item) Tracked() bool {
	return (c.Status == StatusActive || c.Status == StatusRectify) && c.Deadline != ""
}

// active reports whether c is being kept (履诺中 or 限期整改): progress, done,
// extensions and 督办 apply.
func (c Item) active() bool { return c.Status == StatusActive || c.Status == StatusRectify }
