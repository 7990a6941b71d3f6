package tgemu

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
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
	changed      chan struct{} // closed and replaced on every chat change

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
		cfg:       cfg,
		spec:      sp,
		updWake:   make(chan struct{}),
		users:     map[int64]*User{},
		chats:     map[int64]*chatState{},
		usernames: map[string]int64{},
		files:     map[string]*storedFile{},
		filePaths: map[string]*storedFile{},
		callbacks: map[string]*CallbackAnswer{},
		commands:  map[commandKey][]models.BotCommand{},
		changed:   make(chan struct{}),
		counts:    map[string]int{},
		subs:      map[int]chan Event{},
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

func (s *Server) now() time.Time { return s.cfg.clock() }

// Call is one Bot API request as the server saw it.
type Call struct {
	Method      string            // canonical name, e.g. "sendMessage"; as sent if unknown
	Params      map[string]string // every non-file parameter, JSON values as strings
	Files       []UploadedFile    // multipart file parts
	Time        time.Time         // by the server clock
	Status      int               // HTTP status answered; 0 while an Inject hook runs
	Description string            // error description, "" on success
}

// UploadedFile describes one multipart file part of a call.
type UploadedFile struct {
	Field    string
	Filename string
	Size     int
}

// upload is a multipart file part with its content.
type upload struct {
	filename    string
	contentType string
	data        []byte
}

// request is one call being executed.
type request struct {
	method string
	params map[string]string
	files  map[string]*upload
}

func (r *request) has(name string) bool   { _, ok := r.params[name]; return ok }
func (r *request) str(name string) string { return r.params[name] }

func (r *request) int64(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.params[name]), 10, 64)
	return n
}

func (r *request) int(name string) int { return int(r.int64(name)) }

func (r *request) bool(name string) bool {
	b, _ := parseBool(r.params[name])
	return b
}

// methodFunc executes one Bot API method. Unless noted in methodTable it runs
// with s.mu held.
type methodFunc func(ctx context.Context, r *request) (any, *APIError)

// errCanceled marks a call whose client went away; nothing is written.
var errCanceled = &APIError{Code: 499, Description: "client closed request"}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		writeAPI(w, nil, errNotFound())
		return
	}
	token, method, ok := strings.Cut(rest, "/")
	if !ok || method == "" {
		writeAPI(w, nil, errNotFound())
		return
	}
	if !s.tokenOK(token) {
		writeAPI(w, nil, errUnauthorized())
		return
	}
	params, files, err := parseRequest(r)
	if err != nil {
		writeAPI(w, nil, violation("Bad Request: %s", err.Error()))
		return
	}
	res, apiErr := s.do(r.Context(), method, params, files)
	if apiErr == errCanceled {
		return
	}
	writeAPI(w, res, apiErr)
}

func (s *Server) tokenOK(token string) bool {
	s.mu.Lock()
	out := s.loggedOut
	s.mu.Unlock()
	if out {
		return false
	}
	if len(s.cfg.tokens) == 0 {
		return token != ""
	}
	return slices.Contains(s.cfg.tokens, token)
}

// do checks and executes one call and records it.
func (s *Server) do(ctx context.Context, method string, params map[string]string, files map[string]*upload) (any, *APIError) {
	call := Call{Method: method, Params: params, Time: s.now()}
	for _, field := range slices.Sorted(maps.Keys(files)) {
		call.Files = append(call.Files, UploadedFile{Field: field, Filename: files[field].filename, Size: len(files[field].data)})
	}
	name, known := s.spec.canonical(method)
	if !known {
		e := errNotFound()
		s.finish(call, e, "unknown method "+strconv.Quote(method))
		return nil, e
	}
	call.Method = name
	check := s.spec.checkCall(name, params, files)
	s.mu.Lock()
	s.warnings = append(s.warnings, check.warnings...)
	hook := s.inject
	s.mu.Unlock()
	if check.err != nil {
		s.finish(call, check.err, "")
		return nil, check.err
	}
	if hook != nil {
		probe := call
		probe.Params = maps.Clone(params)
		if e := hook(probe); e != nil {
			s.finish(call, e, "")
			return nil, e
		}
	}
	fn := s.methods[name]
	if fn == nil {
		e := &APIError{Code: http.StatusNotImplemented, Description: "Not Implemented: tgemu does not emulate " + name}
		s.finish(call, e, "")
		return nil, e
	}
	res, e := fn(ctx, &request{method: name, params: params, files: files})
	s.finish(call, e, "")
	return res, e
}

// finish records a finished call.
func (s *Server) finish(call Call, e *APIError, note string) {
	call.Status = http.StatusOK
	if e != nil {
		call.Status, call.Description = e.Code, e.Description
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
	s.counts[call.Method]++
	if e != nil && (e.violation || note != "") {
		if note == "" {
			note = e.Description
		}
		s.violations = append(s.violations, call.Method+": "+note)
	}
}

// writeAPI writes a Bot API answer with the matching HTTP status.
func writeAPI(w http.ResponseWriter, result any, e *APIError) {
	w.Header().Set("Content-Type", "application/json")
	if e != nil {
		body := map[string]any{"ok": false, "error_code": e.Code, "description": e.Description}
		switch {
		case e.RetryAfter > 0:
			body["parameters"] = map[string]any{"retry_after": e.RetryAfter}
		case e.MigrateToChatID != 0:
			body["parameters"] = map[string]any{"migrate_to_chat_id": e.MigrateToChatID}
		}
		w.WriteHeader(e.Code)
		_ = json.NewEncoder(w).Encode(body)
		return
	}
	raw, err := json.Marshal(result)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"ok":false,"error_code":500,"description":"Internal Server Error: %s"}`, strings.ReplaceAll(err.Error(), `"`, `'`))
		return
	}
	var b bytes.Buffer
	b.WriteString(`{"ok":true,"result":`)
	b.Write(raw)
	b.WriteString("}\n")
	_, _ = w.Write(b.Bytes())
}

// maxUpload bounds a request body, like Telegram's 50 MB upload limit.
const maxUpload = 50 << 20

// parseRequest reads the parameters of a call from the query string and a
// multipart, urlencoded or JSON body. JSON values that are objects or arrays
// are kept in their serialized form, as they arrive in form encodings.
func parseRequest(r *http.Request) (map[string]string, map[string]*upload, error) {
	params := map[string]string{}
	files := map[string]*upload{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if r.Body == nil {
		return params, files, nil
	}
	body := http.MaxBytesReader(nil, r.Body, maxUpload+1<<20)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		r.Body = body
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			if errors.Is(err, io.EOF) {
				// go-telegram/bot sends parameterless calls (getMe) as an
				// empty body under a multipart content type; Telegram accepts it.
				return params, files, nil
			}
			return nil, nil, fmt.Errorf("can't parse multipart body: %v", err)
		}
		defer func() { _ = r.MultipartForm.RemoveAll() }()
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return nil, nil, fmt.Errorf("can't read file part %q: %v", k, err)
			}
			data, err := io.ReadAll(f)
			_ = f.Close()
			if err != nil {
				return nil, nil, fmt.Errorf("can't read file part %q: %v", k, err)
			}
			files[k] = &upload{filename: fhs[0].Filename, contentType: fhs[0].Header.Get("Content-Type"), data: data}
		}
	case "application/x-www-form-urlencoded":
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, fmt.Errorf("can't read body: %v", err)
		}
		r.Body = io.NopCloser(bytes.NewReader(data))
		if err := r.ParseForm(); err != nil {
			return nil, nil, fmt.Errorf("can't parse form body: %v", err)
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
	case "application/json":
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, fmt.Errorf("can't read body: %v", err)
		}
		if len(bytes.TrimSpace(data)) == 0 {
			break
		}
		obj, err := jsonParams(data)
		if err != nil {
			return nil, nil, err
		}
		maps.Copy(params, obj)
	}
	return params, files, nil
}

// jsonParams flattens a JSON object body into string parameters.
func jsonParams(data []byte) (map[string]string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("can't parse JSON body: %v", err)
	}
	params := make(map[string]string, len(obj))
	for k, raw := range obj {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || string(raw) == "null":
		case raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, fmt.Errorf("can't parse JSON field %q: %v", k, err)
			}
			params[k] = s
		default:
			params[k] = string(raw)
		}
	}
	return params, nil
}

// Calls returns every call received so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsTo returns the calls of one method (canonical spelling).
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Counts returns the number of calls per method, failed ones included.
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// Violations returns one line per call that broke the Bot API spec or a
// documented limit ("sendMessage: Bad Request: message is too long"). A bot
// under test should leave it empty. Errors that depend on state (message not
// found, not modified, query too old, blocked, migrated) are not violations;
// find them in Calls.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// Warnings returns things Telegram silently tolerates but which hint at a
// bug: unknown parameters or object fields, URLs the emulator cannot fetch.
func (s *Server) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.warnings)
}

// Inject sets a hook consulted before each call that passed the spec checks;
// a non-nil APIError is answered instead of executing the call. Inject(nil)
// removes the hook. The hook runs without locks held and may be called
// concurrently.
func (s *Server) Inject(hook func(call Call) *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inject = hook
}

func (s *Server) warnf(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}

// methodTable maps canonical method names to their implementations.
func (s *Server) methodTable() map[string]methodFunc {
	locked := func(fn methodFunc) methodFunc {
		return func(ctx context.Context, r *request) (any, *APIError) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return fn(ctx, r)
		}
	}
	return map[string]methodFunc{
		"getUpdates":             s.getUpdates, // manages s.mu itself
		"setWebhook":             locked(s.setWebhook),
		"deleteWebhook":          locked(s.deleteWebhook),
		"getWebhookInfo":         locked(s.getWebhookInfo),
		"getMe":                  locked(s.getMe),
		"logOut":                 locked(s.logOut),
		"close":                  locked(s.closeMethod),
		"sendMessage":            locked(s.sendMessage),
		"sendPhoto":              locked(s.sendPhoto),
		"sendDocument":           locked(s.sendDocument),
		"sendVoice":              locked(s.sendVoice),
		"sendAudio":              locked(s.sendAudio),
		"sendVideo":              locked(s.sendVideo),
		"sendContact":            locked(s.sendContact),
		"sendChatAction":         locked(s.sendChatAction),
		"editMessageText":        locked(s.editMessageText),
		"editMessageCaption":     locked(s.editMessageCaption),
		"editMessageReplyMarkup": locked(s.editMessageReplyMarkup),
		"deleteMessage":          locked(s.deleteMessage),
		"deleteMessages":         locked(s.deleteMessages),
		"answerCallbackQuery":    locked(s.answerCallbackQuery),
		"setMyCommands":          locked(s.setMyCommands),
		"getMyCommands":          locked(s.getMyCommands),
		"deleteMyCommands":       locked(s.deleteMyCommands),
		"getChat":                locked(s.getChat),
		"getFile":                locked(s.getFile),
	}
}
