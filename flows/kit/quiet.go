package kit

import "time"

// QuietHours is a daily period in which the bot starts no conversation
// (no reminder, digest, invitation or notice goes out), e.g. 22:00–08:00;
// From == To means none. A push due in it is held until it ends.
type QuietHours struct{ From, To time.Duration } // offsets from midnight

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
