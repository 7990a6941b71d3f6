package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
)

// params are the sizes and switches of one run.
type params struct {
	quick      bool
	jsonOut    bool
	verbose    bool // log the bot's warnings and errors to stderr
	redisURL   string
	configPath string
	cpuProfile string
	profiled   string // the scenario cpuProfile covers
	only       map[string]bool
	workers    int // bot workers; 0 keeps the configuration's

	users        int           // simulated users in intake+flow
	loadRate     float64       // fixed offered load, updates/s
	loadDuration time.Duration // how long the fixed load is offered
	pushes       int           // reminders in the push scenario
	pushCap      float64       // global cap during the push scenario
	events       int           // outbox events drained for throughput
	steadyRate   float64       // outbox events/s in the lag runs
	steadyFor    time.Duration // duration of each lag run
	sessions     int           // active sessions for the footprint
	responses    int           // stored responses for /status
	statusPeople int           // members for the second /status figure
	statusRuns   int           // /status calls timed per figure
}

// defaults are the sizes of a quick or a full run.
func defaults(quick bool) params {
	if quick {
		return params{users: 300, loadRate: 100, loadDuration: 4 * time.Second, pushes: 1000, pushCap: 500,
			events: 2000, steadyRate: 1000, steadyFor: 2 * time.Second, sessions: 300, responses: 100_000,
			statusPeople: 5000, statusRuns: 10}
	}
	return params{users: 2000, loadRate: 500, loadDuration: 20 * time.Second, pushes: 10_000, pushCap: 500,
		events: 20_000, steadyRate: 1000, steadyFor: 10 * time.Second, sessions: 2000, responses: 1_000_000,
		statusPeople: 100_000, statusRuns: 30}
}

// scenario is one named measurement: run adds its rows to the report.
type scenario struct {
	name string
	run  func(*env, context.Context) error
}

// scenarios lists the scenarios in the order they run.
var scenarios = []scenario{
	{"baseline", (*env).baseline},
	{"intake", (*env).intake},
	{"webhook", (*env).webhookIntake},
	{"peer", (*env).peer},
	{"load", (*env).fixedLoad},
	{"push", (*env).push},
	{"outbox", (*env).outbox},
	{"footprint", (*env).footprint},
	{"status", (*env).status},
	{"commitments", (*env).commitments},
	{"attention", (*env).attention},
	{"replicas", (*env).replicas},
}

// scenarioNames are the names -run and -profile accept, in running order.
func scenarioNames() []string {
	names := make([]string, len(scenarios))
	for i, sc := range scenarios {
		names[i] = sc.name
	}
	return names
}

// Main runs the benchmark with command-line args and returns the exit code:
// 2 for bad flags, 1 when the environment cannot be set up (no redis-server,
// no configuration), 0 after measuring, whatever the figures.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p, ok := parseFlags(args, stderr)
	if !ok {
		return 2
	}
	started := time.Now()
	e, err := setup(ctx, p, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "sibu bench:", err)
		return 1
	}
	defer e.close()
	if p.workers > 0 {
		e.cfg.Workers = p.workers
	}
	if p.verbose {
		e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	e.rep = newReport(started, p.quick, e.redisDesc)
	e.runAll(ctx, stderr)
	e.rep.Elapsed = time.Since(started).Round(100 * time.Millisecond).String()
	e.rep.write(stdout, p.jsonOut)
	return 0
}

// parseFlags reads the command line into params; it reports what is wrong
// on stderr and returns false when the flags are bad.
func parseFlags(args []string, stderr io.Writer) (params, bool) {
	names := strings.Join(scenarioNames(), ",")
	fs := flag.NewFlagSet("sibu bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "small sizes, finishes in about a minute (CI smoke use)")
	jsonOut := fs.Bool("json", false, "print the results as JSON instead of a table")
	redisURL := fs.String("redis", "", "use this Redis (redis://… or unix://…) instead of starting a private redis-server")
	configPath := fs.String("config", "", "configuration with the demo questionnaire (default: config.example.yaml here or in a parent directory)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of one scenario (-profile) to this file")
	profiled := fs.String("profile", "intake", "the scenario -cpuprofile profiles")
	only := fs.String("run", "", "comma-separated scenarios to run (default all): "+names)
	// Size overrides (0 keeps the mode's default); the test uses them to stay small under -race.
	users := fs.Int("users", 0, "simulated users in intake+flow")
	pushes := fs.Int("pushes", 0, "reminders in the push scenario")
	events := fs.Int("events", 0, "outbox events drained for the throughput figure")
	responses := fs.Int("responses", 0, "stored responses for the /status figure")
	people := fs.Int("people", 0, "members for the second /status figure")
	loadFor := fs.Duration("load-for", 0, "how long the fixed offered load runs")
	steadyFor := fs.Duration("steady-for", 0, "duration of each outbox lag run")
	workers := fs.Int("workers", 0, "bot workers (default: the configuration's workers)")
	verbose := fs.Bool("v", false, "log the bot's warnings and errors to stderr")
	if err := fs.Parse(args); err != nil {
		return params{}, false
	}
	p := defaults(*quick)
	p.quick, p.jsonOut, p.redisURL, p.cpuProfile, p.profiled = *quick, *jsonOut, *redisURL, *cpuProfile, *profiled
	p.workers, p.verbose = *workers, *verbose
	setIf(&p.users, *users)
	setIf(&p.pushes, *pushes)
	setIf(&p.events, *events)
	setIf(&p.responses, *responses)
	setIf(&p.statusPeople, *people)
	setIf(&p.loadDuration, *loadFor)
	setIf(&p.steadyFor, *steadyFor)
	p.sessions = min(p.sessions, p.users)
	if *only != "" {
		p.only = map[string]bool{}
		for _, s := range strings.Split(*only, ",") {
			s = strings.TrimSpace(s)
			if !slices.Contains(scenarioNames(), s) {
				fmt.Fprintf(stderr, "sibu bench: unknown scenario %q (have %s)\n", s, names)
				return params{}, false
			}
			p.only[s] = true
		}
	}
	if *cpuProfile != "" && !slices.Contains(scenarioNames(), *profiled) {
		fmt.Fprintf(stderr, "sibu bench: -profile %q is not a scenario (have %s)\n", *profiled, names)
		return params{}, false
	}
	p.configPath = *configPath
	if p.configPath == "" {
		p.configPath = findConfig()
	}
	return p, true
}

// setIf sets *dst to v when v overrides the default (is above zero).
func setIf[T int | time.Duration](dst *T, v T) {
	if v > 0 {
		*dst = v
	}
}

// runAll runs the chosen scenarios in order until ctx ends; a scenario that
// fails leaves an error row and the next one runs.
func (e *env) runAll(ctx context.Context, stderr io.Writer) {
	for _, sc := range scenarios {
		if e.p.only != nil && !e.p.only[sc.name] {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		fmt.Fprintf(stderr, "sibu bench: %s…\n", sc.name)
		t0 := time.Now()
		if err := e.run(ctx, sc); err != nil {
			e.rep.add(Row{Scenario: sc.name, Figure: "error", Value: err.Error(), Verdict: "not measured"})
		}
		fmt.Fprintf(stderr, "sibu bench: %s done in %s\n", sc.name, time.Since(t0).Round(100*time.Millisecond))
	}
}

// run runs one scenario, under the CPU profiler when it is the one -profile
// names, and then drops the keys it left.
func (e *env) run(ctx context.Context, sc scenario) error {
	defer e.dropLive(context.WithoutCancel(ctx))
	if e.p.cpuProfile != "" && sc.name == e.p.profiled {
		f, err := os.Create(e.p.cpuProfile)
		if err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	return sc.run(e, ctx)
}

// findConfig looks for config.example.yaml in the working directory and its
// parents (the test runs in bench/).
func findConfig() string {
	dir, err := os.Getwd()
	if err != nil {
		return "config.example.yaml"
	}
	for {
		p := filepath.Join(dir, "config.example.yaml")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "config.example.yaml"
		}
		dir = parent
	}
}
