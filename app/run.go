package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
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

// instance is one running sibu as run wires it, step by step.
type instance struct {
	cfg   *config.Config
	log   *slog.Logger
	rdb   redis.UniversalClient
	pg    *playgroundMode // nil in normal mode
	owner string

	now        func() time.Time
	clock      *playground.Clock // the one movable clock: the playground's, or the test clock
	schedClock scheduler.Clock

	httpClient *http.Client
	tg         *tgbot.Bot
	store      *storage.Store
	engine     *flows.Engine
	reg        *prometheus.Registry
	metrics    *bot.Metrics
	bot        *bot.Bot
	relay      *records.Relay
	sched      *scheduler.Scheduler
	keeper     *playground.Timekeeper // runs the jobs when there is a movable clock
	servers    []*http.Server
}

// run wires and runs everything; pg is nil in normal mode.
func run(ctx context.Context, cfg *config.Config, log *slog.Logger, rdb redis.UniversalClient, pg *playgroundMode) error {
	owner := instanceName()
	in := &instance{cfg: cfg, log: log.With("instance", owner), rdb: rdb, pg: pg, owner: owner}
	in.clocks()
	for _, step := range []func(context.Context) error{in.telegram, in.openStore, in.flowsAndBot, in.relayAndJobs} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	in.opsServers()
	return in.serve(ctx)
}

// clocks picks the clock everything reads: the wall clock, or a movable
// one (the playground's, or the test clock).
func (in *instance) clocks() {
	in.now, in.schedClock = time.Now, scheduler.WallClock{}
	switch {
	case in.pg != nil:
		in.clock = in.pg.clock
	case in.cfg.TestClock:
		in.clock = playground.NewClock()
		in.log.Warn("SIBU_TEST_CLOCK=1: POST /debug/clock on the ops listener moves this instance's time (staging and acceptance tests only)")
	}
	if in.clock != nil {
		in.now, in.schedClock = in.clock.Now, in.clock
	}
}

// telegram makes the Bot API client and learns the bot's name.
func (in *instance) telegram(ctx context.Context) error {
	in.httpClient = bot.HTTPClient()
	tg, err := tgbot.New(in.cfg.Telegram.Token,
		tgbot.WithServerURL(in.cfg.Telegram.APIURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(60*time.Second, in.httpClient),
		tgbot.WithErrorsHandler(func(err error) { in.log.Error("telegram", "err", err) }),
	)
	if err != nil {
		return fmt.Errorf("telegram client: %w", err)
	}
	in.tg = tg
	return nil
}

// openStore opens the store under the anonymity key, checks that every
// replica shares that key, and indexes the units' leads.
func (in *instance) openStore(ctx context.Context) error {
	key, err := anonymityKey(in.cfg, in.pg != nil, in.log)
	if err != nil {
		return err
	}
	cfg := in.cfg
	in.store = storage.New(in.rdb, cfg.Redis.Prefix, storage.Options{Units: cfg.Units, Root: cfg.Root, Now: in.now,
		Source: in.pg.recordsSource(), Anonymity: key})
	if err := checkAnonymityKey(ctx, in.store, in.log); err != nil {
		return err
	}
	indexLeads(ctx, in.store, in.log)
	return nil
}

// flowsAndBot builds the flows engine and the bot, seeds the playground's
// people, and sets the command menus and the bot's description.
func (in *instance) flowsAndBot(ctx context.Context) error {
	me, err := getMe(ctx, in.tg, in.log)
	if err != nil {
		return err
	}
	in.log.Info("bot identity", "username", me)
	cfg := in.cfg
	admins := map[int64]bool{}
	for _, id := range cfg.Admins {
		admins[id] = true
	}
	in.engine = flows.NewEngine(flows.Env{
		Env: kit.Env{BotUsername: me, Units: cfg.Units, Root: cfg.Root, Admins: admins, InviteTTL: cfg.InviteTTL,
			NewCode: NewCode, Location: cfg.Location, Quiet: cfg.Quiet, NoSeparation: !cfg.Separation()},
		Surveys: cfg.Surveys, Talk: cfg.Talks.Settings, Commitment: cfg.Commitment.Settings(),
		Research: cfg.Research.Settings,
	})
	in.reg = prometheus.NewRegistry()
	in.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	in.metrics = bot.NewMetrics()
	in.reg.MustRegister(in.metrics.Collectors()...)
	l := cfg.Telegram.Limits
	in.bot = bot.New(in.tg, in.store, in.engine, in.log, in.metrics, bot.Options{Workers: cfg.Workers, Owner: in.owner,
		Admins: cfg.Admins, Now: in.now,
		Limits: bot.Limits{Global: l.GlobalPerSecond, PerChat: l.PerChatPerSecond, Burst: l.PerChatBurst, PerGroupMinute: l.PerGroupPerMinute}})
	if in.pg != nil {
		// Before Setup: the officials' command menus need their chats.
		if err := playground.Seed(ctx, in.store, in.pg.emu, in.pg.people, in.now()); err != nil {
			return fmt.Errorf("playground: %w", err)
		}
		if err := playground.SeedResearch(ctx, in.store, cfg.Research.Settings.Campaigns["hj2026"], in.now(), cfg.Location); err != nil {
			return fmt.Errorf("playground: %w", err)
		}
	}
	if err := in.bot.Setup(ctx); err != nil {
		in.log.Warn("command menus or description not set (the bot works without them; an empty chat shows no description)", "err", err)
	}
	return nil
}

// relayAndJobs makes the records relay (to the records system or a local
// file) and the scheduler with every job.
func (in *instance) relayAndJobs(context.Context) error {
	cfg := in.cfg
	recordsURL := cfg.Records.URL
	if recordsURL == "" {
		abs, _ := filepath.Abs(defaultRecordsFile(in.pg != nil))
		recordsURL = "file://" + abs
		in.log.Info("records go to a local file (set SIBU_RECORDS_URL for the records system)", "path", abs)
	}
	sink, err := records.NewSink(recordsURL, cfg.Records.Secret, &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		return fmt.Errorf("config: records.url (SIBU_RECORDS_URL): %w", err)
	}
	if hs, ok := sink.(*records.HTTPSink); ok && !hs.Signed() && in.pg == nil { // the playground never signs: RunPlayground says so
		in.log.Warn("SIBU_RECORDS_SECRET is empty: records events are sent unsigned")
	}
	in.relay = records.NewRelay(in.rdb, in.store.Keys(), sink, records.RelayOptions{
		Consumer: in.owner, MaxAttempts: cfg.Records.MaxAttempts, Clock: in.now,
	}, in.log.With("component", "relay"))
	in.reg.MustRegister(in.relay.Collectors()...)
	in.sched = scheduler.New(in.rdb, in.store.Keys(), cfg.Location, in.schedClock, in.log.With("component", "scheduler"))
	in.reg.MustRegister(in.sched.Collectors()...)
	return addJobs(in.sched, scheduler.Deps{Store: in.store, Engine: in.engine, Now: in.now, Log: in.log}, in.relay, in.pg != nil)
}

// opsServers makes the operations endpoint (/healthz, /readyz, /metrics,
// and /debug/clock with the test clock), or in the playground one loopback
// server with the page, its API and the operations endpoints beside them.
func (in *instance) opsServers() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := in.store.Ping(ctx); err != nil {
			http.Error(w, "redis unreachable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("/metrics", promhttp.HandlerFor(in.reg, promhttp.HandlerOpts{}))
	if in.clock != nil {
		in.keeper = playground.NewTimekeeper(in.clock, in.sched, in.log.With("component", "timekeeper"))
		in.keeper.WaitForDeliveries(in.store) // what fell due is delivered at its time, in order
	}
	cfg, pg := in.cfg, in.pg
	if pg == nil {
		if cfg.TestClock {
			mux.Handle("/debug/clock", debugClock(in.clock, in.keeper, cfg.Location, in.log.With("component", "test_clock")))
		}
		in.servers = append(in.servers, &http.Server{Addr: cfg.HTTP.Listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second})
		return
	}
	mux.Handle("/", playground.New(playground.Options{Emulator: pg.emu, People: pg.people, Clock: pg.clock,
		Advancer: in.keeper, Directory: in.store, Units: cfg.Units, Location: cfg.Location, Log: in.log.With("component", "playground"), Listen: pg.listen}))
	in.servers = append(in.servers, &http.Server{Addr: pg.listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second})
}

// intake sets up how updates come in: the webhook server (registering it
// with Telegram when its public URL is known), or the poller, started on
// wg.
func (in *instance) intake(ctx, run context.Context, wg *sync.WaitGroup) error {
	cfg := in.cfg
	if cfg.Telegram.Mode == "webhook" {
		wmux := http.NewServeMux()
		wmux.Handle(cfg.Telegram.Webhook.Path, bot.NewWebhook(cfg.Telegram.Webhook.Secret, in.store, in.log, in.metrics, in.bot.Wake))
		// Telegram posts small bodies and waits for the answer: a client
		// that trickles a body or never reads the answer is cut off.
		in.servers = append(in.servers, &http.Server{Addr: cfg.Telegram.Webhook.Listen, Handler: wmux, ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute})
		pub := cfg.Telegram.Webhook.PublicURL
		if pub == "" {
			in.log.Warn("telegram.webhook.public_url is empty: register the webhook with setWebhook yourself")
			return nil
		}
		_, err := in.tg.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: strings.TrimRight(pub, "/") + cfg.Telegram.Webhook.Path,
			SecretToken: cfg.Telegram.Webhook.Secret, AllowedUpdates: bot.AllowedUpdates})
		if err != nil {
			return fmt.Errorf("setWebhook: %w", err)
		}
		return nil
	}
	if _, err := in.tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		in.log.Warn("deleteWebhook failed (polling may get 409 while a webhook is set)", "err", err)
	}
	poller := bot.NewPoller(in.httpClient, cfg.Telegram.APIURL, cfg.Telegram.Token, in.store, in.rdb, in.store.Keys(),
		in.owner, in.log, in.metrics, in.bot.Wake)
	wg.Add(1)
	go func() { defer wg.Done(); poller.Run(run) }()
	return nil
}

// listen starts every server on wg; a server that fails reports on errc.
func (in *instance) listen(wg *sync.WaitGroup, errc chan<- error) error {
	for i, srv := range in.servers {
		ln, err := net.Listen("tcp", srv.Addr)
		if err != nil {
			return fmt.Errorf("listen %s: %w", srv.Addr, err)
		}
		in.log.Info("listening", "addr", ln.Addr().String())
		if in.pg != nil && i == 0 && in.pg.ready != nil {
			in.pg.ready("http://" + ln.Addr().String())
		}
		wg.Add(1)
		go func(srv *http.Server) {
			defer wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- err
			}
		}(srv)
	}
	return nil
}

// serve runs intake, servers, workers, relay and jobs until ctx is done or
// one fails, then lets in-flight work finish (up to drain).
func (in *instance) serve(ctx context.Context) error {
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	if err := in.intake(ctx, run, &wg); err != nil {
		return err
	}
	if err := in.listen(&wg, errc); err != nil {
		return err
	}
	wg.Add(3)
	go func() { defer wg.Done(); in.bot.Run(run, drain) }()
	go func() { defer wg.Done(); in.relay.Run(run) }()
	go func() {
		defer wg.Done()
		if in.keeper != nil {
			in.keeper.Run(run) // the movable clock drives the jobs
			return
		}
		if err := in.sched.Start(run); err != nil {
			errc <- err
		}
	}()
	in.log.Info("sibu started", "mode", in.cfg.Telegram.Mode, "units", len(in.cfg.Units), "questionnaires", len(in.cfg.Surveys))
	var runErr error
	select {
	case <-ctx.Done():
		in.log.Info("shutting down: finishing in-flight work")
	case runErr = <-errc:
		in.log.Error("fatal", "err", runErr)
	}
	cancel()
	stopCtx, stopCancel := context.WithTimeout(context.Background(), drain)
	defer stopCancel()
	in.sched.Stop(stopCtx)
	for _, srv := range in.servers {
		srv.Shutdown(stopCtx)
	}
	wg.Wait()
	in.log.Info("sibu stopped")
	return runErr
}
