package bench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"sibu/flows/kit"
	"sibu/storage"
	"sibu/tgemu"
)

// delivery is one message the emulator accepted from the bot.
type delivery struct {
	at   time.Time
	chat int64
	text string
}

// push: reminders committed to the push stream (as a flow step commits
// them) and drained by Bot.Run under the global cap; then the same with 10%
// of sends answered 429 retry_after=1.
func (e *env) push(ctx context.Context) error {
	if err := e.pushRun(ctx, false); err != nil {
		return err
	}
	return e.pushRun(ctx, true)
}

func (e *env) pushRun(ctx context.Context, with429 bool) error {
	name := "push"
	if with429 {
		name = "push429"
	}
	prefix := e.prefix(name)
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	emu := newEmu()
	defer emu.Close()
	chats := min(e.p.users, e.p.pushes)
	ids := userIDs(pushUsers, chats)
	if err := confirmAll(ctx, emu, ids); err != nil {
		return err
	}
	store := e.store(prefix)
	// Round robin over the chats, as a reminder round would: push i goes to
	// chat i mod chats.
	for i := 0; i < e.p.pushes; i += 500 {
		var outs []kit.Output
		for j := i; j < min(i+500, e.p.pushes); j++ {
			outs = append(outs, kit.Output{Kind: kit.OutPush, ChatID: ids[j%chats],
				Text:    fmt.Sprintf("提醒 #%d：您有一份问卷尚未填写，请于本周五前完成。", j),
				Buttons: [][]kit.Button{{{Text: "开始填写", Data: "sv:" + surveyID}}}})
		}
		if _, err := store.Commit(ctx, storage.Commit{ChatID: adminID, NoSession: true, Outputs: outs, Now: time.Now()}); err != nil {
			return fmt.Errorf("queue pushes: %w", err)
		}
	}
	var answered429 atomic.Int64
	if with429 {
		var n atomic.Int64
		emu.Inject(func(c tgemu.Call) *tgemu.APIError {
			if c.Method == "sendMessage" && n.Add(1)%10 == 0 {
				answered429.Add(1)
				return tgemu.TooManyRequests(1)
			}
			return nil
		})
	}
	col := collectDeliveries(emu)
	capRate := e.p.pushCap
	lim := e.limits(false, capRate)
	start := time.Now()
	s0, err := e.startSibu(ctx, emu, prefix, lim)
	if err != nil {
		col.stop()
		return err
	}
	limit := time.Duration(float64(e.p.pushes)/capRate*float64(time.Second))*4 + 30*time.Second
	for deadline := time.Now().Add(limit); time.Now().Before(deadline) && ctx.Err() == nil; {
		n := col.count()
		if n >= e.p.pushes {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // late duplicates, if any
	s0.close()
	got := col.stop()
	_ = start

	uniq := map[string]bool{}
	dups := 0
	times := make([]time.Time, 0, len(got))
	perChat := map[int64][]time.Time{}
	for _, d := range got {
		if uniq[d.text] {
			dups++
			continue
		}
		uniq[d.text] = true
		times = append(times, d.at)
		perChat[d.chat] = append(perChat[d.chat], d.at)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	achieved := 0.0
	if len(times) > 1 {
		achieved = float64(len(times)-1) / times[len(times)-1].Sub(times[0]).Seconds()
	}
	maxWin := maxInWindow(times, time.Second)
	minGap := time.Duration(-1)
	maxChatWin := 0
	for _, ts := range perChat {
		slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
		for i := 1; i < len(ts); i++ {
			if g := ts[i].Sub(ts[i-1]); minGap < 0 || g < minGap {
				minGap = g
			}
		}
		maxChatWin = max(maxChatWin, maxInWindow(ts, time.Second))
	}
	r := e.rep
	sc := "push"
	if with429 {
		sc = "push, 10% answered 429"
	}
	r.add(Row{Scenario: sc, Figure: fmt.Sprintf("%d reminders to %d chats, delivered", e.p.pushes, chats),
		Value: fmt.Sprintf("%d", len(uniq)), Number: float64(len(uniq)), Goal: fmt.Sprintf("= %d", e.p.pushes),
		Verdict: okIf(true, len(uniq) == e.p.pushes) + dupNote(dups)})
	if !with429 {
		r.add(Row{Scenario: sc, Figure: fmt.Sprintf("achieved rate (cap %.0f msg/s)", capRate),
			Value: fmt.Sprintf("%.1f msg/s = %.3f × cap", achieved, achieved/capRate), Number: achieved, Unit: "msg/s",
			Goal: "≥ 0.95 × cap", Verdict: verdict(achieved/capRate, 0.95, true)})
	} else {
		// Refused sends use the cap too (the sender cannot know in advance),
		// so delivered/s is bounded by (1 − refused share) of the cap.
		refused := answered429.Load()
		attempts := achieved * float64(int64(len(uniq))+refused) / float64(max(len(uniq), 1))
		r.add(Row{Scenario: sc, Figure: fmt.Sprintf("delivered rate (cap %.0f msg/s)", capRate),
			Value: fmt.Sprintf("%.1f msg/s = %.3f × cap", achieved, achieved/capRate), Number: achieved, Unit: "msg/s",
			Goal: "reported", Verdict: fmt.Sprintf("sends incl. refused: %.3f × cap", attempts/capRate)})
	}
	if !with429 {
		r.add(Row{Scenario: sc, Figure: "most sent in any 1-s window", Value: fmt.Sprintf("%d", maxWin), Number: float64(maxWin),
			Goal: fmt.Sprintf("≤ %.0f (cap)", capRate), Verdict: verdict(float64(maxWin), capRate, false)})
		r.add(Row{Scenario: sc, Figure: fmt.Sprintf("per chat: closest two / most in 1 s (limit %.0f/s, burst %d)", lim.PerChat, lim.Burst),
			Value: fmt.Sprintf("%s / %d", minGap.Round(time.Millisecond), maxChatWin), Goal: fmt.Sprintf("≤ %d in 1 s", lim.Burst+1),
			Verdict: verdict(float64(maxChatWin), float64(lim.Burst+1), false)})
	} else {
		r.add(Row{Scenario: sc, Figure: "sends answered 429 retry_after=1", Value: fmt.Sprintf("%d", answered429.Load()),
			Verdict: "each retried after retry_after"})
	}
	if !with429 {
		r.note("push: the global cap is raised from the configured %.0f to %.0f msg/s so %d reminders take ~%.0f s instead of ~%.0f s; pushes go round robin over %d chats (one reminder round after another).",
			e.cfg.Telegram.Limits.GlobalPerSecond, capRate, e.p.pushes, float64(e.p.pushes)/capRate, float64(e.p.pushes)/e.cfg.Telegram.Limits.GlobalPerSecond, chats)
	}
	return nil
}

func dupNote(d int) string {
	if d == 0 {
		return ", no duplicates"
	}
	return fmt.Sprintf(", %d duplicates", d)
}

// maxInWindow returns the most timestamps (sorted) within any window of w.
func maxInWindow(ts []time.Time, w time.Duration) int {
	best, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= w {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

// collector records every message the bot sends through the emulator, with
// its arrival time, for the push and commitment scenarios.
type collector struct {
	mu     sync.Mutex
	got    []delivery
	unsub  func()
	closed chan struct{}
}

func collectDeliveries(emu *tgemu.Server) *collector {
	evs, unsub := emu.Subscribe()
	c := &collector{unsub: unsub, closed: make(chan struct{})}
	go func() {
		defer close(c.closed)
		for ev := range evs {
			if ev.Type == tgemu.EventMessage && ev.Message != nil && ev.Message.FromBot {
				c.mu.Lock()
				c.got = append(c.got, delivery{at: ev.Time, chat: ev.ChatID, text: ev.Message.Text})
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.got)
}

// stop ends the subscription and returns everything collected.
func (c *collector) stop() []delivery {
	c.unsub()
	<-c.closed
	return c.got
}
