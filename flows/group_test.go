package flows_test

import (
	"strings"
	"testing"
	"time"

	"sibu/flows"
)

// TestGroupAnswers: in a group the bot answers /help and /start, points a
// command that named it to the private chat, and says nothing to a bare
// command (another bot's, maybe), to text, media or contacts; a button is
// answered without a message.
func TestGroupAnswers(t *testing.T) {
	e := testEngine()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	base := flows.Input{ChatID: -500, UserID: 2, UserName: "张三"}
	tests := []struct {
		name string
		in   flows.Input
		want string // "" = no message
	}{
		{"help", flows.Input{Kind: flows.InputCommand, Command: "help"}, "您好"},
		{"start", flows.Input{Kind: flows.InputCommand, Command: "start"}, "您好"},
		{"addressed command", flows.Input{Kind: flows.InputCommand, Command: "stats", Addressed: true}, "私聊"},
		{"bare command", flows.Input{Kind: flows.InputCommand, Command: "stats"}, ""},
		{"bare unknown command", flows.Input{Kind: flows.InputCommand, Command: "roll"}, ""},
		{"text", flows.Input{Kind: flows.InputText, Text: "大家好"}, ""},
		{"sticker", flows.Input{Kind: flows.InputOther, Other: "sticker"}, ""},
		{"contact", flows.Input{Kind: flows.InputContact, ContactPhone: "+8613800000000", ContactUserID: 2}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.ChatID, in.UserID, in.UserName = base.ChatID, base.UserID, base.UserName
			res, err := e.Step(flows.Session{}, in, now, newMemDir())
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
	res, err := e.Step(flows.Session{}, flows.Input{Kind: flows.InputCallback, ChatID: -500, UserID: 2, CallbackID: "9", Data: "5:a:0"}, now, newMemDir())
	if err != nil || len(res.Outputs) != 1 || res.Outputs[0].Kind != flows.OutAnswer {
		t.Errorf("a button in a group: %+v, %v", res.Outputs, err)
	}
}

// panicDir is a directory whose reads panic, as a bug in a flow might.
type panicDir struct{ flows.Directory }

func (panicDir) Person(int64) (flows.Person, bool, error) { panic("boom") }

// TestStepRecoversFromPanic: a panic inside a step becomes an error for the
// caller (which retries, then apologises) instead of killing the process.
func TestStepRecoversFromPanic(t *testing.T) {
	res, err := testEngine().Step(flows.Session{}, flows.Input{Kind: flows.InputText, ChatID: 2, UserID: 2, Private: true, Text: "x"},
		time.Now(), panicDir{})
	if err == nil || !strings.Contains(err.Error(), "panicked") || len(res.Outputs) != 0 {
		t.Fatalf("Step = %+v, %v; want a 'panicked' error and no outputs", res, err)
	}
}
