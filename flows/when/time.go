package when

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// reClock finds the time of day at the end of what was typed: an optional
// part of the day, the hour (digits or Chinese), then ":mm", "点", "点半",
// "点一刻", "点20分" or "时".
var reClock = regexp.MustCompile(`(上午|早上|早晨|中午|下午|傍晚|晚上|夜里)?` +
	`([0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})` +
	`(?:[:：.]([0-9]{1,2})|[点时](半|一刻|三刻|(?:[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})分?)?)$`)

// cnDigits are the Chinese numerals of hours and minutes.
var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// Time reads a day and a time of day typed by a person, relative to now in
// loc: a day as Date reads it (or none: today, tomorrow when the time has
// passed) followed by a time of day: 15:30, 15点30分, 3点半, 下午三点,
// 上午9点, 晚上8点一刻. "周五下午三点", "12月3日 15:30", "明天上午9点",
// "2026-12-03 15:30", "12-03 15:30". An hour from 1 to 6 without a part of
// the day is the afternoon's (people mean 三点 as 15:00). ok=false without
// a time of day, or when the day or time is not a real one.
func Time(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	s = squeeze(strings.NewReplacer("点钟", "点", "：", ":").Replace(s))
	m := reClock.FindStringSubmatchIndex(s)
	if m == nil {
		return time.Time{}, false
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	hour, ok := number(sub(2))
	minute := 0
	switch tail := strings.TrimSuffix(sub(4), "分"); {
	case sub(3) != "":
		minute, _ = strconv.Atoi(sub(3))
	case tail == "半":
		minute = 30
	case tail == "一刻":
		minute = 15
	case tail == "三刻":
		minute = 45
	case tail != "":
		minute, ok = number(tail)
	}
	hour = afternoon(sub(1), hour)
	if !ok || hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	n := now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	day := today
	if rest := strings.TrimSpace(s[:m[0]]); rest != "" {
		if day, ok = Date(rest, today); !ok {
			return time.Time{}, false
		}
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc)
	if s[:m[0]] == "" && t.Before(n) {
		t = t.AddDate(0, 0, 1) // a time of day alone: its next occurrence
	}
	return t, true
}

// squeeze drops the spaces of s but one between two digits (a date and
// the hour after it).
func squeeze(s string) string {
	f := strings.Fields(s)
	var b strings.Builder
	for i, w := range f {
		if i > 0 && isDigit(f[i-1][len(f[i-1])-1]) && isDigit(w[0]) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// afternoon is the hour of the day part typed before it (下午三点 is 15).
func afternoon(part string, hour int) int {
	switch {
	case (part == "下午" || part == "傍晚" || part == "晚上" || part == "夜里") && hour < 12:
		return hour + 12
	case part == "中午" && hour < 6:
		return hour + 12
	case part == "" && hour >= 1 && hour <= 6:
		return hour + 12
	}
	return hour
}

// number reads 0–59 in digits or Chinese numerals (三, 十二, 二十五).
func number(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	r := []rune(s)
	switch {
	case len(r) == 0:
		return 0, false
	case r[0] == '十':
		if len(r) == 1 {
			return 10, true
		}
		d, ok := cnDigits[r[1]]
		return 10 + d, ok && len(r) == 2
	case len(r) == 1:
		d, ok := cnDigits[r[0]]
		return d, ok
	case r[1] == '十':
		tens, ok := cnDigits[r[0]]
		if len(r) == 2 {
			return tens * 10, ok
		}
		d, ok2 := cnDigits[r[2]]
		return tens*10 + d, ok && ok2 && len(r) == 3
	}
	return 0, false
}
