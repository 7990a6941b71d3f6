package flows_test

import (
	"strings"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
)

// TestPushesInQuietHoursAreAnnounced: an official who starts pushes in
// quiet hours (/survey open at 23:30) is told when they will go; in the
// day the reply says nothing of it.
func TestPushesInQuietHoursAreAnnounced(t *testing.T) {
	env := testEngine().Env()
	env.Quiet = kit.QuietHours{From: 22 * time.Hour, To: 8 * time.Hour}
	e := flows.NewEngine(env)
	open := kit.Input{Kind: kit.InputCommand, Command: "survey", Args: "open demo", ChatID: 1, UserID: 1, Private: true}
	for _, tc := range []struct {
		at   time.Time
		held bool
	}{
		{time.Date(2026, 11, 25, 23, 30, 0, 0, cst), true},
		{time.Date(2026, 11, 25, 10, 0, 0, 0, cst), false},
	} {
		dir := newFakeDir(&env.Env, kit.Person{ID: 2, Name: "张三", Unit: "b1", Role: kit.RoleMember})
		res, err := e.Step(flows.Session{}, open, tc.at, surveyView{dir})
		if err != nil {
			t.Fatal(err)
		}
		var reply []string
		pushes := 0
		for _, o := range res.Outputs {
			switch {
			case o.Kind == kit.OutPush:
				pushes++
			case o.ChatID == 1:
				reply = append(reply, o.Text)
			}
		}
		said := strings.Join(reply, "\n")
		if pushes != 1 || !strings.Contains(said, "已发放给 1 人") {
			t.Fatalf("%s: %d pushes, reply %q", tc.at.Format("15:04"), pushes, said)
		}
		if got := strings.Contains(said, "将于 08:00 发出"); got != tc.held {
			t.Errorf("%s: reply %q; want the 08:00 note: %v", tc.at.Format("15:04"), said, tc.held)
		}
	}
}
