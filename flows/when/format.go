package when

import (
	"fmt"
	"strings"
	"time"
)

var (
	weekdayLong  = []string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}
	weekdayShort = []string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}
)

// Deadline is a deadline day as people read it, always with its year:
// "2026年12月31日（星期四）" ("Thu 31 Dec 2026").
func Deadline(d time.Time, lang string) string {
	if lang == "en" {
		return d.Format("Mon 2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日（%s）", d.Year(), d.Month(), d.Day(), weekdayLong[d.Weekday()])
}

// DeadlineAt is a deadline with its time of day, always with its year:
// "2026年12月31日（星期四）18:00" ("Thu 31 Dec 2026 18:00").
func DeadlineAt(t time.Time, loc *time.Location, lang string) string {
	t = t.In(loc)
	sep := ""
	if lang == "en" {
		sep = " "
	}
	return Deadline(t, lang) + sep + t.Format("15:04")
}

// Day is the day of t in loc as people read it from now: 今天, 明天（周四）,
// 11月28日（周六）, or with the year when it is not now's: 2027年3月3日（周三）
// ("today", "tomorrow (Thu)", "Sat 28 Nov", "Wed 3 Mar 2027").
func Day(t, now time.Time, loc *time.Location, lang string) string {
	t, now = t.In(loc), now.In(loc)
	days := daysBetween(now, t)
	en := lang == "en"
	switch {
	case days == 0 && en:
		return "today"
	case days == 0:
		return "今天"
	case days == 1 && en:
		return "tomorrow (" + t.Format("Mon") + ")"
	case days == 1:
		return "明天（" + weekdayShort[t.Weekday()] + "）"
	case en && t.Year() == now.Year():
		return t.Format("Mon 2 Jan")
	case en:
		return t.Format("Mon 2 Jan 2006")
	case t.Year() == now.Year():
		return fmt.Sprintf("%d月%d日（%s）", t.Month(), t.Day(), weekdayShort[t.Weekday()])
	}
	return fmt.Sprintf("%d年%d月%d日（%s）", t.Year(), t.Month(), t.Day(), weekdayShort[t.Weekday()])
}

// Moment is Day and the time of day: "明天（周四）14:00", "2027年3月3日（周三）
// 14:00".
func Moment(t, now time.Time, loc *time.Location, lang string) string {
	day := Day(t, now, loc, lang)
	if !strings.HasSuffix(day, "）") {
		day += " "
	}
	return day + t.In(loc).Format("15:04")
}

// Ranges writes times grouped by day, each day's first to last:
// "今天 14:00–16:00；明天（周四）09:00–11:00" (a day with one time: that
// time).
func Ranges(ts []time.Time, now time.Time, loc *time.Location, lang string) string {
	var parts []string
	for i := 0; i < len(ts); {
		j := i
		for j+1 < len(ts) && daysBetween(ts[i].In(loc), ts[j+1].In(loc)) == 0 {
			j++
		}
		part := Moment(ts[i], now, loc, lang)
		if j > i {
			part += "–" + ts[j].In(loc).Format("15:04")
		}
		parts = append(parts, part)
		i = j + 1
	}
	sep := "；"
	if lang == "en" {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

// Until says how far day d is from today (both midnights): 今天, 明天, 后天,
// "6 天后" ("today", "tomorrow", "in 2 days"); "已过去 N 天" for a past one.
func Until(d, today time.Time, lang string) string {
	n := daysBetween(today, d)
	en := lang == "en"
	switch {
	case n == 0 && en:
		return "today"
	case n == 0:
		return "今天"
	case n == 1 && en:
		return "tomorrow"
	case n == 1:
		return "明天"
	case n == 2 && !en:
		return "后天"
	case n < 0 && en:
		return fmt.Sprintf("%d days ago", -n)
	case n < 0:
		return fmt.Sprintf("已过去 %d 天", -n)
	case en:
		return fmt.Sprintf("in %d days", n)
	}
	return fmt.Sprintf("%d 天后", n)
}

// daysBetween is the number of calendar days from a's day to b's (in a's
// zone).
func daysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	b = b.In(a.Location())
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
