package playground

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"sibu/flows/kit"
	"sibu/scheduler"
	"sibu/tgemu"
)

// webFS is the page: web/, embedded, no build step.
//
//go:embed web
var webFS embed.FS

// Advancer moves demo time: *Timekeeper.
type Advancer interface {
	Advance(ctx context.Context, d time.Duration) (time.Time, []scheduler.Run)
}

// Options configure a Server.
type Options struct {
	Emulator *tgemu.Server
	People   []Person
	Clock    *Clock
	Advancer Advancer // nil: the clock cannot be moved
	// Directory, if set, tells who people are now, so the page shows the
	// newcomer's role once they join; Units names their units.
	Directory Directory
	Units     []kit.Unit
	Location  *time.Location // for the time shown (default Asia/Shanghai as UTC+8)
	Log       *slog.Logger
	// Listen is the address the page is served on (SIBU_PLAYGROUND_LISTEN).
	// A request's Host must name loopback (localhost, 127.0.0.1, [::1]) or
	// Listen's host; when Listen's host is empty or 0.0.0.0/::, any IP
	// address too (a LAN visitor types one). Other names are refused: that
	// is what a DNS-rebinding page on another site sends.
	Listen string
}

// Server serves the page and its API.
type Server struct {
	opt    Options
	people map[int64]Person
	mux    *http.ServeMux
	// listenHost is Options.Listen's host, lower case; anyAddress is true
	// when it is empty or unspecified (every interface).
	listenHost string
	anyAddress bool

	mu        sync.Mutex
	clockSubs map[chan time.Time]struct{}
}

// New returns a Server for the emulator and people in opt.
func New(opt Options) *Server {
	if opt.Location == nil {
		opt.Location = scheduler.DefaultLocation()
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{opt: opt, people: map[int64]Person{}, mux: http.NewServeMux(), clockSubs: map[chan time.Time]struct{}{}}
	for _, p := range opt.People {
		s.people[p.ID] = p
	}
	if opt.Listen != "" {
		s.listenHost = hostOf(opt.Listen)
		ip := net.ParseIP(s.listenHost)
		s.anyAddress = s.listenHost == "" || ip != nil && ip.IsUnspecified()
	}
	static, _ := fs.Sub(webFS, "web")
	s.mux.Handle("GET /", http.FileServerFS(static))
	s.mux.HandleFunc("GET /api/state", s.state)
	s.mux.HandleFunc("GET /api/chats/{id}", s.chat)
	s.mux.HandleFunc("POST /api/chats/{id}/messages", s.send)
	s.mux.HandleFunc("POST /api/chats/{id}/press", s.press)
	s.mux.HandleFunc("POST /api/chats/{id}/contact", s.contact)
	s.mux.HandleFunc("POST /api/chats/{id}/files", s.attach)
	s.mux.HandleFunc("POST /api/clock", s.advance)
	s.mux.HandleFunc("GET /api/files/{id}", s.file)
	s.mux.HandleFunc("GET /api/events", s.events)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		httpError(w, http.StatusForbidden, "this is not the playground's address: open it at http://127.0.0.1 or the address it listens on")
		return
	}
	if r.Method == http.MethodPost && !sameOrigin(r) {
		httpError(w, http.StatusForbidden, "cross-origin request refused")
		return
	}
	s.mux.ServeHTTP(w, r)
}
