package survey

import (
	"sibu/flows/kit"

	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
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
	// MinGroup is the smallest group whose results are shown (default 5).
	MinGroup int
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
	Triggers    []Trigger
	Campaign    Campaign
	Version     string
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

type rawChoice struct {
	Value string
	Text  string
}

func (c *rawChoice) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '{' {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		c.Value = strings.TrimSpace(fmt.Sprint(v))
		c.Text = c.Value
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

type rawValidator struct {
	Type      string   `json:"type"`
	MinValue  *float64 `json:"minValue"`
	MaxValue  *float64 `json:"maxValue"`
	MinLength int      `json:"minLength"`
	MaxLength int      `json:"maxLength"`
	Regex     string   `json:"regex"`
	MinCount  int      `json:"minCount"`
	MaxCount  int      `json:"maxCount"`
	Text      string   `json:"text"`
}

type rawQuestion struct {
	Type          string         `json:"type"`
	Name          string         `json:"name"`
	Title         string         `json:"title"`
	Description   string         `json:"description"`
	IsRequired    bool           `json:"isRequired"`
	RequiredIf    string         `json:"requiredIf"`
	VisibleIf     string         `json:"visibleIf"`
	Choices       []rawChoice    `json:"choices"`
	Rows          []rawChoice    `json:"rows"`
	Columns       []rawChoice    `json:"columns"`
	ShowOtherItem bool           `json:"showOtherItem"`
	OtherText     string         `json:"otherText"`
	ShowNoneItem  bool           `json:"showNoneItem"`
	NoneText      string         `json:"noneText"`
	RateMin       *int           `json:"rateMin"`
	RateMax       *int           `json:"rateMax"`
	InputType     string         `json:"inputType"`
	Validators    []rawValidator `json:"validators"`
}

type rawTrigger struct {
	Type       string `json:"type"`
	Expression string `json:"expression"`
	GotoName   string `json:"gotoName"`
}

type rawSurvey struct {
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Pages       []rawPage         `json:"pages"`
	Elements    []json.RawMessage `json:"elements"`
	Questions   []json.RawMessage `json:"questions"`
	Triggers    []rawTrigger      `json:"triggers"`
}

type rawPage struct {
	Name        string            `json:"name"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Elements    []json.RawMessage `json:"elements"`
	Questions   []json.RawMessage `json:"questions"`
}

// decodeQuestion decodes one question strictly, reporting an unknown
// property but still returning what it could read, so the other checks of
// this and later questions run too.
func decodeQuestion(raw json.RawMessage) (rawQuestion, error) {
	var q rawQuestion
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	err := d.Decode(&q)
	if err != nil {
		q = rawQuestion{}
		if lerr := json.Unmarshal(raw, &q); lerr != nil {
			return q, lerr
		}
	}
	return q, err
}

type rawCampaign struct {
	Units         []string       `json:"units"`
	Roles         []kit.Role     `json:"roles"`
	Anonymous     bool           `json:"anonymous"`
	OpensAt       string         `json:"opens_at"`
	ClosesAt      string         `json:"closes_at"`
	Reminders     *rawReminders  `json:"reminders"`
	Satisfied     *SatisfiedRule `json:"satisfied"`
	Results       string         `json:"results"`
	AllowMultiple bool           `json:"allow_multiple"`
	MinGroup      *int           `json:"min_group"`
}

type rawReminders struct {
	Gap string `json:"gap"`
	Max int    `json:"max"`
}

type rawFile struct {
	Campaign rawCampaign     `json:"campaign"`
	Survey   json.RawMessage `json:"survey"`
}

// problems collects every problem of one questionnaire.
type problems struct {
	id   string
	errs []error
}

func (p *problems) add(where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if where != "" {
		p.errs = append(p.errs, fmt.Errorf("questionnaire %q, %s: %s", p.id, where, msg))
		return
	}
	p.errs = append(p.errs, fmt.Errorf("questionnaire %q: %s", p.id, msg))
}

// ParseSurvey reads one questionnaire: a JSON object with "campaign" and
// "survey" (the SurveyJS subset). Times in the campaign are read in loc.
// Every problem found is reported (errors.Join), each naming the question.
func ParseSurvey(id string, raw []byte, loc *time.Location) (*Survey, error) {
	if loc == nil {
		loc = time.UTC
	}
	p := &problems{id: id}
	var f rawFile
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		p.add("", "%v", cleanJSONErr(err))
		return nil, errors.Join(p.errs...)
	}
	if len(f.Survey) == 0 {
		p.add("", "missing \"survey\" (the SurveyJS definition)")
		return nil, errors.Join(p.errs...)
	}
	var rs rawSurvey
	d = json.NewDecoder(bytes.NewReader(f.Survey))
	d.DisallowUnknownFields()
	if err := d.Decode(&rs); err != nil {
		p.add("survey", "%v", cleanJSONErr(err))
		return nil, errors.Join(p.errs...)
	}
	s := &Survey{ID: id, Title: strings.TrimSpace(rs.Title), Description: strings.TrimSpace(rs.Description)}
	if s.Title == "" {
		p.add("", "survey.title is required")
	}
	raws := append(rs.Elements, rs.Questions...)
	for _, pg := range rs.Pages {
		raws = append(raws, pg.Elements...)
		raws = append(raws, pg.Questions...)
	}
	var elems []rawQuestion
	for i, raw := range raws {
		q, err := decodeQuestion(raw)
		if err != nil {
			name := q.Name
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			p.add("question "+name, "%s", cleanJSONErr(err))
		}
		elems = append(elems, q)
	}
	if len(elems) == 0 {
		p.add("", "no questions (survey.elements or survey.pages[].elements)")
	}
	seen := map[string]bool{}
	for i, rq := range elems {
		name := rq.Name
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		where := "question " + name
		q, errs := convertQuestion(rq)
		for _, err := range errs {
			p.add(where, "%v", err)
		}
		if q.Name != "" && seen[q.Name] {
			p.add(where, "duplicate name")
		}
		// Conditions may only read questions asked before this one.
		for _, e := range []*Expr{q.VisibleIf, q.RequiredIf} {
			if e == nil {
				continue
			}
			for _, v := range e.Vars() {
				switch {
				case seen[v]:
				case v == q.Name || nameLater(elems[i+1:], v):
					p.add(where, "expression %q names %q, which is not asked before this question", e, v)
				default:
					p.add(where, "expression %q names %q, which is not a question", e, v)
				}
			}
		}
		seen[q.Name] = true
		s.Questions = append(s.Questions, q)
	}
	for i, rt := range rs.Triggers {
		where := fmt.Sprintf("triggers[%d]", i)
		t := Trigger{Type: rt.Type, GotoName: rt.GotoName}
		e, err := ParseExpr(rt.Expression)
		switch {
		case rt.Expression == "":
			p.add(where, "expression is required")
		case err != nil:
			p.add(where, "expression %q: %v", rt.Expression, err)
		default:
			t.Expr = e
			for _, v := range e.Vars() {
				if !seen[v] {
					p.add(where, "expression %q names %q, which is not a question", rt.Expression, v)
				}
			}
		}
		switch rt.Type {
		case "complete":
		case "skip":
			if s.question(rt.GotoName) == nil {
				p.add(where, "gotoName %q names no question", rt.GotoName)
			}
		default:
			p.add(where, "unknown trigger type %q (complete, skip)", rt.Type)
		}
		s.Triggers = append(s.Triggers, t)
	}
	s.Campaign = convertCampaign(p, f.Campaign, s, loc)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	sum := sha256.Sum256(raw)
	s.Version = hex.EncodeToString(sum[:6])
	return s, nil
}

func nameLater(rest []rawQuestion, name string) bool {
	for _, q := range rest {
		if q.Name == name {
			return true
		}
	}
	return false
}

func convertCampaign(p *problems, rc rawCampaign, s *Survey, loc *time.Location) Campaign {
	c := Campaign{Units: rc.Units, Roles: rc.Roles, Anonymous: rc.Anonymous, Satisfied: rc.Satisfied,
		Results: rc.Results, AllowMultiple: rc.AllowMultiple, MinGroup: 5}
	if rc.MinGroup != nil {
		c.MinGroup = *rc.MinGroup
		if c.MinGroup < 1 {
			p.add("campaign.min_group", "must be at least 1")
		}
	}
	for _, r := range rc.Roles {
		if !r.Valid() {
			p.add("campaign.roles", "unknown role %q (member, supervisor, official)", r)
		}
	}
	switch c.Results {
	case "":
		c.Results = "officials"
	case "officials", "supervisors":
	default:
		p.add("campaign.results", "%q: officials or supervisors", c.Results)
	}
	for key, src := range map[string]string{"opens_at": rc.OpensAt, "closes_at": rc.ClosesAt} {
		if src == "" {
			continue
		}
		t, err := parseWhen(src, loc)
		if err != nil {
			p.add("campaign."+key, "%q: use 2026-12-01 or 2026-12-01 08:00", src)
			continue
		}
		if key == "opens_at" {
			c.OpensAt = t
		} else {
			c.ClosesAt = t
		}
	}
	if !c.OpensAt.IsZero() && !c.ClosesAt.IsZero() && !c.ClosesAt.After(c.OpensAt) {
		p.add("campaign.closes_at", "must be after opens_at")
	}
	if r := rc.Reminders; r != nil {
		gap, err := time.ParseDuration(r.Gap)
		if err != nil || gap < time.Hour {
			p.add("campaign.reminders.gap", "%q: a duration of at least 1h, e.g. 48h", r.Gap)
		}
		if r.Max < 0 || r.Max > 10 {
			p.add("campaign.reminders.max", "between 0 and 10")
		}
		c.ReminderGap, c.ReminderMax = gap, r.Max
	}
	if r := c.Satisfied; r != nil {
		q := s.question(r.Question)
		switch {
		case q == nil:
			p.add("campaign.satisfied.question", "%q names no question", r.Question)
		case len(r.Values) == 0:
			p.add("campaign.satisfied.values", "is empty")
		default:
			for _, v := range r.Values {
				if len(q.Choices) > 0 && !hasChoice(q.Choices, v) {
					p.add("campaign.satisfied.values", "%q is not a choice of %s", v, q.Name)
				}
			}
		}
	}
	return c
}

func parseWhen(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time")
}

func hasChoice(cs []Choice, v string) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}

func convertQuestion(rq rawQuestion) (Question, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	q := Question{Type: rq.Type, Name: strings.TrimSpace(rq.Name), Title: strings.TrimSpace(rq.Title),
		Description: strings.TrimSpace(rq.Description), Required: rq.IsRequired, InputType: rq.InputType,
		Other: rq.ShowOtherItem, OtherText: rq.OtherText, None: rq.ShowNoneItem, NoneText: rq.NoneText}
	if q.Name == "" {
		bad("name is required")
	} else if !validName(q.Name) {
		bad("name %q: use letters, digits, _ or - (at most 40)", q.Name)
	}
	if q.Title == "" {
		q.Title = q.Name
	}
	if utf8.RuneCountInString(q.Title)+utf8.RuneCountInString(q.Description) > maxTitleRunes {
		bad("title and description are longer than %d characters", maxTitleRunes)
	}
	for key, src := range map[string]string{"visibleIf": rq.VisibleIf, "requiredIf": rq.RequiredIf} {
		if src == "" {
			continue
		}
		e, err := ParseExpr(src)
		if err != nil {
			bad("%s %q: %v", key, src, err)
			continue
		}
		if key == "visibleIf" {
			q.VisibleIf = e
		} else {
			q.RequiredIf = e
		}
	}
	if q.OtherText == "" {
		q.OtherText = "其他"
	}
	if q.NoneText == "" {
		q.NoneText = "以上都不是"
	}
	choices := func(raw []rawChoice, what string, limit int) []Choice {
		var out []Choice
		vals := map[string]bool{}
		for _, c := range raw {
			switch {
			case c.Value == "":
				bad("a %s has an empty value", what)
			case vals[c.Value]:
				bad("duplicate %s %q", what, c.Value)
			case c.Value == OtherValue && what == "choice" || c.Value == NoneValue && what == "choice":
				bad("choice value %q is reserved (use showOtherItem / showNoneItem)", c.Value)
			case utf8.RuneCountInString(c.Text) > maxChoiceText:
				bad("%s %q is longer than %d characters for a button", what, c.Text, maxChoiceText)
			}
			vals[c.Value] = true
			out = append(out, Choice(c))
		}
		if len(out) > limit {
			bad("%d %ss do not fit Telegram's keyboards (at most %d)", len(out), what, limit)
		}
		return out
	}
	switch q.Type {
	case QRadio, QCheckbox, QDropdown, QRanking:
		limit := maxChoices
		if q.Type == QRanking {
			limit = maxRankChoices
		}
		if len(rq.Choices) == 0 {
			bad("type %s needs choices", q.Type)
		}
		q.Choices = choices(rq.Choices, "choice", limit)
	case QMatrix:
		if len(rq.Rows) == 0 || len(rq.Columns) == 0 {
			bad("type matrix needs rows and columns")
		}
		q.Rows = choices(rq.Rows, "row", maxMatrixRows)
		q.Choices = choices(rq.Columns, "column", maxMatrixCols)
	case QRating:
		q.RateMin, q.RateMax = 1, 5
		if rq.RateMin != nil {
			q.RateMin = *rq.RateMin
		}
		if rq.RateMax != nil {
			q.RateMax = *rq.RateMax
		}
		if q.RateMax < q.RateMin || q.RateMax-q.RateMin > 10 {
			bad("rateMin %d..rateMax %d: need min ≤ max and at most 11 steps", q.RateMin, q.RateMax)
		}
	case QBoolean:
		q.Choices = []Choice{{Value: "true", Text: "是"}, {Value: "false", Text: "否"}}
	case QText:
		switch q.InputType {
		case "", "text", "number", "date", "tel":
		default:
			bad("inputType %q is not supported (text, number, date, tel)", q.InputType)
		}
	case QComment:
	case "":
		bad("type is required")
	default:
		bad("unknown type %q (radiogroup, checkbox, dropdown, boolean, rating, text, comment, ranking, matrix)", q.Type)
	}
	if len(rq.Choices) > 0 && !(q.Type == QRadio || q.Type == QCheckbox || q.Type == QDropdown || q.Type == QRanking) {
		bad("type %s does not take choices", q.Type)
	}
	if (len(rq.Rows) > 0 || len(rq.Columns) > 0) && q.Type != QMatrix {
		bad("only matrix questions take rows and columns")
	}
	if (q.Other || q.None) && !(q.Type == QRadio || q.Type == QCheckbox || q.Type == QDropdown) {
		bad("showOtherItem/showNoneItem apply to radiogroup, checkbox and dropdown only")
	}
	for _, rv := range rq.Validators {
		v := Validator{Type: rv.Type, MinValue: rv.MinValue, MaxValue: rv.MaxValue, MinLength: rv.MinLength,
			MaxLength: rv.MaxLength, MinCount: rv.MinCount, MaxCount: rv.MaxCount, Text: rv.Text}
		switch rv.Type {
		case "numeric":
			if q.Type != QRating && !(q.Type == QText && q.InputType == "number") {
				bad("numeric validator needs a rating or a text question with inputType number")
			}
		case "text":
			if q.Type != QText && q.Type != QComment {
				bad("text validator applies to text and comment questions")
			}
		case "regex":
			re, err := regexp.Compile(rv.Regex)
			if err != nil || rv.Regex == "" {
				bad("regex validator: bad regex %q", rv.Regex)
			}
			v.Regex = re
			if q.Type != QText && q.Type != QComment {
				bad("regex validator applies to text and comment questions")
			}
		case "answercount":
			if q.Type != QCheckbox {
				bad("answercount validator applies to checkbox questions")
			}
		default:
			bad("unknown validator type %q (numeric, text, regex, answercount)", rv.Type)
		}
		q.Validators = append(q.Validators, v)
	}
	return q, errs
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
