package kit

import (
	"fmt"
	"time"
)

// Percent formats n/d as "12.3%" ("—" when d is 0).
func Percent(n, d int64) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(d))
}

// DayOf returns midnight of t's day in loc.
func DayOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}
