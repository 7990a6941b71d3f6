package survey

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
)

type rawChoice struct {
	Value string
	Text  string
}

// UnmarshalJSON reads a choice as SurveyJS writes it: a bare value (its
// own text) or {"value", "text"}.
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
	MaxLength     int            `json:"maxLength"`
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
	MaxAnswer     *int           `json:"max_answer_length"`
	Tipoff        bool           `json:"tipoff"`
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

// Parse reads one questionnaire: a JSON object with "campaign" and
// "survey" (the SurveyJS subset), or the SurveyJS part alone as SurveyJS
// Creator exports it (the campaign's defaults then apply, said in Notes).
// Times in the campaign are read in loc. Every problem found is reported
// (errors.Join), each naming the question.
func Parse(id string, raw []byte, loc *time.Location) (*Survey, error) {
	if loc == nil {
		loc = time.UTC
	}
	p := &problems{id: id}
	def, notes, bare := bareSurvey(raw)
	if bare {
		raw, _ = json.Marshal(rawFile{Survey: def})
	}
	f, rs, ok := decodeFile(p, raw)
	if !ok {
		return nil, errors.Join(p.errs...)
	}
	s := &Survey{ID: id, Title: strings.TrimSpace(rs.Title), Description: strings.TrimSpace(rs.Description), Notes: notes}
	if s.Title == "" {
		p.add("", "survey.title is required")
	}
	seen := convertQuestions(p, s, decodeQuestions(p, rs))
	convertTriggers(p, s, rs.Triggers, seen)
	s.Campaign = convertCampaign(p, f.Campaign, s, loc)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	sum := sha256.Sum256(raw)
	s.Version = hex.EncodeToString(sum[:6])
	return s, nil
}

// decodeFile decodes the file and its SurveyJS part strictly; ok=false
// when either cannot be read.
func decodeFile(p *problems, raw []byte) (f rawFile, rs rawSurvey, ok bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		p.add("", "%v", cleanJSONErr(err))
		return f, rs, false
	}
	if len(f.Survey) == 0 {
		p.add("", "missing \"survey\" (the SurveyJS definition)")
		return f, rs, false
	}
	d = json.NewDecoder(bytes.NewReader(f.Survey))
	d.DisallowUnknownFields()
	if err := d.Decode(&rs); err != nil {
		p.add("survey", "%v", cleanJSONErr(err))
		return f, rs, false
	}
	return f, rs, true
}

// decodeQuestions decodes the questions of the survey and of its pages, in
// order.
func decodeQuestions(p *problems, rs rawSurvey) []rawQuestion {
	raws := append(rs.Elements, rs.Questions...)
	for _, pg := range rs.Pages {
		raws = append(raws, pg.Elements...)
		raws = append(raws, pg.Questions...)
	}
	var elems []rawQuestion
	for i, raw := range raws {
		q, err := decodeQuestion(raw)
		if err != nil {
			p.add("question "+questionName(q, i), "%s", cleanJSONErr(err))
		}
		elems = append(elems, q)
	}
	if len(elems) == 0 {
		p.add("", "no questions (survey.elements or survey.pages[].elements)")
	}
	return elems
}

// questionName names the ith question in problems: its name, else "#i+1".
func questionName(q rawQuestion, i int) string {
	if q.Name == "" {
		return fmt.Sprintf("#%d", i+1)
	}
	return q.Name
}

// convertQuestions adds the questions to s; it returns the names seen.
func convertQuestions(p *problems, s *Survey, elems []rawQuestion) map[string]bool {
	seen := map[string]bool{}
	for i, rq := range elems {
		where := "question " + questionName(rq, i)
		q, errs := convertQuestion(rq)
		for _, err := range errs {
			p.add(where, "%v", err)
		}
		if q.Name != "" && seen[q.Name] {
			p.add(where, "duplicate name")
		}
		checkOrder(p, where, q, elems[i+1:], seen)
		seen[q.Name] = true
		s.Questions = append(s.Questions, q)
	}
	return seen
}

// checkOrder reports the questions q's conditions name that are not asked
// before it (seen): conditions may only read earlier answers.
func checkOrder(p *problems, where string, q Question, later []rawQuestion, seen map[string]bool) {
	for _, e := range []*Expr{q.VisibleIf, q.RequiredIf} {
		if e == nil {
			continue
		}
		for _, v := range e.Vars() {
			switch {
			case seen[v]:
			case v == q.Name || nameLater(later, v):
				p.add(where, "expression %q names %q, which is not asked before this question", e, v)
			default:
				p.add(where, "expression %q names %q, which is not a question", e, v)
			}
		}
	}
}

func nameLater(rest []rawQuestion, name string) bool {
	for _, q := range rest {
		if q.Name == name {
			return true
		}
	}
	return false
}

// convertTriggers adds the triggers to s; their expressions may name any
// question (seen).
func convertTriggers(p *problems, s *Survey, raws []rawTrigger, seen map[string]bool) {
	for i, rt := range raws {
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
}

func convertCampaign(p *problems, rc rawCampaign, s *Survey, loc *time.Location) Campaign {
	c := Campaign{Units: rc.Units, Roles: rc.Roles, Anonymous: rc.Anonymous, Satisfied: rc.Satisfied,
		Results: rc.Results, AllowMultiple: rc.AllowMultiple, MinGroup: DefaultMinGroup, Tipoff: rc.Tipoff}
	if rc.Tipoff && !rc.Anonymous {
		p.add("campaign.tipoff", "needs anonymous: true (the tip-off button is offered after anonymous answers only)")
	}
	if rc.MinGroup != nil {
		c.MinGroup = *rc.MinGroup
		if c.MinGroup < 1 {
			p.add("campaign.min_group", "must be at least 1")
		}
	}
	c.MaxAnswer = DefaultMaxAnswer
	if rc.MaxAnswer != nil {
		c.MaxAnswer = *rc.MaxAnswer
		if c.MaxAnswer < 10 || c.MaxAnswer > 4000 {
			p.add("campaign.max_answer_length", "between 10 and 4000 characters")
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

func cleanJSONErr(err error) string {
	s := err.Error()
	if i := strings.Index(s, "json: unknown field "); i >= 0 {
		return "unknown property " + strings.TrimPrefix(s[i:], "json: unknown field ")
	}
	return strings.TrimPrefix(s, "json: ")
}
