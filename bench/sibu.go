package bench

import (
	"context"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/prometheus/client_golang/prometheus"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/storage"
	"sibu/tgemu"
)

// newEmu starts an emulator whose goroutines carry the pprof label
// side=emulator.
func newEmu() *tgemu.Server {
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(999, botUsername, "四步"),
		tgemu.WithLongPollMax(10*time.Second), tgemu.WithEventBuffer(1<<16))
	pprof.Do(context.Background(), pprof.Labels("side", "emulator"), func(context.Context) { emu.Start() })
	return emu
}

// sibu is a running sibu bot (polling intake, workers, push drain) wired as
// app.Run wires it, against one emulator and one key prefix.
type sibu struct {
	reg    *prometheus.Registry
	store  *storage.Store
	bot    *bot.Bot
	cancel context.CancelFunc
	done   sync.WaitGroup
	// webhook is the intake handler when the bot was started for webhook
	// delivery (no poller); nil with polling.
	webhook *bot.Webhook
}

// engine is the flow engine as app.Run builds it, with the demo
// questionnaire and invite codes counted up.
func (e *env) engine() *flows.Engine {
	admins := map[int64]bool{adminID: true}
	var n int64
	var mu sync.Mutex
	return flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: botUsername, Units: e.cfg.Units, Root: e.cfg.Root, Admins: admins, InviteTTL: e.cfg.InviteTTL, Location: e.cfg.Location, NewCode: func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return "bench" + strconv.FormatInt(n, 10)
	}}, Surveys: e.cfg.Surveys})
}

// store is the storage under prefix.
func (e *env) store(prefix string) *storage.Store {
	return storage.New(e.rdb, prefix, storage.Options{Units: e.cfg.Units, Root: e.cfg.Root, Anonymity: e.key})
}

// startSibu starts the bot with polling intake. Its goroutines carry the
// pprof label side=bot.
func (e *env) startSibu(ctx context.Context, apiURL, prefix string, limits bot.Limits) (*sibu, error) {
	return e.startBot(ctx, apiURL, prefix, limits, false, "bench")
}

// startReplica starts one replica of the bot named owner (its consumer
// name and lease owner) with polling intake; replicas on one prefix share
// its Redis state.
func (e *env) startReplica(ctx context.Context, emu *tgemu.Server, prefix string, limits bot.Limits, owner string) (*sibu, error) {
	return e.startBot(ctx, emu.URL(), prefix, limits, false, owner)
}

// startBot starts the bot named owner: with polling intake, or with
// webhook set with no poller and the webhook handler in sibu.webhook.
func (e *env) startBot(ctx context.Context, apiURL, prefix string, limits bot.Limits, webhook bool, owner string) (*sibu, error) {
	httpClient := bot.HTTPClient()
	tg, err := tgbot.New(token, tgbot.WithServerURL(apiURL), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(60*time.Second, httpClient),
		tgbot.WithErrorsHandler(func(err error) { e.log.Error("telegram", "err", err) }))
	if err != nil {
		return nil, err
	}
	store := e.store(prefix)
	metrics := bot.NewMetrics()
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.Collectors()...)
	b := bot.New(tg, store, e.engine(), e.log, metrics, bot.Options{Workers: e.cfg.Workers, Owner: owner,
		Admins: []int64{adminID}, Limits: limits})
	run, cancel := context.WithCancel(ctx)
	s := &sibu{reg: reg, store: store, bot: b, cancel: cancel}
	if webhook {
		s.webhook = bot.NewWebhook(webhookSecret, store, e.log, metrics, b.Wake)
	}
	pprof.Do(run, pprof.Labels("side", "bot"), func(run context.Context) {
		if !webhook {
			poller := bot.NewPoller(httpClient, apiURL, token, store, e.rdb, store.Keys(), owner, e.log, metrics, b.Wake)
			s.done.Go(func() { poller.Run(run) })
		}
		s.done.Go(func() { b.Run(run, 20*time.Second) }) // drain as in app.Run
	})
	return s, nil
}

// stepMean returns the mean of sibu_step_seconds (pickup → commit) and the
// number of steps.
func (s *sibu) stepMean() (time.Duration, uint64) {
	mfs, err := s.reg.Gather()
	if err != nil {
		return 0, 0
	}
	for _, mf := range mfs {
		if mf.GetName() != "sibu_step_seconds" {
			continue
		}
		for _, m := range mf.GetMetric() {
			h := m.GetHistogram()
			if h.GetSampleCount() > 0 {
				return time.Duration(h.GetSampleSum() / float64(h.GetSampleCount()) * float64(time.Second)), h.GetSampleCount()
			}
		}
	}
	return 0, 0
}

// close stops the bot and waits for its goroutines.
func (s *sibu) close() {
	s.cancel()
	s.done.Wait()
}

// limits returns the configured limits, with the per-chat limit raised
// when raisePerChat is set (a simulated user answers faster than a person)
// and the global cap set to global when it is above zero.
func (e *env) limits(raisePerChat bool, global float64) bot.Limits {
	l := e.cfg.Telegram.Limits
	lim := bot.Limits{Global: l.GlobalPerSecond, PerChat: l.PerChatPerSecond, Burst: l.PerChatBurst, PerGroupMinute: l.PerGroupPerMinute}
	if raisePerChat {
		lim.PerChat, lim.Burst = 1000, 100
	}
	if global > 0 {
		lim.Global = global
	}
	return lim
}

// scene is what a scenario with simulated users runs against: an emulator,
// the hub that hands its events to the users, and the bot once started.
type scene struct {
	prefix string // the keys the bot uses
	emu    *tgemu.Server
	hub    *hub
	bot    *sibu // nil until started
}

// newScene starts an emulator and its hub; the caller starts the bot.
func newScene() *scene {
	emu := newEmu()
	return &scene{emu: emu, hub: newHub(emu)}
}

// close stops the bot, the hub and the emulator, in that order.
func (s *scene) close() {
	if s.bot != nil {
		s.bot.close()
	}
	s.hub.close()
	s.emu.Close()
}

// usersScene seeds n members from id first under a fresh prefix for the
// scenario name, has them start the bot (people who wrote to it before),
// and starts sibu on that prefix with lim.
func (e *env) usersScene(ctx context.Context, name string, first int64, n int, lim bot.Limits) (*scene, error) {
	prefix, ids, err := e.peoplePrefix(ctx, name, first, n)
	if err != nil {
		return nil, err
	}
	sc := newScene()
	sc.prefix = prefix
	err = confirmAll(ctx, sc.emu, ids)
	if err == nil {
		sc.bot, err = e.startSibu(ctx, sc.emu.URL(), prefix, lim)
	}
	if err != nil {
		sc.close()
		return nil, err
	}
	return sc, nil
}
