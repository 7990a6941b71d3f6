package kit

import (
	"strconv"
	"time"
)

// DigestSent: a person's daily digest (今日待办) of Day went to To, and
// with it the first Folded pushes that were held over for it (the day's
// budget was spent when they came): storage drops those from the person's
// folded list in the same commit. Condition: no digest went to To for Day
// before, so replicas, retries and a job re-run after a crash send it once.
// No records event.
type DigestSent struct {
	Day    string // 2006-01-02 in the deployment's zone
	To     int64
	Folded int
}

// EventType implements Effect ("": not a records fact).
func (DigestSent) EventType() string { return "" }

// EventData implements Effect.
func (e DigestSent) EventData() (string, any) { return "", e }

// Key is the digest's claim: the day and the person.
func (e DigestSent) Key() string { return e.Day + ":" + strconv.FormatInt(e.To, 10) }

// Rolls names the claims a digest takes over: the person's digests of the
// two weeks before (stale, removed as this one is claimed) and of the next day
// (once it went, this one comes too late).
func (e DigestSent) Rolls() (stale []string, next string) {
	day, err := time.Parse("2006-01-02", e.Day)
	if err != nil {
		return nil, ""
	}
	key := func(d int) string { return DigestSent{Day: day.AddDate(0, 0, d).Format("2006-01-02"), To: e.To}.Key() }
	for d := 1; d <= 14; d++ {
		stale = append(stale, key(-d))
	}
	return stale, key(1)
}
