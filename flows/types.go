package flows

import (
	"time"
)

// Role is what a person may do in their unit.
type Role string

// Roles, from least to most powerful; RoleMonitor stands apart.
const (
	RoleMember     Role = "member"
	RoleSupervisor Role = "supervisor"
	RoleOfficial   Role = "official"
	// RoleMonitor is an external 履诺监督员: read-only access to the 台帐
	// (/ledger, /overdue) of their unit and below, and grades in evaluation
	// rounds; never reviews, urges, declares or opens rounds. Officials
	// invite them.
	RoleMonitor Role = "monitor"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleMember || r == RoleSupervisor || r == RoleOfficial || r == RoleMonitor
}

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

// SurveyStatus is the lifecycle state of a questionnaire campaign.
type SurveyStatus string

// Questionnaire campaign states.
const (
	StatusDraft  SurveyStatus = ""
	StatusOpen   SurveyStatus = "open"
	StatusClosed SurveyStatus = "closed"
)

// SurveyCounts are the figures an official sees for one questionnaire.
// All are counters maintained at the moment things happen, so reading them
// never scans responses.
type SurveyCounts struct {
	Status    SurveyStatus
	OpenedAt  time.Time
	Issued    int64
	Opened    int64 // invitees who opened it (tapped 开始填写)
	Started   int64 // invitees who answered a first question
	Submitted int64
	// Satisfied of SatisfiedAnswered responses count as 满意 (满意率 is
	// satisfied / answered that question).
	Satisfied         int64
	SatisfiedAnswered int64
	// UnitIssued counts invitees per unit.
	UnitIssued map[string]int64
}

// SurveyStats adds the per-question and per-unit counters for /stats.
type SurveyStats struct {
	SurveyCounts
	// Tallies: "#<question>" → responses that answered it;
	// "<question>\x1f<value>" → responses that chose value.
	Tallies map[string]int64
	// Units: "<unit>\x1fsubmitted", "<unit>\x1fsatisfied", "<unit>\x1fanswered".
	Units map[string]int64
}

// Directory is the read-only view of shared state a step may consult. It is
// implemented by storage (Redis) and, in tests, by an in-memory map. Reads are
// not locked: anything a step decides from them that must still hold at commit
// time is stated as a Guard on the effect, and a failed guard re-runs the step.
type Directory interface {
	// Person returns the person with Telegram user id, ok=false when unknown.
	Person(id int64) (Person, bool, error)
	// Invite returns an invite by code, ok=false when unknown.
	Invite(code string) (Invite, bool, error)
	// Members returns everyone in the unit and, with sub, its descendants.
	Members(unit string, sub bool) ([]Person, error)
	// Leads returns the unit's own supervisors and officials (not its
	// sub-units'), from an index: jobs look them up for thousands of units.
	Leads(unit string) ([]Person, error)
	// Survey returns a questionnaire's campaign figures.
	Survey(id string) (SurveyCounts, error)
	// SurveyStatus returns a questionnaire's status cheaply; it may be a
	// few seconds old (answering steps use it; the submit reads Survey and
	// its commit guards on the stored status).
	SurveyStatus(id string) (SurveyStatus, error)
	// Issued reports whether a questionnaire was issued to user.
	Issued(surveyID string, user int64) (bool, error)
	// Submitted reports whether user already submitted a questionnaire.
	Submitted(surveyID string, user int64) (bool, error)
	// Stats returns a questionnaire's counters for /stats.
	Stats(surveyID string) (SurveyStats, error)
}

// InputKind says what a person sent.
type InputKind string

// Input kinds.
const (
	InputCommand  InputKind = "command"
	InputText     InputKind = "text"
	InputCallback InputKind = "callback"
	InputContact  InputKind = "contact"
	InputOther    InputKind = "other" // stickers, photos, voice, locations…
)

// Input is one thing a person did in a chat, already translated from the
// transport.
type Input struct {
	Kind     InputKind `json:"kind"`
	ChatID   int64     `json:"chat_id"`
	UserID   int64     `json:"user_id"`
	Private  bool      `json:"private"`
	Lang     string    `json:"lang,omitempty"`
	UserName string    `json:"user_name,omitempty"` // Telegram first+last name

	Command string `json:"command,omitempty"` // without "/" and "@bot"
	Args    string `json:"args,omitempty"`
	// Addressed: the command named this bot ("/cmd@this_bot"). In a group
	// several bots may read a bare "/cmd"; only addressed ones are ours
	// for sure.
	Addressed bool   `json:"addressed,omitempty"`
	Text      string `json:"text,omitempty"`

	CallbackID string `json:"callback_id,omitempty"`
	Data       string `json:"data,omitempty"`
	MessageID  int    `json:"message_id,omitempty"` // message the button was on

	ContactPhone  string `json:"contact_phone,omitempty"`
	ContactUserID int64  `json:"contact_user_id,omitempty"`

	Other string `json:"other,omitempty"` // "sticker", "photo", …
	// FileID is the Telegram file_id of a photo (largest size), document,
	// voice note, audio or video, kept as evidence; Caption its caption.
	FileID   string `json:"file_id,omitempty"`
	FileName string `json:"file_name,omitempty"`
	Caption  string `json:"caption,omitempty"`
}

// OutputKind says what the transport must do.
type OutputKind string

// Output kinds.
const (
	// OutSend sends a new message to ChatID (the current chat).
	OutSend OutputKind = "send"
	// OutEdit edits MessageID in ChatID in place.
	OutEdit OutputKind = "edit"
	// OutAnswer answers the callback query CallbackID.
	OutAnswer OutputKind = "answer"
	// OutPush sends a message to another person; it goes through the
	// global push queue (rate limited), not the reply path.
	OutPush OutputKind = "push"
	// OutCommands sets the command menu of ChatID for Role.
	OutCommands OutputKind = "commands"
	// OutReport sends a generated file to ChatID: Report names what
	// ("chart": a PNG photo; "xlsx", "csv": documents) of SurveyID. The
	// transport renders it from stored data when sending.
	OutReport OutputKind = "report"
)

// Button is one inline keyboard button: Data for a callback, or URL.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Output is one thing to do on the transport after the commit.
type Output struct {
	Kind       OutputKind `json:"kind"`
	ChatID     int64      `json:"chat_id,omitempty"`
	Text       string     `json:"text,omitempty"`
	Buttons    [][]Button `json:"buttons,omitempty"`
	MessageID  int        `json:"message_id,omitempty"`
	CallbackID string     `json:"callback_id,omitempty"`
	Alert      bool       `json:"alert,omitempty"`
	Role       Role       `json:"role,omitempty"`
	Lang       string     `json:"lang,omitempty"`
	Report     string     `json:"report,omitempty"`
	SurveyID   string     `json:"survey_id,omitempty"`
	// Keyboard is a reply keyboard under the input field (e.g. a button
	// that shares the person's own phone number); RemoveKeyboard hides it.
	Keyboard       [][]KeyButton `json:"keyboard,omitempty"`
	RemoveKeyboard bool          `json:"remove_keyboard,omitempty"`
	// File, when set, sends a stored file (photo, document, voice) by its
	// file_id with Text as the caption, instead of a text message.
	File *File `json:"file,omitempty"`
	// Contact, when set, sends a contact card (tap to call) with Text
	// sent first as a message when not empty.
	Contact *Contact `json:"contact,omitempty"`
}

// KeyButton is a reply keyboard button; RequestContact asks the client to
// share the person's own phone number.
type KeyButton struct {
	Text           string `json:"text"`
	RequestContact bool   `json:"request_contact,omitempty"`
}

// File is a file Telegram already has, by file_id.
type File struct {
	Kind string `json:"kind"` // photo, document, voice
	ID   string `json:"id"`
}

// Contact is a contact card.
type Contact struct {
	Phone     string `json:"phone"`
	FirstName string `json:"first_name"`
}

// Env is what the engine knows that does not change per step.
type Env struct {
	BotUsername string
	Units       []Unit
	Root        string // id of the root unit
	Admins      map[int64]bool
	Surveys     map[string]*Survey
	InviteTTL   time.Duration
	// NewCode returns a fresh unguessable code (invites). Tests fix it.
	NewCode func() string
	// Location is the time zone of dates shown to people.
	Location *time.Location
	// Promise and Talk configure those features.
	Promise PromiseSettings
	Talk    TalkSettings
}

// Reports that an OutReport can ask for.
const (
	ReportChart = "chart"
	ReportXLSX  = "xlsx"
	ReportCSV   = "csv"
)

// Result is what one step produced.
type Result struct {
	Session Session
	Outputs []Output
	Effects []Effect
}
