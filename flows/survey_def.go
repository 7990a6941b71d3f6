package flows

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
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
)

// Choice is one option of a choice question.
type Choice struct {
	Value string
	Text  string
}

// Question is one question of a questionnaire.
type Question struct {
	Type        string
	Name        string
	Title       string
	Description string
	Required    bool
	Choices     []Choice
	RateMin     int
	RateMax     int
	InputType   string
}

// Campaign is the distribution part beside the SurveyJS definition.
type Campaign struct {
	// Units whose members (and descendants' members) receive it.
	Units []string `json:"units"`
	// Roles limits the audience to these roles (empty: everyone).
	Roles []Role `json:"roles"`
	// Anonymous keeps who answered apart from what was answered.
	Anonymous bool `json:"anonymous"`
	// Satisfied names the question and the answers that count as 满意.
	Satisfied *SatisfiedRule `json:"satisfied"`
}

// SatisfiedRule says which answers of which question count toward 满意率.
type SatisfiedRule struct {
	Question string   `json:"question"`
	Values   []string `json:"values"`
}

// Survey is a loaded questionnaire: its SurveyJS part flattened to a
// question list, its campaign, and a version hash of the definition.
type Survey struct {
	ID          string
	Title       string
	Description string
	Questions   []Question
	Campaign    Campaign
	Version     string
}

// Limits that keep every question askable through Telegram.
const (
	maxChoices    = 60  // inline keyboards hold 100 buttons; leave room
	maxChoiceText = 100 // button text shown on one line
	maxTitleRunes = 1000
)

type rawChoice struct {
	Value string
	Text  string
}

func (c *rawChoice) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		c.Value, c.Text = s, s
		return nil
	}
	var o struct {
		Value json.RawMessage `json:"value"`
		Text  string          `json:"text"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&o); err != nil {
		return err
	}
	var s string
	if err := json.Unmarshal(o.Value, &s); err != nil {
		s = strings.TrimSpace(string(o.Value)) // numbers as values
	}
	c.Value, c.Text = s, o.Text
	if c.Text == "" {
		c.Text = s
	}
	return nil
}

type rawQuestion struct {
	Type        string      `json:"type"`
	Name        string      `json:"name"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	IsRequired  bool        `json:"isRequired"`
	Choices     []rawChoice `json:"choices"`
	RateMin     *int        `json:"rateMin"`
	RateMax     *int        `json:"rateMax"`
	InputType   string      `json:"inputType"`
}

type rawSurvey struct {
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Pages       []rawPage     `json:"pages"`
	Elements    []rawQuestion `json:"elements"`
}

type rawPage struct {
	Name     string        `json:"name"`
	Title    string        `json:"title"`
	Elements []rawQuestion `json:"elements"`
}

type rawFile struct {
	Campaign Campaign        `json:"campaign"`
	Survey   json.RawMessage `json:"survey"`
}

// ParseSurvey reads one questionnaire: a JSON object with "campaign" and
// "survey" (the SurveyJS subset). Unknown types and properties are errors
// that name the question.
func ParseSurvey(id string, raw []byte) (*Survey, error) {
	var f rawFile
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		return nil, fmt.Errorf("questionnaire %q: %v", id, cleanJSONErr(err))
	}
	if len(f.Survey) == 0 {
		return nil, fmt.Errorf("questionnaire %q: missing \"survey\" (the SurveyJS definition)", id)
	}
	var rs rawSurvey
	d = json.NewDecoder(bytes.NewReader(f.Survey))
	d.DisallowUnknownFields()
	if err := d.Decode(&rs); err != nil {
		return nil, fmt.Errorf("questionnaire %q: survey: %v", id, cleanJSONErr(err))
	}
	s := &Survey{ID: id, Title: strings.TrimSpace(rs.Title), Description: strings.TrimSpace(rs.Description), Campaign: f.Campaign}
	if s.Title == "" {
		return nil, fmt.Errorf("questionnaire %q: survey.title is required", id)
	}
	elems := rs.Elements
	for _, p := range rs.Pages {
		elems = append(elems, p.Elements...)
	}
	if len(elems) == 0 {
		return nil, fmt.Errorf("questionnaire %q: no questions (survey.elements or survey.pages[].elements)", id)
	}
	seen := map[string]bool{}
	for i, rq := range elems {
		q, err := convertQuestion(rq)
		if err != nil {
			name := rq.Name
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			return nil, fmt.Errorf("questionnaire %q, question %s: %v", id, name, err)
		}
		if seen[q.Name] {
			return nil, fmt.Errorf("questionnaire %q, question %s: duplicate name", id, q.Name)
		}
		seen[q.Name] = true
		s.Questions = append(s.Questions, q)
	}
	if r := s.Campaign.Satisfied; r != nil {
		q := s.question(r.Question)
		if q == nil {
			return nil, fmt.Errorf("questionnaire %q: campaign.satisfied.question %q names no question", id, r.Question)
		}
		if len(r.Values) == 0 {
			return nil, fmt.Errorf("questionnaire %q: campaign.satisfied.values is empty", id)
		}
	}
	for _, r := range s.Campaign.Roles {
		if !r.Valid() {
			return nil, fmt.Errorf("questionnaire %q: campaign.roles: unknown role %q (member, supervisor, official)", id, r)
		}
	}
	sum := sha256.Sum256(raw)
	s.Version = hex.EncodeToString(sum[:6])
	return s, nil
}

func convertQuestion(rq rawQuestion) (Question, error) {
	q := Question{Type: rq.Type, Name: strings.TrimSpace(rq.Name), Title: strings.TrimSpace(rq.Title),
		Description: strings.TrimSpace(rq.Description), Required: rq.IsRequired, InputType: rq.InputType}
	if q.Name == "" {
		return q, fmt.Errorf("name is required")
	}
	if !validName(q.Name) {
		return q, fmt.Errorf("name %q: use letters, digits, _ or - (at most 40)", q.Name)
	}
	if q.Title == "" {
		q.Title = q.Name
	}
	if utf8.RuneCountInString(q.Title)+utf8.RuneCountInString(q.Description) > maxTitleRunes {
		return q, fmt.Errorf("title and description are longer than %d characters", maxTitleRunes)
	}
	switch q.Type {
	case QRadio, QCheckbox, QDropdown:
		if len(rq.Choices) == 0 {
			return q, fmt.Errorf("type %s needs choices", q.Type)
		}
		if len(rq.Choices) > maxChoices {
			return q, fmt.Errorf("%d choices do not fit a Telegram keyboard (at most %d)", len(rq.Choices), maxChoices)
		}
		vals := map[string]bool{}
		for _, c := range rq.Choices {
			if c.Value == "" {
				return q, fmt.Errorf("a choice has an empty value")
			}
			if vals[c.Value] {
				return q, fmt.Errorf("duplicate choice %q", c.Value)
			}
			vals[c.Value] = true
			if utf8.RuneCountInString(c.Text) > maxChoiceText {
				return q, fmt.Errorf("choice %q is longer than %d characters for a button", c.Text, maxChoiceText)
			}
			q.Choices = append(q.Choices, Choice(c))
		}
	case QRating:
		q.RateMin, q.RateMax = 1, 5
		if rq.RateMin != nil {
			q.RateMin = *rq.RateMin
		}
		if rq.RateMax != nil {
			q.RateMax = *rq.RateMax
		}
		if q.RateMax < q.RateMin || q.RateMax-q.RateMin > 10 {
			return q, fmt.Errorf("rateMin %d..rateMax %d: need min ≤ max and at most 11 steps", q.RateMin, q.RateMax)
		}
	case QBoolean:
		q.Choices = []Choice{{Value: "true", Text: "是"}, {Value: "false", Text: "否"}}
	case QText:
		switch q.InputType {
		case "", "text", "number", "date", "tel":
		default:
			return q, fmt.Errorf("inputType %q is not supported (text, number, date, tel)", q.InputType)
		}
	case QComment:
	case "":
		return q, fmt.Errorf("type is required")
	default:
		return q, fmt.Errorf("unknown type %q (radiogroup, checkbox, dropdown, boolean, rating, text, comment)", q.Type)
	}
	if len(rq.Choices) > 0 && q.Type != QRadio && q.Type != QCheckbox && q.Type != QDropdown {
		return q, fmt.Errorf("type %s does not take choices", q.Type)
	}
	return q, nil
}

func validName(s string) bool {
	if len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func cleanJSONErr(err error) string {
	s := err.Error()
	if i := strings.Index(s, "json: unknown field "); i >= 0 {
		return "unknown property " + strings.TrimPrefix(s[i:], "json: unknown field ")
	}
	return strings.TrimPrefix(s, "json: ")
}

func (s *Survey) question(name string) *Question {
	for i := range s.Questions {
		if s.Questions[i].Name == name {
			return &s.Questions[i]
		}
	}
	return nil
}

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
