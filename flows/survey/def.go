package survey

import (
	"regexp"
	"time"

	"sibu/flows/kit"
)

// Question types of the supported SurveyJS subset.
const (
	QRadio    = "radiogroup"
	QCheckbox = "checkbox"
	QDropdown = "dropdown"
	QBoolean  = "boolean"
	QRating   = "rating"
	QText     = "text"
	QComment  = "comment"
	QRanking  = "ranking"
	QMatrix   = "matrix"
)

// Special choice values, as SurveyJS stores them.
const (
	OtherValue = "other"
	NoneValue  = "none"
)

// Choice is one option of a choice question (or a matrix row or column).
type Choice struct {
	Value string
	Text  string
}

// Validator is one SurveyJS validator.
type Validator struct {
	Type      string   // numeric, text, regex, answercount
	MinValue  *float64 // numeric
	MaxValue  *float64
	MinLength int // text
	MaxLength int
	Regex     *regexp.Regexp
	MinCount  int // answercount
	MaxCount  int
	Text      string // custom error message
}

// Question is one question of a questionnaire.
type Question struct {
	Type        string
	Name        string
	Title       string
	Description string
	Required    bool
	RequiredIf  *Expr
	VisibleIf   *Expr
	Choices     []Choice // for matrices: the columns
	Rows        []Choice // matrix rows, asked one by one
	Other       bool     // showOtherItem: "其他" then asks for the text
	OtherText   string
	None        bool // showNoneItem
	NoneText    string
	RateMin     int
	RateMax     int
	InputType   string
	Validators  []Validator
	// MaxLength is the longest typed answer (SurveyJS maxLength of a
	// text or comment question); 0 uses the campaign's MaxAnswer.
	MaxLength int
}

// Trigger is a SurveyJS trigger evaluated after each answer.
type Trigger struct {
	Type     string // complete: straight to the summary; skip: jump to GotoName
	Expr     *Expr
	GotoName string
}

// Campaign is the distribution part beside the SurveyJS definition.
type Campaign struct {
	// Units whose members (and descendants' members) receive it.
	Units []string
	// Roles limits the audience to these roles (empty: everyone).
	Roles []kit.Role
	// Anonymous keeps who answered apart from what was answered.
	Anonymous bool
	// OpensAt and ClosesAt bound the answering period (zero: no bound).
	OpensAt, ClosesAt time.Time
	// ReminderGap and ReminderMax control reminders to non-respondents.
	ReminderGap time.Duration
	ReminderMax int
	// Satisfied names the question and the answers that count as 满意.
	Satisfied *SatisfiedRule
	// Results says who may see /stats and /export: officials (default) or
	// supervisors (officials and supervisors).
	Results string
	// AllowMultiple lets one person submit more than once.
	AllowMultiple bool
	// MinGroup is the smallest group whose results are shown
	// (DefaultMinGroup unless configured).
	MinGroup int
	// MaxAnswer is the longest typed answer, in characters, of a question
	// without its own maxLength (max_answer_length, default 1000).
	MaxAnswer int
	// Tipoff offers the anonymous tip-off line (/tipoff) on the closing
	// message of an anonymous questionnaire about 换届风气: to every
	// respondent whatever they answered, so the reply says nothing of the
	// answers, and the button carries nothing of the response.
	Tipoff bool
}

// DefaultMaxAnswer is the longest typed answer unless a campaign says.
const DefaultMaxAnswer = 1000

// SatisfiedRule says which answers of which question count toward 满意率.
type SatisfiedRule struct {
	Question string   `json:"question"`
	Values   []string `json:"values"`
}

// DefaultMinGroup is the smallest group of an anonymous campaign whose
// results are shown, unless the campaign says otherwise.
const DefaultMinGroup = 5

// Survey is a loaded questionnaire: its SurveyJS part flattened to a
// question list, its campaign, and a version hash of the definition.
type Survey struct {
	ID          string
	Title       string
	Description string
	Questions   []Question
	Triggers    []Trigger
	Campaign    Campaign
	Version     string
	// Notes say what Parse assumed: the campaign defaults of a SurveyJS
	// Creator file, the display settings it left out (sibu check prints
	// them).
	Notes []string
}

// Limits that keep every question askable through Telegram.
const (
	maxChoices     = 200 // paginated 8 per message
	maxChoiceText  = 100 // button text shown on one line
	maxRankChoices = 20
	maxMatrixRows  = 50
	maxMatrixCols  = 10
	maxTitleRunes  = 1000
	pageSize       = 8
)

// question returns the question named name, or nil.
func (s *Survey) question(name string) *Question {
	for i := range s.Questions {
		if s.Questions[i].Name == name {
			return &s.Questions[i]
		}
	}
	return nil
}

// Question returns the question named name, or nil.
func (s *Survey) Question(name string) *Question { return s.question(name) }

// IsSatisfied reports whether answers count as 满意 under the campaign rule.
func (s *Survey) IsSatisfied(answers map[string][]string) bool {
	r := s.Campaign.Satisfied
	if r == nil {
		return false
	}
	for _, v := range answers[r.Question] {
		for _, ok := range r.Values {
			if v == ok {
				return true
			}
		}
	}
	return false
}

// options lists what a choice question offers: its choices, then 以上都不是
// and 其他 when enabled.
func (q *Question) options() []Choice {
	out := q.Choices
	if q.None {
		out = append(append([]Choice{}, out...), Choice{Value: NoneValue, Text: q.NoneText})
	}
	if q.Other {
		out = append(append([]Choice{}, out...), Choice{Value: OtherValue, Text: q.OtherText})
	}
	return out
}

// hasChoice reports whether v is the value of one of cs.
func hasChoice(cs []Choice, v string) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}
