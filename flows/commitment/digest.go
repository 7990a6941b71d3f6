package commitment

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
)

// DigestWeek names the week of the digest job at now (the date of its
// Monday, the claim) and the day before which it reads the due items
// (Reader.DueBefore): those due within DigestDays, and the overdue ones.
func (f *Feature) DigestWeek(now time.Time) (week string, dueBefore time.Time) {
	today := kit.DayOf(now, f.Env.Location)
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	return monday.Format("2006-01-02"), today.AddDate(0, 0, DigestDays+1)
}

// Digests are the weekly digests (one per supervisor) of the items due
// within DigestDays of now or overdue, grouped by the supervisors of each
// item's unit. week names the week (the claim); each Result goes once.
func (f *Feature) Digests(items []Item, now time.Time, week string, dir kit.Directory) ([]kit.Result, error) {
	st := f.jobStep(dir, now)
	by := map[int64]*digest{}
	var order []int64
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
				order = append(order, s.ID)
			}
			if days < 0 {
				d.overdue = append(d.overdue, line+st.t(mDigestDays, -days))
			} else {
				d.soon = append(d.soon, line)
			}
		}
	}
	var out []kit.Result
	for _, id := range order {
		out = append(out, kit.Result{Effects: []kit.Effect{DigestSent{Week: week, To: id}},
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: id, Text: by[id].text(week)}}})
	}
	return out, nil
}

// digest is one supervisor's digest: the lines of overdue items and of
// items due soon.
type digest struct {
	overdue, soon []string
}

// text is the digest of the week.
func (d *digest) text(week string) string {
	var b strings.Builder
	b.WriteString(catalog.T("zh", mDigestHeader, week))
	if len(d.overdue) > 0 {
		b.WriteString("\n\n" + catalog.T("zh", mDigestOverdue, len(d.overdue)) + "\n" + strings.Join(capLines(d.overdue, 20), "\n"))
	}
	if len(d.soon) > 0 {
		b.WriteString("\n\n" + catalog.T("zh", mDigestSoon, len(d.soon)) + "\n" + strings.Join(capLines(d.soon, 20), "\n"))
	}
	b.WriteString("\n\n" + catalog.T("zh", mDigestHint))
	return b.String()
}

// capLines keeps the first n lines, and says how many more there are.
func capLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n:n], catalog.T("zh", mOverdueMore, len(lines)-n))
}
