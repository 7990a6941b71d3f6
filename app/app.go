// Package app wires sibu together: configuration → store → flows → bot,
// records relay and scheduler, plus the operations HTTP endpoint. main.go and
// the end-to-end tests both use Run.
package app

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/config"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/playground"
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
	return run(ctx, cfg, log, rdb, nil)
}

// run wires and runs everything; pg is nil in normal mode.
func run(ctx context.Context, cfg *config.Config, log *slog.Logger, rdb redis.UniversalClient, pg *playgroundMode) error {
	owner := instanceName()
	log = log.With("instance", owner)
	now := time.Now
	var schedClock scheduler.Clock = scheduler.WallClock{}
	var clock *playground.Clock // the one movable clock: the playground's, or the test clock
	switch {
	case pg != nil:
		clock = pg.clock
	case cfg.TestClock:
		clock = playground.NewClock()
		log.Warn("SIBU_TEST_CLOCK=1: POST /debug/clock on the ops listener moves this instance's time (staging and acceptance tests only)")
	}
	if clock != nil {
		now, schedClock = clock.Now, clock
	}
	key, err := anonymityKey(cfg, pg != nil, log)
	if err != nil {
		return err
	}

	httpClient := bot.HTTPClient()
	tg, err := tgbot.New(cfg.Telegram.Token,
		tgbot.WithServerURL(cfg.Telegram.APIURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(60*time.Second, httpClient),
		tgbot.WithErrorsHandler(func(err error) { log.Error("telegram", "err", err) }),
	)
	if err != nil {
		return fmt.Errorf("telegram client: %w", err)
	}
	me, err := getMe(ctx, tg, log)
	if err != nil {
		return err
	}
	log.Info("bot identity", "username", me)

	store := storage.New(rdb, cfg.Redis.Prefix, storage.Options{Units: cfg.Units, Root: cfg.Root, Now: now, Source: pg.recordsSource(), Anonymity: key})
	if err := checkAnonymityKey(ctx, store, log); err != nil {
		return err
	}
	indexLeads(ctx, store, log)
	admins := map[int64]bool{}
	for _, id := range cfg.Admins {
		admins[id] = true
	}
	engine := flows.NewEngine(flows.Env{
		Env: kit.Env{BotUsername: me, Units: cfg.Units, Root: cfg.Root, Admins: admins, InviteTTL: cfg.InviteTTL,
			NewCode: newCode, Location: cfg.Location, Quiet: cfg.Quiet},
		Surveys: cfg.Surveys, Talk: cfg.Talks.Settings, Commitment: cfg.Commitment.Settings(),
	})

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := bot.NewMetrics()
	reg.MustRegister(metrics.Collectors()...)
	l := cfg.Telegram.Limits
	b := bot.New(tg, store, engine, log, metrics, bot.Options{Workers: cfg.Workers, Owner: owner, Admins: cfg.Admins, Now: now,
		Limits: bot.Limits{Global: l.GlobalPerSecond, PerChat: l.PerChatPerSecond, Burst: l.PerChatBurst, PerGroupMinute: l.PerGroupPerMinute}})
	if pg != nil {
		// Before Setup: the officials' command menus need their chats.
		if err := playground.Seed(ctx, store, pg.emu, pg.people, now()); err != nil {
			return fmt.Errorf("playground: %w", err)
		}
	}
	if err := b.Setup(ctx); err != nil {
		log.Warn("command menus or description not set (the bot works without them; an empty chat shows no description)", "err", err)
	}

	recordsURL := cfg.Records.URL
	if recordsURL == "" {
		abs, _ := filepath.Abs(defaultRecordsFile(pg != nil))
		recordsURL = "file://" + abs
		log.Info("records go to a local file (set SIBU_RECORDS_URL for the records system)", "path", abs)
	}
	sink, err := records.NewSink(recordsURL, cfg.Records.Secret, &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		return fmt.Errorf("config: records.url (SIBU_RECORDS_URL): %w", err)
	}
	if hs, ok := sink.(*records.HTTPSink); ok && !hs.Signed() && pg == nil { // the playground never signs: RunPlayground says so
		log.Warn("SIBU_RECORDS_SECRET is empty: records events are sent unsigned")
	}
	relay := records.NewRelay(rdb, store.Keys(), sink, records.RelayOptions{
		Consumer: owner, MaxAttempts: cfg.Records.MaxAttempts, Clock: now,
	}, log.With("component", "relay"))
	reg.MustRegister(relay.Collectors()...)

	sched := scheduler.New(rdb, store.Keys(), cfg.Location, schedClock, log.With("component", "scheduler"))
	reg.MustRegister(sched.Collectors()...)
	if err := addJobs(sched, scheduler.Deps{Store: store, Engine: engine, Now: now, Log: log}, relay, pg != nil); err != nil {
		return err
	}

	// Operations endpoint.
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := store.Ping(ctx); err != nil {
			http.Error(w, "redis unreachable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	var servers []*http.Server
	var keeper *playground.Timekeeper // runs the jobs when there is a movable clock
	if clock != nil {
		keeper = playground.NewTimekeeper(clock, sched, log.With("component", "timekeeper"))
	}
	if pg == nil {
		if cfg.TestClock {
			mux.Handle("/debug/clock", debugClock(clock, keeper, cfg.Location, log.With("component", "test_clock")))
		}
		servers = append(servers, &http.Server{Addr: cfg.HTTP.Listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second})
	} else {
		// One loopback server: the page and its API, with the operations
		// endpoints beside them (no second port to collide with).
		mux.Handle("/", playground.New(playground.Options{Emulator: pg.emu, People: pg.people, Clock: pg.clock,
			Advancer: keeper, Directory: store, Units: cfg.Units, Location: cfg.Location, Log: log.With("component", "playground"), Listen: pg.listen}))
		servers = append(servers, &http.Server{Addr: pg.listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second})
	}

	run, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	switch cfg.Telegram.Mode {
	case "webhook":
		wmux := http.NewServeMux()
		wmux.Handle(cfg.Telegram.Webhook.Path, bot.NewWebhook(cfg.Telegram.Webhook.Secret, store, log, metrics, b.Wake))
		// Telegram posts small bodies and waits for the answer: a client
		// that trickles a body or never reads the answer is cut off.
		servers = append(servers, &http.Server{Addr: cfg.Telegram.Webhook.Listen, Handler: wmux, ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute})
		if pub := cfg.Telegram.Webhook.PublicURL; pub != "" {
			_, err := tg.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: strings.TrimRight(pub, "/") + cfg.Telegram.Webhook.Path,
				SecretToken: cfg.Telegram.Webhook.Secret, AllowedUpdates: bot.AllowedUpdates})
			if err != nil {
				return fmt.Errorf("setWebhook: %w", err)
			}
		} else {
			log.Warn("telegram.webhook.public_url is empty: register the webhook with setWebhook yourself")
		}
	default:
		if _, err := tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
			log.Warn("deleteWebhook failed (polling may get 409 while a webhook is set)", "err", err)
		}
		poller := bot.NewPoller(httpClient, cfg.Telegram.APIURL, cfg.Telegram.Token, store, rdb, store.Keys(), owner, log, metrics, b.Wake)
		wg.Add(1)
		go func() { defer wg.Done(); poller.Run(run) }()
	}
	for i, srv := range servers {
		ln, err := net.Listen("tcp", srv.Addr)
		if err != nil {
			return fmt.Errorf("listen %s: %w", srv.Addr, err)
		}
		log.Info("listening", "addr", ln.Addr().String())
		if pg != nil && i == 0 && pg.ready != nil {
			pg.ready("http://" + ln.Addr().String())
		}
		wg.Add(1)
		go func(srv *http.Server) {
			defer wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		}(srv)
	}
	wg.Add(3)
	go func() { defer wg.Done(); b.Run(run, drain) }()
	go func() { defer wg.Done(); relay.Run(run) }()
	go func() {
		defer wg.Done()
		if keeper != nil {
			keeper.Run(run) // the movable clock drives the jobs
			return
		}
		if err := sched.Start(run); err != nil {
			errc <- err
		}
	}()
	log.Info("sibu started", "mode", cfg.Telegram.Mode, "units", len(cfg.Units), "questionnaires", len(cfg.Surveys))

	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down: finishing in-flight work")
	case runErr = <-errc:
		log.Error("fatal", "err", runErr)
	}
	cancel()
	stopCtx, stopCancel := context.WithTimeout(context.Background(), drain)
	defer stopCancel()
	sched.Stop(stopCtx)
	for _, srv := range servers {
		srv.Shutdown(stopCtx)
	}
	wg.Wait()
	log.Info("sibu stopped")
	return runErr
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
		func() error { return (&scheduler.CommitmentJobs{Deps: commitments}).Register(sched) },
		func() error { return (&scheduler.RecordsJobs{Deps: deps}).Register(sched) },
	} {
		if err := register(); err != nil {
			return err
		}
	}
	return nil
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

// newCode returns an unguessable invite code (80 random bits, URL-safe,
// within t.me's start parameter alphabet).
func newCode() string {
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
