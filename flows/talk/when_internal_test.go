package talk

import (
	"testing"
	"time"
)

func TestParseWhen(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"11-26 17:00", time.Date(2026, 11, 26, 17, 0, 0, 0, cst), true},
		{"11月26日 16:30", time.Date(2026, 11, 26, 16, 30, 0, 0, cst), true},
		{"12/3 15:30", time.Date(2026, 12, 3, 15, 30, 0, 0, cst), true},
		{"2027-01-05 9:05", time.Date(2027, 1, 5, 9, 5, 0, 0, cst), true},
		{"12月3号 15点", time.Date(2026, 12, 3, 15, 0, 0, 0, cst), true},
		{"1-10 08:00", time.Date(2027, 1, 10, 8, 0, 0, 0, cst), true}, // the next such date
		{"明天下午", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseWhen(tt.in, now, cst)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseWhen(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
