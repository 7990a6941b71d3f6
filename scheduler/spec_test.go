package scheduler

import (
	"strings"
	"testing"
	"time"
)

func shanghai(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("load Asia/Shanghai: %v", err)
	}
	return loc
}

func TestParseSpec(t *testing.T) {
	now := time.Date(2025, 3, 10, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		spec    string
		wantErr string // empty: valid
	}{
		{"* * * * *", ""},
		{"30 9 * * *", ""},
		{"*/10 * * * * *", ""},
		{"0 30 9 * * mon-fri", ""},
		{"@daily", ""},
		{"@hourly", ""},
		{"@every 30s", ""},
		{"@every 1h30m", ""},
		{"CRON_TZ=UTC 0 9 * * *", ""},
		{"TZ=Europe/Berlin @daily", ""},
		{"", "empty spec"},
		{"   ", "empty spec"},
		{"CRON_TZ=UTC", "time zone prefix"},
		{"TZ=UTC", "time zone prefix"},
		{"CRON_TZ=UTC\t* * * * *", "time zone prefix"},
		{"CRON_TZ=Nowhere/City * * * * *", "bad location"},
		{"* * *", "expected 5 to 6 fields"},
		{"* * * * * * *", "expected 5 to 6 fields"},
		{"61 * * * *", "above maximum"},
		{"a b c d e", "failed to parse"},
		{"@every 500ms", "whole number of seconds"},
		{"@every 1500ms", "whole number of seconds"},
		{"@every -1s", "whole number of seconds"},
		{"@every soon", "failed to parse duration"},
		{"@fortnightly", "unrecognized descriptor"},
		{"0 0 30 2 *", "never fires"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := parseSpec(tt.spec, now)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("parseSpec(%q) = %v, want ok", tt.spec, err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("parseSpec(%q) ok, want error containing %q", tt.spec, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("parseSpec(%q) = %v, want error containing %q", tt.spec, err, tt.wantErr)
			}
		})
	}
}

func TestFloorTick(t *testing.T) {
	sh := shanghai(t)
	at := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, sh)
	}
	tests := []struct {
		name string
		spec string
		now  time.Time
		want time.Time
	}{
		{"every second, mid-second", "* * * * * *", at(2025, 3, 10, 9, 0, 5, 300e6), at(2025, 3, 10, 9, 0, 5, 0)},
		{"every second, on the second", "* * * * * *", at(2025, 3, 10, 9, 0, 5, 0), at(2025, 3, 10, 9, 0, 5, 0)},
		{"every 10s", "*/10 * * * * *", at(2025, 3, 10, 9, 0, 9, 999e6), at(2025, 3, 10, 9, 0, 0, 0)},
		{"daily 9:00 after", "0 9 * * *", at(2025, 3, 10, 15, 0, 0, 0), at(2025, 3, 10, 9, 0, 0, 0)},
		{"daily 9:00 before", "0 9 * * *", at(2025, 3, 10, 8, 59, 59, 0), at(2025, 3, 9, 9, 0, 0, 0)},
		{"daily 9:00 exactly", "0 9 * * *", at(2025, 3, 10, 9, 0, 0, 0), at(2025, 3, 10, 9, 0, 0, 0)},
		{"@daily", "@daily", at(2025, 3, 10, 0, 0, 0, 1), at(2025, 3, 10, 0, 0, 0, 0)},
		{"weekdays on monday", "0 9 * * 1-5", at(2025, 3, 10, 8, 0, 0, 0), at(2025, 3, 7, 9, 0, 0, 0)},
		{"monthly", "@monthly", at(2025, 3, 31, 23, 0, 0, 0), at(2025, 3, 1, 0, 0, 0, 0)},
		{"yearly", "@yearly", at(2025, 12, 31, 23, 59, 59, 0), at(2025, 1, 1, 0, 0, 0, 0)},
		{"29 february", "0 0 29 2 *", at(2027, 6, 1, 0, 0, 0, 0), at(2024, 2, 29, 0, 0, 0, 0)},
		{"every second on day 1", "* * * 1 * *", at(2025, 3, 31, 12, 0, 0, 0), at(2025, 3, 1, 23, 59, 59, 0)},
		{"@every 30s", "@every 30s", at(2025, 3, 10, 9, 0, 59, 0), at(2025, 3, 10, 9, 0, 30, 0)},
		{"@every 1h is on the hour", "@every 1h", at(2025, 3, 10, 9, 59, 0, 0), at(2025, 3, 10, 9, 0, 0, 0)},
		{"own zone", "CRON_TZ=UTC 0 9 * * *", at(2025, 3, 10, 18, 0, 0, 0), at(2025, 3, 10, 17, 0, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sched, err := parseSpec(tt.spec, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			got := floorTick(sched, tt.now)
			if !got.Equal(tt.want) {
				t.Errorf("floorTick(%q, %s) = %s, want %s", tt.spec, tt.now, got, tt.want)
			}
			if n := sched.Next(got.Add(-time.Second)); !n.Equal(got) {
				t.Errorf("%s is not an activation (next after -1s is %s)", got, n)
			}
		})
	}
}

// TestFloorTickAgreesWithNext checks, for many instants, that floorTick
// returns an activation at or before now with no activation in between.
func TestFloorTickAgreesWithNext(t *testing.T) {
	sh := shanghai(t)
	base := time.Date(2025, 3, 10, 8, 59, 0, 0, sh)
	for _, spec := range []string{"*/7 * * * * *", "0 9 * * *", "15,45 * * * *", "@every 90s", "0 0 9-17/2 * * 1-5"} {
		sched, err := parseSpec(spec, base)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 400 {
			now := base.Add(time.Duration(i) * 1777 * time.Millisecond * 13)
			got := floorTick(sched, now)
			if got.After(now) || !sched.Next(got).After(now) {
				t.Fatalf("%q at %s: floor %s, next after it %s", spec, now, got, sched.Next(got))
			}
		}
	}
}
