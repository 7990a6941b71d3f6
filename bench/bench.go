// Package bench is the `sibu bench` command: measured throughput, latency,
// push rate, records relay and Redis footprint against the Bot API emulator,
// a private redis-server and a local records sink, side by side with a bare
// go-telegram/bot echo bot measured in the same run.
//
// It measures; it does not judge: every figure is printed with its goal and
// a verdict, and the command exits 0 whatever the numbers.
package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"
)

// params are the sizes and switches of one run.
type params struct {
	quick      bool
	jsonOut    bool
	redisURL   string
	configPath string
	cpuProfile string
	profiled   string // the scenario cpuProfile covers
	only       map[string]bool

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

// scenarioNames lists the scenarios in the order they run.
var scenarioNames = []string{"baseline", "intake", "load", "push", "outbox", "footprint", "status", "commitments"}

// Main runs the benchmark with command-line args and returns the exit code:
// 2 for bad flags, 1 when the environment cannot be set up (no redis-server,
// no configuration), 0 after measuring, whatever the figures.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sibu bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "small sizes, finishes in under 60 s (CI smoke use)")
	jsonOut := fs.Bool("json", false, "print the results as JSON instead of a table")
	redisURL := fs.String("redis", "", "use this Redis (redis://… or unix://…) instead of starting a private redis-server")
	configPath := fs.String("config", "", "configuration with the demo questionnaire (default: config.example.yaml here or in a parent directory)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of one scenario (-profile) to this file")
	profiled := fs.String("profile", "intake", "the scenario -cpuprofile profiles")
	only := fs.String("run", "", "comma-separated scenarios to run (default all): "+strings.Join(scenarioNames, ","))
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
		return 2
	}
	p := defaults(*quick)
	p.quick, p.jsonOut, p.redisURL, p.cpuProfile, p.profiled = *quick, *jsonOut, *redisURL, *cpuProfile, *profiled
	setIf := func(dst *int, v int) {
		if v > 0 {
			*dst = v
		}
	}
	setIf(&p.users, *users)
	setIf(&p.pushes, *pushes)
	setIf(&p.events, *events)
	setIf(&p.responses, *responses)
	setIf(&p.statusPeople, *people)
	if *loadFor > 0 {
		p.loadDuration = *loadFor
	}
	if *steadyFor > 0 {
		p.steadyFor = *steadyFor
	}
	if p.sessions > p.users {
		p.sessions = p.users
	}
	if *only != "" {
		p.only = map[string]bool{}
		for _, s := range strings.Split(*only, ",") {
			s = strings.TrimSpace(s)
			if !contains(scenarioNames, s) {
				fmt.Fprintf(stderr, "sibu bench: unknown scenario %q (have %s)\n", s, strings.Join(scenarioNames, ","))
				return 2
			}
			p.only[s] = true
		}
	}
	if *cpuProfile != "" && !contains(scenarioNames, *profiled) {
		fmt.Fprintf(stderr, "sibu bench: -profile %q is not a scenario (have %s)\n", *profiled, strings.Join(scenarioNames, ","))
		return 2
	}
	p.configPath = *configPath
	if p.configPath == "" {
		p.configPath = findConfig()
	}

	started := time.Now()
	e, err := setup(ctx, p, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "sibu bench:", err)
		return 1
	}
	defer e.close()
	if *workers > 0 {
		e.cfg.Workers = *workers
	}
	if *verbose {
		e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}

	rep := &report{Date: started.Format(time.RFC3339), GoVersion: runtime.Version(), CPUs: runtime.NumCPU(),
		OS: runtime.GOOS + "/" + runtime.GOARCH, Mode: map[bool]string{true: "quick", false: "full"}[p.quick],
		Redis: e.redisDesc}
	e.rep = rep
	for _, name := range scenarioNames {
		if p.only != nil && !p.only[name] {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		fmt.Fprintf(stderr, "sibu bench: %s…\n", name)
		t0 := time.Now()
		if err := e.run(ctx, name); err != nil {
			rep.add(Row{Scenario: name, Figure: "error", Value: err.Error(), Verdict: "not measured"})
		}
		fmt.Fprintf(stderr, "sibu bench: %s done in %s\n", name, time.Since(t0).Round(100*time.Millisecond))
	}
	rep.Elapsed = time.Since(started).Round(100 * time.Millisecond).String()
	if p.jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		rep.print(stdout)
	}
	return 0
}

func (e *env) run(ctx context.Context, name string) error {
	if e.p.cpuProfile != "" && name == e.p.profiled {
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
	switch name {
	case "baseline":
		return e.baseline(ctx)
	case "intake":
		return e.intake(ctx)
	case "load":
		return e.fixedLoad(ctx)
	case "push":
		return e.push(ctx)
	case "outbox":
		return e.outbox(ctx)
	case "footprint":
		return e.footprint(ctx)
	case "status":
		return e.status(ctx)
	case "commitments":
		return e.commitments(ctx)
	}
	return errors.New("unknown scenario")
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Row is one measured figure.
type Row struct {
	Scenario string  `json:"scenario"`
	Figure   string  `json:"figure"`
	Value    string  `json:"value"`
	Number   float64 `json:"number,omitempty"` // the value as a number, in Unit
	Unit     string  `json:"unit,omitempty"`
	Goal     string  `json:"goal,omitempty"`
	Verdict  string  `json:"verdict,omitempty"` // ratio to the baseline, ok / MISSED, or a note
}

// report is everything one run prints.
type report struct {
	Date      string   `json:"date"`
	GoVersion string   `json:"go_version"`
	CPUs      int      `json:"cpus"`
	OS        string   `json:"os"`
	Mode      string   `json:"mode"`
	Redis     string   `json:"redis"`
	Elapsed   string   `json:"elapsed"`
	Rows      []Row    `json:"rows"`
	Notes     []string `json:"notes,omitempty"`
}

func (r *report) add(row Row) { r.Rows = append(r.Rows, row) }

func (r *report) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "sibu bench — %s, %s mode, %d CPUs, %s, %s, Redis: %s, took %s\n\n",
		r.Date, r.Mode, r.CPUs, r.OS, r.GoVersion, r.Redis, r.Elapsed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "scenario\tfigure\tvalue\tgoal\tratio / verdict")
	fmt.Fprintln(tw, "--------\t------\t-----\t----\t---------------")
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", row.Scenario, row.Figure, row.Value, row.Goal, row.Verdict)
	}
	tw.Flush()
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range r.Notes {
			fmt.Fprintln(w, "  - "+n)
		}
	}
}

// verdict says whether a figure met its goal: atLeast for "≥ goal" goals.
func verdict(v, goal float64, atLeast bool) string {
	if atLeast && v >= goal || !atLeast && v <= goal {
		return "ok"
	}
	return "MISSED"
}

// ratio formats v/base as "×0.87 of baseline".
func ratio(v, base float64) string {
	if base <= 0 {
		return "no baseline"
	}
	return fmt.Sprintf("×%.2f of baseline", v/base)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
