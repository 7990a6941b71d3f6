package commitment_test

import (
	"testing"

	"sibu/flows/commitment"
	"sibu/flows/kit"
)

// session is a chat's session with the commitment state only.
type session struct {
	kit.Core
	commitment.State
}

// leaveStep is a step whose Leaver calls the current flow's Leave, as the
// engine's does.
func leaveStep(f kit.Feature, s *session) *kit.Step {
	return &kit.Step{Session: s, Lang: "zh", Leaver: func(st *kit.Step) {
		if fl, ok := f.Flows[st.Flow()]; ok && fl.Leave != nil {
			fl.Leave(st)
		}
	}}
}

// TestLeaveDropsRun: entering another flow (a questionnaire invitation
// tapped mid-declaration) drops the commitment run without expiring
// buttons: the other flow's prompt numbers its own.
func TestLeaveDropsRun(t *testing.T) {
	f := (&commitment.Feature{Env: &kit.Env{}}).Kit()
	s := &session{Core: kit.Core{Seq: 4, Flow: commitment.Flow}, State: commitment.State{Commitment: &commitment.Run{Mode: "declare"}}}
	st := leaveStep(f, s)
	st.Enter("survey")
	if s.Commitment != nil || s.Flow != "survey" || s.Seq != 4 {
		t.Errorf("after entering another flow: flow %q, seq %d, run %+v", s.Flow, s.Seq, s.Commitment)
	}
}

// TestCancel: /cancel leaves the flow, expires its buttons and says so.
func TestCancel(t *testing.T) {
	f := (&commitment.Feature{Env: &kit.Env{}}).Kit()
	s := &session{Core: kit.Core{Seq: 4, Flow: commitment.Flow}, State: commitment.State{Commitment: &commitment.Run{Mode: "urge"}}}
	st := leaveStep(f, s)
	f.Flows[commitment.Flow].Cancel(st)
	if s.Commitment != nil || s.Flow != kit.FlowNone || s.Seq != 5 {
		t.Errorf("after /cancel: flow %q, seq %d, run %+v", s.Flow, s.Seq, s.Commitment)
	}
	if len(st.Outputs) != 1 || st.Outputs[0].Text != "已取消。" {
		t.Errorf("outputs %+v", st.Outputs)
	}
}
