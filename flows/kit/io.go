package kit

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

	Other string `json:"other,omitempty"` // "sticker", "photo", "location", …
	// Lat and Lon are a shared location (Other "location"): a training's
	// check-in within its radius.
	Lat float64 `json:"lat,omitempty"`
	Lon float64 `json:"lon,omitempty"`
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
	// OutEdit edits MessageID in ChatID in place: its text and buttons,
	// or with KeepText its buttons only.
	OutEdit OutputKind = "edit"
	// OutAnswer answers the callback query CallbackID.
	OutAnswer OutputKind = "answer"
	// OutPush sends a message to another person; it goes through the
	// global push queue (rate limited), not the reply path.
	OutPush OutputKind = "push"
	// OutCommands sets the command menu of ChatID for Role.
	OutCommands OutputKind = "commands"
	// OutReport sends a generated file to ChatID: Report names what (a
	// feature's report kind, e.g. a questionnaire's "chart") of SurveyID
	// (the object's id). The transport renders it from stored data when
	// sending.
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
	// KeepText, for an OutEdit, changes only the message's buttons (to
	// Buttons; none removes them) and leaves its text as it is: a prompt
	// whose text the step cannot write again loses its used-up buttons.
	KeepText bool   `json:"keep_text,omitempty"`
	Role     Role   `json:"role,omitempty"`
	Lang     string `json:"lang,omitempty"`
	Report   string `json:"report,omitempty"`
	// SurveyID is the id of what an OutReport reports on (a questionnaire,
	// a talk round, a unit); the JSON name stays for stored replies.
	SurveyID string `json:"survey_id,omitempty"`
	// Scope, for an OutReport, is the unit whose subtree the report is
	// limited to ("" for the whole object): the access policy scoped the
	// requester's view, and the transport must render that subtree only.
	Scope string `json:"scope,omitempty"`
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
	// AnyHour lets a push go in quiet hours: it is about a time the
	// person chose (the reminder before a booked phone talk). Every other
	// push is held until they end.
	AnyHour bool `json:"any_hour,omitempty"`
	// Urgent marks a push that cannot wait for the person's next daily
	// digest (a talk within the next hours, a booking or change by a
	// member, a review decision on one's own item, an official's 督办):
	// it goes out at once, still within the day's budget and, unless
	// AnyHour, outside quiet hours. Other pushes may fold into the digest
	// once the budget is spent (issue 19).
	Urgent bool `json:"urgent,omitempty"`
	// Digest marks the person's daily digest (今日待办): it is not counted
	// in the day's budget of pushes and never folds into itself.
	Digest bool `json:"digest,omitempty"`
}

// KeyButton is a reply keyboard button; RequestContact asks the client to
// share the person's own phone number, RequestLocation their location.
type KeyButton struct {
	Text            string `json:"text"`
	RequestContact  bool   `json:"request_contact,omitempty"`
	RequestLocation bool   `json:"request_location,omitempty"`
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
