package research_test

import (
	"strings"
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/research"
)

var cst = time.FixedZone("CST", 8*3600)

func remindFeature() *research.Feature {
	return &research.Feature{Env: &kit.Env{Location: cst, Root: "root",
		Units: []kit.Unit{{ID: "root", Name: "通川区委"}, {ID: "dongcheng", Name: "东城街道党工委", Parent: "root"}}}}
}

// followed is an opinion whose follow-up 31 was given at assigned, due
// on deadline.
func followed(assigned time.Time, deadline string) research.Opinion {
	return research.Opinion{ID: "o1", Source: research.SourceMeeting, Title: "座谈会 · 村委会", Unit: "dongcheng",
		Date: "2026-11-24", Text: "希望尽快修通村道", Rev: 3, Handling: research.Handling{Kind: research.HandledFollowUp,
			Assignee: 31, AssigneeName: "张三", Deadline: deadline, By: 10, At: assigned}}
}

// TestFollowUpStage: the day before the deadline and the day itself, in
// the deployment's zone; nothing for a follow-up done, or on the day it
// was assigned (its push has just said it).
func TestFollowUpStage(t *testing.T) {
	f := remindFeature()
	at := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst)
		return t
	}
	early := followed(at("2026-11-25 10:00"), "2026-12-02")
	done := early
	done.Handling.Done = true
	late := followed(at("2026-12-01 16:00"), "2026-12-02")
	tests := []struct {
		name string
		o    research.Opinion
		now  string
		want string
	}{
		{"two days before", early, "2026-11-30 09:00", ""},
		{"the day before", early, "2026-12-01 09:00", research.StageDayBefore},
		{"the day before, late evening", early, "2026-12-01 23:59", research.StageDayBefore},
		{"the day, just after midnight", early, "2026-12-02 00:01", research.StageDeadline},
		{"the day after", early, "2026-12-03 09:00", ""},
		{"done", done, "2026-12-01 09:00", ""},
		{"assigned the day before", late, "2026-12-01 17:00", ""},
		{"assigned the day before, on the day", late, "2026-12-02 09:00", research.StageDeadline},
		{"the day before in UTC is the day in CST", early, "2026-12-01 17:00 UTC", research.StageDeadline},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := at(tt.now)
			if s, ok := strings.CutSuffix(tt.now, " UTC"); ok {
				now, _ = time.Parse("2006-01-02 15:04", s)
			}
			if got := f.FollowUpStage(tt.o, now); got != tt.want {
				t.Errorf("FollowUpStage at %s = %q, want %q", tt.now, got, tt.want)
			}
		})
	}
}

// TestFollowUpReminders: one push to the assignee per reminder due, in
// Chinese, with the opinion and ✅ 已办结, claimed by deadline, stage and
// assignee at the revision read.
func TestFollowUpReminders(t *testing.T) {
	f := remindFeature()
	assigned := time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
	due, later := followed(assigned, "2026-12-02"), followed(assigned, "2026-12-09")
	later.ID = "o2"
	res := f.FollowUpReminders([]research.Opinion{due, later}, time.Date(2026, 12, 1, 9, 0, 0, 0, cst))
	if len(res) != 1 || len(res[0].Outputs) != 1 || len(res[0].Effects) != 1 {
		t.Fatalf("reminders %+v, want one push and its claim", res)
	}
	out := res[0].Outputs[0]
	if out.Kind != kit.OutPush || out.ChatID != 31 {
		t.Errorf("push %+v, want a push to 31", out)
	}
	for _, want := range []string{"明天", "12月2日", "希望尽快修通村道", "东城街道党工委"} {
		if !strings.Contains(out.Text, want) {
			t.Errorf("push lacks %q:\n%s", want, out.Text)
		}
	}
	if len(out.Buttons) != 1 || out.Buttons[0][0].Data != "ro:o1:dn" || out.Buttons[0][0].Text != "✅ 已办结" {
		t.Errorf("buttons %+v, want ✅ 已办结 of o1", out.Buttons)
	}
	want := research.FollowUpReminded{OpinionID: "o1", Rev: 3, Key: "2026-12-02:d1:31", Stage: "d1", To: 31, Deadline: "2026-12-02"}
	if got := res[0].Effects[0]; got != want {
		t.Errorf("effect %+v, want %+v", got, want)
	}
}
