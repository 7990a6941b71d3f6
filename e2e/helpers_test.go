package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"sibu/records"
	"sibu/tgemu"
)

const (
	token   = "123456:TEST-token-for-the-emulator-xyz"
	secret  = "whsec_c2lidS10ZXN0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk="
	adminID = 1
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sibu-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "sibu")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build sibu:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a running sibu binary.
type proc struct {
	t    *testing.T
	cmd  *exec.Cmd
	log  *bytes.Buffer
	mu   *sync.Mutex
	done chan error
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// workDirs holds each test's working directory: a restarted sibu finds
// the anonymity key (sibu-anonymity.key) it created at its first start.
var workDirs sync.Map

func workDir(t *testing.T) string {
	if d, ok := workDirs.Load(t); ok {
		return d.(string)
	}
	d := t.TempDir()
	workDirs.Store(t, d)
	return d
}

// start runs the binary with config.example.yaml and env.
func start(t *testing.T, env map[string]string) *proc {
	t.Helper()
	cfg, _ := filepath.Abs("../config.example.yaml")
	cmd := exec.Command(binary, "-config", cfg)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Dir = workDir(t)
	p := &proc{t: t, cmd: cmd, log: &bytes.Buffer{}, mu: &sync.Mutex{}, done: make(chan error, 1)}
	cmd.Stdout = lockedWriter{p.mu, p.log}
	cmd.Stderr = lockedWriter{p.mu, p.log}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		p.kill()
		if strings.Contains(p.logs(), token) || strings.Contains(p.logs(), strings.SplitN(token, ":", 2)[1]) {
			t.Errorf("the bot token appears in the logs")
		}
		if t.Failed() {
			t.Logf("sibu log:\n%s", p.logs())
		}
	})
	return p
}

func (p *proc) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

func (p *proc) kill() {
	if p.cmd.ProcessState == nil {
		p.cmd.Process.Signal(syscall.SIGKILL)
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
		}
	}
}

// env is the environment for one bot instance.
func env(emu *tgemu.Server, redisURL, recordsURL string) map[string]string {
	return map[string]string{
		"SIBU_TELEGRAM_TOKEN":   token,
		"SIBU_TELEGRAM_API_URL": emu.URL(),
		"SIBU_REDIS_URL":        redisURL,
		"SIBU_RECORDS_URL":      recordsURL,
		"SIBU_RECORDS_SECRET":   secret,
		"SIBU_ADMINS":           fmt.Sprint(adminID),
		"SIBU_HTTP_LISTEN":      "127.0.0.1:0",
	}
}

func newEmu(t *testing.T) *tgemu.Server { return newEmuFor(t, token) }

// newEmuFor is an emulator of a bot whose token is tok.
func newEmuFor(t *testing.T, tok string) *tgemu.Server {
	emu := tgemu.New(tgemu.WithToken(tok), tgemu.WithBotUser(999, "sibu_demo_bot", "四步"), tgemu.WithLongPollMax(2*time.Second))
	emu.Start()
	t.Cleanup(func() {
		if v := emu.Violations(); len(v) > 0 {
			t.Errorf("Bot API calls that break the spec: %v", v)
		}
		emu.Close()
	})
	return emu
}

// sink is a records system that checks every signature.
type sink struct {
	mu     sync.Mutex
	events []map[string]any
	ids    map[string]int
	bad    int
	srv    *httptest.Server
}

func newSink(t *testing.T) *sink {
	s := &sink{ids: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		defer s.mu.Unlock()
		if err := records.Verify(secret, r.Header, body, 5*time.Minute); err != nil ||
			r.Header.Get("Content-Type") != "application/cloudevents+json" {
			s.bad++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var ev map[string]any
		json.Unmarshal(body, &ev)
		if ev["id"] != r.Header.Get("webhook-id") {
			s.bad++
		}
		id, _ := ev["id"].(string)
		s.ids[id]++
		if s.ids[id] == 1 {
			s.events = append(s.events, ev)
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *sink) waitFor(t *testing.T, typ string, match func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		for _, ev := range s.events {
			if ev["type"] == typ && (match == nil || match(ev)) {
				s.mu.Unlock()
				return ev
			}
		}
		s.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %s event reached the records system", typ)
	return nil
}

// person plays one user against the emulator.
type person struct {
	t    *testing.T
	emu  *tgemu.Server
	u    tgemu.User
	seen int // highest message id already consumed
}

func newPerson(t *testing.T, emu *tgemu.Server, id int64, name string) *person {
	return &person{t: t, emu: emu, u: tgemu.User{ID: id, FirstName: name, LanguageCode: "zh-hans"}}
}

func (p *person) send(text string) {
	upd := p.emu.SendText(p.u, text)
	if upd.Message != nil {
		p.seen = max(p.seen, upd.Message.ID)
	}
}

// expect waits for a new bot message containing want.
func (p *person) expect(want string) tgemu.Message {
	p.t.Helper()
	// Generous: CI runs every package at once on two cores.
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	m, err := p.emu.WaitFor(ctx, p.u.ID, func(m tgemu.Message) bool {
		return m.FromBot && m.ID > p.seen && strings.Contains(m.Text, want)
	})
	if err != nil {
		var got []string
		for _, m := range p.emu.BotMessages(p.u.ID) {
			got = append(got, fmt.Sprintf("#%d %q", m.ID, m.Text))
		}
		p.t.Fatalf("user %d: no new message containing %q; bot messages: %s", p.u.ID, want, strings.Join(got, "\n"))
	}
	p.seen = m.ID
	return m
}

// button returns the data of the newest bot message's button labelled text.
func (p *person) button(text string) (int, string, bool) {
	return p.emu.Button(p.u.ID, text)
}

// press taps the button labelled text on the newest message that has it.
func (p *person) press(text string) models.Update {
	p.t.Helper()
	var id int
	var data string
	var ok bool
	deadline := time.Now().Add(10 * time.Second)
	for {
		if id, data, ok = p.button(text); ok || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !ok {
		p.t.Fatalf("user %d: no button %q", p.u.ID, text)
	}
	return p.emu.Press(p.u, p.u.ID, id, data)
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
