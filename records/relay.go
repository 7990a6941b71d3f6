package records

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"sibu/storage"
)

// errorLen is the longest error text kept in the dead-letter stream.
const errorLen = 500

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
		Due: r.dueRetries, Now: opts.Clock, Log: r.log, Alive: keys.Alive(keys.Outbox()),
	})
	r.delivered = newCounter("delivered_total", "Records events delivered to the records system.")
	r.failed = newCounter("failed_attempts_total", "Failed delivery attempts of records events.")
	r.dead = newCounter("dead_lettered_total", "Records events moved to the dead-letter stream.")
	r.lag = newGauge("lag_seconds", "Now minus the event time of the last delivered records event.")
	r.oldestAge = newGauge("oldest_pending_age_seconds", "Age of the oldest undelivered outbox entry (0 when empty).")
	r.outboxLength = newGauge("outbox_length", "Undelivered entries in the outbox stream.")
	r.deadLength = newGauge("dead_letter_length", "Entries in the dead-letter stream.")
	return r
}

// newCounter makes one of the relay's counters, named sibu_records_<name>.
func newCounter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Namespace: "sibu", Subsystem: "records", Name: name, Help: help})
}

// newGauge makes one of the relay's gauges, named sibu_records_<name>.
func newGauge(name, help string) prometheus.Gauge {
	return prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "sibu", Subsystem: "records", Name: name, Help: help})
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
