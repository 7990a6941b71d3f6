package chaos

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sibu/internal/redistest"
	"sibu/tgemu"
)

var soak = flag.Duration("soak", 0, "run the chaos suite this long (e.g. 10m): fault rounds repeat with new people until it passes")

var people = flag.Int("people", 200, "simulated people per round of the chaos suite")

var logDir = flag.String("logdir", "", "also write each replica's log to DIR/replicaN.log")

var binary string

const inviters = 20

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "sibu-chaos")
	if err != nil {
		panic(err)
	}
	if binary, err = buildBinary(dir); err != nil {
		fmt.Fprintln(os.Stderr, "build sibu:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// plan is how big and how long a run is: CI's, or a soak.
type plan struct {
	people   int           // simulated people per round
	sinkDown time.Duration // how long the records system answers 503
	wait     time.Duration // how long one person waits for one answer
}

// world is everything one run shares.
type world struct {
	t         *testing.T
	plan      plan
	redis     *redistest.Server
	emu       *tgemu.Server
	sink      *sink
	fwd       *forwarder
	replicas  []*replica
	admin     *person   // opens the questionnaire
	inviters  []*person // officials of the root unit (SIBU_ADMINS) who invite the people
	limit     int       // the configured global push cap, msg/s
	rng       *rand.Rand
	rngMu     sync.Mutex
	throttle  int // 429s injected
	rounds    int // rounds run
	approvals int // ✅ 通过 pressed
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// setUp starts Redis (AOF, fsync always), the emulator (429 to one send in
// ten), the records sink, three replicas (the third with its clock 20 s
// ahead) and the forwarder, and points the emulator's webhook at it.
func setUp(t *testing.T, p plan) *world {
	w := &world{t: t, plan: p, limit: 30, rng: rand.New(rand.NewPCG(14, 2026))}
	w.redis = redistest.NewServer(t, true)
	w.emu = tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(999, "sibu_demo_bot", "四步"), tgemu.WithWebhookRetry(100*time.Millisecond))
	w.emu.Start()
	t.Cleanup(w.emu.Close)
	w.emu.Inject(w.tooMany)
	w.sink = newSink(t)
	dir, cfg := t.TempDir(), chaosConfig(t)
	// Telegram lets a bot send about one message a second to one chat, so
	// 200 invitation links come from 20 officials, ten each.
	var ids []string
	for i := range inviters {
		ids = append(ids, fmt.Sprint(adminID+i))
	}
	admins := strings.Join(ids, ",")
	var hooks []string
	for i := range 3 {
		r := &replica{t: t, name: fmt.Sprintf("replica%d", i+1), dir: dir, cfg: cfg, webhook: freeAddr(t), ops: freeAddr(t)}
		r.env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
			"SIBU_TELEGRAM_TOKEN=" + token, "SIBU_TELEGRAM_API_URL=" + w.emu.URL(), "SIBU_TELEGRAM_MODE=webhook",
			"SIBU_WEBHOOK_LISTEN=" + r.webhook, "SIBU_WEBHOOK_SECRET=" + webhookSecret, "SIBU_REDIS_URL=" + w.redis.URL(),
			"SIBU_RECORDS_URL=" + w.sink.srv.URL, "SIBU_RECORDS_SECRET=" + secret, "SIBU_ADMINS=" + admins,
			"SIBU_HTTP_LISTEN=" + r.ops, "SIBU_TEST_CLOCK=1"}
		r.offset = daytime()
		if i == 2 {
			r.offset += 20 * time.Second // a replica whose clock runs ahead
		}
		w.replicas = append(w.replicas, r)
		hooks = append(hooks, r.webhook)
		t.Cleanup(func() {
			r.kill()
			if t.Failed() {
				t.Logf("%s log (tail):\n%s", r.name, tail(r.logs(), 60))
			}
		})
	}
	for _, r := range w.replicas { // the first creates the anonymity key the others read
		r.start()
	}
	w.fwd = newForwarder(t, hooks)
	resp, err := http.PostForm(w.emu.URL()+"/bot"+token+"/setWebhook",
		url.Values{"url": {w.fwd.srv.URL + "/telegram/webhook"}, "secret_token": {webhookSecret}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("setWebhook: %v %v", err, resp)
	}
	resp.Body.Close()
	w.admin = newPerson(w.emu, adminID, "组织部", p.wait)
	for i := range inviters {
		w.inviters = append(w.inviters, newPerson(w.emu, int64(adminID+i), fmt.Sprintf("组织部%d", i), p.wait))
	}
	return w
}

// tooMany answers 429 (retry_after 1) to one send or edit in ten.
func (w *world) tooMany(c tgemu.Call) *tgemu.APIError {
	if c.Method != "sendMessage" && c.Method != "editMessageText" && c.Method != "editMessageReplyMarkup" {
		return nil
	}
	w.rngMu.Lock()
	defer w.rngMu.Unlock()
	if w.rng.IntN(10) == 0 {
		w.throttle++
		return tgemu.TooManyRequests(1)
	}
	return nil
}

// daytime is how far to move a fresh test clock so that it and the
// reminder steps after it stay between 08:00 and 22:00 China time: quiet
// hours would hold the invitations and reminders. Nothing, by day.
func daytime() time.Duration {
	cst := time.FixedZone("CST", 8*3600)
	now := time.Now().In(cst)
	if h := now.Hour(); h >= 8 && h < 18 {
		return 0
	}
	nine := time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, cst)
	if !nine.After(now) {
		nine = nine.AddDate(0, 0, 1)
	}
	return nine.Sub(now)
}

// reminderGap is the demo questionnaire's reminder gap in the chaos run:
// config.example.yaml's 48 h would make each reminder step walk two days of
// job ticks on every replica.
const reminderGap = time.Hour

// chaosConfig is config.example.yaml with the demo questionnaire reminding
// after reminderGap.
func chaosConfig(t *testing.T) string {
	raw, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const from = "reminders: {gap: 48h, max: 2}"
	if !bytes.Contains(raw, []byte(from)) {
		t.Fatalf("config.example.yaml no longer says %q: update chaosConfig", from)
	}
	raw = bytes.Replace(raw, []byte(from), []byte(fmt.Sprintf("reminders: {gap: %s, max: 2}", reminderGap)), 1)
	dir, _ := filepath.Abs("../questionnaires")
	raw = bytes.Replace(raw, []byte("\nquestionnaires_dir: questionnaires\n"), []byte("\nquestionnaires_dir: "+dir+"\n"), 1)
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
