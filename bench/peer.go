package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/storage"
)

// peerUsers is the id range of the peer scenario's simulated people; both
// sides get the same people, each side its own emulator.
const peerUsers = 600_000

// peerResponses is the list the peer bot pushes each submitted response to.
const peerResponses = "peer:responses"

// sideResult is one side of the peer scenario: sibu or the peer, each in a
// process of its own with a redis-server of its own.
type sideResult struct {
	s          *sample
	n          int
	elapsed    time.Duration
	calls      float64
	bot, redis time.Duration // CPU of the bot's process and of its redis-server
	bench      time.Duration // CPU of the bench process: emulator and users
	submitted  int64
}

func (r sideResult) ups() float64 { return float64(r.n) / r.elapsed.Seconds() }

// perCPUSecond is updates per CPU-second of the bot and its redis-server.
func (r sideResult) perCPUSecond() float64 {
	return float64(r.n) / (r.bot + r.redis).Seconds()
}

// µs formats a CPU time per update.
func (r sideResult) µs(d time.Duration) string {
	if r.n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f µs", float64(d.Microseconds())/float64(r.n))
}

// peer runs the demo questionnaire closed loop against sibu and against
// the peer bot a go-telegram/bot user would write (peer_bot.go), the same
// people on both, each bot a child process with its own redis-server so
// the CPU of each is read from /proc.
func (e *env) peer(ctx context.Context) error {
	sibu, err := e.side(ctx, "sibu")
	if err != nil {
		return fmt.Errorf("sibu side: %w", err)
	}
	peer, err := e.side(ctx, "peer")
	if err != nil {
		return fmt.Errorf("peer side: %w", err)
	}
	r := e.rep
	for _, x := range []struct {
		name string
		r    sideResult
	}{{"peer: sibu", sibu}, {"peer: go-telegram/bot", peer}} {
		r.add(Row{Scenario: x.name, Figure: fmt.Sprintf("%d users × demo questionnaire (7 updates), closed loop", e.p.users),
			Value: fmt.Sprintf("%.0f updates/s", x.r.ups()), Number: x.r.ups(), Unit: "updates/s",
			Verdict: fmt.Sprintf("%d of %d responses stored", x.r.submitted, e.p.users) + failOr(x.r.s, "")})
		r.add(Row{Scenario: x.name, Figure: "latency p50 / p99 (update available → last reply at emulator)",
			Value: fmt.Sprintf("%s / %s", ms(x.r.s.pct(50)), ms(x.r.s.pct(99))), Number: msf(x.r.s.pct(99)), Unit: "ms p99"})
		r.add(Row{Scenario: x.name, Figure: "Bot API calls per update", Value: fmt.Sprintf("%.2f", x.r.calls)})
		r.add(Row{Scenario: x.name, Figure: "CPU per update: bot process / redis-server",
			Value:   x.r.µs(x.r.bot) + " / " + x.r.µs(x.r.redis),
			Verdict: "emulator + users (bench process): " + x.r.µs(x.r.bench)})
	}
	if peer.n > 0 && sibu.n > 0 {
		up, cp := sibu.ups()/peer.ups(), sibu.perCPUSecond()/peer.perCPUSecond()
		r.add(Row{Scenario: "peer: sibu / peer", Figure: "updates/s", Value: fmt.Sprintf("×%.2f", up), Number: up,
			Goal: "≥ ×1.0", Verdict: verdict(up, 1, true)})
		r.add(Row{Scenario: "peer: sibu / peer", Figure: "updates per CPU-second (bot + redis-server)",
			Value: fmt.Sprintf("×%.2f (%.0f / %.0f)", cp, sibu.perCPUSecond(), peer.perCPUSecond()), Number: cp,
			Goal: "≥ ×1.0", Verdict: verdict(cp, 1, true)})
		rc := float64(sibu.redis.Microseconds()) / float64(sibu.n)
		r.add(Row{Scenario: "peer: sibu", Figure: "redis-server CPU per update", Value: fmt.Sprintf("%.0f µs", rc),
			Number: rc, Unit: "µs", Goal: "≤ 80 µs", Verdict: verdict(rc, 80, false)})
	}
	r.note("peer: each bot runs as a child process of the bench binary with a private redis-server of its own; CPU is read from /proc for each. sibu keeps its durable inbox, per-chat lease and atomic commit; the peer keeps none (go-telegram/bot runs each update in its own goroutine).")
	return nil
}

// side runs one side of the peer scenario: a private redis-server, a fresh
// emulator, the bot as a child process, and the closed loop.
func (e *env) side(ctx context.Context, kind string) (sideResult, error) {
	url, pid, stop, err := startRedis(ctx)
	if err != nil {
		return sideResult{}, err
	}
	defer stop()
	opt, err := storage.ParseURL(url)
	if err != nil {
		return sideResult{}, err
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	prefix, ids := "bench"+e.runID+"peer", userIDs(peerUsers, e.p.users)
	if kind == "sibu" {
		seeder := *e
		seeder.rdb = rdb
		if err := seeder.seedPeople(ctx, prefix, ids, true); err != nil {
			return sideResult{}, err
		}
	}
	sc := newScene()
	defer sc.close()
	if err := confirmAll(ctx, sc.emu, ids); err != nil {
		return sideResult{}, err
	}
	sv := e.cfg.Surveys[surveyID]
	ch, err := startChild(childSpec{Kind: kind, API: sc.emu.URL(), Redis: url, Config: e.p.configPath, Prefix: prefix,
		Workers: e.cfg.Workers, Limits: e.limits(true, 0), Title: sv.Title, Question: peerQuestions(sv)})
	if err != nil {
		return sideResult{}, err
	}
	defer ch.stop()
	self, bot, red := cpuTime(0), cpuTime(ch.pid()), cpuTime(pid)
	s, el := closedLoop(ctx, sc.emu, sc.hub, peerUsers, e.p.users, demoScript)
	res := sideResult{s: s, n: len(s.d), elapsed: el, bench: cpuTime(0) - self,
		bot: cpuTime(ch.pid()) - bot, redis: cpuTime(pid) - red}
	res.calls = callsPerUpdate(sc.emu, res.n)
	if kind == "sibu" {
		res.submitted, err = rdb.SCard(ctx, storage.NewKeys(prefix).SurveySubmitted(surveyID)).Result()
	} else {
		res.submitted, err = rdb.LLen(ctx, peerResponses).Result()
	}
	return res, err
}
