package flows_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sibu/flows"
	"sibu/flows/access"
	"sibu/flows/kit"
)

// TestNoTransportImports: flows and its feature packages import neither
// Telegram, Redis nor cron.
func TestNoTransportImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range []string{"go-telegram", "go-redis", "robfig/cron", "miniredis"} {
		if bytes.Contains(out, []byte(dep)) {
			t.Errorf("flows imports %s", dep)
		}
	}
}

// TestGroupAnswers: in a group the bot answers /help and /start, points a
// command that named it to the private chat, and says nothing to a bare
// command (another bot's, maybe), to text, media or contacts; a button is
// answered without a message.
func TestGroupAnswers(t *testing.T) {
	e := testEngine()
	dir := newFakeDir(&kit.Env{})
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   kit.Input
		want string // "" = no message
	}{
		{"help", kit.Input{Kind: kit.InputCommand, Command: "help"}, "您好"},
		{"start", kit.Input{Kind: kit.InputCommand, Command: "start"}, "您好"},
		{"addressed command", kit.Input{Kind: kit.InputCommand, Command: "stats", Addressed: true}, "私聊"},
		{"bare command", kit.Input{Kind: kit.InputCommand, Command: "stats"}, ""},
		{"bare unknown command", kit.Input{Kind: kit.InputCommand, Command: "roll"}, ""},
		{"text", kit.Input{Kind: kit.InputText, Text: "大家好"}, ""},
		{"sticker", kit.Input{Kind: kit.InputOther, Other: "sticker"}, ""},
		{"contact", kit.Input{Kind: kit.InputContact, ContactPhone: "+8613800000000", ContactUserID: 2}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.ChatID, in.UserID, in.UserName = -500, 2, "张三"
			res, err := e.Step(flows.Session{}, in, now, dir)
			if err != nil {
				t.Fatal(err)
			}
			var sent []string
			for _, o := range res.Outputs {
				sent = append(sent, o.Text)
			}
			switch {
			case tt.want == "" && len(sent) > 0:
				t.Errorf("said %q, want nothing", sent)
			case tt.want != "" && (len(sent) != 1 || !strings.Contains(sent[0], tt.want)):
				t.Errorf("said %q, want one message containing %q", sent, tt.want)
			}
		})
	}
	res, err := e.Step(flows.Session{}, kit.Input{Kind: kit.InputCallback, ChatID: -500, UserID: 2, CallbackID: "9", Data: "5:a:0"}, now, dir)
	if err != nil || len(res.Outputs) != 1 || res.Outputs[0].Kind != kit.OutAnswer {
		t.Errorf("a button in a group: %+v, %v", res.Outputs, err)
	}
}

// panicDir is a directory whose reads panic, as a bug in a flow might.
type panicDir struct{ kit.Directory }

func (panicDir) Person(int64) (kit.Person, bool, error) { panic("boom") }

// TestStepRecoversFromPanic: a panic inside a step becomes an error for the
// caller (which retries, then apologises) instead of killing the process.
func TestStepRecoversFromPanic(t *testing.T) {
	res, err := testEngine().Step(flows.Session{}, kit.Input{Kind: kit.InputText, ChatID: 2, UserID: 2, Private: true, Text: "x"},
		time.Now(), panicDir{})
	if err == nil || !strings.Contains(err.Error(), "panicked") || len(res.Outputs) != 0 {
		t.Fatalf("Step = %+v, %v; want a 'panicked' error and no outputs", res, err)
	}
}

// TestLeavingAFlowLeavesNothingBehind: every way into a flow leaves the
// chat's current one through that flow's own Leave. /promise, a line typed,
// then a questionnaire invitation tapped used to keep the declaration
// beside the questionnaire ({"f":"survey","s":{…},"pr":{…}}).
func TestLeavingAFlowLeavesNothingBehind(t *testing.T) {
	e := commitmentEngine("")
	env := e.Env()
	dir := newFakeDir(&env.Env, suites["commitment"].people...)
	dir.issued["demo"] = map[int64]bool{31: true}
	dir.status["demo"] = "open"
	var sess flows.Session
	step := func(in kit.Input) {
		t.Helper()
		in.ChatID, in.UserID, in.Private = 31, 31, true
		res, err := e.Step(sess, in, fixedNow, dir)
		if err != nil || !dir.apply(res.Effects) {
			t.Fatalf("%+v: %v", in, err)
		}
		sess = res.Session
	}
	step(kit.Input{Kind: kit.InputCommand, Command: "promise"})
	step(kit.Input{Kind: kit.InputText, Text: "为群众办实事"})
	if sess.Commitment == nil {
		t.Fatalf("no declaration in progress: %+v", sess)
	}
	step(kit.Input{Kind: kit.InputCallback, CallbackID: "1", Data: "sv:demo"})
	b, _ := json.Marshal(sess)
	if sess.Flow != "survey" || sess.Survey == nil || sess.Commitment != nil {
		t.Errorf("after tapping the invitation: %s; want the questionnaire and no declaration", b)
	}
}

// TestEveryCommandGoesThroughThePolicy: the access policy names every
// command the engine answers (the engine asks it before running one, and
// refuses a command it does not name) and every button prefix's verbs.
func TestEveryCommandGoesThroughThePolicy(t *testing.T) {
	e := testEngine()
	for _, name := range e.Commands() {
		if _, ok := access.Commands[name]; !ok {
			t.Errorf("/%s: the access policy does not name it", name)
		}
	}
	for _, prefix := range e.Entries() {
		named := false
		for key := range access.Verbs {
			named = named || key == prefix || strings.HasPrefix(key, prefix+":")
		}
		if !named {
			t.Errorf("%s: the access policy names none of its verbs", prefix)
		}
	}
}

// TestDescriptionFits: the bot's descriptions fit Telegram's limits
// (setMyDescription 512 characters, setMyShortDescription 120).
func TestDescriptionFits(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		long, short := flows.Description(lang)
		if n := utf8.RuneCountInString(long); n == 0 || n > 512 {
			t.Errorf("%s description: %d characters", lang, n)
		}
		if n := utf8.RuneCountInString(short); n == 0 || n > 120 {
			t.Errorf("%s short description: %d characters", lang, n)
		}
	}
}
