package records

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"sibu/storage"
)

// Defaults of RelayOptions. Those of the outbox consumer are
// storage.Consumer's own.
const (
	DefaultGroup           = "relay"
	DefaultBatch           = 100
	DefaultParallel        = storage.DefaultParallel
	DefaultMaxAttempts     = 10
	DefaultBackoffBase     = 250 * time.Millisecond
	DefaultBackoffMax      = 5 * time.Minute
	DefaultMinIdle         = storage.DefaultMinIdle
	DefaultBlock           = storage.DefaultBlock
	DefaultDeliveryTimeout = 30 * time.Second
	DefaultGrace           = storage.DefaultGrace
)

const (
	errorLen   = 500             // longest error text kept in the dead-letter stream
	statsEvery = 5 * time.Second // how often Run refreshes the backlog gauges
)

// RelayOptions tunes a Relay. Zero fields take the defaults named in their
// comments.
type RelayOptions struct {
	// Consumer names this relay in the consumer group; default
	// hostname-pid-random, so a restarted process never inherits the pending
	// entries of its previous life except by takeover.
	Consumer string
	// Group is the consumer group shared by all replicas; default "relay".
	Group string
	// Batch caps the entries fetched per round; default 100.
	Batch int
	// Parallel caps concurrent deliveries; default 16.
	Parallel int
	// MaxAttempts is the number of failed deliveries after which an event is
	// dead-lettered; default 10.
	MaxAttempts int
	// BackoffBase and BackoffMax shape the wait before retry n:
	// random in [0, min(BackoffMax, BackoffBase·4^(n-1))) ("full jitter");
	// defaults 250 ms and 5 min: a one-off failure is retried within a
	// quarter second, while the default 10 attempts still span about ten
	// minutes of a records system being down before dead-lettering.
	BackoffBase, BackoffMax time.Duration
	// MinIdle is how long an entry may sit unacknowledged with another
	// consumer before this relay takes it over; default 60 s. It is also
	// the lease on a claimed retry.
	MinIdle time.Duration
	// Block is how long one read waits for new entries; default 1 s.
	Block time.Duration
	// DeliveryTimeout bounds one Deliver call; default 30 s, and never more
	// than MinIdle/2 so a slow delivery is not taken over while it runs.
	DeliveryTimeout time.Duration
	// Grace bounds how long Run waits for in-flight deliveries after ctx is
	// cancelled; default 5 s.
	Grace time.Duration
	// OnDeadLetter, when set, is called once per dead-lettered event, after
	// it has moved to the dead-letter stream. (People are told of dead
	// letters in a summary per period: see storage.Store.DeadLetterNews.)
	OnDeadLetter func(ctx context.Context, ev Event, attempts int, err error)
	// Clock tells the time (retry schedule, lag, ages); default time.Now.
	Clock func() time.Time
}

func (o RelayOptions) withDefaults() RelayOptions {
	if o.Consumer == "" {
		host, _ := os.Hostname()
		if host == "" {
			host = "relay"
		}
		o.Consumer = fmt.Sprintf("%s-%d-%08x", host, os.Getpid(), rand.Uint32())
	}
	if o.Group == "" {
		o.Group = DefaultGroup
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	c := storage.ConsumerOptions{Parallel: o.Parallel, MinIdle: o.MinIdle, Block: o.Block, Grace: o.Grace, Now: o.Clock}.WithDefaults()
	o.Parallel, o.MinIdle, o.Block, o.Grace, o.Clock = c.Parallel, c.MinIdle, c.Block, c.Grace, c.Now
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = DefaultBackoffBase
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = DefaultBackoffMax
	}
	if o.BackoffMax < o.BackoffBase {
		o.BackoffMax = o.BackoffBase
	}
	if o.DeliveryTimeout <= 0 {
		o.DeliveryTimeout = DefaultDeliveryTimeout
	}
	if o.DeliveryTimeout > o.MinIdle/2 {
		o.DeliveryTimeout = o.MinIdle / 2
	}
	return o
}

// Stats describes the relay's backlog, for /status and /metrics.
type Stats struct {
	Length    int64         // entries in the outbox: not yet delivered nor dead-lettered
	Pending   int64         // entries read by a relay and not acknowledged (in flight, or left by a crashed relay)
	Retrying  int64         // entries that failed at least once and wait for their next attempt
	Dead      int64         // entries in the dead-letter stream
	OldestAge time.Duration // age of the oldest entry in the outbox; 0 when it is empty
}

// Relay moves records events from the outbox stream to a Sink, at least
// once. Several relays (one per replica) share one consumer group; each
// entry is delivered by one of them at a time. Create it with NewRelay.
type Relay struct {
	rdb    redis.UniversalClient
	keys   storage.Keys
	sink   Sink
	opts   RelayOptions
	log    *slog.Logger
	outbox *storage.Consumer

	attemptsKey string // hash: outbox entry id -> failed attempts
	retryKey    string // sorted set: outbox entry id -> unix ms of next attempt (or end of a claim's lease)

	failEntry, replayEntry *redis.Script

	delivered    prometheus.Counter
	failed       prometheus.Counter
	dead         prometheus.Counter
	lag          prometheus.Gauge
	oldestAge    prometheus.Gauge
	outboxLength prometheus.Gauge
	deadLength   prometheus.Gauge
}

// NewRelay returns a relay that delivers the entries of keys.Outbox() to
// sink. It keeps its retry bookkeeping next to the outbox, under
// keys.Outbox()+":attempts" (hash) and keys.Outbox()+":retry" (sorted set).
// log nil discards logs.
func NewRelay(rdb redis.UniversalClient, keys storage.Keys, sink Sink, opts RelayOptions, log *slog.Logger) *Relay {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	opts = opts.withDefaults()
	r := &Relay{
		rdb:         rdb,
		keys:        keys,
		sink:        sink,
		opts:        opts,
		log:         log.With("component", "records_relay", "consumer", opts.Consumer),
		attemptsKey: keys.Outbox() + ":attempts",
		retryKey:    keys.Outbox() + ":retry",

		failEntry:   redis.NewScript(failEntryLua),
		replayEntry: redis.NewScript(replayEntryLua),
	}
	r.outbox = storage.NewConsumer(rdb, storage.ConsumerOptions{
		Stream: keys.Outbox(), Field: "event", Group: opts.Group, Name: opts.Consumer,
		Parallel: opts.Parallel, Batch: opts.Batch, MinIdle: opts.MinIdle, Block: opts.Block, Grace: opts.Grace,
		Due: r.dueRetries, Now: opts.Clock, Log: r.log,
	})
	const ns, sub = "sibu", "records"
	r.delivered = prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Subsystem: sub,
		Name: "delivered_total", Help: "Records events delivered to the records system."})
	r.failed = prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Subsystem: sub,
		Name: "failed_attempts_total", Help: "Failed delivery attempts of records events."})
	r.dead = prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Subsystem: sub,
		Name: "dead_lettered_total", Help: "Records events moved to the dead-letter stream."})
	r.lag = prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub,
		Name: "lag_seconds", Help: "Now minus the event time of the last delivered records event."})
	r.oldestAge = prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub,
		Name: "oldest_pending_age_seconds", Help: "Age of the oldest undelivered outbox entry (0 when empty)."})
	r.outboxLength = prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub,
		Name: "outbox_length", Help: "Undelivered entries in the outbox stream."})
	r.deadLength = prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Subsystem: sub,
		Name: "dead_letter_length", Help: "Entries in the dead-letter stream."})
	return r
}

// Collectors returns the relay's metrics for the caller to register (the
// relay registers nothing itself): sibu_records_delivered_total,
// sibu_records_failed_attempts_total, sibu_records_dead_lettered_total,
// sibu_records_lag_seconds, sibu_records_oldest_pending_age_seconds,
// sibu_records_outbox_length and sibu_records_dead_letter_length. The
// backlog gauges are refreshed every 5 s while Run runs.
func (r *Relay) Collectors() []prometheus.Collector {
	return []prometheus.Collector{r.delivered, r.failed, r.dead, r.lag, r.oldestAge, r.outboxLength, r.deadLength}
}

// Consumer returns the relay's name in the consumer group.
func (r *Relay) Consumer() string { return r.opts.Consumer }

// Run delivers outbox entries until ctx is cancelled. It reads the outbox
// through a storage.Consumer (which creates the consumer group if needed,
// takes over entries left idle longer than MinIdle by other consumers, and
// retries Redis errors with backoff), claiming retries that are due before
// reading new entries, and delivers up to Parallel at once.
//
// When ctx is cancelled Run stops reading, waits up to Grace for in-flight
// deliveries, leaves whatever is undelivered for another relay to take over,
// and returns nil.
func (r *Relay) Run(ctx context.Context) error {
	r.log.InfoContext(ctx, "records relay started", "group", r.opts.Group, "parallel", r.opts.Parallel,
		"max_attempts", r.opts.MaxAttempts, "min_idle", r.opts.MinIdle)
	var wg sync.WaitGroup
	wg.Go(func() { r.watchStats(ctx) })
	r.outbox.Run(ctx, r.handle)
	wg.Wait()
	r.log.Info("records relay stopped")
	return nil
}

// dueRetries leases up to n retries that are due (see storage.Later) and
// says when the next one falls due.
func (r *Relay) dueRetries(ctx context.Context, now time.Time, n int) ([]storage.Entry, time.Time, error) {
	later := storage.Later{Set: r.retryKey, Stream: r.keys.Outbox(), Field: "event", Forget: r.attemptsKey}
	out, next, err := later.ClaimDue(ctx, r.rdb, now, now.Add(r.opts.MinIdle), n)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("claim retries: %w", err)
	}
	return out, next, nil
}

// handle delivers one entry and records the outcome.
func (r *Relay) handle(ctx context.Context, e storage.Entry) {
	ev, err := ParseEvent(e.Body)
	if err != nil {
		// It can never be delivered with a stable id: dead-letter it now.
		r.recordFailure(ctx, e, ev, fmt.Errorf("malformed outbox entry: %w", err), true)
		return
	}
	err = r.deliver(ctx, ev)
	if err == nil {
		r.recordSuccess(ctx, e, ev)
		return
	}
	if ctx.Err() != nil {
		// Shutting down: not the event's fault. Leave it for takeover.
		return
	}
	r.recordFailure(ctx, e, ev, err, false)
}

// deliver calls the sink with a timeout, turning a panic into an error.
func (r *Relay) deliver(ctx context.Context, ev Event) (err error) {
	ctx, cancel := context.WithTimeout(ctx, r.opts.DeliveryTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("sink panic: %v", p)
		}
	}()
	return r.sink.Deliver(ctx, ev)
}

// recordSuccess acknowledges and deletes a delivered entry and forgets its
// retry bookkeeping. If Redis is unreachable it keeps trying for a while;
// if it gives up, the entry is delivered again later (at least once).
func (r *Relay) recordSuccess(ctx context.Context, e storage.Entry, ev Event) {
	r.delivered.Inc()
	if !ev.Time.IsZero() {
		r.lag.Set(r.opts.Clock().Sub(ev.Time).Seconds())
	}
	err := r.outbox.Ack(ctx, e.ID, func(ctx context.Context, p redis.Pipeliner) {
		p.HDel(ctx, r.attemptsKey, e.ID)
		p.ZRem(ctx, r.retryKey, e.ID)
	})
	if err != nil {
		r.log.ErrorContext(ctx, "records relay: acknowledge delivered event; it will be delivered again",
			"event_id", ev.ID, "entry_id", e.ID, "err", err)
	}
}

// recordFailure counts a failed attempt and either schedules the next one
// or, after MaxAttempts (or at once when dead), dead-letters the entry.
func (r *Relay) recordFailure(ctx context.Context, e storage.Entry, ev Event, cause error, dead bool) {
	r.failed.Inc()
	now := r.opts.Clock()
	msg := cause.Error()
	if len(msg) > errorLen {
		msg = msg[:errorLen] + "…"
	}
	force := "0"
	if dead {
		force = "1"
	}
	var res []int64
	err := r.outbox.Retry(ctx, func(ctx context.Context) error {
		var err error
		res, err = r.failEntry.Run(ctx, r.rdb,
			[]string{r.keys.Outbox(), r.attemptsKey, r.retryKey, r.keys.OutboxDead(), r.keys.OutboxDeadNews()},
			r.opts.Group, e.ID, r.opts.MaxAttempts, now.UnixMilli(),
			r.opts.BackoffBase.Milliseconds(), r.opts.BackoffMax.Milliseconds(), rand.Float64(),
			msg, now.Format(time.RFC3339Nano), force).Int64Slice()
		return err
	})
	if err != nil {
		// The entry stays pending (or its retry lease runs out) and is tried again.
		r.log.ErrorContext(ctx, "records relay: record failed attempt", "event_id", ev.ID, "entry_id", e.ID,
			"delivery_err", cause, "err", err)
		return
	}
	if len(res) != 3 || res[0] == 0 {
		return // the entry is gone: another relay delivered it meanwhile
	}
	attempts := int(res[0])
	if res[1] == 1 {
		r.dead.Inc()
		r.log.WarnContext(ctx, "records event dead-lettered", "event_id", ev.ID, "event_type", ev.Type,
			"entry_id", e.ID, "attempts", attempts, "err", cause)
		if r.opts.OnDeadLetter != nil {
			r.opts.OnDeadLetter(ctx, ev, attempts, cause)
		}
		return
	}
	r.log.InfoContext(ctx, "records delivery failed", "event_id", ev.ID, "event_type", ev.Type,
		"attempt", attempts, "retry_in", time.Duration(res[2])*time.Millisecond, "err", cause)
}

// Replay moves up to n entries, oldest first, from the dead-letter stream
// back to the outbox, with the same event bytes (so the same id) and a fresh
// attempt count. It returns how many it moved.
func (r *Relay) Replay(ctx context.Context, n int) (int, error) {
	if n <= 0 {
		return 0, nil
	}
	msgs, err := r.rdb.XRangeN(ctx, r.keys.OutboxDead(), "-", "+", int64(n)).Result()
	if err != nil {
		return 0, fmt.Errorf("replay: read dead letters: %w", err)
	}
	moved := 0
	for _, m := range msgs {
		ok, err := r.replayEntry.Run(ctx, r.rdb, []string{r.keys.OutboxDead(), r.keys.Outbox()}, m.ID).Int()
		if err != nil {
			return moved, fmt.Errorf("replay %s: %w", m.ID, err)
		}
		moved += ok
	}
	if moved > 0 {
		r.log.InfoContext(ctx, "records dead letters replayed", "count", moved)
	}
	return moved, nil
}

// Stats reads the backlog from Redis.
func (r *Relay) Stats(ctx context.Context) (Stats, error) {
	var (
		length, dead, retrying *redis.IntCmd
		oldest                 *redis.XMessageSliceCmd
	)
	_, err := r.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		length = p.XLen(ctx, r.keys.Outbox())
		dead = p.XLen(ctx, r.keys.OutboxDead())
		retrying = p.ZCard(ctx, r.retryKey)
		oldest = p.XRangeN(ctx, r.keys.Outbox(), "-", "+", 1)
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("records stats: %w", err)
	}
	s := Stats{Length: length.Val(), Dead: dead.Val(), Retrying: retrying.Val()}
	if msgs := oldest.Val(); len(msgs) > 0 {
		if ms, ok := idMillis(msgs[0].ID); ok {
			s.OldestAge = max(0, r.opts.Clock().Sub(time.UnixMilli(ms)))
		}
	}
	if s.Pending, err = r.outbox.Pending(ctx); err != nil {
		return s, fmt.Errorf("records stats: %w", err)
	}
	return s, nil
}

// watchStats refreshes the backlog gauges until ctx ends.
func (r *Relay) watchStats(ctx context.Context) {
	t := time.NewTicker(statsEvery)
	defer t.Stop()
	for {
		sctx, cancel := context.WithTimeout(ctx, statsEvery)
		s, err := r.Stats(sctx)
		cancel()
		if err == nil {
			r.oldestAge.Set(s.OldestAge.Seconds())
			r.outboxLength.Set(float64(s.Length))
			r.deadLength.Set(float64(s.Dead))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// idMillis reads the millisecond part of a stream entry id.
func idMillis(id string) (int64, bool) {
	ms, _, _ := strings.Cut(id, "-")
	n, err := strconv.ParseInt(ms, 10, 64)
	return n, err == nil
}

// failEntryLua records one failed attempt of an outbox entry atomically. Below
// the limit it schedules the next attempt with full-jitter backoff and takes
// the entry out of the group's pending list (the retry set now owns it, so
// takeover does not race the backoff). At the limit, or when forced, it
// moves the event to the dead-letter stream, counts it in the news the
// officials are told of (storage.Store.DeadLetterNews), and deletes the
// entry. It returns {attempts, dead (0/1), delay ms}, or {0, 0, 0} when the
// entry no longer exists (another relay delivered it).
//
// KEYS: outbox, attempts hash, retry zset, dead stream, dead-letter news.
// ARGV: group, entry id, max attempts, now ms, base ms, max ms, jitter [0,1),
// error, failed_at, force (0/1).
const failEntryLua = `
local id = ARGV[2]
local e = redis.call('XRANGE', KEYS[1], id, id)
if #e == 0 then
  redis.call('XACK', KEYS[1], ARGV[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {0, 0, 0}
end
local n = redis.call('HINCRBY', KEYS[2], id, 1)
if n >= tonumber(ARGV[3]) or ARGV[10] == '1' then
  local ev = ''
  local f = e[1][2]
  for i = 1, #f, 2 do
    if f[i] == 'event' then ev = f[i + 1] end
  end
  redis.call('XADD', KEYS[4], '*', 'event', ev, 'attempts', n, 'error', ARGV[8], 'failed_at', ARGV[9])
  redis.call('HINCRBY', KEYS[5], 'count', 1)
  redis.call('HSETNX', KEYS[5], 'first_error', ARGV[8])
  redis.call('HSETNX', KEYS[5], 'first_at', ARGV[9])
  redis.call('XACK', KEYS[1], ARGV[1], id)
  redis.call('XDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {n, 1, 0}
end
local cap = math.min(tonumber(ARGV[6]), tonumber(ARGV[5]) * 4 ^ math.min(n - 1, 20))
local delay = math.floor(tonumber(ARGV[7]) * cap)
redis.call('ZADD', KEYS[3], tonumber(ARGV[4]) + delay, id)
redis.call('XACK', KEYS[1], ARGV[1], id)
return {n, 0, delay}
`

// replayEntryLua moves one dead letter back to the outbox; it returns 1 when
// moved, 0 when the dead letter was already gone.
//
// KEYS: dead stream, outbox. ARGV: dead entry id.
const replayEntryLua = `
local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #e == 0 then return 0 end
local ev = ''
local f = e[1][2]
for i = 1, #f, 2 do
  if f[i] == 'event' then ev = f[i + 1] end
end
redis.call('XADD', KEYS[2], '*', 'event', ev)
redis.call('XDEL', KEYS[1], ARGV[1])
return 1
`
