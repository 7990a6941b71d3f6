package bench

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"sibu/bot"
	"sibu/flows/kit"
	"sibu/storage"
	"sibu/tgemu"
)

// push measures reminders committed to the push stream (as a flow step
// commits them) and drained by Bot.Run under the global cap; then the same
// with 10% of sends answered 429 retry_after=1.
func (e *env) push(ctx context.Context) error {
	if err := e.pushRun(ctx, false); err != nil {
		return err
	}
	return e.pushRun(ctx, true)
}

// pushRun is one push measurement; with429 answers every tenth send 429.
func (e *env) pushRun(ctx context.Context, with429 bool) error {
	name, sc := "push", "push"
	if with429 {
		name, sc = "push429", "push, 10% answered 429"
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
	if err := e.queuePushes(ctx, prefix, ids); err != nil {
		return err
	}
	var refused *atomic.Int64
	if with429 {
		refused = refuseEveryTenth(emu)
	}
	lim := e.limits(false, e.p.pushCap)
	got, _, err := e.drain(ctx, emu, prefix, lim, e.p.pushes)
	if err != nil {
		return err
	}
	d := summarise(got, func(d delivery) string { return d.text })
	e.rep.add(deliveredRow(sc, fmt.Sprintf("%d reminders to %d chats, delivered", e.p.pushes, chats),
		strconv.Itoa(len(d.firsts)), d, e.p.pushes))
	if with429 {
		e.reportRefused(sc, d, refused.Load())
	} else {
		e.reportCapped(sc, d, lim, chats)
	}
	return nil
}

// queuePushes commits the reminders 500 at a time, round robin over the
// chats ids, as a reminder round would: push i goes to chat i mod chats.
func (e *env) queuePushes(ctx context.Context, prefix string, ids []int64) error {
	store := e.store(prefix)
	for i := 0; i < e.p.pushes; i += 500 {
		var outs []kit.Output
		for j := i; j < min(i+500, e.p.pushes); j++ {
			outs = append(outs, kit.Output{Kind: kit.OutPush, ChatID: ids[j%len(ids)],
				Text:    fmt.Sprintf("提醒 #%d：您有一份问卷尚未填写，请于本周五前完成。", j),
				Buttons: [][]kit.Button{{{Text: "开始填写", Data: "sv:" + surveyID}}}})
		}
		if _, err := store.Commit(ctx, storage.Commit{ChatID: adminID, NoSession: true, Outputs: outs, Now: time.Now()}); err != nil {
			return fmt.Errorf("queue pushes: %w", err)
		}
	}
	return nil
}

// refuseEveryTenth makes the emulator answer every tenth sendMessage 429
// retry_after=1; the counter it returns says how many it refused.
func refuseEveryTenth(emu *tgemu.Server) *atomic.Int64 {
	var n, refused atomic.Int64
	emu.Inject(func(c tgemu.Call) *tgemu.APIError {
		if c.Method == "sendMessage" && n.Add(1)%10 == 0 {
			refused.Add(1)
			return tgemu.TooManyRequests(1)
		}
		return nil
	})
	return &refused
}

// reportCapped adds the rows of the push run without refusals: the rate
// against the cap, the busiest second, and the spacing within each chat.
func (e *env) reportCapped(sc string, d drained, lim bot.Limits, chats int) {
	capRate := e.p.pushCap
	closest, most := perChat(d.firsts)
	e.rep.add(rateRow(sc, "achieved rate", d, capRate))
	e.rep.add(peakRow(sc, "most sent in any 1-s window", d, capRate))
	e.rep.add(Row{Scenario: sc, Figure: fmt.Sprintf("per chat: closest two / most in 1 s (limit %.0f/s, burst %d)", lim.PerChat, lim.Burst),
		Value: fmt.Sprintf("%s / %d", closest.Round(time.Millisecond), most), Goal: fmt.Sprintf("≤ %d in 1 s", lim.Burst+1),
		Verdict: verdict(float64(most), float64(lim.Burst+1), false)})
	e.rep.note("push: the global cap is raised from the configured %.0f to %.0f msg/s so %d reminders take ~%.0f s instead of ~%.0f s; pushes go round robin over %d chats (one reminder round after another).",
		e.cfg.Telegram.Limits.GlobalPerSecond, capRate, e.p.pushes, float64(e.p.pushes)/capRate, float64(e.p.pushes)/e.cfg.Telegram.Limits.GlobalPerSecond, chats)
}

// reportRefused adds the rows of the push run with refusals: the delivered
// rate, with the sends the refused ones cost, and how many were refused.
func (e *env) reportRefused(sc string, d drained, refused int64) {
	// Refused sends use the cap too (the sender cannot know in advance),
	// so delivered/s is bounded by (1 − refused share) of the cap.
	capRate := e.p.pushCap
	delivered := len(d.firsts)
	attempts := d.rate * float64(int64(delivered)+refused) / float64(max(delivered, 1))
	row := rateRow(sc, "delivered rate", d, capRate)
	row.Goal, row.Verdict = "reported", fmt.Sprintf("sends incl. refused: %.3f × cap", attempts/capRate)
	e.rep.add(row)
	e.rep.add(Row{Scenario: sc, Figure: "sends answered 429 retry_after=1", Value: strconv.FormatInt(refused, 10),
		Verdict: "each retried after retry_after"})
}

// perChat returns the closest two deliveries to one chat and the most one
// chat got within any second.
func perChat(ds []delivery) (closest time.Duration, most int) {
	byChat := map[int64][]time.Time{}
	for _, d := range ds {
		byChat[d.chat] = append(byChat[d.chat], d.at)
	}
	closest = -1
	for _, ts := range byChat {
		slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
		for i := 1; i < len(ts); i++ {
			if g := ts[i].Sub(ts[i-1]); closest < 0 || g < closest {
				closest = g
			}
		}
		most = max(most, maxInWindow(ts, time.Second))
	}
	return closest, most
}
