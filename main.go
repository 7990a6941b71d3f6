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
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "bench":
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return bench.Main(ctx, os.Args[2:], os.Stdout, os.Stderr)
		}
	}
	fs := flag.NewFlagSet("sibu", flag.ContinueOnError)
	path := fs.String("config", "config.example.yaml", "configuration file (YAML)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 2
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.Load(*path, os.LookupEnv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
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
