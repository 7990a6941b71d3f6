package bot

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/storage"
)

// recorder is what intake needs of the store.
type recorder interface {
	Record(ctx context.Context, ups ...storage.Update) (int, error)
}

// AllowedUpdates are the update kinds the bot asks Telegram for.
var AllowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}

// Poller pulls updates with getUpdates. It does not use the library's Start,
// which advances the offset as soon as a batch is queued in memory (a crash
// then loses it): here a batch is recorded in Redis first, and only then is
// the offset that confirms it stored and sent. One replica polls at a time,
// because Telegram allows one getUpdates caller (a second one gets 409):
// it holds a short lease in Redis (PollLeaseTTL), renewed every
// PollRenewEvery while it polls; the moment a renewal fails, or the lease
// may have run out without one, its getUpdates is cancelled and it stops.
// The other replicas try for the lease every PollStandbyRetry, so a dead
// poller is replaced within PollLeaseTTL + PollStandbyRetry.
type Poller struct {
	client  *http.Client
	base    string // {api}/bot{token}/
	store   recorder
	rdb     redis.UniversalClient
	keys    storage.Keys
	owner   string
	timeout time.Duration
	log     *slog.Logger
	metrics *Metrics
	wake    func()
}

// The polling lease: its time to live, how often the poller renews it, and
// how often a replica that does not poll tries to take it.
const (
	PollLeaseTTL     = 3 * time.Second
	PollRenewEvery   = 750 * time.Millisecond
	PollStandbyRetry = 500 * time.Millisecond
)

// NewPoller returns a poller against apiURL with token.
func NewPoller(client *http.Client, apiURL, token string, store recorder, rdb redis.UniversalClient, keys storage.Keys,
	owner string, log *slog.Logger, m *Metrics, wake func()) *Poller {
	return &Poller{client: client, base: apiURL + "/bot" + token + "/", store: store, rdb: rdb, keys: keys,
		owner: owner, timeout: 10 * time.Second, log: log, metrics: m, wake: wake}
}

// leaseScript takes the polling lease when it is free. KEYS = lease; ARGV
// = owner, ttl ms.
var leaseScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if not cur or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`)

// renewPollScript renews the polling lease only while owner holds it.
// KEYS = lease; ARGV = owner, ttl ms.
var renewPollScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

// offsetScript stores the next getUpdates offset only while owner holds
// the lease: a poller that lost it does not move the offset of the one
// that took over. KEYS = lease, offset; ARGV = owner, offset.
var offsetScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2])
  return 1
end
return 0
`)

// Run polls, whenever it holds the polling lease, until ctx is done; then
// it gives the lease up so another replica takes over at once.
func (p *Poller) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		ok, err := leaseScript.Run(ctx, p.rdb, []string{p.keys.PollLease()}, p.owner, PollLeaseTTL.Milliseconds()).Int()
		switch {
		case err != nil && ctx.Err() == nil:
			p.log.Error("poll lease", "err", err)
		case ok == 1:
			p.pollWhileHeld(ctx, time.Now())
			continue
		}
		sleep(ctx, PollStandbyRetry) // another replica polls, or Redis is down
	}
	// Let another replica take over at once (only if the lease is ours).
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	unleaseScript.Run(qctx, p.rdb, []string{p.keys.PollLease()}, p.owner)
	return nil
}

// pollWhileHeld polls while the lease taken at taken holds.
func (p *Poller) pollWhileHeld(ctx context.Context, taken time.Time) {
	ctx, stop := p.keepLease(ctx, taken)
	defer stop()
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		if backoff > 0 && sleep(ctx, backoff) != nil {
			return
		}
		offset, err := p.rdb.Get(ctx, p.keys.PollOffset()).Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			p.log.Error("poll offset", "err", err)
			backoff = nextBackoff(backoff)
			continue
		}
		ups, retryAfter, err := p.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			p.log.Error("getUpdates", "err", err)
			backoff = max(nextBackoff(backoff), retryAfter)
			continue
		}
		backoff = 0
		if len(ups) == 0 {
			continue
		}
		// Record first; only then confirm the offset. A crash between the two
		// fetches the batch again, and the dedupe on update_id drops repeats.
		if err := p.record(ctx, ups); err != nil {
			p.log.Error("record updates", "err", err, "count", len(ups))
			backoff = nextBackoff(backoff)
			continue
		}
		next := ups[len(ups)-1].ID + 1
		if err := offsetScript.Run(ctx, p.rdb, []string{p.keys.PollLease(), p.keys.PollOffset()}, p.owner, next).Err(); err != nil {
			p.log.Error("store poll offset", "err", err)
		}
		p.wake()
	}
}

// keepLease renews the polling lease every PollRenewEvery. The context it
// returns ends the moment a renewal fails (the lease is another's, or
// Redis did not answer) or the lease may have run out without one (a
// stalled process): the poll in flight is cancelled and no other starts.
func (p *Poller) keepLease(ctx context.Context, taken time.Time) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		defer cancel()
		tick := time.NewTicker(PollRenewEvery)
		defer tick.Stop()
		held := taken.Add(PollLeaseTTL - leaseMargin(PollLeaseTTL))
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			start := time.Now()
			if start.After(held) {
				p.log.Warn("poll lease may have run out: polling stops")
				return
			}
			rctx, rcancel := context.WithDeadline(ctx, held)
			ok, err := renewPollScript.Run(rctx, p.rdb, []string{p.keys.PollLease()}, p.owner, PollLeaseTTL.Milliseconds()).Int()
			rcancel()
			if err != nil || ok != 1 {
				if ctx.Err() == nil {
					p.log.Warn("poll lease not renewed: polling stops", "lost", ok != 1 && err == nil, "err", err)
				}
				return
			}
			held = start.Add(PollLeaseTTL - leaseMargin(PollLeaseTTL))
		}
	}()
	return ctx, cancel
}

// unleaseScript deletes the polling lease if owner holds it.
var unleaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

// record stores a batch, counting new updates and repeats.
func (p *Poller) record(ctx context.Context, ups []storage.Update) error {
	n, err := p.store.Record(ctx, ups...)
	if err != nil {
		return err
	}
	p.metrics.updates.WithLabelValues("recorded").Add(float64(n))
	p.metrics.updates.WithLabelValues("duplicate").Add(float64(len(ups) - n))
	return nil
}

// nextBackoff doubles a retry wait, from 0.5 s up to 30 s.
func nextBackoff(d time.Duration) time.Duration {
	if d == 0 {
		return 500 * time.Millisecond
	}
	return min(2*d, 30*time.Second)
}

// apiResult is the Bot API's answer to getUpdates.
type apiResult struct {
	OK          bool              `json:"ok"`
	Result      []json.RawMessage `json:"result"`
	ErrorCode   int               `json:"error_code"`
	Description string            `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates fetches a batch after offset. The raw JSON of each update is
// kept byte for byte.
func (p *Poller) getUpdates(ctx context.Context, offset int64) ([]storage.Update, time.Duration, error) {
	body, _ := json.Marshal(map[string]any{"offset": offset, "timeout": int(p.timeout.Seconds()), "limit": 100,
		"allowed_updates": AllowedUpdates})
	rctx, cancel := context.WithTimeout(ctx, p.timeout+10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, p.base+"getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, 0, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("getUpdates: %w", redactURL(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, 0, fmt.Errorf("read getUpdates: %w", err)
	}
	var r apiResult
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, 0, fmt.Errorf("decode getUpdates (HTTP %d): %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, time.Duration(r.Parameters.RetryAfter) * time.Second,
			fmt.Errorf("getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	ups := make([]storage.Update, 0, len(r.Result))
	for _, u := range r.Result {
		id, chat, err := peek(u)
		if err != nil {
			p.log.Error("undecodable update skipped", "err", err)
			continue
		}
		ups = append(ups, storage.Update{ID: id, ChatID: chat, Raw: u})
	}
	return ups, 0, nil
}

// Webhook is the http.Handler Telegram POSTs updates to. It answers 401 to a
// missing or wrong X-Telegram-Bot-Api-Secret-Token without reading further,
// records the update in Redis, and only then answers 200; if Redis fails it
// answers 500 so Telegram delivers the update again.
type Webhook struct {
	secret  []byte
	store   recorder
	log     *slog.Logger
	metrics *Metrics
	wake    func()
}

// maxWebhookBody bounds what the webhook reads of a request; an update is
// a few kilobytes.
const maxWebhookBody = 8 << 20

// NewWebhook returns the handler; secret must not be empty.
func NewWebhook(secret string, store recorder, log *slog.Logger, m *Metrics, wake func()) *Webhook {
	return &Webhook{secret: []byte(secret), store: store, log: log, metrics: m, wake: wake}
}

// ServeHTTP checks the secret, records the update and only then answers 200.
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
	if len(h.secret) == 0 || subtle.ConstantTimeCompare(got, h.secret) != 1 {
		h.metrics.updates.WithLabelValues("unauthorized").Inc()
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxWebhookBody+1))
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	if len(raw) > maxWebhookBody {
		// No update is this big. Acknowledged, not refused: Telegram delivers
		// in order, and an update it kept retrying would hold up all others.
		h.log.Error("webhook body too large: dropped", "limit_bytes", maxWebhookBody)
		w.WriteHeader(http.StatusOK)
		return
	}
	id, chat, err := peek(raw)
	if err != nil || id == 0 {
		// Not an update: acknowledging stops Telegram from retrying garbage.
		h.log.Error("webhook body is not an update", "err", err, "bytes", len(raw))
		w.WriteHeader(http.StatusOK)
		return
	}
	n, err := h.store.Record(r.Context(), storage.Update{ID: id, ChatID: chat, Raw: raw})
	if err != nil {
		h.log.Error("record update", "err", err, "update_id", id)
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	if n == 1 {
		h.metrics.updates.WithLabelValues("recorded").Inc()
		h.wake()
	} else {
		h.metrics.updates.WithLabelValues("duplicate").Inc()
	}
	w.Header().Set("Content-Length", strconv.Itoa(0))
	w.WriteHeader(http.StatusOK)
}
