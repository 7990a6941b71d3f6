package flows_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
)

// TestTipoffUnitsOfALargeOrganisation: a county has hundreds of units;
// the tip-off's unit question must stay a message Telegram takes (at most
// 100 buttons, far fewer to be read on a phone), and a unit left out of
// the buttons is still found by its typed name.
func TestTipoffUnitsOfALargeOrganisation(t *testing.T) {
	env := testEngine().Env()
	env.Units = []kit.Unit{{ID: "root", Name: "通川区委"}}
	for i := range 30 {
		town := fmt.Sprintf("t%d", i)
		env.Units = append(env.Units, kit.Unit{ID: town, Name: fmt.Sprintf("第%d镇党委", i+1), Parent: "root"})
		for j := range 6 {
			env.Units = append(env.Units, kit.Unit{ID: fmt.Sprintf("%s-b%d", town, j), Name: fmt.Sprintf("第%d镇第%d村党支部", i+1, j+1), Parent: town})
		}
	}
	e := flows.NewEngine(env)
	dir := newFakeDir(&env.Env, kit.Person{ID: 31, Name: "张三", Unit: "t0-b0", Role: kit.RoleMember})
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	sess := flows.Session{}
	step := func(in kit.Input) []kit.Output {
		t.Helper()
		in.ChatID, in.UserID, in.UserName, in.Private = 31, 31, "张三", true
		res, err := e.Step(sess, in, now, dir)
		if err != nil {
			t.Fatal(err)
		}
		sess = res.Session
		return res.Outputs
	}
	step(kit.Input{Kind: kit.InputCommand, Command: "tipoff", Args: "new"})
	outs := step(kit.Input{Kind: kit.InputCallback, CallbackID: "1", Data: "1:k:bribe", MessageID: 1})
	asked := false
	for _, o := range outs {
		n := 0
		for _, row := range o.Buttons {
			n += len(row)
		}
		if n > 40 {
			t.Errorf("%d buttons in %q", n, o.Text)
		}
		asked = asked || strings.Contains(o.Text, "单位")
	}
	if !asked {
		t.Fatalf("the unit was not asked: %+v", outs)
	}
	outs = step(kit.Input{Kind: kit.InputText, Text: "第30镇第6村党支部"})
	if len(outs) != 1 || !strings.Contains(outs[0].Text, "请写明被举报人") {
		t.Fatalf("a typed unit left out of the buttons: %+v", outs)
	}
}
