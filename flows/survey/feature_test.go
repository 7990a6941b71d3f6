package survey_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/survey"
)

var cst = time.FixedZone("CST", 8*3600)

const twoQuestions = `{
  "campaign": {"units": ["root"], "closes_at": "2026-12-31 18:00", "reminders": {"gap": "48h", "max": 2},
               "satisfied": {"question": "overall", "values": ["满意"]}},
  "survey": {"title": "满意度", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "总体", "isRequired": true, "choices": ["满意", "不满意"]},
    {"type": "checkbox", "name": "why", "title": "原因", "choices": ["a", "b"]}
  ]}
}`

// session is the engine's session as far as this package sees it.
type session struct {
	kit.Core
	survey.State
}

// dir is a fixed directory: everyone is issued every open questionnaire.
type dir struct {
	people []kit.Person
	status map[string]survey.Status
}

func (d dir) Person(id int64) (kit.Person, bool, error) {
	for _, p := range d.people {
		if p.ID == id {
			return p, true, nil
		}
	}
	return kit.Person{}, false, nil
}
func (d dir) Invite(string) (kit.Invite, bool, error)    { return kit.Invite{}, false, nil }
func (d dir) Members(string, bool) ([]kit.Person, error) { return d.people, nil }
func (d dir) Leads(string) ([]kit.Person, error)         { return nil, nil }
func (d dir) Survey(id string) (survey.Counts, error) {
	return survey.Counts{Status: d.status[id]}, nil
}
func (d dir) SurveyStatus(id string) (survey.Status, error) { return d.status[id], nil }
func (d dir) Issued(id string, _ int64) (bool, error)       { return d.status[id] != survey.StatusDraft, nil }
func (d dir) Submitted(string, int64) (bool, error)         { return false, nil }
func (d dir) Stats(id string) (survey.Stats, error) {
	c, err := d.Survey(id)
	return survey.Stats{Counts: c}, err
}

func newDir() dir {
	return dir{people: []kit.Person{{ID: 2, Name: "张三", Unit: "b1", Role: kit.RoleMember}}}
}

func (d dir) withStatus(id string, s survey.Status) dir {
	d.status = map[string]survey.Status{id: s}
	return d
}

func (s *session) run() *survey.Run { return s.Survey }

func parsed(t *testing.T, id string) *survey.Survey {
	sv, err := survey.Parse(id, []byte(twoQuestions), cst)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}

func feature(svs ...*survey.Survey) *survey.Feature { return featureWith(nil, svs...) }

func featureWith(rounds survey.Rounds, svs ...*survey.Survey) *survey.Feature {
	m := map[string]*survey.Survey{}
	for _, sv := range svs {
		m[sv.ID] = sv
	}
	env := &kit.Env{Units: []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "一支部", Parent: "root"}},
		Root: "root", Location: cst}
	return &survey.Feature{Env: env, Surveys: m, Rounds: rounds}
}

// stepOf is a private chat's step of the member, with the engine's way
// out of a flow (the current flow's Leave; "other" drops nothing).
func stepOf(f *survey.Feature, d dir, s *session) *kit.Step {
	st := &kit.Step{Env: f.Env, Dir: d, Now: time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC), Lang: "zh", Me: d.people[0], Known: true, Session: s,
		In: kit.Input{Kind: kit.InputText, ChatID: 2, UserID: 2, Private: true}}
	st.Leaver = func(st *kit.Step) {
		if st.Flow() == survey.Flow {
			f.Kit().Flows[survey.Flow].Leave(st)
		}
	}
	return st
}

func TestEnterParksTheOtherRun(t *testing.T) {
	a, b := parsed(t, "a"), parsed(t, "b")
	f, s := feature(a, b), &session{}
	d := newDir()
	f.Enter(stepOf(f, d, s), a, "", "")
	s.run().Sel = []string{"x"}
	seq := s.Seq
	st := stepOf(f, d, s)
	f.Enter(st, b, "", "")
	if s.run().ID != "b" || s.Flow != survey.Flow {
		t.Fatalf("run %+v in %q", s.run(), s.Flow)
	}
	if p := s.Drafts["a"]; p == nil || p.Sel != nil || p.Cur != "overall" {
		t.Errorf("draft of a: %+v", p)
	}
	if s.Seq != seq+2 { // parked, then b's first question
		t.Errorf("seq %d after %d", s.Seq, seq)
	}
	f.Enter(stepOf(f, d, s), a, "", "") // back to a: from its draft, without an introduction
	if s.run().ID != "a" || s.Drafts["a"] != nil || s.Drafts["b"] == nil {
		t.Errorf("run %+v, drafts %v", s.run(), s.Drafts)
	}
}

func TestEnterLeavesAnotherFlow(t *testing.T) {
	sv := parsed(t, "a")
	f, s := feature(sv), &session{Core: kit.Core{Seq: 4, Flow: "other"}}
	left := ""
	st := stepOf(f, newDir(), s)
	st.Leaver = func(st *kit.Step) { left = string(st.Flow()) }
	f.Enter(st, sv, "r1", "b1")
	if left != "other" || s.Flow != survey.Flow || s.run().Round != "r1" || s.run().Unit != "b1" {
		t.Errorf("left %q; flow %q, run %+v", left, s.Flow, s.run())
	}
	if len(st.Effects) != 0 {
		t.Errorf("a round's run reports no campaign progress: %v", st.Effects)
	}
}

// rounds is a Rounds that closes every round, ending the run itself or not.
type rounds struct{ end bool }

func (r rounds) ClosedNow(st *kit.Step, _ *survey.Run) bool {
	if r.end {
		survey.End(st)
	}
	st.Send("closed")
	return true
}
func (r rounds) Responded(*kit.Step, *survey.Run) (bool, error) { return false, nil }
func (r rounds) Intro(_ *kit.Step, unit string) string          { return "round of " + unit }

func TestClosedRoundEndsTheRunOnce(t *testing.T) {
	for _, end := range []bool{true, false} {
		sv := parsed(t, "a")
		f, s := featureWith(rounds{end: end}, sv), &session{}
		st := stepOf(f, newDir(), s)
		f.Enter(st, sv, "r1", "b1")
		if !strings.Contains(st.Outputs[0].Text, "round of b1\n") {
			t.Errorf("intro %q", st.Outputs[0].Text)
		}
		seq := s.Seq
		st = stepOf(f, newDir(), s)
		if err := f.Kit().Flows[survey.Flow].Input(st); err != nil {
			t.Fatal(err)
		}
		if s.Survey != nil || s.Drafts != nil || s.Flow != kit.FlowNone || s.Seq != seq+1 {
			t.Errorf("end=%v: session %+v after seq %d", end, s, seq)
		}
	}
}

// officialStep is stepOf for an official of the root (the /status block
// is theirs).
func officialStep(f *survey.Feature, d dir) *kit.Step {
	st := stepOf(f, d, &session{})
	st.Me = kit.Person{ID: 1, Name: "管理员", Unit: "root", Role: kit.RoleOfficial}
	return st
}

func TestStatusBlock(t *testing.T) {
	f := feature(parsed(t, "a"), parsed(t, "b"))
	status := f.Kit().Status
	block, err := status(officialStep(f, newDir()))
	if err != nil || block != "当前没有进行中的问卷。发送 /survey 发放问卷。\n" {
		t.Errorf("%q, %v", block, err)
	}
	block, _ = status(officialStep(f, newDir().withStatus("b", survey.StatusClosed)))
	if block != "📋 满意度（已结束）\n  已发放 0 · 已提交 0 · 回收率 —（0/0）· 满意率：还没有人作答\n" {
		t.Errorf("%q", block)
	}
}

func TestJobs(t *testing.T) {
	sv := parsed(t, "a")
	f := feature(sv)
	res, err := f.Open("a", time.Now(), newDir())
	if err != nil || len(res.Effects) != 1 || len(res.Outputs) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if o := res.Outputs[0]; o.Kind != kit.OutPush || o.ChatID != 2 || o.Text != f.InvitationText(sv, true) ||
		o.Buttons[0][0].Data != "sv:a" || !strings.Contains(o.Text, "截止时间：2026年12月31日（星期四）18:00") {
		t.Errorf("invitation %+v", o)
	}
	if _, err := f.Open("nope", time.Now(), newDir()); !errors.Is(err, survey.ErrUnknown) {
		t.Errorf("unknown: %v", err)
	}
	r := f.Remind(sv, 2, 1)
	if r.Effects[0] != (survey.ReminderSent{SurveyID: "a", User: 2, N: 1}) || !strings.Contains(r.Outputs[0].Text, "「满意度」") {
		t.Errorf("reminder %+v", r)
	}
	if c := f.Close("a"); c.Effects[0] != (survey.Closed{SurveyID: "a"}) {
		t.Errorf("close %+v", c)
	}
}

func TestDue(t *testing.T) {
	sv := parsed(t, "a")
	sv.Campaign.OpensAt = time.Date(2026, 12, 1, 8, 0, 0, 0, cst)
	closes := sv.Campaign.ClosesAt
	before, during, after := sv.Campaign.OpensAt.Add(-time.Minute), sv.Campaign.OpensAt, closes
	draft, open := survey.Counts{}, survey.Counts{Status: survey.StatusOpen, OpenedAt: during}
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"open before opens_at", survey.OpenDue(sv, draft, before), false},
		{"open at opens_at", survey.OpenDue(sv, draft, during), true},
		{"open after closes_at", survey.OpenDue(sv, draft, after), false},
		{"open when open", survey.OpenDue(sv, open, during), false},
		{"close before closes_at", survey.CloseDue(sv, open, closes.Add(-time.Second)), false},
		{"close at closes_at", survey.CloseDue(sv, open, closes), true},
		{"close a draft", survey.CloseDue(sv, draft, closes), false},
		{"reminders within the gap", survey.RemindersDue(sv, open, during.Add(47*time.Hour)), false},
		{"reminders after the gap", survey.RemindersDue(sv, open, during.Add(48*time.Hour)), true},
		{"reminders after closes_at", survey.RemindersDue(sv, open, closes), false},
		{"reminders of a draft", survey.RemindersDue(sv, draft, during.Add(48*time.Hour)), false},
		{"first reminder", survey.ReminderDue(sv, 0, time.Time{}, during), true},
		{"second within the gap", survey.ReminderDue(sv, 1, during, during.Add(time.Hour)), false},
		{"second after the gap", survey.ReminderDue(sv, 1, during, during.Add(48*time.Hour)), true},
		{"third over the maximum", survey.ReminderDue(sv, 2, during, during.Add(96*time.Hour)), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	sv.Campaign.ReminderMax = 0
	if survey.RemindersDue(sv, open, during.Add(48*time.Hour)) {
		t.Error("reminders without reminders configured")
	}
}
