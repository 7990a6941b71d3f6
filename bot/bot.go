package bot

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	tgbot "github.com/go-telegram/bot"

	"sibu/flows"
	"sibu/storage"
)

// DefaultWorkers is how many goroutines apply updates when
// Options.Workers is unset (config's workers default is this one).
const DefaultWorkers = 16

// Options configure a Bot.
type Options struct {
	Workers int // goroutines applying updates (default DefaultWorkers)
	Pushers int // pushes in flight (default 256)
	// PushIdle is how long a push may sit unacknowledged with a replica
	// before another takes it over (default storage's, 60 s; tests shorten
	// it).
	PushIdle time.Duration
	Lease    time.Duration // chat lease (default 15s)
	Owner    string        // this replica's name (consumer name, lease owner)
	Now      func() time.Time
	Admins   []int64
	Limits   Limits
	// Attempts is how many times an update or a reply that keeps failing
	// (not a conflict, not an outage) is tried before it is set aside in
	// the dead list with an apology (default 5).
	Attempts int
	// Budget is how many pushes a person gets a day besides their daily
	// digest (config's attention.daily_pushes); the same text never goes
	// twice a day to one person, and what comes once the day's are spent
	// folds into the next digest (storage.Admit). 0: no budget.
	Budget int
}

// Bot applies recorded updates and sends replies and pushes.
type Bot struct {
	tg      *tgbot.Bot
	store   *storage.Store
	engine  *flows.Engine
	sender  *Sender
	log     *slog.Logger
	metrics *Metrics
	opt     Options
	wakeCh  chan struct{}
	// reports are the renderers of OutReport kinds (reports.go).
	reports map[string]render
}

// New returns a bot. tg is the go-telegram client used for every Bot API
// call except getUpdates (see Poller).
func New(tg *tgbot.Bot, store *storage.Store, engine *flows.Engine, log *slog.Logger, m *Metrics, opt Options) *Bot {
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	if opt.Pushers <= 0 {
		// Pushers mostly wait (on the global cap, or on a chat's 429
		// retry_after), so many are cheap; the cap is the real throttle,
		// and a chat that waits out a 429 must not hold up the others.
		opt.Pushers = 256
	}
	if opt.Lease <= 0 {
		opt.Lease = 15 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Attempts <= 0 {
		opt.Attempts = 5
	}
	if m == nil {
		m = NewMetrics()
	}
	m.watchDead(store)
	b := &Bot{tg: tg, store: store, engine: engine, log: log, metrics: m, opt: opt, wakeCh: make(chan struct{}, 1)}
	b.reports = b.renderers()
	b.sender = NewSender(opt.Limits, log, m)
	if store != nil {
		b.sender.Share(store)
	}
	b.sender.OnBlocked = b.blocked
	b.sender.OnMigrated = b.migrated
	return b
}

// Sender returns the bot's sender (for the records relay's notices).
func (b *Bot) Sender() *Sender { return b.sender }

// Wake tells idle workers that an update was recorded.
func (b *Bot) Wake() {
	select {
	case b.wakeCh <- struct{}{}:
	default:
	}
}

// HTTPClient returns an http.Client fit for the Bot API: enough idle
// connections per host for the workers (the default keeps 2 and churns
// sockets under load) and a timeout above the long-poll time.
func HTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	tr.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: wholeBodies{tr}, Timeout: 70 * time.Second}
}

// wholeBodies sends request bodies of unknown length (go-telegram/bot
// streams its multipart form through an io.Pipe) in one piece with a
// Content-Length. Otherwise net/http sends them chunked and flushes every
// chunk, one write syscall per form part: most of the bot's CPU under load
// went there. Bot API uploads are at most 50 MB, so holding one in memory
// is fine.
type wholeBodies struct{ next http.RoundTripper }

// RoundTrip sends req, its body read whole first when its length is unknown.
func (t wholeBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength != 0 {
		return t.next.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.ContentLength = int64(len(body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return t.next.RoundTrip(r)
}

// redactURL drops the URL (which holds the bot token) from a client error.
func redactURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
