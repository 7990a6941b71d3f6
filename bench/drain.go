package bench

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"sibu/bot"
	"sibu/tgemu"
)

// delivery is one message the emulator accepted from the bot.
type delivery struct {
	at   time.Time
	chat int64
	text string
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

// collectDeliveries starts collecting what the bot sends through emu.
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

// count is how many messages have arrived so far.
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

// drain starts the bot on the pushes queued under prefix, with limits lim,
// and collects what it sends until want messages have arrived (or four
// times the time the cap allows, plus 30 s). It returns every delivery and
// how long the first want took; it waits 200 ms more for late duplicates.
func (e *env) drain(ctx context.Context, emu *tgemu.Server, prefix string, lim bot.Limits, want int) ([]delivery, time.Duration, error) {
	col := collectDeliveries(emu)
	start := time.Now()
	s0, err := e.startSibu(ctx, emu.URL(), prefix, lim)
	if err != nil {
		col.stop()
		return nil, 0, err
	}
	limit := time.Duration(float64(want)/lim.Global*float64(time.Second))*4 + 30*time.Second
	for deadline := time.Now().Add(limit); time.Now().Before(deadline) && ctx.Err() == nil; {
		if col.count() >= want {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(start)
	time.Sleep(200 * time.Millisecond) // late duplicates, if any
	s0.close()
	return col.stop(), took, nil
}

// drained sums up a drain: the first delivery of each message, how many
// came again, and the rate and peak at which the first ones arrived.
type drained struct {
	firsts []delivery
	dups   int
	rate   float64 // messages per second, first arrival to last
	peak   int     // most in any one-second window
}

// summarise keeps the first delivery of each key, counts the others as
// duplicates, and measures the rate and peak of the first ones.
func summarise[K comparable](got []delivery, key func(delivery) K) drained {
	var d drained
	seen := map[K]bool{}
	times := make([]time.Time, 0, len(got))
	for _, g := range got {
		if seen[key(g)] {
			d.dups++
			continue
		}
		seen[key(g)] = true
		d.firsts = append(d.firsts, g)
		times = append(times, g.at)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	if len(times) > 1 {
		d.rate = float64(len(times)-1) / times[len(times)-1].Sub(times[0]).Seconds()
	}
	d.peak = maxInWindow(times, time.Second)
	return d
}

// deliveredRow is the row of how many of want messages a drain delivered,
// with its duplicates.
func deliveredRow(sc, figure, value string, d drained, want int) Row {
	n := len(d.firsts)
	return Row{Scenario: sc, Figure: figure, Value: value, Number: float64(n), Goal: fmt.Sprintf("= %d", want),
		Verdict: okIf(true, n == want) + dupNote(d.dups)}
}

// rateRow is the row of a drain's rate against the global cap capRate.
func rateRow(sc, figure string, d drained, capRate float64) Row {
	return Row{Scenario: sc, Figure: fmt.Sprintf("%s (cap %.0f msg/s)", figure, capRate),
		Value: fmt.Sprintf("%.1f msg/s = %.3f × cap", d.rate, d.rate/capRate), Number: d.rate, Unit: "msg/s",
		Goal: "≥ 0.95 × cap", Verdict: verdict(d.rate/capRate, 0.95, true)}
}

// peakRow is the row of a drain's busiest second against the cap capRate.
func peakRow(sc, figure string, d drained, capRate float64) Row {
	return Row{Scenario: sc, Figure: figure, Value: strconv.Itoa(d.peak), Number: float64(d.peak),
		Goal: fmt.Sprintf("≤ %.0f (cap)", capRate), Verdict: verdict(float64(d.peak), capRate, false)}
}
