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
// the offset that confirms it stored and sent. One replica polls at a time
// (a lease in Redis), because Telegram allows one getUpdates caller.
type Poller struct {
	client   *http.Client
	base     string // {api}/bot{token}/
	store    recorder
	rdb      redis.UniversalClient
	keys     storage.Keys
	owner    string
	timeout  time.Duration
	log      *slog.Logger
	metrics  *Metrics
	wake     func()
	leaseTTL time.Duration
}

// NewPoller returns a poller against apiURL with token.
func NewPoller(client *http.Client, apiURL, token string, store recorder, rdb redis.UniversalClient, keys storage.Keys,
	owner string, log *slog.Logger, m *Metrics, wake func()) *Poller {
	return &Poller{client: client, base: apiURL + "/bot" + token + "/", store: store, rdb: rdb, keys: keys,
		owner: owner, timeout: 10 * time.Second, log: log, metrics: m, wake: wake, leaseTTL: 20 * time.Second}
}

// leaseScript takes or renews the polling lease. KEYS = lease; ARGV = owner, ttl ms.
var leaseScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if not cur or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`)

// Run polls until ctx is done.
func (p *Poller) Run(ctx context.Context) error {
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		if backoff > 0 {
			if sleep(ctx, backoff) != nil {
				break
			}
		}
		ok, err := leaseScript.Run(ctx, p.rdb, []string{p.keys.PollLease()}, p.owner, p.leaseTTL.Milliseconds()).Int()
		if err != nil {
			p.log.Error("poll lease", "err", err)
			backoff = nextBackoff(backoff)
			continue
		}
		if ok != 1 {
			backoff = 2 * time.Second // another replica polls
			continue
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
				break
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
		if err := p.rdb.Set(ctx, p.keys.PollOffset(), next, 0).Err(); err != nil {
			p.log.Error("store poll offset", "err", err)
		}
		p.wake()
	}
	// Let another replica take over at once (only if the lease is ours).
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	unleaseScript.Run(qctx, p.rdb, []string{p.keys.PollLease()}, p.owner)
	return nil
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
