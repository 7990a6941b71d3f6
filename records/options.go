package records

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

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

// withDefaults returns o with every zero field at its default.
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
