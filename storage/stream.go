package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults of ConsumerOptions.
const (
	DefaultParallel = 16
	DefaultMinIdle  = 60 * time.Second
	DefaultBlock    = time.Second
	DefaultGrace    = 5 * time.Second
)

// Backoff after a Redis error, for the read loop and for Retry alike:
// exponential from backoffMin to backoffMax, with jitter.
const (
	backoffMin = 100 * time.Millisecond
	backoffMax = 5 * time.Second
)

// Entry is one stream entry: its id and the one field the stream's entries
// carry (nil when the entry lacks it).
type Entry struct {
	ID   string
	Body []byte
	// Retaken: the entry was handed out before — taken over from a
	// consumer that held it idle, or offered again by Due — so an earlier
	// delivery may have done some or all of its work.
	Retaken bool
}

// ConsumerOptions configure a Consumer. Zero fields take the defaults named
// in their comments.
type ConsumerOptions struct {
	// Stream is the stream's key; Field the one field of its entries
	// ("event" in the outbox, "msg" in the push stream).
	Stream, Field string
	// Group is the consumer group every replica shares; Name this
	// consumer's name in it.
	Group, Name string
	// Parallel caps deliveries at once; default 16.
	Parallel int
	// Batch caps the entries fetched per round; default Parallel.
	Batch int
	// MinIdle is how long an entry may sit unacknowledged with another
	// consumer before this one takes it over; default 60 s.
	MinIdle time.Duration
	// Block is how long one read waits for new entries; default 1 s.
	Block time.Duration
	// Grace is how long deliveries may go on after Run's ctx is cancelled
	// before their own context is; default 5 s.
	Grace time.Duration
	// Due, when set, offers entries due again (the records relay's
	// retries), after those taken over and before new ones: up to n of
	// them, and when the next one falls due (zero when none), so a read
	// waits no longer than that.
	Due func(ctx context.Context, now time.Time, n int) ([]Entry, time.Time, error)
	// Now tells the time; default time.Now.
	Now func() time.Time
	// Log receives Redis errors and takeovers; default none.
	Log *slog.Logger
	// Alive, when set, is the hash of the consumers' heartbeats
	// (Keys.Alive): this consumer beats into it, and claims at once the
	// entries of consumers whose heartbeat ran out (alive.go).
	Alive string
}

// WithDefaults returns o with its zero fields set to their defaults.
func (o ConsumerOptions) WithDefaults() ConsumerOptions {
	o.Parallel = positive(o.Parallel, DefaultParallel)
	o.Batch = positive(o.Batch, o.Parallel)
	o.MinIdle = positive(o.MinIdle, DefaultMinIdle)
	o.Block = positive(o.Block, DefaultBlock)
	o.Grace = positive(o.Grace, DefaultGrace)
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// positive is v, or def when v is not above zero.
func positive[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Consumer reads one Redis stream through a consumer group that every
// replica shares, so each entry goes to one consumer at a time, and hands
// the entries to a delivery function. Delivery is at least once: an entry
// stays in the group's pending list until it is acknowledged (Ack), and
// one left there by a consumer that died is taken over (XAUTOCLAIM) once it
// has been idle for MinIdle. Both the records relay (the outbox) and the
// bot (the push stream) read through a Consumer. Create it with
// NewConsumer or Store.Pushes.
type Consumer struct {
	rdb redis.UniversalClient
	opt ConsumerOptions

	sem chan struct{} // one token per running delivery
	// inFlight counts the deliveries of each id running here: XAUTOCLAIM
	// also hands back this consumer's own entries when a delivery waits
	// long (a push behind a group's 20/min, a long retry_after), and they
	// must not be delivered twice.
	mu        sync.Mutex
	inFlight  map[string]int
	ready     bool   // the group exists, as far as Run knows
	cursor    string // XAUTOCLAIM cursor
	lastClaim time.Time
	lastDead  time.Time // last look for dead consumers' entries
	life      life      // this consumer's heartbeat (alive.go)
}

// NewConsumer returns a consumer of opt.Stream over rdb.
func NewConsumer(rdb redis.UniversalClient, opt ConsumerOptions) *Consumer {
	opt = opt.WithDefaults()
	return &Consumer{rdb: rdb, opt: opt, sem: make(chan struct{}, opt.Parallel), inFlight: map[string]int{}, cursor: "0-0"}
}

// Run reads the stream until ctx is cancelled, calling deliver for each
// entry in a goroutine of its own, at most Parallel at once. Each round it
// takes over entries idle for MinIdle in other consumers' pending lists,
// then takes the entries Due offers, then reads new ones (waiting up to
// Block only when nothing else is ready); it fetches only as many as it has
// free delivery slots, so nothing sits in its pending list undelivered. An
// entry taken over while it is still being delivered here is not handed
// out again. Redis errors are logged and retried with backoff, and a group
// that Redis lost (a restart without persistence, FLUSHALL) is created
// again.
//
// deliver acknowledges what it is done with (Ack); what it leaves is taken
// over later. When ctx is cancelled Run stops reading, lets deliveries run
// for up to Grace from then (and then cancels their context), waits for
// them, leaves the group if it holds no pending entries, and returns.
func (c *Consumer) Run(ctx context.Context, deliver func(context.Context, Entry)) {
	// Deliveries get Grace from the moment ctx is cancelled.
	dctx, dcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer dcancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(c.opt.Grace, dcancel)
		context.AfterFunc(dctx, func() { t.Stop() })
	})
	defer stop()
	if c.opt.Alive != "" {
		if err := c.beat(ctx, AliveTTL); err != nil {
			c.opt.Log.ErrorContext(ctx, "first heartbeat", "stream", c.opt.Stream, "err", err)
		}
		actx, acancel := context.WithCancel(ctx)
		defer acancel()
		go c.keepAlive(actx)
	}
	var wg sync.WaitGroup
	bo := newBackoff()
	for ctx.Err() == nil {
		n := c.acquire(ctx)
		if n == 0 {
			break
		}
		entries, claimed, err := c.fetch(ctx, n)
		c.release(n - len(entries))
		for i, e := range entries {
			if !c.begin(e.ID, i < claimed) {
				c.release(1)
				continue
			}
			wg.Go(func() {
				defer c.release(1)
				defer c.end(e.ID)
				actx, done := c.alive(dctx)
				defer done()
				deliver(actx, e)
			})
		}
		if err == nil {
			bo.reset()
			continue
		}
		if redis.HasErrorPrefix(err, "NOGROUP") {
			c.ready = false
		}
		if ctx.Err() == nil {
			d := bo.next()
			c.opt.Log.ErrorContext(ctx, "read stream", "stream", c.opt.Stream, "err", err, "retry_in", d)
			sleep(ctx, d)
		}
	}
	wg.Wait()
	c.leave()
}

// acquire waits for one free delivery slot, then takes every other free
// slot up to Batch. It returns the number taken, 0 when ctx is done.
func (c *Consumer) acquire(ctx context.Context) int {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return 0
	}
	n := 1
	for n < c.opt.Batch {
		select {
		case c.sem <- struct{}{}:
			n++
		default:
			return n
		}
	}
	return n
}

// release frees n delivery slots.
func (c *Consumer) release(n int) {
	for range n {
		<-c.sem
	}
}

// begin records a delivery of id, unless id was taken over (claimed) while
// a delivery of it still runs here; then it reports false.
func (c *Consumer) begin(id string, claimed bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if claimed && c.inFlight[id] > 0 {
		return false
	}
	c.inFlight[id]++
	return true
}

// end records that a delivery of id is over.
func (c *Consumer) end(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inFlight[id]--; c.inFlight[id] <= 0 {
		delete(c.inFlight, id)
	}
}

// fetch gathers up to n entries: first those taken over from idle
// consumers (claimed of them), then the due ones, then new ones.
func (c *Consumer) fetch(ctx context.Context, n int) (entries []Entry, claimed int, err error) {
	// A read the server has answered must reach us even if ctx ends
	// meanwhile, or its entries would sit in our pending list until taken
	// over.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.opt.Block+10*time.Second)
	defer cancel()
	if err := c.ensureGroup(rctx); err != nil {
		return nil, 0, err
	}
	now := c.opt.Now()
	out, err := c.claimDead(rctx, time.Now(), n)
	if err != nil {
		return out, len(out), err
	}
	over, err := c.takeOver(rctx, now, n-len(out))
	if err != nil {
		return out, len(out), err
	}
	out = append(out, over...)
	claimed = len(out)
	var next time.Time
	if len(out) < n && c.opt.Due != nil {
		due, at, err := c.opt.Due(rctx, now, n-len(out))
		if err != nil {
			return out, claimed, err
		}
		out, next = append(out, due...), at
	}
	if len(out) == n {
		return out, claimed, nil
	}
	block := c.opt.Block
	if !next.IsZero() {
		// Wake for the next due entry instead of a full Block past it.
		block = min(block, max(next.Sub(now), time.Millisecond))
	}
	if len(out) > 0 {
		block = -1 // go-redis: omit BLOCK (Block: 0 would block forever)
	}
	fresh, err := c.read(rctx, n-len(out), block)
	return append(out, fresh...), claimed, err
}

// ensureGroup creates the consumer group at the start of the stream unless
// Run knows it exists.
func (c *Consumer) ensureGroup(ctx context.Context) error {
	if c.ready {
		return nil
	}
	err := c.rdb.XGroupCreateMkStream(ctx, c.opt.Stream, c.opt.Group, "0").Err()
	if err != nil && !redis.HasErrorPrefix(err, "BUSYGROUP") {
		return fmt.Errorf("create consumer group %s: %w", c.opt.Group, err)
	}
	c.ready = true
	return nil
}

// takeOver claims up to n entries idle for MinIdle with any consumer. It
// looks every min(MinIdle/2, 5 s), and at once again while the previous
// look stopped short of the end of the pending list.
func (c *Consumer) takeOver(ctx context.Context, now time.Time, n int) ([]Entry, error) {
	every := min(c.opt.MinIdle/2, 5*time.Second)
	if c.cursor == "0-0" && now.Sub(c.lastClaim) < every {
		return nil, nil
	}
	msgs, next, err := c.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: c.opt.Stream, Group: c.opt.Group,
		MinIdle: c.opt.MinIdle, Start: c.cursor, Count: int64(n), Consumer: c.opt.Name}).Result()
	if err != nil {
		return nil, fmt.Errorf("xautoclaim: %w", err)
	}
	c.cursor, c.lastClaim = next, now
	if len(msgs) > 0 {
		c.opt.Log.InfoContext(ctx, "took over idle entries", "stream", c.opt.Stream, "count", len(msgs))
	}
	out := c.entries(msgs)
	for i := range out {
		out[i].Retaken = true
	}
	return out, nil
}

// read reads up to n new entries, waiting up to block for the first.
func (c *Consumer) read(ctx context.Context, n int, block time.Duration) ([]Entry, error) {
	streams, err := c.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: c.opt.Group, Consumer: c.opt.Name,
		Streams: []string{c.opt.Stream, ">"}, Count: int64(n), Block: block}).Result()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("xreadgroup: %w", err)
	}
	var out []Entry
	for _, s := range streams {
		out = append(out, c.entries(s.Messages)...)
	}
	return out, nil
}

// entries turns stream messages into entries.
func (c *Consumer) entries(msgs []redis.XMessage) []Entry {
	out := make([]Entry, len(msgs))
	for i, m := range msgs {
		out[i] = Entry{ID: m.ID}
		switch v := m.Values[c.opt.Field].(type) {
		case string:
			out[i].Body = []byte(v)
		case []byte:
			out[i].Body = v
		}
	}
	return out
}

// Keep resets the idle time of entry id, pending with this consumer, so
// no other consumer takes it over while this one is still delivering it
// (a consumer that stops calling Keep — it died or stalled — loses it after
// MinIdle as before).
func (c *Consumer) Keep(ctx context.Context, id string) error {
	return c.rdb.XClaimJustID(ctx, &redis.XClaimArgs{Stream: c.opt.Stream, Group: c.opt.Group,
		Consumer: c.opt.Name, MinIdle: 0, Messages: []string{id}}).Err()
}

// Ack acknowledges a delivered entry and deletes it from the stream, so
// the stream holds exactly what is not yet delivered. also, when set, adds
// the caller's bookkeeping of the entry to the same transaction. Redis
// errors are retried as Retry does.
func (c *Consumer) Ack(ctx context.Context, id string, also func(context.Context, redis.Pipeliner)) error {
	return c.Retry(ctx, func(ctx context.Context) error {
		_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.XAck(ctx, c.opt.Stream, c.opt.Group, id)
			p.XDel(ctx, c.opt.Stream, id)
			if also != nil {
				also(ctx, p)
			}
			return nil
		})
		return err
	})
}

// Retry runs op until it succeeds, ctx ends or MinIdle/2 has passed (after
// which another consumer may take the entry over), backing off between
// attempts: for an entry's bookkeeping, which a short Redis outage must
// not lose.
func (c *Consumer) Retry(ctx context.Context, op func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, c.opt.MinIdle/2)
	defer cancel()
	bo := newBackoff()
	for {
		err := op(ctx)
		if err == nil || ctx.Err() != nil {
			return err
		}
		sleep(ctx, bo.next())
	}
}

// Pending counts the group's entries read by any consumer and not yet
// acknowledged (0 while the group does not exist).
func (c *Consumer) Pending(ctx context.Context) (int64, error) {
	p, err := c.rdb.XPending(ctx, c.opt.Stream, c.opt.Group).Result()
	if redis.HasErrorPrefix(err, "NOGROUP") {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("pending in %s: %w", c.opt.Stream, err)
	}
	return p.Count, nil
}

// leave removes this consumer from the group when it holds no pending
// entries, so short-lived consumer names do not pile up; one that still
// holds some says it is dead, so another claims them at once.
func (c *Consumer) leave() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	p, err := c.rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: c.opt.Stream, Group: c.opt.Group,
		Start: "-", End: "+", Count: 1, Consumer: c.opt.Name}).Result()
	if err != nil {
		return
	}
	if len(p) > 0 {
		if c.opt.Alive != "" {
			_ = c.beat(ctx, 0)
		}
		return
	}
	_ = c.rdb.XGroupDelConsumer(ctx, c.opt.Stream, c.opt.Group, c.opt.Name).Err()
	if c.opt.Alive != "" {
		_ = c.rdb.HDel(ctx, c.opt.Alive, c.opt.Name).Err()
	}
}

// backoff is exponential backoff with jitter: each wait is random in
// [d/2, d], d doubling from backoffMin up to backoffMax.
type backoff struct{ cur time.Duration }

// newBackoff starts at backoffMin.
func newBackoff() *backoff { return &backoff{cur: backoffMin} }

// next returns the next wait and doubles the one after.
func (b *backoff) next() time.Duration {
	d := b.cur/2 + rand.N(b.cur/2+1)
	b.cur = min(b.cur*2, backoffMax)
	return d
}

// reset starts again from backoffMin.
func (b *backoff) reset() { b.cur = backoffMin }

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
