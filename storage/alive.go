package storage

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// A consumer with ConsumerOptions.Alive set beats a heartbeat into that
// hash every aliveEvery, good for AliveTTL by Redis's clock. A replica
// that dies (kill -9, a lost machine) stops beating; within AliveTTL +
// aliveEvery a live consumer claims the entries it held (its pushes, its
// records events) instead of waiting out MinIdle (60 s). Only consumers
// whose heartbeat has run out are claimed from: a live one, however slow
// its delivery, keeps what it holds, and a consumer that never beat (an
// older release) is left to MinIdle as before. A consumer whose own
// heartbeat could not be renewed for AliveTTL may have lost its entries:
// the context of its deliveries ends then, so it sends nothing more of
// them.
const (
	AliveTTL   = 5 * time.Second
	aliveEvery = time.Second
)

// beatScript renews a consumer's heartbeat. KEYS = alive hash; ARGV = name,
// ttl ms (0: dead now, for a consumer that stops with entries in hand).
var beatScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))
return 1
`)

// deadScript lists the consumers whose heartbeat has run out. KEYS =
// alive hash.
var deadScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if tonumber(all[i + 1]) < now then table.insert(out, all[i]) end
end
return out
`)

// life is a consumer's knowledge of its own heartbeat: the context its
// deliveries run under ends when the heartbeat may have run out.
type life struct {
	mu     sync.Mutex
	ctx    context.Context
	cancel context.CancelFunc
	until  time.Time // the heartbeat holds at least until then (local clock)
}

// current is the context of deliveries started now.
func (l *life) current() context.Context {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ctx
}

// beat renews the heartbeat once; asked for at start.
func (c *Consumer) beat(ctx context.Context, ttl time.Duration) error {
	start := time.Now()
	err := beatScript.Run(ctx, c.rdb, []string{c.opt.Alive}, c.opt.Name, ttl.Milliseconds()).Err()
	if err != nil {
		return fmt.Errorf("heartbeat: %w", err)
	}
	l := &c.life
	l.mu.Lock()
	defer l.mu.Unlock()
	l.until = start.Add(ttl - ttl/5)
	if l.ctx == nil || l.ctx.Err() != nil {
		l.ctx, l.cancel = context.WithCancel(context.Background())
	}
	return nil
}

// keepAlive beats every aliveEvery until ctx ends; when the heartbeat may
// have run out it ends the deliveries' context.
func (c *Consumer) keepAlive(ctx context.Context) {
	t := time.NewTicker(aliveEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		bctx, cancel := context.WithTimeout(ctx, aliveEvery)
		err := c.beat(bctx, AliveTTL)
		cancel()
		if err == nil || ctx.Err() != nil {
			continue
		}
		l := &c.life
		l.mu.Lock()
		if time.Now().After(l.until) && l.ctx.Err() == nil {
			c.opt.Log.Error("heartbeat lapsed: deliveries stop, another replica may take them", "stream", c.opt.Stream, "err", err)
			l.cancel()
		}
		l.mu.Unlock()
	}
}

// claimDead claims up to n entries held by consumers whose heartbeat ran
// out (idle at least AliveTTL/2, so an entry just handed out is not
// taken), at most every aliveEvery; the fields of dead consumers that hold
// nothing are removed.
func (c *Consumer) claimDead(ctx context.Context, now time.Time, n int) ([]Entry, error) {
	if c.opt.Alive == "" || now.Sub(c.lastDead) < aliveEvery {
		return nil, nil
	}
	c.lastDead = now
	dead, err := deadScript.Run(ctx, c.rdb, []string{c.opt.Alive}).StringSlice()
	if err != nil || len(dead) == 0 {
		return nil, err
	}
	sum, err := c.rdb.XPending(ctx, c.opt.Stream, c.opt.Group).Result()
	if err != nil {
		return nil, fmt.Errorf("pending of dead consumers: %w", err)
	}
	var out []Entry
	for _, name := range dead {
		if name == c.opt.Name || len(out) >= n {
			continue
		}
		if sum.Consumers[name] == 0 {
			c.rdb.HDel(ctx, c.opt.Alive, name)
			continue
		}
		msgs, err := c.claimFrom(ctx, name, n-len(out))
		if err != nil {
			return out, err
		}
		if len(msgs) > 0 {
			c.opt.Log.InfoContext(ctx, "claimed the entries of a dead consumer", "stream", c.opt.Stream, "dead", name, "count", len(msgs))
		}
		out = append(out, c.entries(msgs)...)
	}
	for i := range out {
		out[i].Retaken = true
	}
	return out, nil
}

// claimFrom claims up to n entries pending with consumer name.
func (c *Consumer) claimFrom(ctx context.Context, name string, n int) ([]redis.XMessage, error) {
	idle := AliveTTL / 2
	p, err := c.rdb.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: c.opt.Stream, Group: c.opt.Group, Idle: idle,
		Start: "-", End: "+", Count: int64(n), Consumer: name}).Result()
	if err != nil || len(p) == 0 {
		return nil, err
	}
	ids := make([]string, len(p))
	for i, e := range p {
		ids[i] = e.ID
	}
	msgs, err := c.rdb.XClaim(ctx, &redis.XClaimArgs{Stream: c.opt.Stream, Group: c.opt.Group, Consumer: c.opt.Name,
		MinIdle: idle, Messages: ids}).Result()
	if err != nil {
		return nil, fmt.Errorf("claim from dead consumer %s: %w", name, err)
	}
	return msgs, nil
}

// alive is ctx, ended too when this consumer's heartbeat may have run out
// (ctx itself when the consumer beats none); done releases it.
func (c *Consumer) alive(ctx context.Context) (_ context.Context, done func()) {
	l := c.life.current()
	if c.opt.Alive == "" || l == nil {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(l, cancel)
	return ctx, func() { stop(); cancel() }
}
