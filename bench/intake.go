package bench

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/bot"
	"sibu/storage"
	"sibu/tgemu"
)

// baseline measures a bare go-telegram/bot echo bot (library polling, one
// goroutine per update, no Redis) with sibu's http.Client, against the same
// emulator and the same simulated users.
func (e *env) baseline(ctx context.Context) error {
	sc := newScene()
	defer sc.close()
	b, err := tgbot.New(token, tgbot.WithServerURL(sc.emu.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(10*time.Second, bot.HTTPClient()),
		tgbot.WithErrorsHandler(func(error) {}),
		tgbot.WithDefaultHandler(func(ctx context.Context, b *tgbot.Bot, u *models.Update) {
			if u.Message != nil && u.Message.Text != "" {
				b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: u.Message.Text})
			}
		}))
	if err != nil {
		return err
	}
	run, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	pprof.Do(run, pprof.Labels("side", "baseline"), func(run context.Context) {
		wg.Go(func() { b.Start(run) })
	})
	defer func() { cancel(); wg.Wait() }()

	s, el, cpu := e.measureClosedLoop(ctx, sc, baselineUsers, echoScript)
	n := len(s.d)
	e.baseUPS = float64(n) / el.Seconds()
	e.baseP50 = s.pct(50)
	r := e.rep
	r.add(Row{Scenario: "baseline", Figure: fmt.Sprintf("echo bot, %d users × 7 messages", e.p.users),
		Value: fmt.Sprintf("%.0f updates/s", e.baseUPS), Number: e.baseUPS, Unit: "updates/s", Verdict: "×1.00 (reference)"})
	r.add(Row{Scenario: "baseline", Figure: "latency p50 / p95 / p99", Value: s.p50p95p99(), Number: msf(s.pct(99)), Unit: "ms p99"})
	r.add(Row{Scenario: "baseline", Figure: "Bot API calls per update", Value: fmt.Sprintf("%.2f", callsPerUpdate(sc.emu, n)),
		Verdict: failOr(s, "")})
	if n > 0 {
		e.baseCPU = cpu.self / time.Duration(n)
		r.add(Row{Scenario: "baseline", Figure: "CPU per update: bench process (bot+emulator+users)",
			Value: fmt.Sprintf("%.0f µs", float64(cpu.self.Microseconds())/float64(n))})
	}
	return nil
}

// cpuUse is the CPU time the bench process and redis-server spent on a run.
type cpuUse struct{ self, redis time.Duration }

// measureClosedLoop runs e.p.users simulated users from firstID through script at
// once, each as fast as the bot answers, and returns their latencies, the
// time it took and the CPU it used.
func (e *env) measureClosedLoop(ctx context.Context, sc *scene, firstID int64, script []action) (*sample, time.Duration, cpuUse) {
	self, redis := cpuTime(0), cpuTime(e.redisPID)
	var s *sample
	var el time.Duration
	pprof.Do(ctx, pprof.Labels("side", "users"), func(ctx context.Context) {
		s, el = closedLoop(ctx, sc.emu, sc.hub, firstID, e.p.users, script)
	})
	return s, el, cpuUse{self: cpuTime(0) - self, redis: cpuTime(e.redisPID) - redis}
}

// intake measures N users answering the demo questionnaire through the
// full path at once, each as fast as the bot answers (closed loop).
func (e *env) intake(ctx context.Context) error {
	sc, err := e.usersScene(ctx, "intake", intakeUsers, e.p.users, e.limits(true, 0))
	if err != nil {
		return err
	}
	defer sc.close()

	s, el, cpu := e.measureClosedLoop(ctx, sc, intakeUsers, demoScript)
	n := len(s.d)
	ups := float64(n) / el.Seconds()
	e.intakeUPS = ups
	r := e.rep
	r.add(Row{Scenario: "intake+flow", Figure: fmt.Sprintf("%d users × demo questionnaire (7 updates), closed loop", e.p.users),
		Value: fmt.Sprintf("%.0f updates/s", ups), Number: ups, Unit: "updates/s",
		Verdict: ratio(ups, e.baseUPS) + " (echo: a reference; the goal is against the peer, below)"})
	r.add(Row{Scenario: "intake+flow", Figure: "latency p50 / p95 / p99 (update available → last reply at emulator)",
		Value: s.p50p95p99(), Number: msf(s.pct(99)), Unit: "ms p99",
		Verdict: "p50 " + ratio(float64(s.pct(50)), float64(e.baseP50))})
	r.add(Row{Scenario: "intake+flow", Figure: "Bot API calls per update", Value: fmt.Sprintf("%.2f", callsPerUpdate(sc.emu, n)),
		Verdict: "answerCallbackQuery + editMessageText + sendMessage"})
	if n > 0 {
		r.add(Row{Scenario: "intake+flow", Figure: "CPU per update: bench process (bot+emulator+users) / redis-server",
			Value:   fmt.Sprintf("%.0f µs / %s", float64(cpu.self.Microseconds())/float64(n), redisCPU(cpu.redis, n, e.redisPID)),
			Verdict: "2 cores shared by all"})
	}
	if mean, steps := sc.bot.stepMean(); steps > 0 {
		r.add(Row{Scenario: "intake+flow", Figure: "of which step: pickup → load → flow → commit (mean, sibu_step_seconds)",
			Value: ms(mean), Number: msf(mean), Unit: "ms", Verdict: fmt.Sprintf("%d steps, %d workers", steps, e.cfg.Workers)})
	}
	sub, err := e.rdb.SCard(ctx, storage.NewKeys(sc.prefix).SurveySubmitted(surveyID)).Result()
	if err != nil {
		return err
	}
	r.add(Row{Scenario: "intake+flow", Figure: "responses committed", Value: fmt.Sprintf("%d of %d", sub, e.p.users),
		Goal: "= users", Verdict: okIf(true, sub == int64(e.p.users)) + failOr(s, "")})
	r.note("intake+flow closed loop: the per-chat limit is raised to 1000 msg/s (burst 100) because a simulated user answers the instant the question arrives; the fixed-load run keeps the configured 1 msg/s, burst 3.")
	return nil
}

// redisCPU formats redis-server's CPU per update, which only a private
// redis-server (pid) shows.
func redisCPU(d time.Duration, n, pid int) string {
	if pid == 0 {
		return "n/a (-redis)"
	}
	return fmt.Sprintf("%.0f µs", float64(d.Microseconds())/float64(n))
}

// fixedLoad offers the demo questionnaire's updates at a fixed rate with the
// configured limits: each user acts about every users/rate seconds.
func (e *env) fixedLoad(ctx context.Context) error {
	rate := e.p.loadRate
	users := max(e.p.users, int(rate*3)) // ≥ 3 s between one user's answers: within 1 msg/s, burst 3
	sc, err := e.usersScene(ctx, "load", loadUsers, users, e.limits(false, 0))
	if err != nil {
		return err
	}
	defer sc.close()
	var s *sample
	var offered, missed int
	var el time.Duration
	pprof.Do(ctx, pprof.Labels("side", "users"), func(ctx context.Context) {
		s, offered, missed, el = openLoop(ctx, sc.emu, sc.hub, loadUsers, users, demoScript, rate, e.p.loadDuration)
	})
	got := float64(offered) / el.Seconds()
	r := e.rep
	r.add(Row{Scenario: "intake+flow @ fixed load", Figure: fmt.Sprintf("offered load, %d users, %s, configured limits", users, e.p.loadDuration),
		Value: fmt.Sprintf("%.0f updates/s", got), Number: got, Unit: "updates/s", Goal: fmt.Sprintf("%.0f updates/s", rate),
		Verdict: fmt.Sprintf("%d ticks found no user ready", missed)})
	r.add(Row{Scenario: "intake+flow @ fixed load", Figure: "latency p50 / p95 / p99",
		Value: s.p50p95p99(), Number: msf(s.pct(99)), Unit: "ms p99",
		Goal: "p99 ≤ 15 ms", Verdict: verdict(msf(s.pct(99)), 15, false)})
	if f := s.failNote(); f != "" {
		r.add(Row{Scenario: "intake+flow @ fixed load", Figure: "unanswered steps", Value: f, Verdict: "MISSED"})
	}
	return nil
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

// callsPerUpdate counts Bot API calls other than getUpdates per update.
func callsPerUpdate(emu *tgemu.Server, updates int) float64 {
	n := 0
	for m, c := range emu.Counts() {
		if m != "getUpdates" && m != "setMyCommands" && m != "deleteWebhook" && m != "getMe" {
			n += c
		}
	}
	if updates == 0 {
		return 0
	}
	return float64(n) / float64(updates)
}
