package commitment

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
)

// DigestWeek names the week of the daily digest at now (the date of its
// Monday) and the day before which the Monday digest reads the due items
// (Reader.DueBefore) for the week's summary (WeekSummaries): those due
// within DigestDays, and the overdue ones.
func (f *Feature) DigestWeek(now time.Time) (week string, dueBefore time.Time) {
	today := kit.DayOf(now, f.Env.Location)
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	return monday.Format("2006-01-02"), today.AddDate(0, 0, DigestDays+1)
}

// WeekSummaries are the week's summaries for the supervisors' daily
// digest on Mondays (one per supervisor, by chat id) of the items due
// within DigestDays of now or overdue, grouped by the supervisors of each
// item's unit. week names the week (its Monday).
func (f *Feature) WeekSummaries(items []Item, now time.Time, week string, dir kit.Directory) (map[int64]string, error) {
	st := f.jobStep(dir, now)
	by := map[int64]*digest{}
	for _, c := range items {
		if !c.Tracked() {
			continue
		}
		days := c.DaysLeft(now, f.Env.Location)
		if days > DigestDays {
			continue
		}
		sup, err := f.supervisorsOf(dir, c.Unit, c.Owner)
		if err != nil {
			return nil, err
		}
		line := fmt.Sprintf("· %s · %s（%s）", short(st.ownerLabel(c), 10), short(c.Content, 24), c.Deadline)
		for _, s := range sup {
			d := by[s.ID]
			if d == nil {
				d = &digest{}
				by[s.ID] = d
			}
			if days < 0 {
				d.overdue = append(d.overdue, line+st.t(mDigestDays, -days))
			} else {
				d.soon = append(d.soon, line)
			}
		}
	}
	out := make(map[int64]string, len(by))
	for id, d := range by {
		out[id] = d.text(week)
	}
	return out, nil
}

// digest is one supervisor's digest: the lines of overdue items and of
// items due soon.
type digest struct {
	overdue, soon []string
}

// text is the summary of the week.
func (d *digest) text(week string) string {
	var b strings.Builder
	b.WriteString(catalog.T("zh", mDigestHeader, week))
	if len(d.overdue) > 0 {
		b.WriteString("\n\n" + catalog.T("zh", mDigestOverdue, len(d.overdue)) + "\n" + strings.Join(capLines(d.overdue, 20), "\n"))
	}
	if len(d.soon) > 0 {
		b.WriteString("\n\n" + catalog.T("zh", mDigestSoon, len(d.soon)) + "\n" + strings.Join(capLines(d.soon, 20), "\n"))
	}
	b.WriteString("\n" + catalog.T("zh", mDigestHint))
	return b.String()
}

// capLines keeps the first n lines, and says how many more there are.
func capLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n:n], catalog.T("zh", mOverdueMore, len(lines)-n))
}
