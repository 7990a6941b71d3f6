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

// promDir is memDir plus the commitment reads, applying commitment effects
// the way storage does (revision conditions, indexes, history).
type promDir struct {
	*memDir
	items     map[string]*memItem
	order     []string
	rounds    map[string]flows.EvalRound
	marks     map[string]map[string]string
	digests   map[string]bool
	reminders map[string]bool
	loc       *time.Location
	// roundSurvey and respondents are a round's questionnaire figure
	// ("open", "respondents", "answered", "satisfied") and who answered.
	roundSurvey map[string]map[string]int64
	respondents map[string]map[int64]bool
}

type memItem struct {
	c   flows.Commitment
	rev int64
	log []flows.CommitmentEntry
}

var _ flows.PromiseReader = (*promDir)(nil)

func newPromDir() *promDir {
	d := &promDir{memDir: newMemDir(), items: map[string]*memItem{}, rounds: map[string]flows.EvalRound{},
		marks: map[string]map[string]string{}, digests: map[string]bool{}, reminders: map[string]bool{}, loc: cst,
		roundSurvey: map[string]map[string]int64{}, respondents: map[string]map[int64]bool{}}
	for _, p := range []flows.Person{
		{ID: 10, Name: "王书记", Unit: "b1", Role: flows.RoleSupervisor},
		{ID: 20, Name: "李委员", Unit: "root", Role: flows.RoleOfficial},
		{ID: 31, Name: "张三", Unit: "b1", Role: flows.RoleMember},
		{ID: 32, Name: "李四", Unit: "b1", Role: flows.RoleMember},
		{ID: 33, Name: "王五", Unit: "b1", Role: flows.RoleMember},
		{ID: 40, Name: "赵书记", Unit: "b2", Role: flows.RoleSupervisor},
	} {
		d.people[p.ID] = p
	}
	return d
}

var cst = time.FixedZone("CST", 8*3600)

func (d *promDir) get(ids []string) []flows.Commitment {
	var out []flows.Commitment
	for _, id := range ids {
		if it := d.items[id]; it != nil {
			c := it.c
			c.Rev = it.rev
			out = append(out, c)
		}
	}
	return out
}

func (d *promDir) filter(keep func(flows.Commitment) bool) []flows.Commitment {
	var ids []string
	for _, id := range d.order {
		if keep(d.items[id].c) {
			ids = append(ids, id)
		}
	}
	return d.get(ids)
}

func (d *promDir) Commitment(id string) (flows.Commitment, bool, error) {
	out := d.get([]string{id})
	if len(out) == 0 {
		return flows.Commitment{}, false, nil
	}
	return out[0], true, nil
}
func (d *promDir) CommitmentsOf(owner int64) ([]flows.Commitment, error) {
	return d.filter(func(c flows.Commitment) bool { return c.Owner == owner }), nil
}
func (d *promDir) UnitCommitments(unit string) ([]flows.Commitment, error) {
	return d.filter(func(c flows.Commitment) bool { return c.Unit == unit }), nil
}
func (d *promDir) PendingReviews() ([]flows.Commitment, error) {
	return d.filter(func(c flows.Commitment) bool { return c.Status == flows.CommitReview }), nil
}
func (d *promDir) DueBefore(t time.Time) ([]flows.Commitment, error) {
	day := t.Format("2006-01-02")
	out := d.filter(func(c flows.Commitment) bool { return c.Tracked() && c.Deadline < day })
	slices.SortStableFunc(out, func(a, b flows.Commitment) int { return strings.Compare(a.Deadline, b.Deadline) })
	return out, nil
}
func (d *promDir) CommitmentLog(id string) ([]flows.CommitmentEntry, error) {
	if it := d.items[id]; it != nil {
		return it.log, nil
	}
	return nil, nil
}
func (d *promDir) CommitmentCounts(units []string) (map[flows.CommitmentStatus]int64, error) {
	out := map[flows.CommitmentStatus]int64{}
	for _, it := range d.items {
		if slices.Contains(units, it.c.Unit) {
			out[it.c.Status]++
		}
	}
	return out, nil
}
func (d *promDir) EvalRound(unit string) (flows.EvalRound, bool, error) {
	r, ok := d.rounds[unit]
	return r, ok, nil
}
func (d *promDir) EvalMarks(round string) (flows.EvalMarks, error) {
	m := flows.EvalMarks{Grades: map[string]string{}, Opinions: map[string]map[int64]string{},
		Votes: map[string]map[int64]bool{}, Reports: map[string]string{}}
	for f, v := range d.marks[round] {
		parts := strings.SplitN(f, ":", 3)
		switch parts[0] {
		case "g":
			m.Grades[parts[1]] = v
		case "s":
			m.Reports[parts[1]] = v
		case "o":
			if m.Opinions[parts[1]] == nil {
				m.Opinions[parts[1]] = map[int64]string{}
			}
			var by int64
			fmt.Sscan(parts[2], &by)
			m.Opinions[parts[1]][by] = v
		case "v":
			if m.Votes[parts[1]] == nil {
				m.Votes[parts[1]] = map[int64]bool{}
			}
			var by int64
			fmt.Sscan(parts[2], &by)
			m.Votes[parts[1]][by] = v == "y"
		}
	}
	return m, nil
}

func (d *promDir) EvalSatisfaction(round string) (flows.Satisfaction, error) {
	f := d.roundSurvey[round]
	return flows.Satisfaction{Respondents: f["respondents"], Answered: f["answered"], Satisfied: f["satisfied"]}, nil
}
func (d *promDir) EvalResponded(round string, user int64) (bool, error) {
	return d.respondents[round][user], nil
}

// applyAll checks every condition, then applies (all or nothing).
func (d *promDir) applyAll(effs []flows.Effect) bool {
	var core []flows.Effect
	for _, e := range effs {
		switch e := e.(type) {
		case flows.CommitmentEffect:
			ch := e.Change()
			var rev int64
			if it := d.items[ch.Item.ID]; it != nil {
				rev = it.rev
			}
			if !ch.Follows && rev != ch.Prev {
				return false
			}
		case flows.CommitmentReminderSent:
			if d.reminders[e.ItemID+e.Key] {
				return false
			}
		case flows.CommitmentDigestSent:
			if d.digests[e.Week+fmt.Sprint(e.To)] {
				return false
			}
		case flows.EvalRoundOpened:
			if _, ok := d.rounds[e.Round.Unit]; ok {
				return false
			}
		case flows.EvalRoundClosed:
			if d.rounds[e.Round.Unit].ID != e.Round.ID {
				return false
			}
			if f := e.Satisfaction; f != nil && d.roundSurvey[e.Round.ID]["respondents"] != f.Respondents {
				return false
			}
		case flows.EvalMarked:
		case flows.ResponseSubmitted:
			if e.Round != "" && (d.roundSurvey[e.Round]["open"] != 1 || d.respondents[e.Round][e.Respondent]) {
				return false
			}
			core = append(core, e)
		default:
			core = append(core, e)
		}
	}
	if !d.memDir.apply(core) {
		return false
	}
	for _, e := range effs {
		switch e := e.(type) {
		case flows.CommitmentEffect:
			ch := e.Change()
			it := d.items[ch.Item.ID]
			if it == nil {
				it = &memItem{}
				d.items[ch.Item.ID] = it
				d.order = append(d.order, ch.Item.ID)
			}
			it.c, it.rev = ch.Item, ch.Prev+1
			entry := ch.Entry
			entry.What = strings.TrimPrefix(e.EventType(), "sibu.commitment.")
			if ch.Entry.What != "" {
				entry.What = ch.Entry.What
			}
			entry.Status = string(ch.Item.Status)
			it.log = append(it.log, entry)
		case flows.CommitmentReminderSent:
			d.reminders[e.ItemID+e.Key] = true
		case flows.CommitmentDigestSent:
			d.digests[e.Week+fmt.Sprint(e.To)] = true
		case flows.EvalRoundOpened:
			d.rounds[e.Round.Unit] = e.Round
			if e.Round.Survey != "" {
				d.roundSurvey[e.Round.ID] = map[string]int64{"open": 1}
			}
		case flows.EvalRoundClosed:
			delete(d.rounds, e.Round.Unit)
			if f := d.roundSurvey[e.Round.ID]; f != nil {
				f["open"] = 0
			}
		case flows.ResponseSubmitted:
			if e.Round == "" {
				continue
			}
			f := d.roundSurvey[e.Round]
			if d.respondents[e.Round] == nil {
				d.respondents[e.Round] = map[int64]bool{}
			}
			d.respondents[e.Round][e.Respondent] = true
			f["respondents"]++
			if e.SatisfiedAnswered {
				f["answered"]++
			}
			if e.Satisfied {
				f["satisfied"]++
			}
		case flows.EvalMarked:
			if d.marks[e.Round] == nil {
				d.marks[e.Round] = map[string]string{}
			}
			f := e.Kind + ":" + e.Item
			if e.Kind == "v" || e.Kind == "o" {
				f += ":" + fmt.Sprint(e.By)
			}
			d.marks[e.Round][f] = e.Value
		}
	}
	return true
}

// manyiSurvey is a short satisfaction questionnaire for evaluation rounds.
const manyiSurvey = `{
  "campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意", "基本满意"]}},
  "survey": {"title": "公开承诺群众满意度测评", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "您对本支部党员践诺情况的总体评价", "isRequired": true, "choices": ["满意", "基本满意", "不满意"]},
    {"type": "comment", "name": "advice", "title": "意见和建议"}
  ]}
}`

// promiseEngine is the commitments' test engine; satisfaction names the
// questionnaire of evaluation rounds (promise.satisfaction_survey).
func promiseEngine(satisfaction string) *flows.Engine {
	env := testEngine().Env()
	env.Units = []flows.Unit{{ID: "root", Name: "通川区委"}, {ID: "b1", Name: "第一支部", Parent: "root", Group: -1001},
		{ID: "b2", Name: "第二支部", Parent: "root"}}
	env.Promise = flows.PromiseSettings{PublishGrades: true, SatisfactionSurvey: satisfaction}
	sv, err := flows.ParseSurvey("manyi", []byte(manyiSurvey), cst)
	if err != nil {
		panic(err)
	}
	surveys := map[string]*flows.Survey{"manyi": sv}
	for id, s := range env.Surveys {
		surveys[id] = s
	}
	env.Surveys = surveys
	return flows.NewEngine(env)
}

// pstep is a transcript line: the shared kinds plus photo (with caption),
// remind (run the reminder job for every item at this time) and digest.
type pstep struct {
	step
	Photo   string `json:"photo,omitempty"`
	Caption string `json:"caption,omitempty"`
	Remind  bool   `json:"remind,omitempty"`
	Digest  bool   `json:"digest,omitempty"`
	Blocked int64  `json:"blocked,omitempty"` // the reminder job sees this person as unreachable
	// Satisfaction reconfigures promise.satisfaction_survey from here on.
	Satisfaction *string `json:"satisfaction_survey,omitempty"`
}

func runPromiseTranscript(t *testing.T, path string) []record {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var steps []pstep
	if err := json.Unmarshal(raw, &steps); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	eng := promiseEngine("")
	dir := newPromDir()
	tr := &transcript{now: fixedNow, sessions: map[int64][]byte{}, chats: map[int64][]message{}}
	var recs []record
	blocked := map[int64]bool{}
	system := func(label string, results []flows.Result) {
		rec := record{In: label}
		for _, res := range results {
			if !dir.applyAll(res.Effects) {
				rec.Out = append(rec.Out, "conflict")
				continue
			}
			for _, o := range res.Outputs {
				rec.Out = append(rec.Out, tr.render(o))
				tr.deliver(o, 0)
			}
			for _, e := range res.Effects {
				j, _ := json.Marshal(map[string]any{"type": e.EventType(), "effect": e})
				rec.Effects = append(rec.Effects, j)
			}
		}
		recs = append(recs, rec)
	}
	for _, s := range steps {
		switch {
		case s.Advance != "":
			d, err := time.ParseDuration(s.Advance)
			if err != nil {
				t.Fatal(err)
			}
			tr.now = tr.now.Add(d)
			recs = append(recs, record{In: "advance " + s.Advance})
			continue
		case s.Satisfaction != nil:
			eng = promiseEngine(*s.Satisfaction)
			recs = append(recs, record{In: fmt.Sprintf("promise.satisfaction_survey: %q", *s.Satisfaction)})
			continue
		case s.Blocked != 0:
			blocked[s.Blocked] = true
			recs = append(recs, record{In: fmt.Sprintf("%d blocks the bot", s.Blocked)})
			continue
		case s.Remind:
			var all []flows.Result
			due, _ := dir.DueBefore(tr.now.AddDate(0, 0, 30))
			for _, c := range due {
				res, err := eng.PromiseReminders(c, tr.now, dir, func(id int64) (bool, error) { return blocked[id], nil })
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, res...)
			}
			system("reminder job at "+tr.now.In(cst).Format("2006-01-02 15:04"), all)
			continue
		case s.Digest:
			due, _ := dir.DueBefore(tr.now.AddDate(0, 0, 8))
			res, err := eng.PromiseDigests(due, tr.now, tr.now.In(cst).Format("2006-01-02"), dir)
			if err != nil {
				t.Fatal(err)
			}
			system("weekly digest at "+tr.now.In(cst).Format("2006-01-02 15:04"), res)
			continue
		}
		var in flows.Input
		var label string
		if s.Photo != "" {
			in = flows.Input{Kind: flows.InputOther, Other: "photo", FileID: s.Photo, Caption: s.Caption,
				ChatID: s.User, UserID: s.User, Private: true, UserName: fmt.Sprintf("用户%d", s.User)}
			label = fmt.Sprintf("%d sends photo %s %q", s.User, s.Photo, s.Caption)
		} else {
			in, label = tr.input(t, s.step)
		}
		var sess flows.Session
		if b, ok := tr.sessions[in.ChatID]; ok {
			if err := json.Unmarshal(b, &sess); err != nil {
				t.Fatal(err)
			}
		}
		res, err := eng.Step(sess, in, tr.now, dir)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		recs = append(recs, tr.record(t, label, in.ChatID, res, dir.applyAll(res.Effects)))
	}
	return recs
}

func TestPromiseTranscripts(t *testing.T) {
	ins, _ := filepath.Glob("testdata/promise/*.in.json")
	if len(ins) == 0 {
		t.Fatal("no promise transcripts")
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in.json")
		t.Run(name, func(t *testing.T) {
			assertGolden(t, strings.TrimSuffix(in, ".in.json")+".golden.json", runPromiseTranscript(t, in))
		})
	}
}

func TestParseDate(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, cst) // a Wednesday
	tests := []struct {
		in, want string
	}{
		{"2026-12-31", "2026-12-31"},
		{"2026/12/31", "2026-12-31"},
		{"20261231", "2026-12-31"},
		{"2026年12月31日", "2026-12-31"},
		{"12月31日", "2026-12-31"},
		{"12月31号", "2026-12-31"},
		{"12-31", "2026-12-31"},
		{"3月1日", "2027-03-01"}, // passed this year: next year
		{"明天", "2026-11-26"},
		{"后天", "2026-11-27"},
		{"今天", "2026-11-25"},
		{"下周五", "2026-12-04"},
		{"下星期一", "2026-11-30"},
		{"周五", "2026-11-27"},
		{"本周五", "2026-11-27"},
		{"周一", "2026-11-30"}, // this week's Monday passed: the coming one
		{"下下周五", "2026-12-11"},
		{"3天后", "2026-11-28"},
		{"2周后", "2026-12-09"},
		{"1个月后", "2026-12-25"},
		{"月底", "2026-11-30"},
		{"年底", "2026-12-31"},
		{"12月31日前", "2026-12-31"},
		{" 2026 - 12 - 31 ", "2026-12-31"},
		{"2月30日", ""},
		{"2026-13-01", ""},
		{"下周八", ""},
		{"尽快", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := flows.ParseDate(tt.in, today)
			s := ""
			if ok {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("ParseDate(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

func TestReminderStage(t *testing.T) {
	eng := promiseEngine("")
	c := flows.Commitment{Status: flows.CommitActive, Deadline: "2026-12-10"}
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst); return t }
	for when, want := range map[string]string{
		"2026-11-25 10:00": "",
		"2026-12-02 23:59": "",
		"2026-12-03 00:00": "d7",
		"2026-12-08 12:00": "d7",
		"2026-12-09 08:00": "d1",
		"2026-12-10 08:00": "d0",
		"2026-12-11 08:00": "o1",
		"2026-12-20 08:00": "o10",
	} {
		if got := eng.ReminderStage(c, at(when)); got != want {
			t.Errorf("%s: stage %q, want %q", when, got, want)
		}
	}
	c.Status = flows.CommitFulfilled
	if got := eng.ReminderStage(c, at("2026-12-20 08:00")); got != "" {
		t.Errorf("fulfilled item has stage %q", got)
	}
}
