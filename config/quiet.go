package config

import (
	"fmt"
	"strings"
	"time"
)

// QuietHours is a daily period without reminders, e.g. 22:00–08:00.
type QuietHours struct{ From, To time.Duration } // offsets from midnight

// ParseQuietHours reads "22:00-08:00" (empty range "00:00-00:00": none).
func ParseQuietHours(s string) (QuietHours, error) {
	from, to, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "-")
	if !ok {
		return QuietHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 22:00-08:00", s)
	}
	f, err1 := time.Parse("15:04", from)
	t, err2 := time.Parse("15:04", to)
	if err1 != nil || err2 != nil {
		return QuietHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 22:00-08:00", s)
	}
	return QuietHours{From: time.Duration(f.Hour())*time.Hour + time.Duration(f.Minute())*time.Minute,
		To: time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute}, nil
}

// Contains reports whether t (in its own location) falls in quiet hours.
func (q QuietHours) Contains(t time.Time) bool {
	if q.From == q.To {
		return false
	}
	d := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	if q.From < q.To {
		return d >= q.From && d < q.To
	}
	return d >= q.From || d < q.To
}

// End returns the first moment at or after t that is not quiet.
func (q QuietHours) End(t time.Time) time.Time {
	if !q.Contains(t) {
		return t
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	end := day.Add(q.To)
	if !end.After(t) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}
