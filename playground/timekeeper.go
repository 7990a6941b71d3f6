package playground

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"sibu/scheduler"
)

// Scheduler is what the Timekeeper drives: *scheduler.Scheduler.
type Scheduler interface {
	// RunDue runs the jobs due at now.
	RunDue(ctx context.Context, now time.Time) []scheduler.Run
	// Next returns the earliest activation of any job strictly after t.
	Next(t time.Time) time.Time
}

// Deliveries tells how many pushes wait to be delivered: *storage.Store.
type Deliveries interface {
	// PushesWaiting is how many pushes wait to be delivered at now (not
	// those held until later).
	PushesWaiting(ctx context.Context, now time.Time) (int64, error)
}

// settleTimeout bounds how long an advance waits at one activation for
// its pushes to be delivered (a sender that is not running, a chat's
// limit); beyond it the advance moves on and says so in the log. The
// pushes still waiting then are not waited for again (Timekeeper.stuck).
var settleTimeout = 15 * time.Second

// maxSteps bounds how many activations one advance walks through, so a
// frequent job cannot make "advance one week" take long. Beyond it the walk
// jumps to the target and RunDue's catch-up runs what is missed.
const maxSteps = 20000

// Timekeeper runs the scheduler's jobs against the playground Clock instead
// of robfig/cron's wall-clock timers: as demo time passes on its own, and
// when the page advances it. On an advance every activation in between fires
// in order, the clock standing at each one while its jobs run, so a daily
// reminder fires once per demo day.
type Timekeeper struct {
	clock *Clock
	sched Scheduler
	log   *slog.Logger

	mu   sync.Mutex // serializes runs and advances
	last time.Time  // activations up to here have been run
	wake chan struct{}
	// deliveries, when set, is waited on at each activation of an advance.
	deliveries Deliveries
	// stuck is how many pushes were still waiting when a wait last gave
	// up: later activations wait only for pushes beyond those, or a week's
	// advance would wait settleTimeout at each of its 2,016 activations
	// behind one push the sender keeps failing.
	stuck int64
}

// NewTimekeeper returns a timekeeper whose jobs are due from the clock's
// current time on.
func NewTimekeeper(clock *Clock, sched Scheduler, log *slog.Logger) *Timekeeper {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Timekeeper{clock: clock, sched: sched, log: log, last: clock.Now(), wake: make(chan struct{}, 1)}
}

// WaitForDeliveries has every advance wait, at each job activation, until
// the pushes its jobs made are delivered before the clock moves on: each
// is then delivered — and stamped by the Bot API — at the time it fell
// due, and in the order it fell due, not in a burst at the end stamped
// with the new time. Call it before Run.
func (k *Timekeeper) WaitForDeliveries(d Deliveries) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.deliveries = d
}

// Run fires jobs as demo time reaches them until ctx is done.
func (k *Timekeeper) Run(ctx context.Context) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-k.wake:
		}
		k.mu.Lock()
		k.catchUp(ctx, k.clock.Now(), false)
		next := k.sched.Next(k.last)
		k.mu.Unlock()
		wait := time.Minute
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(k.clock.Now()), 10*time.Millisecond))
		}
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(wait)
	}
}

// Advance moves demo time forward by d, running every job activation in
// between, and returns the new time and the runs.
func (k *Timekeeper) Advance(ctx context.Context, d time.Duration) (time.Time, []scheduler.Run) {
	k.mu.Lock()
	defer k.mu.Unlock()
	target := k.clock.Now().Add(d)
	runs := k.catchUp(ctx, target, true)
	k.clock.AdvanceTo(target)
	select {
	case k.wake <- struct{}{}:
	default:
	}
	return k.clock.Now(), runs
}

// catchUp runs the activations after k.last up to target. With move, the
// clock is moved to each activation before its jobs run. Must hold k.mu.
func (k *Timekeeper) catchUp(ctx context.Context, target time.Time, move bool) []scheduler.Run {
	var runs []scheduler.Run
	steps := 0
	for ctx.Err() == nil {
		next := k.sched.Next(k.last)
		if next.IsZero() || next.After(target) {
			break
		}
		if steps++; steps > maxSteps {
			k.log.Warn("playground: too many job activations in one advance; jumping", "to", target)
			k.last = target
			if move {
				k.clock.AdvanceTo(target)
			}
			runs = append(runs, k.sched.RunDue(ctx, target)...)
			if move {
				k.settle(ctx)
			}
			return runs
		}
		if move {
			k.clock.AdvanceTo(next)
		}
		runs = append(runs, k.sched.RunDue(ctx, next)...)
		k.last = next
		if move {
			k.settle(ctx)
		}
	}
	if target.After(k.last) {
		k.last = target
	}
	return runs
}

// settle waits until no push is waiting to be delivered but those a
// previous wait gave up on (polling every 5 ms of wall time, at most
// settleTimeout). Must hold k.mu.
func (k *Timekeeper) settle(ctx context.Context) {
	if k.deliveries == nil {
		return
	}
	give := time.NewTimer(settleTimeout)
	defer give.Stop()
	for {
		n, err := k.deliveries.PushesWaiting(ctx, k.clock.Now())
		if err != nil {
			k.log.Warn("playground: cannot tell whether pushes are delivered", "err", err)
			return
		}
		if n <= k.stuck {
			k.stuck = n // those given up on may have gone out since
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-give.C:
			k.log.Warn("playground: pushes not delivered in time; the clock moves on", "waiting", n, "at", k.clock.Now())
			k.stuck = n
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// RunCounts sums runs per job and outcome ("backlog": {"ran": 24}): a week
// of ticks is too long a list to show or answer.
func RunCounts(runs []scheduler.Run) map[string]map[string]int {
	jobs := map[string]map[string]int{}
	for _, run := range runs {
		if jobs[run.Job] == nil {
			jobs[run.Job] = map[string]int{}
		}
		jobs[run.Job][string(run.Outcome)]++
	}
	return jobs
}
