package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"sibu/config"
	"sibu/records"
	"sibu/storage"
)

// replay is `sibu replay [-config file] [-n N]`: it moves up to N events
// from the dead-letter stream back to the outbox (same bytes, same id, so
// the records system can dedupe) after the records system was repaired, and
// prints the outbox figures.
func replay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sibu replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.example.yaml", "configuration file (SIBU_REDIS_URL applies)")
	n := fs.Int("n", 1000, "at most this many dead-letter events")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, err := config.Load(*path, os.LookupEnv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if cfg.Redis.URL == "" {
		fmt.Fprintln(stderr, "sibu replay: SIBU_REDIS_URL is empty — the embedded Redis lives inside the running bot; nothing to replay from here")
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	rdb, closeRedis, err := storage.Connect(ctx, cfg.Redis.URL, log)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer closeRedis()
	relay := records.NewRelay(rdb, storage.NewKeys(cfg.Redis.Prefix), nil, records.RelayOptions{}, log)
	moved, err := relay.Replay(ctx, *n)
	if err != nil {
		fmt.Fprintln(stderr, "sibu replay:", err)
		return 1
	}
	st, err := relay.Stats(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "sibu replay:", err)
		return 1
	}
	fmt.Fprintf(stdout, "moved %d dead-letter event(s) back to the outbox; outbox %d, dead letters left %d\n", moved, st.Length, st.Dead)
	return 0
}
