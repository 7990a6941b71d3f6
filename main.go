// Command sibu is the 四步 Telegram bot. main only wires: read the
// configuration, set up logging and signals, and hand over to app.Run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"sibu/app"
	"sibu/bench"
	"sibu/config"
)

func main() {
	os.Exit(run())
}

func run() int {
	if code, ok := bench.Child(); ok {
		return code // a bot the peer benchmark runs in a process of its own
	}
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "bench":
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return bench.Main(ctx, os.Args[2:], os.Stdout, os.Stderr)
		case "check":
			return check(os.Args[2:], os.Stdout, os.Stderr)
		case "replay":
			if err := config.CheckEnvironment(os.Environ()); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
			return replay(context.Background(), os.Args[2:], os.Stdout, os.Stderr)
		case "roster":
			if err := config.CheckEnvironment(os.Environ()); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 2
			}
			return rosterCmd(context.Background(), os.Args[2:], os.Stdout, os.Stderr)
		}
	}
	fs := flag.NewFlagSet("sibu", flag.ContinueOnError)
	path := fs.String("config", "config.example.yaml", "configuration file (YAML)")
	askPlayground := fs.Bool("playground", false, "start the playground (built-in Bot API emulator, demo people) even with production settings present (or SIBU_PLAYGROUND=1)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 2
	}
	// A misspelt variable is an error, not a setting silently left out.
	if err := config.CheckEnvironment(os.Environ()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.Load(*path, os.LookupEnv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	usePlayground, err := cfg.UsePlayground(*askPlayground)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if usePlayground {
		return playground(ctx, cfg)
	}
	err = app.Run(ctx, cfg, log)
	switch {
	case errors.Is(err, config.ErrNoToken):
		fmt.Fprintln(os.Stderr, config.NoTokenHelp)
		return 2
	case err != nil:
		fmt.Fprintln(os.Stderr, "sibu:", err)
		return 1
	}
	return 0
}

// playground runs the bot against the built-in Bot API emulator (no token
// on a machine without production settings, or asked for) and prints one
// line: where the page is and what it is. Only warnings and errors are
// logged, on stderr.
func playground(ctx context.Context, cfg *config.Config) int {
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	listen := os.Getenv("SIBU_PLAYGROUND_LISTEN")
	err := app.RunPlayground(ctx, cfg, log, app.PlaygroundOptions{Listen: listen, Ready: func(url string) {
		store := "embedded in-memory store (set SIBU_REDIS_URL for Redis)"
		if cfg.Redis.URL != "" {
			store = "Redis at SIBU_REDIS_URL, demo keys apart"
		}
		records := "records → ./sibu-playground-records.jsonl (set SIBU_RECORDS_URL to send them)"
		if cfg.Records.URL != "" {
			records = "records → SIBU_RECORDS_URL, unsigned, source " + app.PlaygroundSource
		}
		fmt.Printf("sibu playground (演示环境: built-in Bot API emulator instead of Telegram, demo people): open %s — %s; %s\n",
			url, store, records)
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sibu playground:", err)
		return 1
	}
	return 0
}
