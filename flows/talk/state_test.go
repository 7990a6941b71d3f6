package talk_test

import (
	"encoding/json"
	"testing"

	"sibu/flows/kit"
	"sibu/flows/talk"
)

// session is a chat's session as the engine builds it: kit.Core and the
// features' states (here talk's only).
type session struct {
	kit.Core
	talk.State
}

func TestStateJSON(t *testing.T) {
	raw := `{"q":3,"f":"talk","tk":{"r":"hj","s":"roster_pick","u":7,"p":"+8613900000022","t":1764136800,"o":true,"v":"V","g":1,"ro":{"f":"名单.xlsx","p":[21],"ph":{"21":"+8613800000021"},"a":[{"l":3,"n":"张三","u":"第二支部","ph":"+8613800000024","c":[21,24]}]}}}`
	var s session
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	if s.Talk == nil || s.Talk.Roster == nil || s.Talk.Roster.Ask[0].Candidates[1] != 24 || s.Seq != 3 || s.Flow != talk.Flow {
		t.Fatalf("decoded %+v", s)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var a, z any
	json.Unmarshal([]byte(raw), &a)
	json.Unmarshal(b, &z)
	if ab, zb := mustJSON(a), mustJSON(z); ab != zb {
		t.Errorf("round trip:\n%s\n%s", ab, zb)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestWantsRoster(t *testing.T) {
	tests := []struct {
		name string
		s    session
		want bool
	}{
		{"no flow", session{}, false},
		{"waiting for the file", session{Core: kit.Core{Flow: talk.Flow}, State: talk.State{Talk: &talk.Run{Round: "hj", Step: "roster"}}}, true},
		{"picking a namesake", session{Core: kit.Core{Flow: talk.Flow}, State: talk.State{Talk: &talk.Run{Round: "hj", Step: "roster_pick"}}}, false},
		{"booking", session{Core: kit.Core{Flow: talk.Flow}, State: talk.State{Talk: &talk.Run{Round: "hj", Step: "phone"}}}, false},
		{"another flow", session{Core: kit.Core{Flow: "survey"}, State: talk.State{Talk: &talk.Run{Round: "hj", Step: "roster"}}}, false},
	}
	for _, tt := range tests {
		if got := talk.WantsRoster(&tt.s); got != tt.want {
			t.Errorf("%s: WantsRoster = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLeave: the talk run is dropped when another flow takes over, and
// /cancel ends the conversation with its run.
func TestLeave(t *testing.T) {
	f := &talk.Feature{Env: &kit.Env{}}
	flow := f.Kit().Flows[talk.Flow]
	s := &session{Core: kit.Core{Seq: 4, Flow: talk.Flow}, State: talk.State{Talk: &talk.Run{Round: "hj", Step: "slot"}}}
	st := &kit.Step{Env: f.Env, Session: s, Leaver: func(st *kit.Step) { flow.Leave(st) }}
	st.Enter("survey")
	if s.Talk != nil || s.Flow != "survey" || s.Seq != 4 {
		t.Errorf("after entering another flow: %+v %+v", s.Core, s.Talk)
	}
	s.Flow, s.Talk = talk.Flow, &talk.Run{Round: "hj", Step: "phone"}
	flow.Cancel(st)
	if s.Talk != nil || s.Flow != kit.FlowNone || s.Seq != 5 {
		t.Errorf("after /cancel: %+v %+v", s.Core, s.Talk)
	}
	if len(st.Outputs) != 1 || !st.Outputs[0].RemoveKeyboard {
		t.Errorf("/cancel said %+v", st.Outputs)
	}
}
