package commitment_test

import (
	"testing"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
)

var cst = time.FixedZone("CST", 8*3600)

func TestReminderStage(t *testing.T) {
	f := &commitment.Feature{Env: &kit.Env{Location: cst}}
	c := commitment.Item{Status: commitment.StatusActive, Deadline: "2026-12-10"}
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst); return t }
	for when, want := range map[string]string{
		"2026-11-25 10:00": "",
		"2026-12-02 23:59": "",
		"2026-12-03 00:00": "d7",
		"2026-12-08 12:00": "d7",
		"2026-12-09 08:00": "d1",
		"2026-12-10 08:00": "d0",
		"2026-12-11 08:00": "o1",
		"2026-12-13 08:00": "o3",
		"2026-12-14 08:00": "",
		"2026-12-17 08:00": "o7",
		"2026-12-20 08:00": "", // 10 days: between the nag days (day 1, 3, 7, then weekly)
		"2026-12-24 08:00": "o14",
	} {
		if got := f.ReminderStage(c, at(when)); got != want {
			t.Errorf("%s: stage %q, want %q", when, got, want)
		}
	}
	c.Status = commitment.StatusFulfilled
	if got := f.ReminderStage(c, at("2026-12-20 08:00")); got != "" {
		t.Errorf("fulfilled item has stage %q", got)
	}
}

func TestJobWindows(t *testing.T) {
	f := &commitment.Feature{Env: &kit.Env{Location: cst}}
	now := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC) // Wednesday 10:00 in Shanghai
	if got, want := f.RemindBefore(now), time.Date(2026, 12, 3, 0, 0, 0, 0, cst); !got.Equal(want) {
		t.Errorf("RemindBefore = %v, want %v (the largest default stage, 7 days, included)", got, want)
	}
	f.Settings.Remind = []int{14, 3}
	if got, want := f.RemindBefore(now), time.Date(2026, 12, 10, 0, 0, 0, 0, cst); !got.Equal(want) {
		t.Errorf("RemindBefore with remind_days [14 3] = %v, want %v", got, want)
	}
	week, before := f.DigestWeek(now)
	if week != "2026-11-23" || !before.Equal(time.Date(2026, 12, 3, 0, 0, 0, 0, cst)) {
		t.Errorf("DigestWeek = %s, %v; want 2026-11-23 and the day after 7 days", week, before)
	}
}

func TestSettingsDefaults(t *testing.T) {
	s := commitment.Settings{MinItems: 6}.WithDefaults()
	if s.MinItems != 6 || s.MaxItems != 6 || s.Levels != 2 || len(s.Remind) != 3 || s.Rectify != 30*24*time.Hour || len(s.Sources) != 3 {
		t.Errorf("defaults: %+v", s)
	}
}
