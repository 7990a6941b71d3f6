package bench

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"sibu/anonymity"
	"sibu/bot"
	"sibu/config"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
	"sibu/tgemu"
)

const (
	token       = "424242:BENCH-token-for-the-emulator"
	botUsername = "sibu_bench_bot"
	adminID     = 1
	surveyID    = "demo"
)

// env is what every scenario shares: the Redis, the configuration, the
// report being filled.
type env struct {
	p         params
	cfg       *config.Config
	rdb       *redis.Client
	redisPID  int // 0 when -redis points elsewhere
	redisDesc string
	stop      func()
	runID     string
	prefixes  []string
	rep       *report
	log       *slog.Logger
	baseUPS   float64 // baseline updates/s, for ratios
	baseP50   time.Duration
	baseCPU   time.Duration // baseline CPU per update
	// key is the anonymity key, as app.Run gives the store one: sibu
	// conceals every chat's state with it.
	key *anonymity.Key
}

func setup(ctx context.Context, p params, stderr io.Writer) (*env, error) {
	cfg, err := config.Load(p.configPath, func(k string) (string, bool) {
		if k == "SIBU_TELEGRAM_TOKEN" {
			return token, true
		}
		return "", false
	})
	if err != nil {
		return nil, fmt.Errorf("load %s (run from the repository or pass -config FILE): %w", p.configPath, err)
	}
	if cfg.Surveys[surveyID] == nil {
		return nil, fmt.Errorf("%s has no %q questionnaire", p.configPath, surveyID)
	}
	var b [4]byte
	rand.Read(b[:])
	e := &env{p: p, cfg: cfg, runID: hex.EncodeToString(b[:]), log: slog.New(slog.DiscardHandler)}
	if e.key, err = anonymity.Generate(); err != nil {
		return nil, err
	}
	url := p.redisURL
	if url == "" {
		var pid int
		url, pid, e.stop, err = startRedis(ctx)
		if err != nil {
			return nil, err
		}
		e.redisPID = pid
	} else {
		e.stop = func() {}
	}
	opt, err := storage.ParseURL(url)
	if err != nil {
		e.stop()
		return nil, fmt.Errorf("redis url: %w", err)
	}
	e.rdb = redis.NewClient(opt)
	if err := e.rdb.Ping(ctx).Err(); err != nil {
		e.close()
		return nil, fmt.Errorf("redis at %s: %w", url, err)
	}
	info, _ := e.rdb.Info(ctx, "server").Result()
	ver := infoField(info, "redis_version")
	if e.redisPID != 0 {
		e.redisDesc = "private redis-server " + ver + " on a unix socket"
	} else {
		e.redisDesc = "redis " + ver + " at " + opt.Addr
	}
	return e, nil
}

// close deletes this run's keys (when Redis is not ours) and stops Redis.
func (e *env) close() {
	if e.rdb != nil && e.redisPID == 0 {
		ctx := context.Background()
		for _, p := range e.prefixes {
			deleteKeys(ctx, e.rdb, storage.NewKeys(p).Prefix()+"*")
		}
	}
	if e.rdb != nil {
		e.rdb.Close()
	}
	e.stop()
}

// prefix returns a fresh key prefix for one scenario.
func (e *env) prefix(name string) string {
	p := "bench" + e.runID + name
	e.prefixes = append(e.prefixes, p)
	return p
}

// dropPrefix deletes a scenario's keys so later scenarios start from a
// small Redis.
func (e *env) dropPrefix(ctx context.Context, prefix string) {
	deleteKeys(ctx, e.rdb, storage.NewKeys(prefix).Prefix()+"*")
}

func deleteKeys(ctx context.Context, rdb *redis.Client, pattern string) {
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == 500 {
			rdb.Unlink(ctx, batch...)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		rdb.Unlink(ctx, batch...)
	}
}

// startRedis starts a private redis-server listening only on a unix socket
// in a temp dir, without persistence. stop kills it and removes the dir.
func startRedis(ctx context.Context) (url string, pid int, stop func(), err error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", 0, nil, errors.New("redis-server not found on PATH (install it, e.g. apt-get install redis-server, or pass -redis URL)")
	}
	dir, err := os.MkdirTemp("", "sibu-bench-redis")
	if err != nil {
		return "", 0, nil, err
	}
	sock := filepath.Join(dir, "redis.sock")
	cmd := exec.Command(bin, "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no",
		"--logfile", filepath.Join(dir, "redis.log"), "--maxmemory-policy", "noeviction")
	setPdeathsig(cmd)
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return "", 0, nil, fmt.Errorf("start redis-server: %w", err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Kill()
			cmd.Wait()
			os.RemoveAll(dir)
		})
	}
	url = "unix://" + sock
	opt, _ := storage.ParseURL(url)
	opt.MaxRetries = -1
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if err := rdb.Ping(ctx).Err(); err == nil {
			return url, cmd.Process.Pid, stop, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			log, _ := os.ReadFile(filepath.Join(dir, "redis.log"))
			stop()
			return "", 0, nil, fmt.Errorf("redis-server did not start:\n%s", log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func infoField(info, name string) string {
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func (e *env) usedMemory(ctx context.Context) int64 {
	info, _ := e.rdb.Info(ctx, "memory").Result()
	n, _ := strconv.ParseInt(infoField(info, "used_memory"), 10, 64)
	return n
}

// cpuTime returns the CPU time (user+system) of a process from /proc, or 0
// where /proc is not available.
func cpuTime(pid int) time.Duration {
	path := "/proc/self/stat"
	if pid > 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/stat"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ = 100 on Linux
}

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
}

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

func (e *env) store(prefix string) *storage.Store {
	return storage.New(e.rdb, prefix, storage.Options{Units: e.cfg.Units, Root: e.cfg.Root, Anonymity: e.key})
}

// startSibu starts the bot. Its goroutines carry the pprof label side=bot.
func (e *env) startSibu(ctx context.Context, emu *tgemu.Server, prefix string, limits bot.Limits) (*sibu, error) {
	httpClient := bot.HTTPClient()
	tg, err := tgbot.New(token, tgbot.WithServerURL(emu.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(60*time.Second, httpClient),
		tgbot.WithErrorsHandler(func(err error) { e.log.Error("telegram", "err", err) }))
	if err != nil {
		return nil, err
	}
	store := e.store(prefix)
	metrics := bot.NewMetrics()
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.Collectors()...)
	b := bot.New(tg, store, e.engine(), e.log, metrics, bot.Options{Workers: e.cfg.Workers, Owner: "bench",
		Admins: []int64{adminID}, Limits: limits})
	poller := bot.NewPoller(httpClient, emu.URL(), token, store, e.rdb, store.Keys(), "bench", e.log, metrics, b.Wake)
	run, cancel := context.WithCancel(ctx)
	s := &sibu{reg: reg, store: store, bot: b, cancel: cancel}
	pprof.Do(run, pprof.Labels("side", "bot"), func(run context.Context) {
		s.done.Add(2)
		go func() { defer s.done.Done(); poller.Run(run) }()
		go func() { defer s.done.Done(); b.Run(run, 20*time.Second) }() // drain as in app.Run
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

func (s *sibu) close() {
	s.cancel()
	s.done.Wait()
}

// limitsFor returns the configured limits, with the per-chat limit raised
// when raise is set (a simulated user answers faster than a person).
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

// seedPeople registers users as joined members of the root unit and,
// with issue, issues the demo questionnaire to them (opening it), in the
// key format storage uses.
func (e *env) seedPeople(ctx context.Context, prefix string, ids []int64, issue bool) error {
	k := storage.NewKeys(prefix)
	joined := time.Now().UTC().Format(time.RFC3339)
	for i := 0; i < len(ids); i += 1000 {
		chunk := ids[i:min(i+1000, len(ids))]
		members := make([]any, len(chunk))
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j, id := range chunk {
				p.HSet(ctx, k.Member(id), "name", "用户"+strconv.FormatInt(id, 10), "unit", e.cfg.Root,
					"role", string(kit.RoleMember), "joined_at", joined)
				members[j] = id
			}
			p.SAdd(ctx, k.UnitMembers(e.cfg.Root), members...)
			p.SAdd(ctx, k.Members(), members...)
			if issue {
				p.SAdd(ctx, k.SurveyIssued(surveyID), members...)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("seed people: %w", err)
		}
	}
	if issue {
		return e.rdb.HSet(ctx, k.Survey(surveyID), "status", string(survey.StatusOpen),
			"version", e.cfg.Surveys[surveyID].Version, "opened_at", joined).Err()
	}
	return nil
}
