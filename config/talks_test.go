package config_test

import (
	"strings"
	"testing"
	"time"

	"sibu/config"
)

func TestExampleTalkRound(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Talks.Settings
	r := s.Rounds["hj2027"]
	if r == nil || s.ChangeCutoff != 2*time.Hour || s.RemindBefore != 15*time.Minute || s.RecordsIncludePrivate {
		t.Fatalf("talk settings %+v", s)
	}
	if len(r.Slots) != 11 || len(r.Sessions) != 1 || r.Slots[0].In(c.Location).Format("01-02 15:04") != "03-03 14:00" ||
		r.Deadline.IsZero() || r.Length() != 20*time.Minute {
		t.Fatalf("round %+v", r)
	}
}

func TestTalkErrors(t *testing.T) {
	base := "units: [{id: root, name: 区委}]\ntalks:\n  rounds:\n    r1:\n"
	tests := []struct{ name, yaml, key string }{
		{"no title", "      deadline: \"2027-01-01 10:00\"\n      slots: [\"2027-01-01 09:00\"]\n", "talks.rounds.r1.title"},
		{"bad unit", "      title: t\n      units: [nowhere]\n      deadline: \"2027-01-01 10:00\"\n      slots: [\"2027-01-01 09:00\"]\n", "talks.rounds.r1.units"},
		{"bad slot", "      title: t\n      deadline: \"2027-01-01 10:00\"\n      slots: [\"2027-01-01 14:00-13:00/30m\"]\n", "talks.rounds.r1.slots[0]"},
		{"bad deadline", "      title: t\n      deadline: tomorrow\n      slots: [\"2027-01-01 09:00\"]\n", "talks.rounds.r1.deadline"},
		{"nothing to book", "      title: t\n      deadline: \"2027-01-01 10:00\"\n", "talks.rounds.r1:"},
		{"bad role", "      title: t\n      roles: [boss]\n      deadline: \"2027-01-01 10:00\"\n      slots: [\"2027-01-01 09:00\"]\n", "talks.rounds.r1.roles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse([]byte(base+tt.yaml), ".", env(nil))
			if err == nil || !strings.Contains(err.Error(), tt.key) {
				t.Fatalf("err = %v, want one naming %s", err, tt.key)
			}
		})
	}
}
