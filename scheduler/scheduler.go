package scheduler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
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

const (
	// DefaultTimeout bounds one run (claim included) unless WithTimeout says otherwise.
	DefaultTimeout = time.Minute
	// minClaimTTL is the shortest life of a tick claim. Claims also live at
	// least three intervals of their schedule.
	minClaimTTL = 48 * time.Hour
	// DefaultZone is used when New is given no location (and is config's
	// timezone default).
	DefaultZone = "Asia/Shanghai"
	// DefaultCatchUpEvery is how often a started scheduler looks for
	// missed or unfinished ticks.
	DefaultCatchUpEvery = time.Minute
)

// JobOption configures one job in Add.
type JobOption func(*job)

// WithTimeout bounds each run of the job, the Redis claim included
// (default one minute). The job's ctx is cancelled when it expires; a job
// that ignores ctx keeps its goroutine, and later ticks are skipped until it
// returns.
func WithTimeout(d time.Duration) JobOption { return func(j *job) { j.timeout = d } }

// WithCatchUp makes RunDue (and so Start, at startup and every
// CatchUpEvery) run a tick the job missed or did not finish: while every
// replica was down, while Redis was, or when a run failed or its replica
// died. Only the latest such tick runs, once: a daily reminder missed for
// three days is sent once, for today, not three times. The first time a job
// is seen (no record in Redis yet) nothing is caught up; the current due
// tick becomes the baseline.
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
	// notBefore (unix ms): the job's last run here said Later; catch-up
	// leaves it alone until then.
	notBefore atomic.Int64
	// settled (unix s) is the latest tick this instance knows is done —
	// it finished it, or found it done in Redis — so catch-up passes skip
	// the Redis read for it: a demo week walks 2,000 activations of a
	// dozen jobs.
	settled atomic.Int64
	// floor caches floorTick's last answer and the activation after it.
	floor atomic.Pointer[tickSpan]
}

// tickSpan is an activation of a job and the one after it: floorTick of
// any instant in [at, next) is at.
type tickSpan struct{ at, next time.Time }

// due is floorTick(j.sched, now), remembered until the next activation.
func (j *job) due(now time.Time) time.Time {
	if f := j.floor.Load(); f != nil && !now.Before(f.at) && now.Before(f.next) && now.Location() == f.at.Location() {
		return f.at
	}
	at := floorTick(j.sched, now)
	if !at.IsZero() {
		if next := j.sched.Next(at); !next.IsZero() {
			j.floor.Store(&tickSpan{at: at, next: next})
		}
	}
	return at
}

// markSettled records that tick (unix s) is done.
func (j *job) markSettled(tick int64) {
	for {
		cur := j.settled.Load()
		if tick <= cur || j.settled.CompareAndSwap(cur, tick) {
			return
		}
	}
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

	catchUpEvery time.Duration // how often a started scheduler looks for missed ticks

	mu       sync.Mutex
	jobs     []*job // in Add order
	cron     *cron.Cron
	cancel   context.CancelFunc // cancels the runs of the started cron
	stopLoop context.CancelFunc // stops the catch-up loop
	bg       sync.WaitGroup     // the startup RunDue and the catch-up loop
}

// DefaultLocation is DefaultZone, or a fixed UTC+8 zone ("CST") on a
// machine without a time zone database.
func DefaultLocation() *time.Location {
	if loc, err := time.LoadLocation(DefaultZone); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// New returns a Scheduler that claims ticks in rdb under keys and reads
// schedules in loc. A nil loc means Asia/Shanghai (a fixed UTC+8 zone if the
// system has no time zone database); a nil clock means WallClock; a nil log
// discards. Each Scheduler has its own instance id, stored as the value of
// the claims it wins.
func New(rdb redis.UniversalClient, keys storage.Keys, loc *time.Location, clock Clock, log *slog.Logger, opts ...Option) *Scheduler {
	if loc == nil {
		loc = DefaultLocation()
	}
	if clock == nil {
		clock = WallClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Scheduler{
		rdb: rdb, keys: keys, loc: loc, clock: clock,
		log:          log.With("component", "scheduler"),
		id:           instanceID(),
		metrics:      newMetrics(),
		catchUpEvery: DefaultCatchUpEvery,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Option configures a Scheduler in New.
type Option func(*Scheduler)

// WithCatchUpEvery sets how often a started scheduler looks for ticks of
// catch-up jobs that are due and not done (default DefaultCatchUpEvery).
func WithCatchUpEvery(d time.Duration) Option {
	return func(s *Scheduler) {
		if d > 0 {
			s.catchUpEvery = d
		}
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

// checkName accepts job names that are safe in Redis keys, logs and metric
// labels.
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
// location, each wrapped in cron.Recover and cron.SkipIfStillRunning. In
// the background it calls RunDue once, so that jobs with catch-up run what
// they missed while no replica was up, and then every CatchUpEvery runs
// the ticks of catch-up jobs that are due and not done: missed while Redis
// was down, failed, or held by a replica that died. That look is one round
// trip per catch-up job when nothing is due. Runs get a context that keeps
// ctx's values but not its cancellation: Stop ends them. Start fails if the
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
	loopCtx, stopLoop := context.WithCancel(runCtx)
	s.cron, s.cancel, s.stopLoop = c, cancel, stopLoop
	c.Start()
	s.bg.Go(func() {
		s.RunDue(runCtx, s.clock.Now())
		s.catchUpLoop(loopCtx, runCtx)
	})
	s.log.InfoContext(ctx, "scheduler started", "instance", s.id, "jobs", len(s.jobs), "location", s.loc.String())
	return nil
}

// Stop stops the timers and the catch-up loop and waits for running jobs
// to return, at most until ctx is done; then it cancels their context and
// returns ctx's error. Stop on a scheduler that is not started does nothing.
// A stopped scheduler may be started again.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	c, cancel, stopLoop := s.cron, s.cancel, s.stopLoop
	s.cron, s.cancel, s.stopLoop = nil, nil, nil
	s.mu.Unlock()
	if c == nil {
		return nil
	}
	stopLoop()
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

// catchUpLoop runs catchUp every catchUpEvery until loop is done; the runs
// get ctx.
func (s *Scheduler) catchUpLoop(loop, ctx context.Context) {
	t := time.NewTicker(s.catchUpEvery)
	defer t.Stop()
	for {
		select {
		case <-loop.Done():
			return
		case <-t.C:
		}
		s.catchUp(ctx, s.clock.Now())
	}
}

// cronLogger routes robfig/cron's logging into slog: its chatty Info lines
// (start, wake, run) go to Debug, a SkipIfStillRunning skip to Warn, errors
// (recovered panics) to Error. onSkip, if set, counts the skip.
type cronLogger struct {
	log    *slog.Logger
	onSkip func()
}

// Info logs the library's routine lines at debug level, and a skip as a
// warning.
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

// Error logs the library's errors (recovered panics).
func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	l.log.Error("cron "+msg, append([]any{"err", err}, keysAndValues...)...)
}
