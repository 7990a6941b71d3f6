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
	env := countyEnv()
	e := flows.NewEngine(env)
	dir := newFakeDir(&env.Env, kit.Person{ID: 31, Name: "张三", Unit: "t0-b0", Role: kit.RoleMember},
		kit.Person{ID: 32, Name: "李四", Unit: "t0-b1", Role: kit.RoleMember})
	step := chat(t, e, dir, 31)
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
	// a name many units share offers them, told apart by the unit above
	outs = step(kit.Input{Kind: kit.InputText, Text: "第6村党支部"})
	if len(outs) != 1 {
		t.Fatalf("an ambiguous name: %+v", outs)
	}
	_, d := buttons(outs[0], "第29镇党委 · 第29镇第6村党支部")
	if d == "" {
		t.Fatalf("an ambiguous name does not offer its units: %+v", outs[0])
	}
	outs = step(kit.Input{Kind: kit.InputCallback, CallbackID: "3", Data: d, MessageID: 4})
	if !strings.Contains(fmt.Sprint(outs), "请写明被举报人") {
		t.Fatalf("the unit chosen among the namesakes: %+v", outs)
	}
	other := chat(t, e, dir, 32) // a full name, typed
	other(kit.Input{Kind: kit.InputCommand, Command: "tipoff", Args: "new"})
	other(kit.Input{Kind: kit.InputCallback, CallbackID: "4", Data: "1:k:bribe", MessageID: 1})
	outs = other(kit.Input{Kind: kit.InputText, Text: "第30镇第6村党支部"})
	if len(outs) != 1 || !strings.Contains(outs[0].Text, "请写明被举报人") {
		t.Fatalf("a typed unit left out of the buttons: %+v", outs)
	}
}

// countyEnv is the test engine's environment with a county's units: 30
// towns of 6 villages each (211 units).
func countyEnv() flows.Env {
	env := testEngine().Env()
	env.Units = []kit.Unit{{ID: "root", Name: "通川区委"}}
	for i := range 30 {
		town := fmt.Sprintf("t%d", i)
		env.Units = append(env.Units, kit.Unit{ID: town, Name: fmt.Sprintf("第%d镇党委", i+1), Parent: "root"})
		for j := range 6 {
			env.Units = append(env.Units, kit.Unit{ID: fmt.Sprintf("%s-b%d", town, j), Name: fmt.Sprintf("第%d镇第%d村党支部", i+1, j+1), Parent: town})
		}
	}
	return env
}

// chat steps person's private chat through e, keeping its session.
func chat(t *testing.T, e *flows.Engine, dir *fakeDir, person int64) func(kit.Input) []kit.Output {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	sess := flows.Session{}
	return func(in kit.Input) []kit.Output {
		t.Helper()
		in.ChatID, in.UserID, in.Private = person, person, true
		res, err := e.Step(sess, in, now, dir)
		if err != nil {
			t.Fatal(err)
		}
		sess = res.Session
		return res.Outputs
	}
}

// buttons counts the buttons of o and finds the one labelled text.
func buttons(o kit.Output, text string) (int, string) {
	n, data := 0, ""
	for _, row := range o.Buttons {
		for _, b := range row {
			n++
			if b.Text == text {
				data = b.Data
			}
		}
	}
	return n, data
}

// TestChecklistUnitsOfALargeOrganisation: the root official's unit
// toggles of a new 四必看 in a county of 211 units come a page at a time
// (Telegram takes at most 100 buttons), and a unit of a later page is
// chosen there.
func TestChecklistUnitsOfALargeOrganisation(t *testing.T) {
	env := countyEnv()
	e := flows.NewEngine(env)
	dir := newFakeDir(&env.Env, kit.Person{ID: 20, Name: "李委员", Unit: "root", Role: kit.RoleOfficial})
	step := chat(t, e, dir, 20)
	step(kit.Input{Kind: kit.InputCommand, Command: "checklist", Args: "new watch"})
	step(kit.Input{Kind: kit.InputText, Text: "《镜鉴》"})
	var page kit.Output
	for _, o := range step(kit.Input{Kind: kit.InputText, Text: "https://example.org/jingjian"}) {
		if strings.Contains(o.Text, "单位") {
			page = o
		}
	}
	for range 20 {
		n, next := buttons(page, kit.T("zh", kit.MsgBtnNextPage))
		if n > 40 {
			t.Fatalf("%d buttons in %q", n, page.Text)
		}
		if _, d := buttons(page, "第30镇第6村党支部"); d != "" {
			outs := step(kit.Input{Kind: kit.InputCallback, CallbackID: "2", Data: d, MessageID: 3})
			if len(outs) < 2 || !strings.Contains(fmt.Sprint(outs[1].Buttons), "✅ 第30镇第6村党支部") {
				t.Fatalf("the unit was not chosen: %+v", outs)
			}
			return
		}
		if next == "" {
			t.Fatalf("no page has the last village: %q", page.Text)
		}
		outs := step(kit.Input{Kind: kit.InputCallback, CallbackID: "1", Data: next, MessageID: 3})
		page = outs[len(outs)-1]
	}
	t.Fatal("the pages never end")
}

// TestNomineeUnitsOfALargeOrganisation: the unit question of a new
// nominee, asked of the root official of a county of 211 units, stays a
// message Telegram takes, and a village left out of its buttons is typed.
func TestNomineeUnitsOfALargeOrganisation(t *testing.T) {
	env := countyEnv()
	e := flows.NewEngine(env)
	dir := newFakeDir(&env.Env, kit.Person{ID: 20, Name: "李委员", Unit: "root", Role: kit.RoleOfficial})
	step := chat(t, e, dir, 20)
	step(kit.Input{Kind: kit.InputCommand, Command: "nominees", Args: "new"})
	outs := step(kit.Input{Kind: kit.InputText, Text: "钱六"})
	if len(outs) != 1 {
		t.Fatalf("%+v", outs)
	}
	if n, _ := buttons(outs[0], "通川区委"); n > 40 {
		t.Fatalf("%d buttons in %q", n, outs[0].Text)
	}
	outs = step(kit.Input{Kind: kit.InputText, Text: "第6村党支部"})
	_, d := buttons(outs[0], "第29镇党委 · 第29镇第6村党支部")
	if len(outs) != 1 || d == "" {
		t.Fatalf("an ambiguous name does not offer its units: %+v", outs)
	}
	outs = step(kit.Input{Kind: kit.InputText, Text: "第30镇第6村党支部"})
	if len(outs) != 1 || !strings.Contains(outs[0].Text, "拟任职务") {
		t.Fatalf("a typed unit left out of the buttons: %+v", outs)
	}
}
