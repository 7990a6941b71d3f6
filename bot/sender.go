package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"golang.org/x/time/rate"
)

// Limits are Telegram's (unpublished, approximate) sending limits.
type Limits struct {
	// Global caps pushes the bot starts itself, messages per second.
	Global float64
	// PerChat is messages per second to one private chat, with Burst.
	PerChat float64
	Burst   int
	// PerGroupMinute is messages per minute to one group.
	PerGroupMinute float64
}

// pacing is the share of the global cap the sender aims at.
const pacing = 0.97

// DefaultLimits are ~30 msg/s overall, 1 msg/s per chat, 20 msg/min per group.
var DefaultLimits = Limits{Global: 30, PerChat: 1, Burst: 3, PerGroupMinute: 20}

// ErrBlocked means the person blocked the bot (403); the message is dropped
// and the person marked unreachable.
var ErrBlocked = errors.New("blocked by the user")

// callTimeout bounds one Bot API call once it has started.
const callTimeout = 30 * time.Second

// call makes one Bot API call. Once started it is not abandoned because the
// caller's wait ran out (a push's delivery deadline, a shutdown): the
// request may already have reached Telegram, and an abandoned send is sent
// again by whoever retries it. It has callTimeout of its own instead.
func (s *Sender) call(ctx context.Context, chatID int64, call func(ctx context.Context, chatID int64) error) error {
	if err := ctx.Err(); err != nil {
		return err // not started: a lost lease or a shutdown stops here
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), callTimeout)
	defer cancel()
	return call(cctx, chatID)
}

// Sender is the one way out to Telegram. Every call goes through Do, which
// waits for the chat's limit (and, for pushes, the global cap) — shared by
// every replica in Redis, or this process's own while Redis is
// unreachable (sharedlimits.go) —, honours
// retry_after on 429 (the chat waits, the call is retried, never dropped),
// follows group migrations, ignores "message is not modified", and reports
// 403 as ErrBlocked.
type Sender struct {
	limits  Limits
	global  *rate.Limiter
	log     *slog.Logger
	metrics *Metrics

	// shared books sends in the limits every replica shares (Redis); nil:
	// this process's own limiters only. See sharedlimits.go.
	shared   sharedLimits
	lastWarn atomic.Int64 // unix ns of the last "limits unreachable" warning

	mu    sync.Mutex
	chats map[int64]*chatState
	moved map[int64]int64

	// OnBlocked is called when a chat answers 403.
	OnBlocked func(ctx context.Context, chatID int64)
	// OnMigrated is called when a group became a supergroup.
	OnMigrated func(ctx context.Context, from, to int64)
}

// chatState is one chat's limiter and 429 pause.
type chatState struct {
	lim   *rate.Limiter // used only while the shared limits are unreachable
	until time.Time     // 429: no call before this
	next  time.Time     // the shared limits refused a send before this
	used  time.Time
}

// NewSender returns a sender with limits.
func NewSender(limits Limits, log *slog.Logger, m *Metrics) *Sender {
	if limits.Global <= 0 {
		limits = DefaultLimits
	}
	if limits.Burst <= 0 {
		limits.Burst = 1
	}
	if m == nil {
		m = NewMetrics()
	}
	// The cap must hold in every one-second window as Telegram sees it, and
	// HTTP delivery is uneven (a slow send lets the next ones arrive
	// bunched): pace 3% under the cap, one message at a time.
	return &Sender{limits: limits, global: rate.NewLimiter(rate.Limit(limits.Global*pacing), 1),
		log: log, metrics: m, chats: map[int64]*chatState{}, moved: map[int64]int64{}}
}

// chat returns the state of chat id, creating it (and now and then
// forgetting idle ones).
func (s *Sender) chat(id int64) *chatState {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[id]
	if !ok {
		if len(s.chats) > 100_000 { // forget idle chats now and then
			for k, v := range s.chats {
				if time.Since(v.used) > time.Minute {
					delete(s.chats, k)
				}
			}
		}
		lim := rate.NewLimiter(rate.Limit(s.limits.PerChat), s.limits.Burst)
		if id < 0 { // groups: no burst on top of the per-minute limit
			lim = rate.NewLimiter(rate.Limit(s.limits.PerGroupMinute/60), 1)
		}
		c = &chatState{lim: lim}
		s.chats[id] = c
	}
	c.used = time.Now()
	return c
}

// pace is the sending schedule of chat id (a migrated group's new id): one
// message per interval after a burst, as its limiter allows.
func (s *Sender) pace(id int64) (interval time.Duration, burst int) {
	if s.target(id) < 0 {
		return time.Duration(float64(time.Minute) / s.limits.PerGroupMinute), 1
	}
	return time.Duration(float64(time.Second) / s.limits.PerChat), s.limits.Burst
}

// readyAt is when chat id may next be sent to: its limiter has a token
// and any 429 pause is over.
func (s *Sender) readyAt(id int64) time.Time {
	c := s.chat(s.target(id))
	now := time.Now()
	at := now
	if t := c.lim.TokensAt(now); t < 1 {
		at = now.Add(time.Duration((1 - t) / float64(c.lim.Limit()) * float64(time.Second)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return latest(at, c.until, c.next)
}

// errNoTime means a call could not start before its context's deadline:
// a limiter or a 429 pause would have made it wait past it. Nothing was
// sent.
var errNoTime = errors.New("bot: no time left to send before the deadline")

// Moved tells the sender that group from is now supergroup to (recorded
// earlier, or seen in an update).
func (s *Sender) Moved(from, to int64) {
	s.mu.Lock()
	s.moved[from] = to
	s.mu.Unlock()
}

// target is the chat id to send to for id (a migrated group's new id).
func (s *Sender) target(id int64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if to, ok := s.moved[id]; ok {
		return to
	}
	return id
}

// Kind says which limits a call is under.
type Kind int

// Call kinds.
const (
	// Reply: a message answering a person's own action; chat limit only.
	Reply Kind = iota
	// Push: a message the bot starts; chat limit and the global cap.
	Push
	// Free: not a message (answerCallbackQuery, setMyCommands); no limiter,
	// but 429 is still honoured.
	Free
)

// Do runs call for chatID under the limits of kind, retrying on 429 after
// retry_after and on a migration with the new chat id. It returns nil for
// "message is not modified". When ctx has a deadline that the limits or a
// 429 pause would make it miss, Do returns errNoTime at once instead of
// waiting.
func (s *Sender) Do(ctx context.Context, method string, chatID int64, kind Kind, call func(ctx context.Context, chatID int64) error) error {
	for attempt := 0; ; attempt++ {
		chatID = s.target(chatID)
		c := s.chat(chatID)
		if kind != Free {
			if err := s.admit(ctx, chatID, kind, c); err != nil {
				return err
			}
		}
		s.mu.Lock()
		pause := time.Until(c.until)
		s.mu.Unlock()
		if pause > 0 {
			if dl, ok := ctx.Deadline(); ok && time.Now().Add(pause).After(dl) {
				return errNoTime
			}
			if err := sleep(ctx, pause); err != nil {
				return err
			}
		}
		err := s.call(ctx, chatID, call)
		s.metrics.sent(method, err)
		if err == nil {
			return nil
		}
		var tooMany *tgbot.TooManyRequestsError
		var migrate *tgbot.MigrateError
		switch {
		case errors.As(err, &tooMany):
			retry := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			s.metrics.tooMany.Inc()
			s.log.Warn("telegram 429: waiting retry_after", "method", method, "chat_id", chatID, "retry_after_s", retry.Seconds())
			s.mu.Lock()
			c.until = time.Now().Add(retry)
			s.mu.Unlock()
			continue
		case errors.As(err, &migrate):
			to := int64(migrate.MigrateToChatID)
			s.mu.Lock()
			s.moved[chatID] = to
			s.mu.Unlock()
			s.log.Info("group migrated to a supergroup", "from", chatID, "to", to)
			if s.OnMigrated != nil {
				s.OnMigrated(ctx, chatID, to)
			}
			continue
		case errors.Is(err, tgbot.ErrorForbidden):
			if s.OnBlocked != nil {
				s.OnBlocked(ctx, chatID)
			}
			return ErrBlocked
		case errors.Is(err, tgbot.ErrorBadRequest):
			if strings.Contains(err.Error(), "message is not modified") {
				return nil
			}
			return permanent{err}
		case ctx.Err() != nil:
			return ctx.Err()
		case refused(err):
			return err // refused for good (413 …): the caller decides (setaside.go)
		}
		// Network errors and 5xx: back off and retry a few times, then give
		// the caller the error (it keeps the message and tries again later).
		if attempt >= 4 {
			return err
		}
		if err := sleep(ctx, time.Duration(1<<attempt)*200*time.Millisecond); err != nil {
			return err
		}
	}
}

// permanent marks an error that retrying cannot fix (400 Bad Request).
type permanent struct{ error }

// Unwrap returns the error that will not go away.
func (p permanent) Unwrap() error { return p.error }

// IsPermanent reports whether err will not go away by retrying.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p) || errors.Is(err, ErrBlocked)
}

// wait waits for lim's next token; errNoTime when that would pass ctx's
// deadline.
func wait(ctx context.Context, lim *rate.Limiter) error {
	err := lim.Wait(ctx)
	if err != nil && ctx.Err() == nil {
		return errNoTime // the limiter refused: the token comes after the deadline
	}
	return err
}

// sleep waits d, or less if ctx ends first (then it returns ctx's error).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
