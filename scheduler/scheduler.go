package scheduler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode"

	"github.com/redis/go-redis/v9"
	"github.com/robfig/cron/v3"

	"sibu/storage"
)

// Job is the work of one scheduled job at one tick. tick is the scheduled
// activation time (in the scheduler's location), not the time the job
// happens to start; a job that sends "due today" reminders should reason
// from tick. ctx carries the run's timeout. The result map is logged with the
// run (mailroom style: counts of what was done); it may be nil. A returned
// error is logged at error level and counted as failed; partial results
// returned with it are logged too.
type Job func(ctx context.Context, tick time.Time) (map[string]any, error)

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

const (
	// DefaultTimeout bounds one run (claim included) unless WithTimeout says otherwise.
	DefaultTimeout = time.Minute
	// minClaimTTL is the shortest life of a tick claim. Claims also live at
	// least three intervals of their schedule.
	minClaimTTL = 48 * time.Hour
	// defaultZone is used when New is given no location.
	defaultZone = "Asia/Shanghai"
)

// JobOption configures one job in Add.
type JobOption func(*job)

// WithTimeout bounds each run of the job, the Redis claim included
// (default one minute). The job's ctx is cancelled when it expires; a job
// that ignores ctx keeps its goroutine, and later ticks are skipped until it
// returns.
func WithTimeout(d time.Duration) JobOption { return func(j *job) { j.timeout = d } }

// WithCatchUp makes RunDue (and so Start) run a tick the job missed, for
// instance while every replica was down. Only the latest missed tick runs,
// once: a daily reminder missed for three days is sent once, for today, not
// three times. The first time a job is seen (no record in Redis yet) nothing
// is caught up; the current due tick becomes the baseline.
func WithCatchUp() JobOption { return func(j *job) { j.catchUp = true } }

// job is one registered job.
type job struct {
	name     string
	spec     string
	sched    cron.Schedule
	fn       Job
	timeout  time.Duration
	catchUp  bool
	claimTTL time.Duration
	busy     chan struct{} // holds a token while a run is in progress here
}

// Scheduler runs named jobs on cron schedules so that each tick runs once
// across every replica sharing the Redis. Add jobs, then either Start it
// (wall clock) or drive it with RunDue (demo clock, tests).
type Scheduler struct {
	rdb     redis.UniversalClient
	keys    storage.Keys
	loc     *time.Location
	clock   Clock
	log     *slog.Logger
	id      string
	metrics *metrics

	mu     sync.Mutex
	jobs   []*job // in Add order
	cron   *cron.Cron
	cancel context.CancelFunc // cancels the runs of the started cron
	bg     sync.WaitGroup     // the startup RunDue
}

// New returns a Scheduler that claims ticks in rdb under keys and reads
// schedules in loc. A nil loc means Asia/Shanghai (a fixed UTC+8 zone if the
// system has no time zone database); a nil clock means WallClock; a nil log
// discards. Each Scheduler has its own instance id, stored as the value of
// the claims it wins.
func New(rdb redis.UniversalClient, keys storage.Keys, loc *time.Location, clock Clock, log *slog.Logger) *Scheduler {
	if loc == nil {
		var err error
		if loc, err = time.LoadLocation(defaultZone); err != nil {
			loc = time.FixedZone("CST", 8*60*60)
		}
	}
	if clock == nil {
		clock = WallClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{
		rdb: rdb, keys: keys, loc: loc, clock: clock,
		log:     log.With("component", "scheduler"),
		id:      instanceID(),
		metrics: newMetrics(),
	}
}

// instanceID names this process in the claims it wins: host, pid and a
// random suffix (two Schedulers in one process differ too).
func instanceID() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return host + "/" + strconv.Itoa(os.Getpid()) + "/" + hex.EncodeToString(b[:])
}

// ID returns the instance id written into the claims this Scheduler wins.
func (s *Scheduler) ID() string { return s.id }

// Location returns the location schedules are read in.
func (s *Scheduler) Location() *time.Location { return s.loc }

// Add registers job under name with a cron spec: five fields
// ("30 9 * * *"), six with a leading seconds field ("*/10 * * * * *"), or a
// descriptor ("@daily", "@hourly", "@every 30s"), optionally prefixed with
// "CRON_TZ=Zone " to override the scheduler's location. "@every d" ticks at
// multiples of d since the Unix epoch, so replicas agree; d must be whole
// seconds. name must be unique and made of letters, digits, '_', '-' and
// '.'. Add fails, naming the job and the spec, on a bad spec (it never
// panics), and after Start.
func (s *Scheduler) Add(name, spec string, fn Job, opts ...JobOption) error {
	if err := checkName(name); err != nil {
		return fmt.Errorf("scheduler: add job %q: %w", name, err)
	}
	if fn == nil {
		return fmt.Errorf("scheduler: add job %q: nil Job", name)
	}
	sched, err := parseSpec(spec, s.clock.Now().In(s.loc))
	if err != nil {
		return fmt.Errorf("scheduler: job %q: bad spec %q: %w", name, spec, err)
	}
	j := &job{name: name, spec: spec, sched: sched, fn: fn, timeout: DefaultTimeout,
		busy: make(chan struct{}, 1)}
	for _, o := range opts {
		o(j)
	}
	if j.timeout <= 0 {
		return fmt.Errorf("scheduler: job %q: timeout must be positive, got %s", name, j.timeout)
	}
	j.claimTTL = max(minClaimTTL, 3*interval(sched, s.clock.Now().In(s.loc)))

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return fmt.Errorf("scheduler: add job %q: scheduler already started", name)
	}
	if slices.ContainsFunc(s.jobs, func(o *job) bool { return o.name == name }) {
		return fmt.Errorf("scheduler: add job %q: name already used", name)
	}
	s.jobs = append(s.jobs, j)
	s.metrics.initJob(name)
	return nil
}

func checkName(name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	for _, r := range name {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_' || r == '-' || r == '.') {
			return fmt.Errorf("name may hold only ASCII letters, digits, '_', '-' and '.'")
		}
	}
	return nil
}

// Start runs the jobs on the wall clock with robfig/cron in the scheduler's
// location, each wrapped in cron.Recover and cron.SkipIfStillRunning, and
// once, in the background, calls RunDue so that jobs with catch-up run what
// they missed while no replica was up. Runs get a context that keeps ctx's
// values but not its cancellation: Stop ends them. Start fails if the
// scheduler is already started.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return errors.New("scheduler: already started")
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	cl := cronLogger{log: s.log}
	c := cron.New(cron.WithLocation(s.loc), cron.WithLogger(cl), cron.WithChain(cron.Recover(cl)))
	for _, j := range s.jobs {
		// SkipIfStillRunning is applied per job rather than in WithChain so
		// that its "skip" log names the job.
		jl := cronLogger{log: s.log.With("job", j.name), onSkip: func() {
			s.metrics.runs.WithLabelValues(j.name, string(OutcomeSkipped)).Inc()
		}}
		wrapped := cron.NewChain(cron.SkipIfStillRunning(jl)).
			Then(cron.FuncJob(func() { s.fire(runCtx, j) }))
		c.Schedule(j.sched, wrapped)
	}
	s.cron, s.cancel = c, cancel
	c.Start()
	s.bg.Go(func() { s.RunDue(runCtx, s.clock.Now()) })
	s.log.InfoContext(ctx, "scheduler started", "instance", s.id, "jobs", len(s.jobs), "location", s.loc.String())
	return nil
}

// Stop stops the timers and waits for running jobs (and the startup RunDue)
// to return, at most until ctx is done; then it cancels their context and
// returns ctx's error. Stop on a scheduler that is not started does nothing.
// A stopped scheduler may be started again.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	c, cancel := s.cron, s.cancel
	s.cron, s.cancel = nil, nil
	s.mu.Unlock()
	if c == nil {
		return nil
	}
	cronDone := c.Stop()
	done := make(chan struct{})
	go func() {
		<-cronDone.Done()
		s.bg.Wait()
		close(done)
	}()
	select {
	case <-done:
		cancel()
		s.log.InfoContext(ctx, "scheduler stopped", "instance", s.id)
		return nil
	case <-ctx.Done():
		cancel()
		s.log.WarnContext(ctx, "scheduler stop: jobs still running, cancelled", "instance", s.id)
		return fmt.Errorf("scheduler: stop: %w", ctx.Err())
	}
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

// cronLogger routes robfig/cron's logging into slog: its chatty Info lines
// (start, wake, run) go to Debug, a SkipIfStillRunning skip to Warn, errors
// (recovered panics) to Error. onSkip, if set, counts the skip.
type cronLogger struct {
	log    *slog.Logger
	onSkip func()
}

func (l cronLogger) Info(msg string, keysAndValues ...any) {
	if msg == "skip" {
		if l.onSkip != nil {
			l.onSkip()
		}
		l.log.Warn("cron job skipped: previous run still going", keysAndValues...)
		return
	}
	l.log.Debug("cron "+msg, keysAndValues...)
}

func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	l.log.Error("cron "+msg, append([]any{"err", err}, keysAndValues...)...)
}
