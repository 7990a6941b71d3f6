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
	// OutcomeFailed: the job returned an error (a timeout included).
	OutcomeFailed Outcome = "failed"
	// OutcomePanicked: the job panicked; the panic was recovered and logged.
	OutcomePanicked Outcome = "panicked"
	// OutcomeLostClaim: another instance (or an earlier run here) already
	// claimed the tick; nothing ran.
	OutcomeLostClaim Outcome = "lost_claim"
	// OutcomeClaimError: Redis could not be asked, so the run was skipped
	// (a missed tick that catch-up can repair beats a double send).
	OutcomeClaimError Outcome = "claim_error"
	// OutcomeSkipped: the previous run of the job on this instance is still
	// going, so this one was skipped before claiming.
	OutcomeSkipped Outcome = "skipped"
)

var allOutcomes = []Outcome{OutcomeRan, OutcomeFailed, OutcomePanicked,
	OutcomeLostClaim, OutcomeClaimError, OutcomeSkipped}

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
	tick := floorTick(j.sched, s.clock.Now().In(s.loc))
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
//   - With catch-up, it also runs if the tick is later than the last tick
//     recorded in Redis for the job (however many were missed, one run for
//     the latest). With no record yet, the due tick is recorded as the
//     baseline and nothing is caught up.
//
// Start calls RunDue once; the demo mode calls it after moving its clock.
func (s *Scheduler) RunDue(ctx context.Context, now time.Time) []Run {
	s.mu.Lock()
	jobs := slices.Clone(s.jobs)
	s.mu.Unlock()

	now = now.In(s.loc)
	runs := make([]*Run, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		due := floorTick(j.sched, now)
		if due.IsZero() {
			continue
		}
		trigger := "due"
		if !now.Truncate(time.Second).Equal(due) {
			if !j.catchUp {
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

// missed says whether due is later than the last tick recorded for j. When
// Redis cannot be read it reports a claim_error Run.
func (s *Scheduler) missed(ctx context.Context, j *job, due time.Time) (*Run, bool) {
	ctx, cancel := context.WithTimeout(ctx, j.timeout)
	defer cancel()
	last, err := s.LastTick(ctx, j.name)
	if err != nil {
		r := Run{Job: j.name, Tick: due, Outcome: OutcomeClaimError, Err: err}
		s.metrics.runs.WithLabelValues(j.name, string(r.Outcome)).Inc()
		s.log.ErrorContext(ctx, "cron job catch-up skipped: redis unavailable",
			"job", j.name, "tick", due, "err", err)
		return &r, false
	}
	if last.IsZero() {
		err := s.rdb.SetNX(ctx, s.lastKey(j.name), due.Unix(), 0).Err()
		if err != nil {
			s.log.ErrorContext(ctx, "cron job catch-up baseline not recorded", "job", j.name, "err", err)
		} else {
			s.log.InfoContext(ctx, "cron job catch-up baseline recorded", "job", j.name, "tick", due)
		}
		return nil, false
	}
	return nil, last.Before(due)
}

// LastTick returns the latest tick any instance claimed for the job named
// name, or the zero time if none is recorded.
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

// claimScript claims a tick (SET NX EX) and, if it won, moves the job's last
// recorded tick forward to it (never back), in one step. KEYS: tick claim,
// last tick. ARGV: instance id, ttl seconds, tick unix seconds. Both keys
// carry the deployment's hash tag, so this works on Cluster.
var claimScript = redis.NewScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  return 0
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if tonumber(ARGV[3]) > last then
  redis.call('SET', KEYS[2], ARGV[3])
end
return 1
`)

// claim tries to win the tick for this instance.
func (s *Scheduler) claim(ctx context.Context, j *job, tick time.Time) (bool, error) {
	won, err := claimScript.Run(ctx, s.rdb,
		[]string{s.keys.Tick(j.name, tick.Unix()), s.lastKey(j.name)},
		s.id, int64(j.claimTTL/time.Second), tick.Unix()).Int()
	if err != nil {
		return false, fmt.Errorf("scheduler: claim %s at %d: %w", j.name, tick.Unix(), err)
	}
	return won == 1, nil
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

	attrs := append([]any{"elapsed", r.Elapsed}, resultAttrs(res)...)
	switch {
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
