package when_test

import (
	"testing"
	"time"

	"sibu/flows/when"
)

var cst = time.FixedZone("CST", 8*3600)

func TestDate(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, cst) // a Wednesday
	tests := []struct {
		in, want string
	}{
		{"2026-12-31", "2026-12-31"},
		{"2026/12/31", "2026-12-31"},
		{"20261231", "2026-12-31"},
		{"2026年12月31日", "2026-12-31"},
		{"12月31日", "2026-12-31"},
		{"12月31号", "2026-12-31"},
		{"12-31", "2026-12-31"},
		{"3月1日", "2027-03-01"}, // passed this year: next year
		{"明天", "2026-11-26"},
		{"后天", "2026-11-27"},
		{"今天", "2026-11-25"},
		{"下周五", "2026-12-04"},
		{"下星期一", "2026-11-30"},
		{"周五", "2026-11-27"},
		{"本周五", "2026-11-27"},
		{"周一", "2026-11-30"}, // this week's Monday passed: the coming one
		{"下下周五", "2026-12-11"},
		{"3天后", "2026-11-28"},
		{"2周后", "2026-12-09"},
		{"1个月后", "2026-12-25"},
		{"月底", "2026-11-30"},
		{"年底", "2026-12-31"},
		{"12月31日前", "2026-12-31"},
		{" 2026 - 12 - 31 ", "2026-12-31"},
		{"2月30日", ""},
		{"2026-13-01", ""},
		{"下周八", ""},
		{"尽快", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := when.Date(tt.in, today)
			s := ""
			if ok {
				s = got.Format("2006-01-02")
			}
			if s != tt.want {
				t.Errorf("ParseDate(%q) = %q, want %q", tt.in, s, tt.want)
			}
		})
	}
}

// TestPast: a month and day still to come this year is last year's; a
// named day after today stays as read (the caller refuses it).
func TestPast(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{"11月20日": "2026-11-20", "11月30日": "2025-11-30", "12-01": "2025-12-01",
		"前天": "2026-11-23", "昨天": "2026-11-24", "Yesterday": "2026-11-24", "2026-12-01": "2026-12-01", "下周五": "2026-12-04"} {
		got, ok := when.Past(in, today)
		if !ok || got.Format("2006-01-02") != want {
			t.Errorf("Past(%q) = %s, %v; want %s", in, got.Format("2006-01-02"), ok, want)
		}
	}
}
