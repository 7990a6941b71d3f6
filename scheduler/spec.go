package scheduler

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/robfig/cron/v3"
)

// specParser accepts standard 5-field specs, 6-field specs whose first field
// is seconds, and descriptors (@daily, @every 1m, ...).
var specParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// maxLookback bounds how far floorTick searches backwards for the latest
// activation: a little over 8 years, enough for "every 29 February".
const maxLookback = time.Duration(1<<28) * time.Second

// parseSpec turns spec into a schedule. Unlike cron.Parser.Parse it never
// panics: a "TZ=" or "CRON_TZ=" prefix without a following space (which makes
// robfig/cron v3.0.1 slice out of range) is an error, and any other panic in
// the parser is turned into an error too. "@every d" becomes an everySchedule
// aligned to the Unix epoch, so that every replica computes the same ticks.
// A schedule that never fires is an error.
func parseSpec(spec string, now time.Time) (sched cron.Schedule, err error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, errors.New("empty spec")
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		if i := strings.IndexFunc(spec, unicode.IsSpace); i < 0 || spec[i] != ' ' {
			return nil, errors.New("time zone prefix must be followed by a space and a schedule")
		}
	}
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("cron parser panicked: %v", r)
		}
	}()
	sched, err = specParser.Parse(spec)
	if err != nil {
		return nil, err
	}
	if cd, ok := sched.(cron.ConstantDelaySchedule); ok {
		// The parser has already truncated the delay to whole seconds and
		// raised anything below a second to one; re-read the spec to reject
		// both instead of silently changing the interval.
		d, err := everyDuration(spec)
		if err != nil {
			return nil, err
		}
		if d != cd.Delay {
			return nil, fmt.Errorf("@every needs a whole number of seconds, at least 1s (got %s)", d)
		}
		sched = everySchedule{d: d}
	}
	if sched.Next(now).IsZero() {
		return nil, errors.New("schedule never fires")
	}
	return sched, nil
}

// everyDuration reads d from "...@every d".
func everyDuration(spec string) (time.Duration, error) {
	i := strings.Index(spec, "@every ")
	if i < 0 {
		return 0, errors.New("malformed @every")
	}
	return time.ParseDuration(strings.TrimSpace(spec[i+len("@every "):]))
}

// everySchedule fires at every whole multiple of d since the Unix epoch. The
// library's ConstantDelaySchedule counts from whenever the process started,
// so two replicas would disagree on the ticks; this one does not.
type everySchedule struct{ d time.Duration }

// Next returns the first multiple of d strictly after t.
func (e everySchedule) Next(t time.Time) time.Time {
	return e.floor(t).Add(e.d)
}

// floor returns the latest multiple of d at or before t.
func (e everySchedule) floor(t time.Time) time.Time {
	step := int64(e.d / time.Second)
	sec := t.Unix()
	n := sec / step * step
	if sec < 0 && sec%step != 0 {
		n -= step
	}
	return time.Unix(n, 0).In(t.Location())
}

// floorTick returns the latest activation of sched at or before now, or the
// zero time if there was none within maxLookback. now should be in the
// scheduler's location (a schedule without CRON_TZ is read in the location of
// the time it is given, exactly as robfig/cron does with WithLocation).
//
// The library only answers "next activation strictly after t", at whole
// seconds, and Next(x) grows with x. So the latest activation a ≤ now is
// Next(x) for the largest whole second x with Next(x) ≤ now: find some x that
// qualifies by doubling a look-back window, then binary-search between it and
// now truncated to the second (which never qualifies). That is O(log window)
// calls to Next, whatever the schedule.
func floorTick(sched cron.Schedule, now time.Time) time.Time {
	if e, ok := sched.(everySchedule); ok {
		return e.floor(now)
	}
	qualifies := func(x time.Time) bool {
		n := sched.Next(x)
		return !n.IsZero() && !n.After(now)
	}
	top := now.Truncate(time.Second) // Next(top) > now: never qualifies
	hi, lo := top, time.Time{}
	for d := 2 * time.Second; ; d *= 2 {
		if d > maxLookback {
			return time.Time{}
		}
		x := top.Add(-d)
		if qualifies(x) {
			lo = x
			break
		}
		hi = x // Next only grows, so nothing at or after x qualifies either
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
		if qualifies(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return sched.Next(lo)
}

// interval estimates the gap between two activations of sched after t.
func interval(sched cron.Schedule, t time.Time) time.Duration {
	a := sched.Next(t)
	if a.IsZero() {
		return 0
	}
	b := sched.Next(a)
	if b.IsZero() {
		return 0
	}
	return b.Sub(a)
}
