package bench

import (
	"context"
	"sync"
	"time"

	"sibu/tgemu"
)

// closedLoop runs n users through script at once, each as fast as the bot
// answers. It returns the latencies, the elapsed time and the bot messages.
func closedLoop(ctx context.Context, emu *tgemu.Server, h *hub, firstID int64, n int, script []action) (*sample, time.Duration) {
	s := &sample{}
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		u := newUser(emu, h, firstID+int64(i))
		wg.Go(func() {
			for _, a := range script {
				d, err := u.do(ctx, a, 60*time.Second)
				s.add(d, err)
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	return s, time.Since(start)
}

// openLoop offers updates at a fixed rate for dur: each tick hands the next
// step to the user that has waited longest since its last reply (FIFO), so
// with n users a user acts about every n/rate seconds. A tick that finds no
// user ready is counted as missed (the bot is not keeping up).
func openLoop(ctx context.Context, emu *tgemu.Server, h *hub, firstID int64, n int, script []action,
	rate float64, dur time.Duration) (s *sample, offered int, missed int, elapsed time.Duration) {
	s = &sample{}
	ready := make(chan *simTurn, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		t := &simTurn{u: newUser(emu, h, firstID+int64(i)), go_: make(chan struct{}, 1)}
		ready <- t
		wg.Go(func() {
			for i, a := range script {
				select {
				case <-t.go_:
				case <-ctx.Done():
					return
				}
				if t.stop {
					return
				}
				d, err := t.u.do(ctx, a, 60*time.Second)
				s.add(d, err)
				if err != nil {
					return
				}
				if i < len(script)-1 {
					ready <- t
				}
			}
		})
	}
	start := time.Now()
	interval := time.Duration(float64(time.Second) / rate)
	next := start
	for time.Since(start) < dur && ctx.Err() == nil {
		next = next.Add(interval)
		if d := time.Until(next); d > 0 {
			time.Sleep(d)
		}
		select {
		case t := <-ready:
			t.go_ <- struct{}{}
			offered++
		default:
			missed++
		}
	}
	elapsed = time.Since(start)
	// Release everyone still waiting for a turn.
	for {
		select {
		case t := <-ready:
			t.stop = true
			t.go_ <- struct{}{}
			continue
		default:
		}
		break
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for {
		select {
		case t := <-ready:
			t.stop = true
			t.go_ <- struct{}{}
		case <-done:
			return s, offered, missed, elapsed
		}
	}
}

// simTurn is one user of the open loop: go_ hands it its next step, and
// stop, set before, tells it to quit instead.
type simTurn struct {
	u    *user
	go_  chan struct{}
	stop bool
}
