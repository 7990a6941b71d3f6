package scheduler

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Outcome says how one attempt to run a job at a tick ended.
type Outcome string

// The outcomes of a run, also the values of the "outcome" metric label.
const (
	// OutcomeRan: this instance won the claim and the job returned no error.
	OutcomeRan Outcome = "ran"
	// OutcomeFailed: the job returned an error (a timeout included); the
	// tick is not done and catch-up runs it again.
	OutcomeFailed Outcome = "failed"
	// OutcomePanicked: the job panicked; the panic was recovered and
	// logged, and the tick is not done.
	OutcomePanicked Outcome = "panicked"
	// OutcomeLostClaim: another run holds the tick or finished it; nothing
	// ran.
	OutcomeLostClaim Outcome = "lost_claim"
	// OutcomeClaimError: Redis could not be asked, so the run was skipped
	// (a missed tick that catch-up repairs beats a double send).
	OutcomeClaimError Outcome = "claim_error"
	// OutcomeSkipped: the previous run of the job on this instance is still
	// going, so this one was skipped before claiming.
	OutcomeSkipped Outcome = "skipped"
	// OutcomeDeferred: the job said not now (Later); the tick is not done,
	// and catch-up runs it once the time it named has come.
	OutcomeDeferred Outcome = "deferred"
)

var allOutcomes = []Outcome{OutcomeRan, OutcomeFailed, OutcomePanicked,
	OutcomeLostClaim, OutcomeClaimError, OutcomeSkipped, OutcomeDeferred}

// Later is the error a job returns when its tick must not run yet (a
// reminder in quiet hours): the tick is not done, and catch-up runs it
// from Until on.
type Later struct {
	Until time.Time
	Why   string
}

// Error says why and until when.
func (l *Later) Error() string {
	return fmt.Sprintf("deferred until %s: %s", l.Until.Format(time.RFC3339), l.Why)
}

// Run reports one attempt to run a job at a tick.
type Run struct {
	Job     string
	Tick    time.Time
	Outcome Outcome
	Result  map[string]any // what the job returned, if it ran
	Err     error          // set for failed, panicked and claim_error
	Elapsed time.Duration  // by the scheduler's clock; zero unless the job ran
}

// fire is what the cron timer calls: it runs j for the tick the timer fired
// for, which is the latest activation at or before the clock's now.
func (s *Scheduler) fire(ctx context.Context, j *job) {
	tick := j.due(s.clock.Now().In(s.loc))
	if tick.IsZero() {
		s.log.ErrorContext(ctx, "cron job fired without a tick", "job", j.name, "spec", j.spec)
		return
	}
	s.run(ctx, j, tick, "timer")
}

// RunDue runs, at the time now, the tick each job is due for, under the same
// claim as timer runs, and reports what happened (jobs with nothing due are
// left out; the rest are in Add order). Jobs run concurrently; RunDue returns
// when all have.
//
// For every job, the due tick is its latest activation at or before now.
//   - Without catch-up, it runs only if now falls within the tick's second,
//     that is, when a timer would fire now. A demo clock that jumps straight
//     to Next(t) therefore fires exactly the jobs due then.
//   - With catch-up, it also runs if it is not done (the last tick recorded
//     done in Redis is earlier) and no live run holds it: however many were
//     missed, one run for the latest. With no record yet, the due tick is
//     recorded as the baseline and nothing is caught up.
//
// Start calls RunDue once and then catches up every CatchUpEvery; the demo
// mode calls it after moving its clock.
func (s *Scheduler) RunDue(ctx context.Context, now time.Time) []Run {
	return s.runDue(ctx, now, true)
}

// catchUp runs the ticks of catch-up jobs that are due and not done, except
// those younger than catchUpGrace (the timers' own) and those of jobs
// running here: the periodic pass of a started scheduler.
func (s *Scheduler) catchUp(ctx context.Context, now time.Time) []Run {
	return s.runDue(ctx, now, false)
}

// catchUpGrace is how old a tick must be before the periodic catch-up
// looks at it: younger ones are the timers'.
const catchUpGrace = 10 * time.Second

// runDue is RunDue; without timers only catch-up runs happen (see catchUp).
func (s *Scheduler) runDue(ctx context.Context, now time.Time, timers bool) []Run {
	s.mu.Lock()
	jobs := slices.Clone(s.jobs)
	s.mu.Unlock()

	now = now.In(s.loc)
	runs := make([]*Run, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		due := j.due(now)
		if due.IsZero() {
			continue
		}
		trigger := "due"
		if !timers || !now.Truncate(time.Second).Equal(due) {
			if !j.catchUp || !timers && (now.Sub(due) < catchUpGrace || len(j.busy) > 0) || now.UnixMilli() < j.notBefore.Load() ||
				due.Unix() <= j.settled.Load() {
				continue
			}
			run, ok := s.missed(ctx, j, due)
			if run != nil {
				runs[i] = run
			}
			if !ok {
				continue
			}
			trigger = "catch_up"
		}
		wg.Go(func() {
			r := s.run(ctx, j, due, trigger)
			runs[i] = &r
		})
	}
	wg.Wait()
	out := make([]Run, 0, len(runs))
	for _, r := range runs {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// missed says whether due is later than the last tick done for j and no run
// holds it. When Redis cannot be read it reports a claim_error Run.
func (s *Scheduler) missed(ctx context.Context, j *job, due time.Time) (*Run, bool) {
	ctx, cancel := context.WithTimeout(ctx, j.timeout)
	defer cancel()
	var last *redis.StringCmd
	var held *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		last = p.Get(ctx, s.lastKey(j.name))
		held = p.Exists(ctx, s.keys.Tick(j.name, due.Unix()))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		r := Run{Job: j.name, Tick: due, Outcome: OutcomeClaimError, Err: fmt.Errorf("scheduler: read last tick of %s: %w", j.name, err)}
		s.metrics.runs.WithLabelValues(j.name, string(r.Outcome)).Inc()
		s.log.ErrorContext(ctx, "cron job catch-up skipped: redis unavailable",
			"job", j.name, "tick", due, "err", err)
		return &r, false
	}
	if errors.Is(last.Err(), redis.Nil) {
		err := s.rdb.SetNX(ctx, s.lastKey(j.name), due.Unix(), 0).Err()
		if err != nil {
			s.log.ErrorContext(ctx, "cron job catch-up baseline not recorded", "job", j.name, "err", err)
		} else {
			s.log.InfoContext(ctx, "cron job catch-up baseline recorded", "job", j.name, "tick", due)
		}
		return nil, false
	}
	done, _ := last.Int64()
	if done >= due.Unix() {
		j.markSettled(done)
	}
	return nil, done < due.Unix() && held.Val() == 0
}

// LastTick returns the latest tick any instance finished for the job named
// name (or recorded as the catch-up baseline), or the zero time if none is
// recorded.
func (s *Scheduler) LastTick(ctx context.Context, name string) (time.Time, error) {
	v, err := s.rdb.Get(ctx, s.lastKey(name)).Int64()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: read last tick of %s: %w", name, err)
	}
	return time.Unix(v, 0).In(s.loc), nil
}

// Next returns the earliest activation of any job strictly after t, or the
// zero time if there are no jobs. A demo clock can jump there and call
// RunDue.
func (s *Scheduler) Next(t time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var next time.Time
	for _, j := range s.jobs {
		n := j.sched.Next(t.In(s.loc))
		if !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
	}
	return next
}

func (s *Scheduler) lastKey(name string) string { return s.keys.Prefix() + "sched:last:" + name }

// A tick's key (keys.Tick) is its lease while a run holds it — the
// instance id, expiring after the job's lease time — and "done:<instance
// id>" once a run finished, kept for claimTTL so that a late timer does not
// run it again.

// lease is how long a claim holds a tick: twice the run's timeout, so a
// run that overstays its timeout a little still holds it, and a replica
// that died holding it lets another retry soon after.
func (j *job) lease() time.Duration { return 2 * j.timeout }

// claim tries to win the tick for this instance: SET NX with the lease.
func (s *Scheduler) claim(ctx context.Context, j *job, tick time.Time) (bool, error) {
	won, err := s.rdb.SetNX(ctx, s.keys.Tick(j.name, tick.Unix()), s.id, j.lease()).Result()
	if err != nil {
		return false, fmt.Errorf("scheduler: claim %s at %d: %w", j.name, tick.Unix(), err)
	}
	return won, nil
}

// finishScript marks a tick done — unless another run leased it since this
// one's lease ran out — and moves the job's last done tick forward to it
// (never back). KEYS: tick, last tick. ARGV: instance id, done ttl seconds,
// tick unix seconds. Both keys carry the deployment's hash tag.
var finishScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v or v == ARGV[1] then
  redis.call('SET', KEYS[1], 'done:' .. ARGV[1], 'EX', ARGV[2])
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if tonumber(ARGV[3]) > last then
  redis.call('SET', KEYS[2], ARGV[3])
end
return 1
`)

// releaseScript gives up a lease this instance holds. KEYS: tick. ARGV:
// instance id.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// settle records how a run that held the tick ended: done when it ran,
// else the lease is given up so that a catch-up (here or on another
// replica) runs the tick again. It has a context of its own: the run's may
// have timed out. A Redis error is logged: the lease then runs out, and the
// tick is retried (jobs are idempotent).
func (s *Scheduler) settle(ctx context.Context, j *job, tick time.Time, ran bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	key := s.keys.Tick(j.name, tick.Unix())
	var err error
	if ran {
		err = finishScript.Run(ctx, s.rdb, []string{key, s.lastKey(j.name)},
			s.id, int64(j.claimTTL/time.Second), tick.Unix()).Err()
		if err == nil {
			j.markSettled(tick.Unix())
		}
	} else {
		err = releaseScript.Run(ctx, s.rdb, []string{key}, s.id).Err()
	}
	if err != nil {
		s.log.ErrorContext(ctx, "cron job tick not settled; its lease will run out", "job", j.name, "tick", tick, "ran", ran, "err", err)
	}
}

// run makes one attempt at j for tick: skip if a run is in progress here,
// claim, run with timeout and panic recovery, log, count.
func (s *Scheduler) run(ctx context.Context, j *job, tick time.Time, trigger string) Run {
	r := Run{Job: j.name, Tick: tick}
	defer func() { s.metrics.runs.WithLabelValues(j.name, string(r.Outcome)).Inc() }()
	log := s.log.With("job", j.name, "tick", tick, "trigger", trigger)

	select {
	case j.busy <- struct{}{}:
		defer func() { <-j.busy }()
	default:
		r.Outcome = OutcomeSkipped
		log.WarnContext(ctx, "cron job skipped: previous run still going")
		return r
	}

	ctx, cancel := context.WithTimeout(ctx, j.timeout)
	defer cancel()
	won, err := s.claim(ctx, j, tick)
	if err != nil {
		r.Outcome, r.Err = OutcomeClaimError, err
		log.ErrorContext(ctx, "cron job skipped: cannot claim tick", "err", err)
		return r
	}
	if !won {
		r.Outcome = OutcomeLostClaim
		log.DebugContext(ctx, "cron job tick claimed elsewhere")
		return r
	}

	start := s.clock.Now()
	res, stack, err := call(ctx, j.fn, tick)
	r.Elapsed = s.clock.Now().Sub(start)
	r.Result, r.Err = res, err
	s.metrics.duration.WithLabelValues(j.name).Observe(r.Elapsed.Seconds())

	defer func() { s.settle(ctx, j, tick, r.Outcome == OutcomeRan) }()
	attrs := append([]any{"elapsed", r.Elapsed}, resultAttrs(res)...)
	var later *Later
	switch {
	case errors.As(err, &later):
		r.Outcome = OutcomeDeferred
		j.notBefore.Store(later.Until.UnixMilli())
		log.InfoContext(ctx, "cron job deferred", append(attrs, "until", later.Until, "why", later.Why)...)
	case stack != nil:
		r.Outcome = OutcomePanicked
		log.ErrorContext(ctx, "cron job panicked", append(attrs, "err", err, "stack", string(stack))...)
	case err != nil:
		r.Outcome = OutcomeFailed
		log.ErrorContext(ctx, "cron job failed", append(attrs, "err", err)...)
	default:
		r.Outcome = OutcomeRan
		s.metrics.lastSuccess.WithLabelValues(j.name).Set(float64(s.clock.Now().Unix()))
		log.InfoContext(ctx, "cron job ran", attrs...)
	}
	return r
}

// call runs fn, turning a panic into an error and a stack.
func call(ctx context.Context, fn Job, tick time.Time) (res map[string]any, stack []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			stack = debug.Stack()
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	res, err = fn(ctx, tick)
	return res, nil, err
}

// resultAttrs flattens a result map into sorted slog key/value pairs; keys
// that clash with the run's own attributes get a "result_" prefix.
func resultAttrs(res map[string]any) []any {
	names := make([]string, 0, len(res))
	for k := range res {
		names = append(names, k)
	}
	slices.Sort(names)
	out := make([]any, 0, 2*len(names))
	for _, k := range names {
		key := k
		switch k {
		case "job", "tick", "trigger", "elapsed", "err", "stack", "component":
			key = "result_" + k
		}
		out = append(out, key, res[k])
	}
	return out
}
