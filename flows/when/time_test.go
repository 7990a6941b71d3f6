package when_test

import (
	"testing"
	"time"

	"sibu/flows/when"
)

func TestTime(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, cst) // a Wednesday
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, cst) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"11-26 17:00", at(11, 26, 17, 0), true},
		{"11月26日 16:30", at(11, 26, 16, 30), true},
		{"12/3 15:30", at(12, 3, 15, 30), true},
		{"2027-01-05 9:05", time.Date(2027, 1, 5, 9, 5, 0, 0, cst), true},
		{"12月3号 15点", at(12, 3, 15, 0), true},
		{"1-10 08:00", time.Date(2027, 1, 10, 8, 0, 0, 0, cst), true}, // the next such date
		{"周五下午三点", at(11, 27, 15, 0), true},
		{"明天上午9点", at(11, 26, 9, 0), true},
		{"明天上午九点半", at(11, 26, 9, 30), true},
		{"下周一 14：30", at(11, 30, 14, 30), true},
		{"下午3点半", at(11, 25, 15, 30), true},
		{"晚上八点一刻", at(11, 25, 20, 15), true},
		{"三点", at(11, 25, 15, 0), true}, // 1–6 alone: the afternoon
		{"15:30", at(11, 25, 15, 30), true},
		{"9点", at(11, 26, 9, 0), true}, // passed today: tomorrow
		{"12月3日 十五点二十分", at(12, 3, 15, 20), true},
		{"明天下午", time.Time{}, false},
		{"下午25点", time.Time{}, false},
		{"2月30日 10:00", time.Time{}, false},
		{"尽快", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := when.Time(tt.in, now, cst)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("Time(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
