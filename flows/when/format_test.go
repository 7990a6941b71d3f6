package when_test

import (
	"testing"
	"time"

	"sibu/flows/when"
)

func TestFormat(t *testing.T) {
	now := time.Date(2026, 11, 30, 23, 23, 0, 0, cst) // the last day of a month, late
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, cst) }
	today := time.Date(2026, 11, 30, 0, 0, 0, 0, cst)
	for _, c := range []struct{ got, want string }{
		{when.Moment(at(2026, 11, 30, 14, 0), now, cst, "zh"), "今天 14:00"},
		{when.Moment(at(2026, 12, 1, 9, 0), now, cst, "zh"), "明天（周二）09:00"},
		{when.Moment(at(2026, 12, 3, 9, 0), now, cst, "zh"), "12月3日（周四）09:00"},
		{when.Moment(at(2027, 3, 2, 9, 0), now, cst, "zh"), "2027年3月2日（周二）09:00"},
		{when.Moment(at(2027, 3, 2, 9, 0), now, cst, "en"), "Tue 2 Mar 2027 09:00"},
		{when.Ranges([]time.Time{at(2027, 3, 3, 14, 0), at(2027, 3, 3, 15, 0), at(2027, 3, 4, 9, 0), at(2027, 3, 4, 11, 0)}, now, cst, "zh"),
			"2027年3月3日（周三）14:00–15:00；2027年3月4日（周四）09:00–11:00"},
		{when.Ranges([]time.Time{at(2026, 12, 1, 14, 0)}, now, cst, "zh"), "明天（周二）14:00"},
		{when.Deadline(at(2026, 12, 31, 0, 0), "zh"), "2026年12月31日（星期四）"},
		{when.Until(today, today, "zh"), "今天"},
		{when.Until(today.AddDate(0, 0, 1), today, "zh"), "明天"},
		{when.Until(today.AddDate(0, 0, 6), today, "zh"), "6 天后"},
		{when.Until(today.AddDate(0, 0, 6), today, "en"), "in 6 days"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// 月底 typed at 23:23 on the last day of the month is today.
	if d, ok := when.Date("月底", today); !ok || when.Until(d, today, "zh") != "今天" {
		t.Errorf("月底 on the last day: %v %v", d, ok)
	}
}
