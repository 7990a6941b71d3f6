package kit

import (
	"fmt"
	"strings"
	"time"
)

// Percent formats n/d as "12.3%" ("—" when d is 0).
func Percent(n, d int64) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(d))
}

// Short cuts a text to n characters for a button or a list line, ending
// with "…" when it was cut.
func Short(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// DayOf returns midnight of t's day in loc.
func DayOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}
