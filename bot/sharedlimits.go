package bot

import (
	"context"
	"errors"
	"time"

	"sibu/storage"
)

// sharedLimits books sends in the limits every replica shares
// (storage.Store.ReserveSend): N replicas together keep to the global cap,
// each chat's limit and each group's, as one would.
type sharedLimits interface {
	ReserveSend(ctx context.Context, r storage.SendRequest) (storage.Reservation, error)
}

// Asking the shared limits: how long the answer may take before the send
// is paced by this process's own limiters instead (a send is never held up
// by an unreachable Redis), how long a send without a deadline may be
// booked ahead, and how often the fallback is logged.
const (
	sharedTimeout  = 500 * time.Millisecond
	maxBookedAhead = time.Hour
	warnEvery      = 10 * time.Second
)

// errUnshared means the shared limits could not be asked.
var errUnshared = errors.New("bot: shared send limits unreachable")

// Share makes the sender book every send in the limits every replica
// shares, through l; its own limiters stay as the fallback while l does
// not answer (counted in sibu_send_limits_unreachable_total).
func (s *Sender) Share(l sharedLimits) { s.shared = l }

// admit waits until a send of kind to chat c may go: booked in the shared
// limits, or under this process's own limiters when they are unreachable.
// errNoTime when the send could not go before ctx's deadline.
func (s *Sender) admit(ctx context.Context, chatID int64, kind Kind, c *chatState) error {
	if s.shared != nil {
		if err := s.reserve(ctx, chatID, kind, c); !errors.Is(err, errUnshared) {
			return err
		}
	}
	if kind == Push {
		if err := wait(ctx, s.global); err != nil {
			return err
		}
	}
	return wait(ctx, c.lim)
}

// reserve books the send in the shared limits and waits for its slot.
// A send its slot would make miss ctx's deadline books nothing: the
// chat's state remembers when it could go (readyAt), and errNoTime.
func (s *Sender) reserve(ctx context.Context, chatID int64, kind Kind, c *chatState) error {
	req := storage.SendRequest{Chat: chatID, ChatRate: s.chatRate(chatID), MaxWait: maxBookedAhead}
	if kind == Push {
		req.Global = &storage.Rate{Interval: time.Duration(float64(time.Second) / (s.limits.Global * pacing)), Burst: 1}
	}
	if dl, ok := ctx.Deadline(); ok {
		req.MaxWait = min(req.MaxWait, time.Until(dl))
		if req.MaxWait <= 0 {
			return errNoTime
		}
	}
	rctx, cancel := context.WithTimeout(ctx, sharedTimeout)
	res, err := s.shared.ReserveSend(rctx, req)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.metrics.unshared.Inc()
		if now := time.Now().UnixNano(); now-s.lastWarn.Load() > int64(warnEvery) {
			s.lastWarn.Store(now)
			s.log.Warn("shared send limits unreachable: pacing by this replica's own limiters", "err", err)
		}
		return errUnshared
	}
	if !res.OK {
		s.mu.Lock()
		c.next = time.Now().Add(res.Wait)
		s.mu.Unlock()
		return errNoTime
	}
	return sleep(ctx, res.Wait)
}

// chatRate is chat id's limit: a group's per minute, a private chat's per
// second with its burst.
func (s *Sender) chatRate(id int64) storage.Rate {
	interval, burst := s.pace(id)
	return storage.Rate{Interval: interval, Burst: burst}
}
