package flows_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
	"sibu/flows/talk"
)

// TestTranscripts runs every golden transcript (testdata/<suite>/*.in.json)
// through the engine and the one fake directory, and compares what happened
// with the .golden.json beside it (go test ./flows -update rewrites them).
func TestTranscripts(t *testing.T) {
	for name, s := range suites {
		ins, _ := filepath.Glob(filepath.Join("testdata", name, "*.in.json"))
		if len(ins) == 0 {
			t.Fatalf("no transcripts in testdata/%s", name)
		}
		for _, in := range ins {
			t.Run(name+"/"+strings.TrimSuffix(filepath.Base(in), ".in.json"), func(t *testing.T) {
				kittest.AssertGolden(t, strings.TrimSuffix(in, ".in.json")+".golden.json", runTranscript(t, s, in))
			})
		}
	}
}

// tcase is a transcript input: a list of steps, or an object with the
// people, the talk rounds and settings, and the steps.
type tcase struct {
	People   []kit.Person               `json:"people"`
	Rounds   map[string]json.RawMessage `json:"rounds"`
	Settings struct {
		ChangeCutoff string `json:"change_cutoff"`
		Private      bool   `json:"private"`
	} `json:"settings"`
	Steps []tstep `json:"steps"`
}

// tstep is one line of a transcript: what a person does, or what the test
// does (advance the clock, run a job, change the configuration).
type tstep struct {
	User    int64  `json:"user"`
	Chat    int64  `json:"chat,omitempty"` // default: the user's private chat
	Lang    string `json:"lang,omitempty"` // the client's language_code (default: Chinese)
	Send    string `json:"send,omitempty"`
	Press   string `json:"press,omitempty"` // button text on the newest message that has it
	Data    string `json:"data,omitempty"`  // raw callback data (forged or stale)
	Message int    `json:"message,omitempty"`
	Again   bool   `json:"again,omitempty"` // replay the previous callback exactly
	Other   string `json:"other,omitempty"`
	Contact string `json:"contact,omitempty"`
	// ContactOf shares the contact of another user (a foreign contact).
	ContactOf int64  `json:"contact_of,omitempty"`
	Photo     string `json:"photo,omitempty"` // a photo with this file_id and Caption
	Caption   string `json:"caption,omitempty"`
	Voice     string `json:"voice,omitempty"` // a voice note with this file_id
	// Location shares a location (latitude, longitude).
	Location []float64 `json:"location,omitempty"`
	Document string    `json:"document,omitempty"` // a document the transport did not read
	// Roster sends a roster file as the transport hands it over once read.
	Roster *talk.RosterUpload `json:"roster,omitempty"`
	// People sends a roster of expected people (/roster) as read.
	People *join.RosterUpload `json:"people_roster,omitempty"`
	// Race runs the steps on the same reads, then commits them in order;
	// a step whose commit fails is run again on fresh reads.
	Race    []tstep `json:"race,omitempty"`
	Advance string  `json:"advance,omitempty"`
	// Swap replaces questionnaire "demo" with a changed definition mid-way.
	Swap string `json:"swap,omitempty"`
	// Satisfaction reconfigures promise.satisfaction_survey from here on.
	Satisfaction *string `json:"satisfaction_survey,omitempty"`
	Blocked      int64   `json:"blocked,omitempty"`     // the reminder job sees this person as unreachable
	Remind       bool    `json:"remind,omitempty"`      // run the commitment reminder job
	Digest       bool    `json:"digest,omitempty"`      // run the weekly digest job
	Jobs         bool    `json:"jobs,omitempty"`        // run the talk slot notices due now
	MemberJobs   bool    `json:"member_jobs,omitempty"` // run the notices to the people being talked to due now
	Release      bool    `json:"release,omitempty"`     // release the pooled tip-offs
	Checklists   bool    `json:"checklists,omitempty"`  // run the checklist reminders due now
	// Refused asserts that the step changed nothing (no effects), Want
	// that an output contains the text, Lacks that none does: an attack
	// in a transcript fails the test by itself, not only its golden.
	// LacksEvent asserts that no records event of the step has the text.
	Refused    bool   `json:"refused,omitempty"`
	Want       string `json:"want,omitempty"`
	Lacks      string `json:"lacks,omitempty"`
	LacksEvent string `json:"lacks_event,omitempty"`
}

// record is one line of a golden file.
type record struct {
	In       string            `json:"in"`
	Out      []string          `json:"out,omitempty"`
	Effects  []json.RawMessage `json:"effects,omitempty"`
	Conflict bool              `json:"conflict,omitempty"`
	Session  json.RawMessage   `json:"session,omitempty"`
}

type message struct {
	ID      int
	Text    string
	Buttons [][]kit.Button
}

// runner plays one transcript.
type runner struct {
	t        *testing.T
	suite    suite
	c        tcase
	eng      *flows.Engine
	dir      *fakeDir
	view     kit.Directory // what of dir the engine reads
	now      time.Time
	sessions map[int64][]byte
	chats    map[int64][]message
	lastCB   *kit.Input
	cbSeq    int
	blocked  map[int64]bool
}

func runTranscript(t *testing.T, s suite, path string) []record {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{t: t, suite: s, now: fixedNow, sessions: map[int64][]byte{}, chats: map[int64][]message{}, blocked: map[int64]bool{}}
	if err := json.Unmarshal(raw, &r.c.Steps); err != nil {
		if err := json.Unmarshal(raw, &r.c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	r.eng = s.engine(t, &r.c, "")
	env := r.eng.Env()
	r.dir = newFakeDir(&env.Env, append(slices.Clone(s.people), r.c.People...)...)
	r.view = s.view(r.dir)
	var recs []record
	for _, st := range r.c.Steps {
		recs = append(recs, r.step(st)...)
	}
	return recs
}

// step plays one line: a test action, or a person's input stepped,
// committed to the fake directory and recorded.
func (r *runner) step(s tstep) []record {
	if recs, ok := r.action(s); ok {
		return recs
	}
	if len(s.Race) > 0 {
		return r.race(s.Race)
	}
	in, label := r.input(s)
	res := r.run(in, label)
	if !r.dir.apply(res.Effects) {
		return []record{{In: label, Conflict: true}}
	}
	rec := r.record(label, in.ChatID, res, true)
	r.expect(s, rec, res.Effects)
	return []record{rec}
}

// expect checks a line's assertions (Refused, Want, Lacks, LacksEvent)
// on what the step did.
func (r *runner) expect(s tstep, rec record, effects []kit.Effect) {
	r.t.Helper()
	out := strings.Join(rec.Out, "\n")
	if s.Refused && len(effects) > 0 {
		r.t.Errorf("%s: refused, but it committed %d effects:\n%s", rec.In, len(effects), out)
	}
	for _, ef := range effects {
		_, data := ef.EventData()
		b, _ := json.Marshal(data)
		if s.LacksEvent != "" && strings.Contains(string(b), s.LacksEvent) {
			r.t.Errorf("%s: the records event %s has %q: %s", rec.In, ef.EventType(), s.LacksEvent, b)
		}
	}
	if s.Want != "" && !strings.Contains(out, s.Want) {
		r.t.Errorf("%s: no output has %q:\n%s", rec.In, s.Want, out)
	}
	if s.Lacks != "" && strings.Contains(out, s.Lacks) {
		r.t.Errorf("%s: an output has %q:\n%s", rec.In, s.Lacks, out)
	}
}

// action plays a line that is not a person's input.
func (r *runner) action(s tstep) ([]record, bool) {
	switch {
	case s.Swap != "":
		r.eng = engineWith("demo", alternates[s.Swap])
		return []record{{In: "swap demo → " + s.Swap}}, true
	case s.Advance != "":
		d, err := time.ParseDuration(s.Advance)
		if err != nil {
			r.t.Fatal(err)
		}
		r.now = r.now.Add(d)
		return []record{{In: "advance " + s.Advance}}, true
	case s.Satisfaction != nil:
		r.eng = r.suite.engine(r.t, &r.c, *s.Satisfaction)
		return []record{{In: fmt.Sprintf("promise.satisfaction_survey: %q", *s.Satisfaction)}}, true
	case s.Blocked != 0:
		r.blocked[s.Blocked] = true
		return []record{{In: fmt.Sprintf("%d blocks the bot", s.Blocked)}}, true
	case s.Remind:
		return []record{r.remind()}, true
	case s.Digest:
		return []record{r.digest()}, true
	case s.Jobs:
		return r.talkJobs(), true
	case s.MemberJobs:
		return r.memberJobs(), true
	case s.Release:
		return []record{r.releaseTipoffs()}, true
	case s.Checklists:
		return []record{r.checklistJobs()}, true
	}
	return nil, false
}

func (r *runner) session(chat int64) flows.Session {
	var sess flows.Session
	if b, ok := r.sessions[chat]; ok {
		if err := json.Unmarshal(b, &sess); err != nil {
			r.t.Fatal(err)
		}
	}
	return sess
}

func (r *runner) run(in kit.Input, label string) flows.Result {
	res, err := r.eng.Step(r.session(in.ChatID), in, r.now, r.view)
	if err != nil {
		r.t.Fatalf("%s: %v", label, err)
	}
	return res
}

// race runs steps on the same reads, then commits them in order; a step
// whose commit fails is run again on fresh reads.
func (r *runner) race(steps []tstep) []record {
	type ran struct {
		in    kit.Input
		label string
		res   flows.Result
	}
	var runs []ran
	for _, x := range steps {
		in, label := r.input(x)
		runs = append(runs, ran{in, label, r.run(in, label)})
	}
	var recs []record
	for _, x := range runs {
		if r.dir.apply(x.res.Effects) {
			recs = append(recs, r.record("race: "+x.label, x.in.ChatID, x.res, true))
			continue
		}
		recs = append(recs, record{In: "race: " + x.label, Conflict: true})
		res := r.run(x.in, x.label)
		if !r.dir.apply(res.Effects) {
			r.t.Fatalf("%s: rerun failed", x.label)
		}
		recs = append(recs, r.record("rerun: "+x.label, x.in.ChatID, res, true))
	}
	return recs
}

// record renders and delivers a step's outputs and effects, keeping the
// session for the next step when save.
func (r *runner) record(label string, chat int64, res flows.Result, save bool) record {
	rec := record{In: label}
	if save {
		b, err := json.Marshal(res.Session)
		if err != nil {
			r.t.Fatal(err)
		}
		r.sessions[chat] = b
		rec.Session = b
	}
	r.outputs(&rec, res.Outputs, res.Effects)
	return rec
}

func (r *runner) outputs(rec *record, outs []kit.Output, effs []kit.Effect) {
	for _, o := range outs {
		rec.Out = append(rec.Out, r.render(o))
		r.deliver(o)
	}
	for _, e := range effs {
		j, _ := json.Marshal(map[string]any{"type": e.EventType(), "effect": e})
		rec.Effects = append(rec.Effects, j)
	}
}

func (r *runner) deliver(o kit.Output) {
	switch o.Kind {
	case kit.OutSend, kit.OutPush:
		msgs := r.chats[o.ChatID]
		r.chats[o.ChatID] = append(msgs, message{ID: len(msgs) + 1, Text: o.Text, Buttons: o.Buttons})
	case kit.OutEdit:
		for i, m := range r.chats[o.ChatID] {
			if m.ID != o.MessageID {
				continue
			}
			text := o.Text
			if o.KeepText {
				text = m.Text
			}
			r.chats[o.ChatID][i] = message{ID: m.ID, Text: text, Buttons: o.Buttons}
		}
	}
}
