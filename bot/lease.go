package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"sibu/storage"
)

// A worker holds the chat it serves by a lease that Redis times (the store
// reads Redis's clock, so a replica whose own clock is ahead cannot take a
// chat early). It renews the lease while it works; the moment a renewal
// says the lease is gone, or the lease may have run out without one (a
// process stalled by GC or a VM pause, Redis unreachable), it stops
// sending to the chat and touches none of its bookkeeping: from then on
// the chat may be another worker's, and what is left is theirs to send.

// hold is a worker's knowledge of its lease on one chat.
type hold struct {
	mu    sync.Mutex
	until time.Time // the lease holds at least until then (monotonic clock)
	lost  bool
	end   context.CancelFunc
}

// holdKey is the context key of the hold of the chat a context serves.
type holdKey struct{}

// leaseMargin is the part of a lease the worker does not count on: what a
// send already on its way, and clocks ticking at slightly different
// rates, may take.
func leaseMargin(d time.Duration) time.Duration { return d / 5 }

// holdLease keeps lease, asked for at claimed, while the chat is served.
// The context it returns ends when the lease is lost or may have run out
// (and stillHeld then says so); stop ends the keeping.
func (b *Bot) holdLease(ctx context.Context, lease storage.Lease, claimed time.Time) (held context.Context, stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	h := &hold{end: cancel}
	h.renewed(claimed, b.opt.Lease)
	done := make(chan struct{})
	go b.keepLease(lease, h, done)
	return context.WithValue(ctx, holdKey{}, h), func() {
		close(done)
		cancel()
	}
}

// keepLease renews the lease every third of its time until done, or until
// it is lost or may have run out.
func (b *Bot) keepLease(lease storage.Lease, h *hold, done <-chan struct{}) {
	tick := time.NewTicker(b.opt.Lease / 3)
	defer tick.Stop()
	expire := time.NewTimer(h.left())
	defer expire.Stop()
	for {
		select {
		case <-done:
			return
		case <-expire.C:
			b.log.Warn("chat lease may have run out: sending stops", "chat_id", lease.Chat)
			h.lose()
			return
		case <-tick.C:
			start := time.Now()
			ctx, cancel := quick()
			err := b.store.Renew(ctx, lease, b.opt.Lease)
			cancel()
			switch {
			case errors.Is(err, storage.ErrLeaseLost):
				b.log.Warn("chat lease lost to another worker: sending stops", "chat_id", lease.Chat)
				h.lose()
				return
			case err != nil:
				b.log.Warn("renew chat lease", "chat_id", lease.Chat, "err", err) // tried again until it may have run out
			default:
				h.renewed(start, b.opt.Lease)
				expire.Reset(h.left())
			}
		}
	}
}

// renewed records a renewal asked for at start (Redis timed it later, so
// the lease runs at least d from start).
func (h *hold) renewed(start time.Time, d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.until = start.Add(d - leaseMargin(d))
}

// left is how long the lease holds for sure.
func (h *hold) left() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return time.Until(h.until)
}

// lose marks the lease lost and ends the work on the chat.
func (h *hold) lose() {
	h.mu.Lock()
	h.lost = true
	h.mu.Unlock()
	h.end()
}

// stillHeld reports storage.ErrLeaseLost when the lease of the chat ctx
// serves is lost or may have run out — checked before each send, since a
// stalled process may wake up past its lease before the timer that would
// have stopped it fires. A context without a lease is held.
func stillHeld(ctx context.Context) error {
	h, ok := ctx.Value(holdKey{}).(*hold)
	if !ok {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lost || !time.Now().Before(h.until) {
		return storage.ErrLeaseLost
	}
	return nil
}
