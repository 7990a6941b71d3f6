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
)

// talkDir is memDir plus talk rounds: it implements flows.TalkReader and
// applies talk effects with the conditions storage checks (entry revision,
// slot reservation, notices once).
type talkDir struct {
	*memDir
	rounds  map[string]*flows.TalkRoundState
	entries map[string]map[int64]flows.TalkEntry
	sent    map[string]bool
}

var _ flows.TalkReader = (*talkDir)(nil)

func newTalkDir() *talkDir {
	return &talkDir{memDir: newMemDir(), rounds: map[string]*flows.TalkRoundState{},
		entries: map[string]map[int64]flows.TalkEntry{}, sent: map[string]bool{}}
}

func (d *talkDir) TalkRound(id string) (flows.TalkRoundState, bool, error) {
	r, ok := d.rounds[id]
	if !ok {
		return flows.TalkRoundState{}, false, nil
	}
	return *r, true, nil
}

func (d *talkDir) TalkRounds() ([]string, error) {
	var open, closed []string
	for id, r := range d.rounds {
		if r.Open {
			open = append(open, id)
		} else {
			closed = append(closed, id)
		}
	}
	slices.Sort(open)
	slices.Sort(closed)
	return append(open, closed...), nil
}

func (d *talkDir) TalkEntry(round string, user int64) (flows.TalkEntry, bool, error) {
	e, ok := d.entries[round][user]
	return e, ok, nil
}

func (d *talkDir) TalkBooked(round string, iv int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for _, e := range d.entries[round] {
		if e.Interviewer == iv && e.PhoneSlot() {
			out[e.Slot.Unix()] = e.User
		}
	}
	return out, nil
}

func (d *talkDir) TalkCoverage(round string) (flows.TalkCoverage, error) {
	c := flows.TalkCoverage{Buckets: map[string]int64{}, Units: map[string]map[string]int64{}}
	for _, e := range d.entries[round] {
		c.Roster++
		c.Buckets[e.Bucket()]++
		if c.Units[e.Unit] == nil {
			c.Units[e.Unit] = map[string]int64{}
		}
		c.Units[e.Unit][e.Bucket()]++
		c.Units[e.Unit]["roster"]++
	}
	return c, nil
}

func (d *talkDir) TalkUnreached(round string, iv int64, offset, n int) ([]int64, int64, error) {
	var ids []int64
	for _, e := range d.entries[round] {
		if !e.Reached() && (iv == 0 || e.Interviewer == iv) {
			ids = append(ids, e.User)
		}
	}
	slices.Sort(ids)
	total := int64(len(ids))
	if offset > len(ids) {
		offset = len(ids)
	}
	return ids[offset:min(len(ids), offset+n)], total, nil
}

func (d *talkDir) TalkUnreachedIn(round string, units []string, offset, n int) ([]int64, int64, error) {
	var ids []int64
	for _, e := range d.entries[round] {
		if !e.Reached() && slices.Contains(units, e.Unit) {
			ids = append(ids, e.User)
		}
	}
	slices.Sort(ids)
	total := int64(len(ids))
	offset = min(offset, len(ids))
	return ids[offset:min(len(ids), offset+n)], total, nil
}

func (d *talkDir) TalkAgenda(iv int64, from, to time.Time) ([]flows.TalkEntry, error) {
	var out []flows.TalkEntry
	for _, es := range d.entries {
		for _, e := range es {
			if e.Interviewer == iv && e.Status == flows.EntryScheduled && !e.Slot.IsZero() && !e.Slot.Before(from) && e.Slot.Before(to) {
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b flows.TalkEntry) int { return a.Slot.Compare(b.Slot) })
	return out, nil
}

// applyTalk checks every talk effect's condition, then applies them all
// (false: nothing applied, like a failed commit).
func (d *talkDir) applyTalk(effs []flows.Effect) bool {
	booked := map[string]int64{}
	for r, es := range d.entries {
		for _, e := range es {
			if e.PhoneSlot() {
				booked[fmt.Sprintf("%s/%d/%d", r, e.Interviewer, e.Slot.Unix())] = e.User
			}
		}
	}
	for _, ef := range effs {
		switch e := ef.(type) {
		case flows.TalkEntryChange:
			c := e.Change()
			cur := d.entries[c.Before.Round][c.Before.User]
			if cur.Rev != c.Before.Rev {
				return false
			}
			if c.After.PhoneSlot() {
				k := fmt.Sprintf("%s/%d/%d", c.After.Round, c.After.Interviewer, c.After.Slot.Unix())
				if u, ok := booked[k]; ok && u != c.After.User {
					return false
				}
			}
		case flows.TalkInvited:
			for _, en := range e.Entries {
				if _, ok := d.entries[e.Round][en.User]; ok {
					return false
				}
			}
		case flows.TalkNoticeSent:
			if d.sent[e.Round+"/"+e.Key] {
				return false
			}
			if e.Entry != nil && d.entries[e.Round][e.Entry.User].Rev != e.Entry.Rev {
				return false
			}
		}
	}
	for _, ef := range effs {
		switch e := ef.(type) {
		case flows.TalkRoundOpened:
			d.rounds[e.Round.ID] = &flows.TalkRoundState{Round: e.Round, Open: true, OpenedAt: fixedNow}
		case flows.TalkRoundClosed:
			d.rounds[e.Round].Open = false
		case flows.TalkInvited:
			if d.entries[e.Round] == nil {
				d.entries[e.Round] = map[int64]flows.TalkEntry{}
			}
			for _, en := range e.Entries {
				d.entries[e.Round][en.User] = en
			}
		case flows.TalkEntryChange:
			c := e.Change()
			d.entries[c.After.Round][c.After.User] = c.After
		case flows.TalkNoticeSent:
			d.sent[e.Round+"/"+e.Key] = true
		}
	}
	return d.apply(effs)
}

// talkCase is a transcript input: the people, the predefined rounds, the
// settings and the steps.
type talkCase struct {
	People   []flows.Person             `json:"people"`
	Rounds   map[string]json.RawMessage `json:"rounds"`
	Settings struct {
		ChangeCutoff string `json:"change_cutoff"`
		Private      bool   `json:"private"`
	} `json:"settings"`
	Steps []talkStep `json:"steps"`
}

type talkStep struct {
	step
	// ContactOf shares the contact of another user (a foreign contact).
	ContactOf int64 `json:"contact_of,omitempty"`
	// Voice sends a voice note with this file_id.
	Voice string `json:"voice,omitempty"`
	// Jobs runs the scheduler's slot notices due now.
	Jobs bool `json:"jobs,omitempty"`
	// Roster sends a roster file as the transport hands it over once read.
	Roster *flows.TalkRosterUpload `json:"roster,omitempty"`
	// Document sends a document the transport did not read.
	Document string `json:"document,omitempty"`
	// Race runs the steps on the same reads, then commits them in order;
	// a step whose commit fails is run again on fresh reads.
	Race []talkStep `json:"race,omitempty"`
}

func talkEngine(t *testing.T, c talkCase) *flows.Engine {
	env := testEngine().Env()
	env.Talk.Rounds = map[string]*flows.TalkRound{}
	for id, raw := range c.Rounds {
		var r flows.TalkRound
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("round %s: %v", id, err)
		}
		r.ID = id
		env.Talk.Rounds[id] = &r
	}
	if c.Settings.ChangeCutoff != "" {
		d, err := time.ParseDuration(c.Settings.ChangeCutoff)
		if err != nil {
			t.Fatal(err)
		}
		env.Talk.ChangeCutoff = d
	}
	env.Talk.RecordsIncludePrivate = c.Settings.Private
	return flows.NewEngine(env)
}

type talkRunner struct {
	*transcript
	eng *flows.Engine
	dir *talkDir
}

func (r *talkRunner) renderTalk(o flows.Output) string {
	s := r.render(o)
	if o.Contact != nil {
		s += fmt.Sprintf("\n  [contact %s %s]", o.Contact.FirstName, o.Contact.Phone)
	}
	if o.File != nil {
		s += fmt.Sprintf("\n  [%s %s]", o.File.Kind, o.File.ID)
	}
	for _, row := range o.Keyboard {
		s += "\n  keyboard:"
		for _, k := range row {
			s += fmt.Sprintf(" {%s contact=%v}", k.Text, k.RequestContact)
		}
	}
	if o.RemoveKeyboard {
		s += "\n  (keyboard removed)"
	}
	return s
}

func (r *talkRunner) input(t *testing.T, s talkStep) (flows.Input, string) {
	switch {
	case s.ContactOf != 0:
		in := flows.Input{Kind: flows.InputContact, ChatID: s.User, UserID: s.User, Private: true, UserName: fmt.Sprintf("用户%d", s.User),
			ContactPhone: s.Contact, ContactUserID: s.ContactOf}
		return in, fmt.Sprintf("%d shares the contact of %d", s.User, s.ContactOf)
	case s.Roster != nil:
		b, _ := json.Marshal(s.Roster)
		in := flows.Input{Kind: flows.InputOther, Other: flows.OtherTalkRoster, Text: string(b), FileName: s.Roster.File,
			ChatID: s.User, UserID: s.User, Private: true}
		return in, fmt.Sprintf("%d sends the roster file %s (%d rows, problem %q)", s.User, s.Roster.File, len(s.Roster.Rows), s.Roster.Problem)
	case s.Document != "":
		in := flows.Input{Kind: flows.InputOther, Other: "document", FileID: "DOC", FileName: s.Document, ChatID: s.User, UserID: s.User, Private: true}
		return in, fmt.Sprintf("%d sends the document %s", s.User, s.Document)
	case s.Voice != "":
		in := flows.Input{Kind: flows.InputOther, Other: "voice", FileID: s.Voice, ChatID: s.User, UserID: s.User, Private: true}
		return in, fmt.Sprintf("%d sends a voice note", s.User)
	case s.Contact != "":
		in := flows.Input{Kind: flows.InputContact, ChatID: s.User, UserID: s.User, Private: true, UserName: fmt.Sprintf("用户%d", s.User),
			ContactPhone: s.Contact, ContactUserID: s.User}
		return in, fmt.Sprintf("%d shares their contact %s", s.User, s.Contact)
	}
	return r.transcript.input(t, s.step)
}

func (r *talkRunner) session(chat int64) flows.Session {
	var sess flows.Session
	if b, ok := r.sessions[chat]; ok {
		if err := json.Unmarshal(b, &sess); err != nil {
			panic(err)
		}
	}
	return sess
}

func (r *talkRunner) record(label string, chat int64, res flows.Result, save bool) record {
	rec := record{In: label}
	if save {
		b, _ := json.Marshal(res.Session)
		r.sessions[chat] = b
		rec.Session = b
	}
	for _, o := range res.Outputs {
		rec.Out = append(rec.Out, r.renderTalk(o))
		r.deliver(o, chat)
	}
	for _, e := range res.Effects {
		j, _ := json.Marshal(map[string]any{"type": e.EventType(), "effect": e})
		rec.Effects = append(rec.Effects, j)
	}
	return rec
}

func (r *talkRunner) step(t *testing.T, s talkStep) []record {
	if len(s.Race) > 0 {
		type ran struct {
			in    flows.Input
			label string
			res   flows.Result
		}
		var runs []ran
		for _, x := range s.Race {
			in, label := r.input(t, x)
			res, err := r.eng.Step(r.session(in.ChatID), in, r.now, r.dir)
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			runs = append(runs, ran{in, label, res})
		}
		var recs []record
		for _, x := range runs {
			if r.dir.applyTalk(x.res.Effects) {
				recs = append(recs, r.record("race: "+x.label, x.in.ChatID, x.res, true))
				continue
			}
			recs = append(recs, record{In: "race: " + x.label, Conflict: true})
			res, err := r.eng.Step(r.session(x.in.ChatID), x.in, r.now, r.dir)
			if err != nil || !r.dir.applyTalk(res.Effects) {
				t.Fatalf("%s: rerun failed: %v", x.label, err)
			}
			recs = append(recs, r.record("rerun: "+x.label, x.in.ChatID, res, true))
		}
		return recs
	}
	if s.Jobs {
		return r.jobs(t)
	}
	if s.Advance != "" {
		d, err := time.ParseDuration(s.Advance)
		if err != nil {
			t.Fatal(err)
		}
		r.now = r.now.Add(d)
		return []record{{In: "advance " + s.Advance}}
	}
	in, label := r.input(t, s)
	res, err := r.eng.Step(r.session(in.ChatID), in, r.now, r.dir)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	if !r.dir.applyTalk(res.Effects) {
		return []record{{In: label, Conflict: true}}
	}
	return []record{r.record(label, in.ChatID, res, true)}
}

// jobs runs the slot notices due now, as the scheduler does.
func (r *talkRunner) jobs(t *testing.T) []record {
	var recs []record
	ids, _ := r.dir.TalkRounds()
	for _, id := range ids {
		rs := *r.dir.rounds[id]
		var users []int64
		for u := range r.dir.entries[id] {
			users = append(users, u)
		}
		slices.Sort(users)
		for _, u := range users {
			en := r.dir.entries[id][u]
			if !en.PhoneSlot() {
				continue
			}
			var res flows.Result
			switch {
			case !r.now.Before(en.Slot.Add(rs.Round.Length())):
				res = r.eng.TalkOutcomePrompt(rs, en)
			case !r.now.Before(en.Slot.Add(-r.eng.TalkRemindBefore())):
				res = r.eng.TalkReminder(rs, en)
			default:
				continue
			}
			if !r.dir.applyTalk(res.Effects) {
				continue // sent already
			}
			recs = append(recs, r.record(fmt.Sprintf("job: notice about %d", u), 0, res, false))
		}
	}
	if len(recs) == 0 {
		recs = append(recs, record{In: "job: nothing due"})
	}
	return recs
}

func TestTalkTranscripts(t *testing.T) {
	ins, _ := filepath.Glob("testdata/talk/*.in.json")
	if len(ins) == 0 {
		t.Fatal("no talk transcripts")
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in.json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var c talkCase
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			dir := newTalkDir()
			for _, p := range c.People {
				dir.people[p.ID] = p
			}
			r := &talkRunner{transcript: &transcript{now: fixedNow, sessions: map[int64][]byte{}, chats: map[int64][]message{}},
				eng: talkEngine(t, c), dir: dir}
			var recs []record
			golden := strings.TrimSuffix(in, ".in.json") + ".golden.json"
			defer func() {
				if t.Failed() && *update { // keep what ran, to see why
					b, _ := json.MarshalIndent(recs, "", "  ")
					os.WriteFile(golden+".partial", b, 0o644)
				}
			}()
			for _, s := range c.Steps {
				recs = append(recs, r.step(t, s)...)
			}
			assertGolden(t, golden, recs)
		})
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"13812345678", "+8613812345678", true},
		{"+86 138-1234-5678", "+8613812345678", true},
		{"8613812345678", "+8613812345678", true},
		{"0086 138 1234 5678", "+8613812345678", true},
		{"028-86123456", "+862886123456", true},
		{"010 6123 4567", "+861061234567", true},
		{"0818-2123456", "+868182123456", true},
		{"+86 28 8612 3456", "+862886123456", true},
		{"12812345678", "", false},  // 12x is no mobile prefix
		{"1381234567", "", false},   // 10 digits
		{"138123456789", "", false}, // 12 digits
		{"12345678", "", false},     // no area code
		{"028-0234567", "", false},  // local numbers never start with 0 or 1
		{"028-12345678", "", false},
		{"+1 415 555 0100", "", false},
		{"abc", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := flows.NormalizePhone(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
