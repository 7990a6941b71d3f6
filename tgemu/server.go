package tgemu

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Server is an in-process Telegram Bot API. It serves the HTTP API a bot
// talks to and a Go API through which tests play users and inspect what the
// bot did. All methods are safe for concurrent use.
type Server struct {
	cfg     config
	spec    *spec
	methods map[string]methodFunc

	httpMu sync.Mutex
	ts     *httptest.Server
	wg     sync.WaitGroup // webhook delivery goroutines

	mu        sync.Mutex
	closed    bool
	loggedOut bool

	// Updates.
	queue        []queuedUpdate
	lastUpdateID int64
	allowed      []string // allowed_updates as last set; nil means the default
	updWake      chan struct{}
	pollCancel   chan struct{} // closed to terminate the running getUpdates
	webhook      *webhookState

	// Chats, users and files.
	users        map[int64]*User
	chats        map[int64]*chatState
	usernames    map[string]int64
	files        map[string]*storedFile
	filePaths    map[string]*storedFile
	nextFile     int
	callbacks    map[string]*CallbackAnswer
	nextCallback int64
	commands     map[commandKey][]models.BotCommand
	descriptions [2]map[string]string // by descriptionKind, then language ("" for the default)
	changed      chan struct{}        // closed and replaced on every chat change

	// Records.
	calls      []Call
	counts     map[string]int
	violations []string
	warnings   []string
	inject     func(Call) *APIError
	subs       map[int]chan Event
	nextSub    int
}

// config holds what Options set.
type config struct {
	tokens         []string
	bot            models.User
	clock          func() time.Time
	longPollMax    time.Duration
	webhookRetry   time.Duration
	webhookTimeout time.Duration
	privacyMode    bool
	eventBuffer    int
}

// Option configures a Server.
type Option func(*config)

// WithToken sets the bot tokens the server accepts; calls with any other
// token answer 401 Unauthorized. Without this option every token is accepted.
func WithToken(tokens ...string) Option {
	return func(c *config) { c.tokens = append(c.tokens, tokens...) }
}

// WithBotUser sets the bot's own user, as returned by getMe and shown as the
// sender of its messages. The default is id 1000000001, "emu_bot", "Emulator".
func WithBotUser(id int64, username, firstName string) Option {
	return func(c *config) {
		c.bot.ID, c.bot.Username, c.bot.FirstName = id, username, firstName
	}
}

// WithClock sets the clock used for message dates, callback query ages and
// call times. The default is time.Now.
func WithClock(clock func() time.Time) Option {
	return func(c *config) { c.clock = clock }
}

// WithLongPollMax caps how long one getUpdates call waits, whatever timeout
// it asks for. The default is 50 seconds.
func WithLongPollMax(d time.Duration) Option {
	return func(c *config) { c.longPollMax = d }
}

// WithWebhookRetry sets the fixed pause before a failed webhook delivery is
// retried. The default is 200 milliseconds.
func WithWebhookRetry(d time.Duration) Option {
	return func(c *config) { c.webhookRetry = d }
}

// WithPrivacyMode sets the bot's group privacy mode. With it on (Telegram's
// default, and the emulator's) the bot receives from groups only commands,
// replies to its own messages and messages mentioning it.
func WithPrivacyMode(enabled bool) Option {
	return func(c *config) { c.privacyMode = enabled }
}

// WithEventBuffer sets the capacity of each Subscribe channel (default 1024).
func WithEventBuffer(n int) Option {
	return func(c *config) { c.eventBuffer = n }
}

// New returns a server with no users, no updates and no webhook. It panics
// if the embedded spec cannot be parsed, which would be a build defect.
func New(opts ...Option) *Server {
	cfg := config{
		bot:            models.User{ID: 1000000001, IsBot: true, Username: "emu_bot", FirstName: "Emulator"},
		clock:          time.Now,
		longPollMax:    50 * time.Second,
		webhookRetry:   200 * time.Millisecond,
		webhookTimeout: 10 * time.Second,
		privacyMode:    true,
		eventBuffer:    1024,
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.bot.IsBot = true
	sp, err := sharedSpec()
	if err != nil {
		panic(err)
	}
	s := &Server{
		cfg:          cfg,
		spec:         sp,
		updWake:      make(chan struct{}),
		users:        map[int64]*User{},
		chats:        map[int64]*chatState{},
		usernames:    map[string]int64{},
		files:        map[string]*storedFile{},
		filePaths:    map[string]*storedFile{},
		callbacks:    map[string]*CallbackAnswer{},
		commands:     map[commandKey][]models.BotCommand{},
		descriptions: [2]map[string]string{{}, {}},
		changed:      make(chan struct{}),
		counts:       map[string]int{},
		subs:         map[int]chan Event{},
	}
	s.methods = s.methodTable()
	return s
}

// Start serves the API on a 127.0.0.1 loopback listener; URL returns its
// base. Calling Start twice is a no-op.
func (s *Server) Start() {
	s.httpMu.Lock()
	defer s.httpMu.Unlock()
	if s.ts == nil {
		s.ts = httptest.NewServer(s.Handler())
	}
}

// URL returns the base URL of a started server, e.g. "http://127.0.0.1:41234";
// the bot calls {URL}/bot{token}/{method}. It is "" before Start.
func (s *Server) URL() string {
	s.httpMu.Lock()
	defer s.httpMu.Unlock()
	if s.ts == nil {
		return ""
	}
	return s.ts.URL
}

// Close stops the webhook delivery, ends pending getUpdates calls, closes
// subscriber channels and shuts the listener down if Start was called.
func (s *Server) Close() {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		if s.webhook != nil {
			close(s.webhook.stop)
			s.webhook = nil
		}
		if s.pollCancel != nil {
			close(s.pollCancel)
			s.pollCancel = nil
		}
		for id, ch := range s.subs {
			close(ch)
			delete(s.subs, id)
		}
	}
	s.mu.Unlock()
	s.wg.Wait()
	s.httpMu.Lock()
	defer s.httpMu.Unlock()
	if s.ts != nil {
		s.ts.Close()
	}
}

// Handler returns the HTTP handler serving /bot{token}/{method} and
// /file/bot{token}/{path}. Mount it anywhere; paths are matched from the root.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

// Bot returns the bot's own user.
func (s *Server) Bot() models.User { return s.cfg.bot }

// now reads the server clock.
func (s *Server) now() time.Time { return s.cfg.clock() }
