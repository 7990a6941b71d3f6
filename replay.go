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

// replay is `sibu replay [-config file] [-n N] [-updates]`: it moves up to
// N events from the dead-letter stream back to the outbox (same bytes, same
// id, so the records system can dedupe) after the records system was
// repaired, and prints the outbox figures. With -updates it puts up to N
// entries of the chats' dead list (updates that could not be applied,
// replies that could not be sent) back where they came from instead, once
// what failed them is repaired.
func replay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sibu replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "config.example.yaml", "configuration file (SIBU_REDIS_URL applies)")
	n := fs.Int("n", 1000, "at most this many dead-letter events (or dead updates and replies)")
	updates := fs.Bool("updates", false, "replay the chats' dead list (updates and replies set aside) instead of records events")
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
	if *updates {
		return replayUpdates(ctx, storage.New(rdb, cfg.Redis.Prefix, storage.Options{}), *n, stdout, stderr)
	}
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

// replayUpdates puts up to n entries of the dead list back in their chats
// and prints what is left.
func replayUpdates(ctx context.Context, store *storage.Store, n int, stdout, stderr io.Writer) int {
	moved, err := store.ReplayDead(ctx, n)
	if err != nil {
		fmt.Fprintln(stderr, "sibu replay:", err)
		return 1
	}
	left, err := store.DeadCount(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "sibu replay:", err)
		return 1
	}
	fmt.Fprintf(stdout, "put %d dead update(s) and reply(ies) back in their chats; dead list left %d\n", moved, left)
	return 0
}
