package chaos

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"sibu/records"
)

const (
	token         = "123456:CHAOS-token-for-the-emulator-xyz"
	secret        = "whsec_c2lidS10ZXN0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk="
	webhookSecret = "chaos-webhook-secret_0123456789"
	adminID       = 1
)

// replica is one sibu process; it can be killed and started again with the
// same environment and working directory (the anonymity key is there).
type replica struct {
	t       *testing.T
	name    string
	cfg     string // the config file
	env     []string
	dir     string
	webhook string // host:port of its webhook listener
	ops     string // host:port of its ops listener
	offset  time.Duration

	mu   sync.Mutex
	cmd  *exec.Cmd
	log  *bytes.Buffer
	done chan struct{}
}

func (r *replica) start() {
	r.t.Helper()
	cmd := exec.Command(binary, "-config", r.cfg)
	cmd.Env, cmd.Dir = r.env, r.dir
	r.mu.Lock()
	if r.log == nil {
		r.log = &bytes.Buffer{}
	}
	fmt.Fprintf(r.log, "---- start %s\n", time.Now().Format(time.TimeOnly))
	var out io.Writer = r.log
	if *logDir != "" {
		f, err := os.OpenFile(filepath.Join(*logDir, r.name+".log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err == nil {
			r.t.Cleanup(func() { f.Close() })
			out = io.MultiWriter(r.log, f)
		}
	}
	cmd.Stdout, cmd.Stderr = lockedWriter{&r.mu, out}, lockedWriter{&r.mu, out}
	r.mu.Unlock()
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	r.cmd, r.done = cmd, done
	// Wait for the ops listener, then put the test clock where it was.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get("http://" + r.ops + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		select {
		case <-done:
			r.t.Fatalf("%s exited at start:\n%s", r.name, r.logs())
		default:
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%s did not come up:\n%s", r.name, r.logs())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r.offset > 0 {
		advance(r.t, r.ops, r.offset)
	}
}

// kill sends SIGKILL and waits for the process to end.
func (r *replica) kill() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Signal(syscall.SIGKILL)
		<-r.done
	}
}

func (r *replica) logs() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.String()
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

// advance moves the test clock of the replica whose ops listener is ops by
// d; the answer comes once the jobs due in between have run.
func advance(t *testing.T, ops string, d time.Duration) {
	body, _ := json.Marshal(map[string]string{"advance": d.String()})
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		resp, err := http.Post("http://"+ops+"/debug/clock", "application/json", bytes.NewReader(body))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			t.Errorf("POST %s/debug/clock: %v", ops, err)
			return
		}
	}
}

// forwarder is the load balancer in front of the replicas: each update
// goes to the next replica in turn; a refused connection or a non-2xx
// answer is tried on the next one, as Telegram retries, and only when
// every replica failed does the emulator hear an error (and retry later).
type forwarder struct {
	srv       *httptest.Server
	targets   []string
	next      atomic.Int64
	retried   atomic.Int64
	forwarded atomic.Int64
	failed    atomic.Int64
	client    *http.Client
}

func newForwarder(t *testing.T, targets []string) *forwarder {
	f := &forwarder{targets: targets, client: &http.Client{Timeout: 15 * time.Second}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *forwarder) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	for range len(f.targets) {
		target := f.targets[int(f.next.Add(1))%len(f.targets)]
		req, _ := http.NewRequest(http.MethodPost, "http://"+target+"/telegram/webhook", bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := f.client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode/100 == 2 {
				f.forwarded.Add(1)
				w.WriteHeader(resp.StatusCode)
				return
			}
		}
		f.retried.Add(1)
	}
	f.failed.Add(1)
	http.Error(w, "no replica took the update", http.StatusBadGateway)
}

// sink is the records system: it checks every signature, counts deliveries
// per event id, and answers 503 while down.
type sink struct {
	mu       sync.Mutex
	events   map[string]map[string]any // id → event
	attempts map[string]int
	bad      int
	refused  int
	down     atomic.Bool
	srv      *httptest.Server
}

func newSink(t *testing.T) *sink {
	s := &sink{events: map[string]map[string]any{}, attempts: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.down.Load() {
			s.refused++
			http.Error(w, "records system down for maintenance", http.StatusServiceUnavailable)
			return
		}
		var ev map[string]any
		if err := records.Verify(secret, r.Header, body, 5*time.Minute); err != nil || json.Unmarshal(body, &ev) != nil ||
			ev["id"] != r.Header.Get("webhook-id") {
			s.bad++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		id, _ := ev["id"].(string)
		s.attempts[id]++
		s.events[id] = ev
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// count is the number of distinct events of type typ received.
func (s *sink) count(typ string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, ev := range s.events {
		if ev["type"] == typ {
			n++
		}
	}
	return n
}

// facts returns the number of distinct events, and the facts (type and
// data) that arrived under more than one id.
func (s *sink) facts() (events int, twice []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := map[string][]string{}
	for id, ev := range s.events {
		data, _ := json.Marshal(ev["data"])
		fact := fmt.Sprint(ev["type"], " ", ev["subject"], " ", string(data))
		ids[fact] = append(ids[fact], id)
	}
	for fact, list := range ids {
		if len(list) > 1 {
			twice = append(twice, fmt.Sprintf("%s under %s", fact, strings.Join(list, ", ")))
		}
	}
	return len(s.events), twice
}

// buildBinary builds sibu into dir.
func buildBinary(dir string) (string, error) {
	bin := filepath.Join(dir, "sibu")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	return bin, build.Run()
}
