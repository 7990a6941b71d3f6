package flows_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sibu/flows"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow is the clock of every transcript (10:00 in Shanghai).
var fixedNow = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)

func TestNoTransportImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range []string{"go-telegram", "go-redis", "robfig/cron", "miniredis"} {
		if bytes.Contains(out, []byte(dep)) {
			t.Errorf("flows imports %s", dep)
		}
	}
}

// memDir is an in-memory Directory that applies effects like storage does.
type memDir struct {
	people    map[int64]flows.Person
	invites   map[string]flows.Invite
	status    map[string]flows.SurveyStatus
	issued    map[string]map[int64]bool
	submitted map[string]map[int64]bool
	satisfied map[string]int64
	opened    map[string]int64
	started   map[string]int64
	status2   map[string]map[int64]string
	tallies   map[string]map[string]int64
	units     map[string]map[string]int64
	responses map[string][]map[string]any
	reminded  map[string]map[int64]int
}

func newMemDir() *memDir {
	return &memDir{people: map[int64]flows.Person{}, invites: map[string]flows.Invite{},
		status: map[string]flows.SurveyStatus{}, issued: map[string]map[int64]bool{},
		submitted: map[string]map[int64]bool{}, satisfied: map[string]int64{}, opened: map[string]int64{},
		started: map[string]int64{}, status2: map[string]map[int64]string{}, tallies: map[string]map[string]int64{},
		units: map[string]map[string]int64{}, responses: map[string][]map[string]any{}, reminded: map[string]map[int64]int{}}
}

func (d *memDir) Person(id int64) (flows.Person, bool, error) {
	p, ok := d.people[id]
	return p, ok, nil
}
func (d *memDir) Invite(code string) (flows.Invite, bool, error) {
	i, ok := d.invites[code]
	return i, ok, nil
}
func (d *memDir) Leads(unit string) ([]flows.Person, error) {
	ms, err := d.Members(unit, false)
	return slices.DeleteFunc(ms, func(p flows.Person) bool { return p.Role != flows.RoleSupervisor && p.Role != flows.RoleOfficial }), err
}
func (d *memDir) Members(unit string, sub bool) ([]flows.Person, error) {
	var out []flows.Person
	for _, p := range d.people {
		if p.Unit == unit || sub && testEngine().Subtree(unit, p.Unit) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b flows.Person) int { return int(a.ID - b.ID) })
	return out, nil
}
func (d *memDir) SurveyStatus(id string) (flows.SurveyStatus, error) { return d.status[id], nil }
func (d *memDir) Survey(id string) (flows.SurveyCounts, error) {
	ui := map[string]int64{}
	for u := range d.issued[id] {
		ui[d.people[u].Unit]++
	}
	return flows.SurveyCounts{Status: d.status[id], Issued: int64(len(d.issued[id])), Opened: d.opened[id], Started: d.started[id],
		Submitted: d.tallies[id]["@submitted"], Satisfied: d.satisfied[id], SatisfiedAnswered: d.tallies[id]["@answered"], UnitIssued: ui}, nil
}
func (d *memDir) Stats(id string) (flows.SurveyStats, error) {
	c, _ := d.Survey(id)
	return flows.SurveyStats{SurveyCounts: c, Tallies: d.tallies[id], Units: d.units[id]}, nil
}
func (d *memDir) Issued(id string, u int64) (bool, error)    { return d.issued[id][u], nil }
func (d *memDir) Submitted(id string, u int64) (bool, error) { return d.submitted[id][u], nil }

// apply returns false when a commit condition fails (like storage's ErrConflict).
func (d *memDir) apply(effs []flows.Effect) bool {
	for _, e := range effs {
		switch e := e.(type) {
		case flows.MemberJoined:
			inv := d.invites[e.Invite]
			if inv.UsedBy != 0 {
				return false
			}
			inv.UsedBy = e.Person.ID
			d.invites[e.Invite] = inv
			d.people[e.Person.ID] = e.Person
		case flows.InviteCreated:
			d.invites[e.Invite.Code] = e.Invite
		case flows.SurveyOpened:
			d.status[e.SurveyID] = flows.StatusOpen
			if d.issued[e.SurveyID] == nil {
				d.issued[e.SurveyID] = map[int64]bool{}
			}
			for _, u := range e.Issued {
				d.issued[e.SurveyID][u] = true
			}
		case flows.SurveyClosed:
			d.status[e.SurveyID] = flows.StatusClosed
		case flows.ResponseSubmitted:
			// A round's response is checked per round (promDir) and leaves
			// the campaign's "who has answered" alone.
			if e.Round == "" && d.submitted[e.SurveyID][e.Respondent] && !e.Multiple {
				return false
			}
			if d.submitted[e.SurveyID] == nil {
				d.submitted[e.SurveyID] = map[int64]bool{}
				d.tallies[e.SurveyID] = map[string]int64{}
				d.units[e.SurveyID] = map[string]int64{}
			}
			if e.Round == "" {
				d.submitted[e.SurveyID][e.Respondent] = true
			}
			d.tallies[e.SurveyID]["@submitted"]++
			if e.Satisfied {
				d.satisfied[e.SurveyID]++
				d.units[e.SurveyID][e.Unit+"\x1fsatisfied"]++
			}
			if e.SatisfiedAnswered {
				d.tallies[e.SurveyID]["@answered"]++
				d.units[e.SurveyID][e.Unit+"\x1fanswered"]++
			}
			d.units[e.SurveyID][e.Unit+"\x1fsubmitted"]++
			for _, t := range e.Tallies {
				d.tallies[e.SurveyID][t]++
			}
			rec := map[string]any{"answers": e.Answers, "unit": e.Unit}
			if !e.Anonymous {
				rec["respondent"] = e.Respondent
			}
			d.responses[e.SurveyID] = append(d.responses[e.SurveyID], rec)
		case flows.SurveyProgress:
			if d.status2[e.SurveyID] == nil {
				d.status2[e.SurveyID] = map[int64]string{}
			}
			rank := map[string]int{"": 0, "opened": 1, "started": 2}
			if rank[e.Status] > rank[d.status2[e.SurveyID][e.User]] {
				d.status2[e.SurveyID][e.User] = e.Status
				if e.Status == "opened" {
					d.opened[e.SurveyID]++
				} else {
					d.started[e.SurveyID]++
				}
			}
		case flows.ReminderSent:
			if d.reminded[e.SurveyID] == nil {
				d.reminded[e.SurveyID] = map[int64]int{}
			}
			if d.reminded[e.SurveyID][e.User] != e.N-1 {
				return false
			}
			d.reminded[e.SurveyID][e.User] = e.N
		}
	}
	return true
}

const demoSurvey = `{
  "campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意", "基本满意"]}},
  "survey": {
    "title": "乡镇领导班子满意度调查",
    "description": "请如实填写。",
    "elements": [
      {"type": "radiogroup", "name": "overall", "title": "您对乡镇领导班子的总体评价", "isRequired": true, "choices": ["满意", "基本满意", "不满意"]},
      {"type": "checkbox", "name": "strengths", "title": "班子在哪些方面做得较好", "isRequired": true, "choices": ["团结协作", "服务群众", "廉洁自律", "推动发展"]},
      {"type": "rating", "name": "score", "title": "请为班子打分", "isRequired": true, "rateMin": 1, "rateMax": 5},
      {"type": "comment", "name": "advice", "title": "意见和建议"}
    ]
  }
}`

// alternates are changed definitions for version tests.
var alternates = map[string]string{
	// v2 drops "strengths", adds "trust" before "score" and renames a choice.
	"demo_v2": `{
  "campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意", "基本满意"]}},
  "survey": {"title": "乡镇领导班子满意度调查", "elements": [
      {"type": "radiogroup", "name": "overall", "title": "您对乡镇领导班子的总体评价", "isRequired": true, "choices": ["满意", "基本满意", "不满意"]},
      {"type": "boolean", "name": "trust", "title": "您信任班子吗", "isRequired": true},
      {"type": "rating", "name": "score", "title": "请为班子打分", "isRequired": true, "rateMin": 1, "rateMax": 5},
      {"type": "comment", "name": "advice", "title": "意见和建议"}
  ]}}`,
}

func engineWith(id, src string) *flows.Engine {
	e := testEngine()
	env := e.Env()
	sv, err := flows.ParseSurvey(id, []byte(src), time.UTC)
	if err != nil {
		panic(err)
	}
	surveys := map[string]*flows.Survey{}
	for k, v := range env.Surveys {
		surveys[k] = v
	}
	surveys[id] = sv
	env.Surveys = surveys
	return flows.NewEngine(env)
}

func testEngine() *flows.Engine {
	surveys := map[string]*flows.Survey{}
	for id, src := range map[string]string{"demo": demoSurvey, "full": fullSurvey, "anon": anonSurvey} {
		sv, err := flows.ParseSurvey(id, []byte(src), time.FixedZone("CST", 8*3600))
		if err != nil {
			panic(err)
		}
		surveys[id] = sv
	}
	n := 0
	return flows.NewEngine(flows.Env{
		BotUsername: "sibu_test_bot",
		Units: []flows.Unit{{ID: "root", Name: "通川区委"}, {ID: "b1", Name: "第一支部", Parent: "root"},
			{ID: "b2", Name: "第二支部", Parent: "root"}},
		Root:      "root",
		Admins:    map[int64]bool{1: true},
		Surveys:   surveys,
		InviteTTL: 7 * 24 * time.Hour,
		NewCode:   func() string { n++; return fmt.Sprintf("code%d", n) },
		Location:  time.FixedZone("CST", 8*3600),
	})
}

// step is one line of a transcript input.
type step struct {
	User    int64  `json:"user"`
	Chat    int64  `json:"chat,omitempty"` // default: the user's private chat
	Send    string `json:"send,omitempty"`
	Press   string `json:"press,omitempty"` // button text on the newest message that has it
	Data    string `json:"data,omitempty"`  // raw callback data (forged or stale)
	Message int    `json:"message,omitempty"`
	Again   bool   `json:"again,omitempty"` // replay the previous callback exactly
	Other   string `json:"other,omitempty"`
	Contact string `json:"contact,omitempty"`
	Advance string `json:"advance,omitempty"`
	// Swap replaces questionnaire "demo" with a changed definition mid-way.
	Swap string `json:"swap,omitempty"`
}

type message struct {
	ID      int
	Text    string
	Buttons [][]flows.Button
}

type transcript struct {
	eng      *flows.Engine
	dir      *memDir
	now      time.Time
	sessions map[int64][]byte
	chats    map[int64][]message
	lastCB   *flows.Input
	cbSeq    int
}

type record struct {
	In       string            `json:"in"`
	Out      []string          `json:"out,omitempty"`
	Effects  []json.RawMessage `json:"effects,omitempty"`
	Conflict bool              `json:"conflict,omitempty"`
	Session  json.RawMessage   `json:"session,omitempty"`
}

func (tr *transcript) render(o flows.Output) string {
	var b strings.Builder
	switch o.Kind {
	case flows.OutAnswer:
		fmt.Fprintf(&b, "answer %q alert=%v", o.Text, o.Alert)
		return b.String()
	case flows.OutCommands:
		return fmt.Sprintf("commands chat=%d role=%s", o.ChatID, o.Role)
	case flows.OutReport:
		return fmt.Sprintf("report %s of %s → %d", o.Report, o.SurveyID, o.ChatID)
	case flows.OutEdit:
		fmt.Fprintf(&b, "edit #%d: %s", o.MessageID, o.Text)
	case flows.OutPush:
		fmt.Fprintf(&b, "push →%d: %s", o.ChatID, o.Text)
	default:
		fmt.Fprintf(&b, "send: %s", o.Text)
	}
	for _, row := range o.Buttons {
		b.WriteString("\n  ")
		for _, bt := range row {
			if len(bt.Data) > 64 {
				panic("callback data over 64 bytes: " + bt.Data)
			}
			fmt.Fprintf(&b, "[%s|%s]", bt.Text, bt.Data)
		}
	}
	return b.String()
}

// record is one step's line of a transcript: the outputs rendered and
// delivered, the effects, and the session saved for the next step — or,
// when applying the effects lost a commit condition, a conflict and nothing
// kept (as storage would).
func (tr *transcript) record(t *testing.T, label string, chat int64, res flows.Result, applied bool) record {
	t.Helper()
	rec := record{In: label}
	if !applied {
		rec.Conflict = true
		return rec
	}
	b, err := json.Marshal(res.Session)
	if err != nil {
		t.Fatal(err)
	}
	tr.sessions[chat] = b
	rec.Session = b
	for _, o := range res.Outputs {
		rec.Out = append(rec.Out, tr.render(o))
		tr.deliver(o, chat)
	}
	for _, e := range res.Effects {
		j, _ := json.Marshal(map[string]any{"type": e.EventType(), "effect": e})
		rec.Effects = append(rec.Effects, j)
	}
	return rec
}

func (tr *transcript) deliver(o flows.Output, chat int64) {
	switch o.Kind {
	case flows.OutSend, flows.OutPush:
		c := o.ChatID
		msgs := tr.chats[c]
		tr.chats[c] = append(msgs, message{ID: len(msgs) + 1, Text: o.Text, Buttons: o.Buttons})
	case flows.OutEdit:
		for i, m := range tr.chats[o.ChatID] {
			if m.ID == o.MessageID {
				tr.chats[o.ChatID][i] = message{ID: m.ID, Text: o.Text, Buttons: o.Buttons}
			}
		}
	}
}

func (tr *transcript) input(t *testing.T, s step) (flows.Input, string) {
	chat := s.Chat
	if chat == 0 {
		chat = s.User
	}
	in := flows.Input{ChatID: chat, UserID: s.User, Private: chat == s.User, UserName: fmt.Sprintf("用户%d", s.User)}
	switch {
	case s.Again:
		if tr.lastCB == nil {
			t.Fatal("again: no previous callback")
		}
		in = *tr.lastCB
		tr.cbSeq++
		in.CallbackID = fmt.Sprintf("cb%d", tr.cbSeq)
		return in, fmt.Sprintf("%d again %q", s.User, in.Data)
	case s.Send != "":
		if strings.HasPrefix(s.Send, "/") {
			cmd, args, _ := strings.Cut(s.Send[1:], " ")
			cmd, target, _ := strings.Cut(cmd, "@")
			in.Kind, in.Command, in.Args = flows.InputCommand, cmd, strings.TrimSpace(args)
			in.Addressed = target == "sibu_test_bot"
		} else {
			in.Kind, in.Text = flows.InputText, s.Send
		}
		return in, fmt.Sprintf("%d: %s", s.User, s.Send)
	case s.Press != "":
		msgs := tr.chats[chat]
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, row := range msgs[i].Buttons {
				for _, b := range row {
					if b.Text == s.Press {
						tr.cbSeq++
						in.Kind, in.Data, in.MessageID, in.CallbackID = flows.InputCallback, b.Data, msgs[i].ID, fmt.Sprintf("cb%d", tr.cbSeq)
						cp := in
						tr.lastCB = &cp
						return in, fmt.Sprintf("%d presses [%s] on #%d", s.User, s.Press, msgs[i].ID)
					}
				}
			}
		}
		t.Fatalf("no button %q in chat %d", s.Press, chat)
	case s.Data != "":
		tr.cbSeq++
		in.Kind, in.Data, in.MessageID, in.CallbackID = flows.InputCallback, s.Data, s.Message, fmt.Sprintf("cb%d", tr.cbSeq)
		return in, fmt.Sprintf("%d sends callback %q", s.User, s.Data)
	case s.Other != "":
		in.Kind, in.Other = flows.InputOther, s.Other
		return in, fmt.Sprintf("%d sends a %s", s.User, s.Other)
	case s.Contact != "":
		in.Kind, in.ContactPhone, in.ContactUserID = flows.InputContact, s.Contact, s.User
		return in, fmt.Sprintf("%d shares a contact", s.User)
	}
	t.Fatalf("empty step %+v", s)
	return in, ""
}

func runTranscript(t *testing.T, path string) []record {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []step
	if err := json.Unmarshal(raw, &steps); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tr := &transcript{eng: testEngine(), dir: newMemDir(), now: fixedNow, sessions: map[int64][]byte{}, chats: map[int64][]message{}}
	var recs []record
	for _, s := range steps {
		if s.Swap != "" {
			tr.eng = engineWith("demo", alternates[s.Swap])
			recs = append(recs, record{In: "swap demo → " + s.Swap})
			continue
		}
		if s.Advance != "" {
			d, err := time.ParseDuration(s.Advance)
			if err != nil {
				t.Fatal(err)
			}
			tr.now = tr.now.Add(d)
			recs = append(recs, record{In: "advance " + s.Advance})
			continue
		}
		in, label := tr.input(t, s)
		var sess flows.Session
		if b, ok := tr.sessions[in.ChatID]; ok {
			if err := json.Unmarshal(b, &sess); err != nil {
				t.Fatal(err)
			}
		}
		res, err := tr.eng.Step(sess, in, tr.now, tr.dir)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		recs = append(recs, tr.record(t, label, in.ChatID, res, tr.dir.apply(res.Effects)))
	}
	return recs
}

func TestTranscripts(t *testing.T) {
	ins, _ := filepath.Glob("testdata/transcripts/*.in.json")
	if len(ins) == 0 {
		t.Fatal("no transcripts")
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in.json")
		t.Run(name, func(t *testing.T) {
			assertGolden(t, strings.TrimSuffix(in, ".in.json")+".golden.json", runTranscript(t, in))
		})
	}
}

// assertGolden compares the records of a transcript with its golden file
// (go test ./flows -update rewrites it). Every transcript runner uses it.
func assertGolden(t *testing.T, golden string, records any) {
	t.Helper()
	got, err := json.MarshalIndent(records, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./flows -update)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(got)) {
		t.Errorf("%s differs; run go test ./flows -update and review the diff\n%s", golden, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("length: want %d lines, got %d", len(al), len(bl))
}
