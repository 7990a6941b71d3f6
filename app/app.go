package app

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"

	"sibu/config"
	"sibu/records"
	"sibu/scheduler"
	"sibu/storage"
)

// drain bounds how long in-flight work may take after a shutdown signal.
const drain = 20 * time.Second

// Run starts sibu and blocks until ctx is cancelled and everything has
// finished its in-flight work. It needs a bot token (config.ErrNoToken
// without one); with no token main runs RunPlayground instead. Time is the
// wall clock, unless cfg.TestClock: then one playground.Clock, which POST
// /debug/clock on the ops listener moves (see debugClock).
func Run(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	if cfg.Telegram.Token == "" {
		return config.ErrNoToken
	}
	rdb, closeRedis, err := storage.Connect(ctx, cfg.Redis.URL, log)
	if err != nil {
		return err
	}
	defer closeRedis()
	if cfg.Redis.URL != "" {
		if err := storage.CheckDurability(ctx, rdb, log); err != nil {
			return err
		}
	}
	return run(ctx, cfg, log, rdb, nil)
}

// addJobs registers every scheduled job with sched: the operators' backlog
// line, and each feature's jobs over deps. coarse (the playground's
// hand-driven clock) runs frequent jobs less often, so advancing demo time
// by a week walks few ticks.
func addJobs(sched *scheduler.Scheduler, deps scheduler.Deps, relay *records.Relay, coarse bool) error {
	backlogSpec := "@every 1m"
	if coarse {
		backlogSpec = "@every 1h"
	}
	if err := sched.Add("backlog", backlogSpec, func(ctx context.Context, _ time.Time) (map[string]any, error) {
		st, err := relay.Stats(ctx)
		if err != nil {
			return nil, err
		}
		chats, err := deps.Store.InboxStats(ctx)
		if err != nil {
			return nil, err
		}
		return map[string]any{"chats_waiting": chats, "outbox": st.Length, "outbox_dead": st.Dead,
			"outbox_oldest_s": st.OldestAge.Seconds()}, nil
	}); err != nil {
		return err
	}
	commitments := deps
	commitments.Log = deps.Log.With("component", "commitments")
	for _, register := range []func() error{
		func() error { return (&scheduler.SurveyJobs{Deps: deps}).Register(sched, coarse) },
		func() error { return (&scheduler.TalkJobs{Deps: deps}).Register(sched, coarse) },
		func() error { return (&scheduler.TalkInviteeJobs{Deps: deps}).Register(sched) },
		func() error { return (&scheduler.CommitmentJobs{Deps: commitments}).Register(sched) },
		func() error { return (&scheduler.RecordsJobs{Deps: deps}).Register(sched) },
		func() error { return (&scheduler.DisciplineJobs{Deps: deps}).Register(sched) },
		func() error { return (&scheduler.ResearchJobs{Deps: deps}).Register(sched) },
		func() error { return addSweep(sched, deps.Store, deps.Log) },
	} {
		if err := register(); err != nil {
			return err
		}
	}
	return nil
}

// addSweep registers the hourly housekeeping no code path ends by itself
// (storage.Sweep): consumers of dead processes, old dead letters.
func addSweep(sched *scheduler.Scheduler, store *storage.Store, log *slog.Logger) error {
	return sched.Add("sweep", "@every 1h", func(ctx context.Context, _ time.Time) (map[string]any, error) {
		sw, err := store.Sweep(ctx)
		if sw.DeadLetters > 0 {
			log.Warn("records events dead-lettered over 30 days ago (or beyond 100,000) removed unreplayed", "count", sw.DeadLetters)
		}
		return map[string]any{"consumers_removed": sw.Consumers, "dead_letters_removed": sw.DeadLetters}, err
	})
}

// getMe learns the bot's username (for t.me links), retrying while the
// network is down; a rejected token is fatal.
func getMe(ctx context.Context, tg *tgbot.Bot, log *slog.Logger) (string, error) {
	backoff := time.Second
	for {
		me, err := tg.GetMe(ctx)
		if err == nil {
			return me.Username, nil
		}
		if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
			return "", fmt.Errorf("telegram rejected the bot token (getMe: %v); check SIBU_TELEGRAM_TOKEN", err)
		}
		log.Warn("getMe failed; retrying", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// NewCode returns an unguessable code (invites, unit links, roster
// references: 80 random bits, URL-safe, within t.me's start parameter
// alphabet).
func NewCode() string {
	var b [10]byte
	rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

func instanceName() string {
	h, _ := os.Hostname()
	var b [3]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%x", h, os.Getpid(), b)
}

// indexLeads fills the supervisors' index from people stored by an earlier
// release (once per store) before jobs and steps look supervisors up; while
// Redis is unreachable it goes on trying in the background.
func indexLeads(ctx context.Context, store *storage.Store, log *slog.Logger) {
	try := func() bool {
		n, err := store.IndexLeads(ctx)
		if err != nil {
			log.Warn("supervisors index not filled yet; retrying", "err", err)
			return false
		}
		if n > 0 {
			log.Info("supervisors indexed from earlier data", "count", n)
		}
		return true
	}
	if try() {
		return
	}
	go func() {
		for wait := time.Second; ; wait = min(2*wait, time.Minute) {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			if try() {
				return
			}
		}
	}()
}
