package when

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	reISODate   = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$`)
	reCompact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reMonthDay  = regexp.MustCompile(`^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$`)
	reWeekday   = regexp.MustCompile(`^(下下|下|本|这|这个|下个)?(周|星期|礼拜)([一二三四五六日天1-7])$`)
	reInN       = regexp.MustCompile(`^(\d{1,3})\s*(天|日|周|星期|个月|月)(后|以后|之后)$`)
	weekdayChar = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7,
		"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7}
)

// Date reads a day typed by a person, relative to today (a date at
// midnight in the deployment's zone): 2026-12-31, 2026/12/31, 20261231,
// 2026年12月31日, 12月31日 or 12-31 (this year, or next year when that day
// has passed), 今天, 明天, 后天, 大后天, 周五 / 本周五 (this week's), 下周五,
// 下下周五, 3天后, 2周后, 1个月后, 月底, 年底. ok=false when it is none of them
// or not a real date.
func Date(s string, today time.Time) (time.Time, bool) {
	s = strings.TrimSpace(strings.NewReplacer("　", "", " ", "", "．", ".", "－", "-", "／", "/").Replace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "前"), "之前")
	if t, ok, matched := parseCalendarDate(s, today); matched {
		return t, ok
	}
	if t, ok := parseNamedDay(s, today); ok {
		return t, true
	}
	if m := reWeekday.FindStringSubmatch(s); m != nil {
		return weekdayDate(m, today), true
	}
	if m := reInN.FindStringSubmatch(s); m != nil {
		n := atoiOr(m[1])
		switch m[2] {
		case "天", "日":
			return today.AddDate(0, 0, n), true
		case "周", "星期":
			return today.AddDate(0, 0, 7*n), true
		default:
			return today.AddDate(0, n, 0), true
		}
	}
	return time.Time{}, false
}

// parseCalendarDate reads a written date (with or without the year);
// matched=false when s is not one, ok=false when it is not a real date.
func parseCalendarDate(s string, today time.Time) (t time.Time, ok, matched bool) {
	loc := today.Location()
	ymd := func(y, m, d int) (time.Time, bool) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
		if t.Year() != y || int(t.Month()) != m || t.Day() != d {
			return time.Time{}, false // 2月30日
		}
		return t, true
	}
	if m := reISODate.FindStringSubmatch(s); m != nil {
		t, ok = ymd(atoiOr(m[1]), atoiOr(m[2]), atoiOr(m[3]))
		return t, ok, true
	}
	if m := reCompact.FindStringSubmatch(s); m != nil {
		t, ok = ymd(atoiOr(m[1]), atoiOr(m[2]), atoiOr(m[3]))
		return t, ok, true
	}
	if m := reMonthDay.FindStringSubmatch(s); m != nil {
		t, ok = ymd(today.Year(), atoiOr(m[1]), atoiOr(m[2]))
		if ok && t.Before(today) {
			t, ok = ymd(today.Year()+1, atoiOr(m[1]), atoiOr(m[2]))
		}
		return t, ok, true
	}
	return time.Time{}, false, false
}

// parseNamedDay reads 今天, 明天, 后天, 大后天, 月底, 下月底 and 年底.
func parseNamedDay(s string, today time.Time) (time.Time, bool) {
	loc := today.Location()
	switch strings.ToLower(s) {
	case "今天", "今日", "today":
		return today, true
	case "明天", "明日", "tomorrow":
		return today.AddDate(0, 0, 1), true
	case "后天":
		return today.AddDate(0, 0, 2), true
	case "大后天":
		return today.AddDate(0, 0, 3), true
	case "月底", "本月底", "这个月底":
		return time.Date(today.Year(), today.Month()+1, 0, 0, 0, 0, 0, loc), true
	case "下月底", "下个月底":
		return time.Date(today.Year(), today.Month()+2, 0, 0, 0, 0, 0, loc), true
	case "年底", "今年底", "本年底":
		return time.Date(today.Year(), 12, 31, 0, 0, 0, 0, loc), true
	}
	return time.Time{}, false
}

// weekdayDate is the day a reWeekday match names: this week's (the coming
// one when it passed), next week's or the week after's.
func weekdayDate(m []string, today time.Time) time.Time {
	wd := weekdayChar[m[3]]
	cur := int(today.Weekday())
	if cur == 0 {
		cur = 7
	}
	monday := today.AddDate(0, 0, 1-cur)
	weeks := 0
	switch m[1] {
	case "下", "下个":
		weeks = 1
	case "下下":
		weeks = 2
	}
	t := monday.AddDate(0, 0, 7*weeks+wd-1)
	if m[1] == "" && t.Before(today) {
		t = t.AddDate(0, 0, 7) // 周一 said on a Wednesday: the coming one
	}
	return t
}

// atoiOr reads a number (0 when it is none).
func atoiOr(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// pastDays are the days before today people name.
var pastDays = map[string]int{"昨天": 1, "昨日": 1, "前天": 2, "大前天": 3, "yesterday": 1}

// Past reads a day typed by a person that has already happened (when a
// meeting was held): as Date, and 昨天, 前天, 大前天, yesterday; except that a month and day without the year
// (11月20日, 11-20) is this year's, or last year's when that day is still
// to come. Other days after today are returned as read; the caller refuses
// them.
func Past(s string, today time.Time) (time.Time, bool) {
	if n, ok := pastDays[strings.ToLower(strings.TrimSpace(s))]; ok {
		return today.AddDate(0, 0, -n), true
	}
	d, ok := Date(s, today)
	if !ok || !d.After(today) {
		return d, ok
	}
	t := strings.TrimSpace(strings.NewReplacer("　", "", " ", "").Replace(s))
	if reMonthDay.MatchString(t) {
		if last := d.AddDate(-1, 0, 0); !last.After(today) {
			return last, true
		}
	}
	return d, true
}
