package scheduler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/storage"
)

// logBuffer collects a scheduler's log lines for assertions and prints them
// when the test fails.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newLogger(t *testing.T) (*slog.Logger, *logBuffer) {
	t.Helper()
	b := &logBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("scheduler log:\n%s", b.String())
		}
	})
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})), b
}

// newScheduler returns a scheduler on a private Redis prefix, logging into
// the returned buffer.
func newScheduler(t *testing.T, loc *time.Location, clock Clock) (*Scheduler, *logBuffer) {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	log, logs := newLogger(t)
	return New(rdb, storage.NewKeys(prefix), loc, clock, log), logs
}

// newSchedulerAt is newScheduler in Shanghai on a manual clock at
// 2025-03-10 09:00.
func newSchedulerAt(t *testing.T) (*Scheduler, *logBuffer, *ManualClock) {
	t.Helper()
	sh := shanghai(t)
	clock := NewManualClock(time.Date(2025, 3, 10, 9, 0, 0, 0, sh))
	s, logs := newScheduler(t, sh, clock)
	return s, logs, clock
}

// tickCounter counts, per tick, how many times a job body ran, over all
// instances.
type tickCounter struct {
	mu     sync.Mutex
	counts map[int64]int
	byInst map[string]int
}

func newTickCounter() *tickCounter {
	return &tickCounter{counts: map[int64]int{}, byInst: map[string]int{}}
}

func (c *tickCounter) job(inst string) Job {
	return func(ctx context.Context, tick time.Time) (map[string]any, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.counts[tick.Unix()]++
		c.byInst[inst]++
		return map[string]any{"instance": inst, "n": c.counts[tick.Unix()]}, nil
	}
}

func (c *tickCounter) snapshot() (map[int64]int, map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.counts), maps.Clone(c.byInst)
}

// assertOncePerTick fails unless every tick ran exactly once, and returns the
// sorted ticks.
func (c *tickCounter) assertOncePerTick(t *testing.T) []int64 {
	t.Helper()
	counts, _ := c.snapshot()
	for tick, n := range counts {
		if n != 1 {
			t.Errorf("tick %s ran %d times, want 1", time.Unix(tick, 0), n)
		}
	}
	return slices.Sorted(maps.Keys(counts))
}

// metric returns the value of a scheduler counter or gauge with the given labels.
func metric(t *testing.T, s *Scheduler, name string, labels map[string]string) float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(s.Collectors()...)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	next:
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if want, ok := labels[l.GetName()]; ok && want != l.GetValue() {
					continue next
				}
			}
			if m.GetCounter() != nil {
				return m.GetCounter().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return 0
}

func runs(t *testing.T, s *Scheduler, job string, o Outcome) float64 {
	t.Helper()
	return metric(t, s, "sibu_scheduler_runs_total", map[string]string{"job": job, "outcome": string(o)})
}

// waitFor polls cond until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func stop(t *testing.T, s *Scheduler) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Errorf("stop: %v", err)
	}
}

func TestWallClockThreeInstancesOncePerTick(t *testing.T) {
	t.Parallel()
	rdb, prefix := redistest.Client(t)
	keys := storage.NewKeys(prefix)
	log, _ := newLogger(t)
	counter := newTickCounter()

	var scheds []*Scheduler
	for i := range 3 {
		s := New(rdb, keys, nil, WallClock{}, log.With("replica", i))
		if err := s.Add("every_second", "* * * * * *", counter.job(s.ID())); err != nil {
			t.Fatal(err)
		}
		scheds = append(scheds, s)
	}
	for _, s := range scheds {
		if err := s.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(3500 * time.Millisecond)
	for _, s := range scheds {
		stop(t, s)
	}

	ticks := counter.assertOncePerTick(t)
	if len(ticks) < 2 {
		t.Errorf("ran %d ticks in 3.5 s, want at least 2", len(ticks))
	}
	_, byInst := counter.snapshot()
	var ran, lost float64
	for _, s := range scheds {
		ran += runs(t, s, "every_second", OutcomeRan)
		lost += runs(t, s, "every_second", OutcomeLostClaim)
	}
	if int(ran) != len(ticks) {
		t.Errorf("ran metric total %v, want %d", ran, len(ticks))
	}
	// Every claim key says done by one of the instances.
	for _, tick := range ticks {
		owner, err := rdb.Get(t.Context(), keys.Tick("every_second", tick)).Result()
		if err != nil || !strings.HasPrefix(owner, "done:") {
			t.Fatalf("claim of %d: %q, %v; want done:<instance>", tick, owner, err)
		}
		owner = strings.TrimPrefix(owner, "done:")
		if byInst[owner] == 0 {
			t.Errorf("claim of %d held by %q, which ran nothing", tick, owner)
		}
	}
	t.Logf("wall clock, 3 instances, 3.5 s: %d ticks, each ran once; runs per instance %v; ran=%v lost_claim=%v",
		len(ticks), slices.Collect(maps.Values(byInst)), ran, lost)
}

func TestRunDueFakeClockThreeInstancesRacing(t *testing.T) {
	t.Parallel()
	rdb, prefix := redistest.Client(t)
	keys := storage.NewKeys(prefix)
	log, _ := newLogger(t)
	sh := shanghai(t)
	start := time.Date(2025, 3, 10, 9, 0, 0, 0, sh)
	clock := NewManualClock(start)
	even, thirds := newTickCounter(), newTickCounter()

	var scheds []*Scheduler
	for i := range 3 {
		s := New(rdb, keys, sh, clock, log.With("replica", i))
		if err := s.Add("every_2s", "*/2 * * * * *", even.job(s.ID())); err != nil {
			t.Fatal(err)
		}
		if err := s.Add("every_3s", "*/3 * * * * *", thirds.job(s.ID()), WithCatchUp()); err != nil {
			t.Fatal(err)
		}
		scheds = append(scheds, s)
	}

	// Step 700 ms at a time over 30 s: every second is visited at least
	// once, some twice, rarely on the whole second. Three instances race
	// RunDue at each step.
	var attempts atomic.Int64
	for now := start; now.Before(start.Add(30 * time.Second)); now = clock.Advance(700 * time.Millisecond) {
		var wg sync.WaitGroup
		for _, s := range scheds {
			wg.Go(func() { attempts.Add(int64(len(s.RunDue(t.Context(), now)))) })
		}
		wg.Wait()
	}

	evenTicks := even.assertOncePerTick(t)
	thirdTicks := thirds.assertOncePerTick(t)
	var wantEven, wantThirds []int64
	for s := int64(0); s < 30; s++ {
		if s%2 == 0 {
			wantEven = append(wantEven, start.Unix()+s)
		}
		if s%3 == 0 {
			wantThirds = append(wantThirds, start.Unix()+s)
		}
	}
	if !slices.Equal(evenTicks, wantEven) {
		t.Errorf("every_2s ran ticks %v, want %v", evenTicks, wantEven)
	}
	if !slices.Equal(thirdTicks, wantThirds) {
		t.Errorf("every_3s (catch-up) ran ticks %v, want %v", thirdTicks, wantThirds)
	}
	_, evenBy := even.snapshot()
	_, thirdBy := thirds.snapshot()
	t.Logf("fake clock, 3 racing instances, 30 s in 700 ms steps: every_2s %d ticks once each (per instance %v), "+
		"every_3s catch-up %d ticks once each (per instance %v), %d attempts reported",
		len(evenTicks), slices.Collect(maps.Values(evenBy)), len(thirdTicks), slices.Collect(maps.Values(thirdBy)), attempts.Load())
}

func TestRunDueJumpingToNext(t *testing.T) {
	t.Parallel()
	rdb, prefix := redistest.Client(t)
	sh := shanghai(t)
	clock := NewManualClock(time.Date(2025, 3, 10, 8, 0, 0, 0, sh))
	s := New(rdb, storage.NewKeys(prefix), sh, clock, nil)
	var got []string
	var mu sync.Mutex
	record := func(name string) Job {
		return func(ctx context.Context, tick time.Time) (map[string]any, error) {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, name+"@"+tick.Format("15:04"))
			return nil, nil
		}
	}
	if err := s.Add("morning", "30 8 * * *", record("morning")); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("half_hourly", "*/30 * * * *", record("half_hourly")); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		now := s.Next(clock.Now())
		clock.Set(now)
		s.RunDue(t.Context(), now)
		slices.Sort(got)
	}
	want := []string{"half_hourly@08:30", "half_hourly@09:00", "half_hourly@09:30", "morning@08:30"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("ran %v, want %v", got, want)
	}
}

func TestPanicIsRecoveredAndCounted(t *testing.T) {
	t.Parallel()
	s, logs, clock := newSchedulerAt(t)
	boom := func(ctx context.Context, tick time.Time) (map[string]any, error) { panic("boom") }
	if err := s.Add("boom", "* * * * * *", boom); err != nil {
		t.Fatal(err)
	}

	rs := s.RunDue(t.Context(), clock.Now())
	if len(rs) != 1 || rs[0].Outcome != OutcomePanicked || rs[0].Err == nil || !strings.Contains(rs[0].Err.Error(), "boom") {
		t.Fatalf("RunDue = %+v, want one panicked run", rs)
	}
	if n := runs(t, s, "boom", OutcomePanicked); n != 1 {
		t.Errorf("panicked count = %v, want 1", n)
	}
	if out := logs.String(); !strings.Contains(out, "cron job panicked") || !strings.Contains(out, "boom") {
		t.Errorf("panic not logged:\n%s", out)
	}
}

func TestPanicInWallClockModeKeepsProcess(t *testing.T) {
	t.Parallel()
	s, logs := newScheduler(t, nil, WallClock{})
	var calls atomic.Int64
	boom := func(ctx context.Context, tick time.Time) (map[string]any, error) {
		calls.Add(1)
		panic(errors.New("boom"))
	}
	if err := s.Add("boom", "* * * * * *", boom); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 4*time.Second, "two panicking runs", func() bool { return runs(t, s, "boom", OutcomePanicked) >= 2 })
	stop(t, s)
	if !strings.Contains(logs.String(), "cron job panicked") {
		t.Errorf("panic not logged")
	}
	t.Logf("job panicked %d times; process alive", calls.Load())
}

func TestSlowJobIsNotOverlapped(t *testing.T) {
	t.Parallel()
	s, _ := newScheduler(t, nil, WallClock{})
	var running, maxRunning, started atomic.Int64
	slow := func(ctx context.Context, tick time.Time) (map[string]any, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		started.Add(1)
		select {
		case <-time.After(2200 * time.Millisecond):
			return map[string]any{"slept": "2.2s"}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := s.Add("slow", "* * * * * *", slow); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "a skipped tick", func() bool { return runs(t, s, "slow", OutcomeSkipped) >= 1 })

	// A RunDue while the timer's run is in progress is skipped too.
	waitFor(t, 3*time.Second, "a run in progress", func() bool { return running.Load() == 1 })
	if rs := s.RunDue(t.Context(), time.Now().Truncate(time.Second)); len(rs) != 1 || rs[0].Outcome != OutcomeSkipped {
		t.Errorf("RunDue during a run = %+v, want skipped", rs)
	}

	// Stop is bounded by its ctx, and cancels the running job when it expires.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := s.Stop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Stop with a short ctx during a run = %v, want deadline exceeded", err)
	}
	waitFor(t, 2*time.Second, "the cancelled job to return", func() bool { return running.Load() == 0 })

	if m := maxRunning.Load(); m != 1 {
		t.Errorf("at most %d runs at once, want 1", m)
	}
	t.Logf("slow job: %d runs started, %v skipped, never overlapped", started.Load(), runs(t, s, "slow", OutcomeSkipped))
}

func TestCatchUp(t *testing.T) {
	t.Parallel()
	sh := shanghai(t)
	now := time.Date(2025, 3, 10, 15, 0, 0, 0, sh)
	today9 := time.Date(2025, 3, 10, 9, 0, 0, 0, sh)
	threeDaysAgo := today9.AddDate(0, 0, -3)

	setup := func(t *testing.T, n int) ([]*Scheduler, *tickCounter, *redis.Client, string) {
		rdb, prefix := redistest.Client(t)
		log, _ := newLogger(t)
		counter := newTickCounter()
		var scheds []*Scheduler
		for i := range n {
			s := New(rdb, storage.NewKeys(prefix), sh, NewManualClock(now), log.With("replica", i))
			if err := s.Add("daily_reminder", "0 9 * * *", counter.job(s.ID()), WithCatchUp()); err != nil {
				t.Fatal(err)
			}
			scheds = append(scheds, s)
		}
		return scheds, counter, rdb, prefix
	}

	t.Run("latest missed tick runs once", func(t *testing.T) {
		scheds, counter, rdb, prefix := setup(t, 1)
		s := scheds[0]
		rdb.Set(t.Context(), storage.NewKeys(prefix).Prefix()+"sched:last:daily_reminder", threeDaysAgo.Unix(), 0)

		rs := s.RunDue(t.Context(), now)
		if len(rs) != 1 || rs[0].Outcome != OutcomeRan || !rs[0].Tick.Equal(today9) {
			t.Fatalf("RunDue = %+v, want one run for %s", rs, today9)
		}
		if ticks := counter.assertOncePerTick(t); !slices.Equal(ticks, []int64{today9.Unix()}) {
			t.Errorf("ran ticks %v, want only %d", ticks, today9.Unix())
		}
		if last, err := s.LastTick(t.Context(), "daily_reminder"); err != nil || !last.Equal(today9) {
			t.Errorf("LastTick = %s, %v; want %s", last, err, today9)
		}
		for _, later := range []time.Time{now, now.Add(time.Hour), today9.AddDate(0, 0, 1).Add(-time.Second)} {
			if rs := s.RunDue(t.Context(), later); len(rs) != 0 {
				t.Errorf("RunDue(%s) again = %+v, want nothing", later, rs)
			}
		}
		// The next day's tick runs, late, once.
		rs = s.RunDue(t.Context(), today9.AddDate(0, 0, 1).Add(90*time.Minute))
		if len(rs) != 1 || rs[0].Outcome != OutcomeRan || !rs[0].Tick.Equal(today9.AddDate(0, 0, 1)) {
			t.Errorf("RunDue the next day = %+v", rs)
		}
	})

	t.Run("racing instances run it once", func(t *testing.T) {
		scheds, counter, rdb, prefix := setup(t, 3)
		rdb.Set(t.Context(), storage.NewKeys(prefix).Prefix()+"sched:last:daily_reminder", threeDaysAgo.Unix(), 0)
		outcomes := map[Outcome]int{}
		var mu sync.Mutex
		for range 5 {
			var wg sync.WaitGroup
			for _, s := range scheds {
				wg.Go(func() {
					for _, r := range s.RunDue(t.Context(), now) {
						mu.Lock()
						outcomes[r.Outcome]++
						mu.Unlock()
					}
				})
			}
			wg.Wait()
		}
		ticks := counter.assertOncePerTick(t)
		if !slices.Equal(ticks, []int64{today9.Unix()}) {
			t.Errorf("ran ticks %v, want only %d", ticks, today9.Unix())
		}
		if outcomes[OutcomeRan] != 1 {
			t.Errorf("outcomes %v, want exactly one ran", outcomes)
		}
		t.Logf("catch-up, 3 instances x 5 rounds: outcomes %v", outcomes)
	})

	t.Run("no record sets a baseline", func(t *testing.T) {
		scheds, counter, _, _ := setup(t, 1)
		s := scheds[0]
		if rs := s.RunDue(t.Context(), now); len(rs) != 0 {
			t.Errorf("first RunDue = %+v, want nothing (baseline only)", rs)
		}
		if last, err := s.LastTick(t.Context(), "daily_reminder"); err != nil || !last.Equal(today9) {
			t.Errorf("baseline = %s, %v; want %s", last, err, today9)
		}
		// Down over the next two 9:00s: one run on return.
		back := today9.AddDate(0, 0, 2).Add(3 * time.Hour)
		rs := s.RunDue(t.Context(), back)
		if len(rs) != 1 || !rs[0].Tick.Equal(today9.AddDate(0, 0, 2)) {
			t.Errorf("RunDue after downtime = %+v", rs)
		}
		if counts, _ := counter.snapshot(); len(counts) != 1 {
			t.Errorf("ran %v, want one tick", counts)
		}
	})
}

func TestAddRejects(t *testing.T) {
	t.Parallel()
	rdb, prefix := redistest.Client(t)
	s := New(rdb, storage.NewKeys(prefix), nil, nil, nil)
	nop := func(ctx context.Context, tick time.Time) (map[string]any, error) { return nil, nil }
	for _, spec := range []string{"", "CRON_TZ=UTC", "TZ=Asia/Shanghai", "CRON_TZ=UTC\t0 9 * * *", "* * *",
		"0 9 * * * * *", "99 * * * *", "@every 100ms", "@sometimes", "0 0 31 2 *"} {
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("Add(%q) panicked: %v", spec, p)
				}
			}()
			err = s.Add("bad_job", spec, nop)
		}()
		if err == nil {
			t.Errorf("Add(%q) = nil, want error", spec)
			continue
		}
		if !strings.Contains(err.Error(), `"bad_job"`) || !strings.Contains(err.Error(), fmt.Sprintf("%q", spec)) {
			t.Errorf("Add(%q) = %q, want the job and the spec named", spec, err)
		}
	}
	if err := s.Add("ok", "@every 30s", nop); err != nil {
		t.Fatal(err)
	}
	for name, add := range map[string]func() error{
		"duplicate":    func() error { return s.Add("ok", "@daily", nop) },
		"bad name":     func() error { return s.Add("has space", "@daily", nop) },
		"colon":        func() error { return s.Add("a:b", "@daily", nop) },
		"nil job":      func() error { return s.Add("nil_job", "@daily", nil) },
		"zero timeout": func() error { return s.Add("zero", "@daily", nop, WithTimeout(0)) },
	} {
		if err := add(); err == nil {
			t.Errorf("%s: Add = nil, want error", name)
		}
	}
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(t.Context()); err == nil {
		t.Error("second Start = nil, want error")
	}
	if err := s.Add("late", "@daily", nop); err == nil {
		t.Error("Add after Start = nil, want error")
	}
	stop(t, s)
}

func TestTimeoutCancelsJob(t *testing.T) {
	t.Parallel()
	s, logs, clock := newSchedulerAt(t)
	now := clock.Now()
	hang := func(ctx context.Context, tick time.Time) (map[string]any, error) {
		<-ctx.Done()
		return map[string]any{"sent": 3}, ctx.Err()
	}
	if err := s.Add("hang", "@every 1m", hang, WithTimeout(50*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	rs := s.RunDue(t.Context(), now)
	if len(rs) != 1 || rs[0].Outcome != OutcomeFailed || !errors.Is(rs[0].Err, context.DeadlineExceeded) {
		t.Fatalf("RunDue = %+v, want failed with deadline exceeded", rs)
	}
	if out := logs.String(); !strings.Contains(out, "cron job failed") || !strings.Contains(out, "sent=3") {
		t.Errorf("failure and partial result not logged:\n%s", out)
	}
}

func TestResultIsLogged(t *testing.T) {
	t.Parallel()
	s, logs, clock := newSchedulerAt(t)
	now := clock.Now()
	job := func(ctx context.Context, tick time.Time) (map[string]any, error) {
		return map[string]any{"reminders_sent": 12, "job": "clash"}, nil
	}
	if err := s.Add("reminders", "@every 30s", job); err != nil {
		t.Fatal(err)
	}
	s.RunDue(t.Context(), now)
	out := logs.String()
	for _, want := range []string{`msg="cron job ran"`, "job=reminders", "reminders_sent=12", "result_job=clash", "elapsed=", "tick=2025-03-10T09:00:00.000+08:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if v := metric(t, s, "sibu_scheduler_last_success_timestamp_seconds", map[string]string{"job": "reminders"}); v != float64(now.Unix()) {
		t.Errorf("last success = %v, want %d", v, now.Unix())
	}
}

func TestRedisDown(t *testing.T) {
	t.Parallel()
	srv := redistest.NewServer(t, true) // the restart keeps the last-tick records
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), DialTimeout: 200 * time.Millisecond,
		ReadTimeout: 200 * time.Millisecond, MaxRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	log, logs := newLogger(t)
	sh := shanghai(t)
	t0 := time.Date(2025, 3, 10, 9, 0, 0, 0, sh)
	clock := NewManualClock(t0)
	s := New(rdb, storage.NewKeys("down"), sh, clock, log)
	every, fives := newTickCounter(), newTickCounter()
	if err := s.Add("every_second", "* * * * * *", every.job("a")); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("every_5s", "*/5 * * * * *", fives.job("a"), WithCatchUp()); err != nil {
		t.Fatal(err)
	}
	outcomes := func(rs []Run) map[string]Outcome {
		m := map[string]Outcome{}
		for _, r := range rs {
			m[r.Job] = r.Outcome
		}
		return m
	}

	if got := outcomes(s.RunDue(t.Context(), t0)); got["every_second"] != OutcomeRan || got["every_5s"] != OutcomeRan {
		t.Fatalf("before the outage: %v", got)
	}
	srv.Kill()
	rs := s.RunDue(t.Context(), t0.Add(5*time.Second))
	if got := outcomes(rs); got["every_second"] != OutcomeClaimError || got["every_5s"] != OutcomeClaimError {
		t.Errorf("during the outage: %v, want claim_error for both", got)
	}
	for _, r := range rs {
		if r.Err == nil {
			t.Errorf("%s: no error during the outage", r.Job)
		}
	}
	// Off the tick, the catch-up job cannot even read its last tick.
	if got := outcomes(s.RunDue(t.Context(), t0.Add(6500*time.Millisecond))); got["every_5s"] != OutcomeClaimError {
		t.Errorf("catch-up during the outage: %v, want claim_error", got)
	}
	if !strings.Contains(logs.String(), "level=ERROR") {
		t.Error("the outage was not logged at error level")
	}

	srv.Start()
	// Back at 09:00:07: the every-second job runs its tick; the catch-up job
	// repairs the 09:00:05 tick it missed.
	got := outcomes(s.RunDue(t.Context(), t0.Add(7*time.Second)))
	if got["every_second"] != OutcomeRan || got["every_5s"] != OutcomeRan {
		t.Errorf("after the restart: %v, want both ran", got)
	}
	if ticks, _ := fives.snapshot(); ticks[t0.Add(5*time.Second).Unix()] != 1 {
		t.Errorf("every_5s ticks %v, want 09:00:05 caught up", ticks)
	}
	every.assertOncePerTick(t)
	fives.assertOncePerTick(t)
}

func TestRedisDownWallClock(t *testing.T) {
	t.Parallel()
	srv := redistest.NewServer(t, false)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), DialTimeout: 200 * time.Millisecond,
		ReadTimeout: 200 * time.Millisecond, MaxRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	log, _ := newLogger(t)
	s := New(rdb, storage.NewKeys("down"), nil, WallClock{}, log)
	counter := newTickCounter()
	if err := s.Add("every_second", "* * * * * *", counter.job("a"), WithTimeout(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	if err := s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 4*time.Second, "a claim error", func() bool { return runs(t, s, "every_second", OutcomeClaimError) >= 1 })
	if n := runs(t, s, "every_second", OutcomeRan); n != 0 {
		t.Errorf("ran %v times with Redis down", n)
	}
	srv.Start()
	waitFor(t, 4*time.Second, "a run after the restart", func() bool { return runs(t, s, "every_second", OutcomeRan) >= 1 })
	stop(t, s)
	counter.assertOncePerTick(t)
}
