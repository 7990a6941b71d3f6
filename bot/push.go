package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
)

const (
	pushGroup   = "sender"
	pushMinIdle = 60 * time.Second // a push pending this long on a dead replica is taken over
)

// runPushes drains the push stream (invitations, reminders, notices the bot
// starts itself) through the sender under the global cap. Every replica reads
// through one consumer group; a replica that dies with pushes in hand has
// them taken over (XAUTOCLAIM) by another. Delivery is at least once.
func (b *Bot) runPushes(ctx context.Context, drain time.Duration) {
	rdb, stream := b.store.Client(), b.store.Keys().Push()
	sem := make(chan struct{}, b.opt.Pushers)
	var wg sync.WaitGroup
	defer wg.Wait()
	backoff := time.Duration(0)
	lastClaim := time.Time{}
	// inFlight holds the entries this replica is sending: XAUTOCLAIM also
	// returns our own entries that wait long on a limiter (a group at
	// 20/min, a long retry_after), and they must not be sent twice.
	var inFlight sync.Map
	for ctx.Err() == nil {
		if backoff > 0 {
			sleep(ctx, backoff)
		}
		err := rdb.XGroupCreateMkStream(ctx, stream, pushGroup, "0").Err()
		if err != nil && !strings.Contains(err.Error(), "BUSYGROUP") {
			if ctx.Err() == nil {
				b.log.Error("push group", "err", err)
			}
			backoff = nextBackoff(backoff)
			continue
		}
		var msgs []redis.XMessage
		if time.Since(lastClaim) > pushMinIdle/4 {
			lastClaim = time.Now()
			msgs, _, err = rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: stream, Group: pushGroup,
				Consumer: b.opt.Owner, MinIdle: pushMinIdle, Start: "0", Count: int64(b.opt.Pushers)}).Result()
			if err != nil && !errors.Is(err, redis.Nil) && ctx.Err() == nil {
				b.log.Error("claim pushes", "err", err)
			}
		}
		if len(msgs) == 0 {
			free := cap(sem) - len(sem)
			if free == 0 {
				sleep(ctx, 20*time.Millisecond)
				continue
			}
			res, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: pushGroup, Consumer: b.opt.Owner,
				Streams: []string{stream, ">"}, Count: int64(free), Block: time.Second}).Result()
			if errors.Is(err, redis.Nil) {
				backoff = 0
				continue
			}
			if err != nil {
				if ctx.Err() == nil {
					b.log.Error("read pushes", "err", err)
					backoff = nextBackoff(backoff)
				}
				continue
			}
			for _, s := range res {
				msgs = append(msgs, s.Messages...)
			}
		}
		backoff = 0
		for _, m := range msgs {
			if _, busy := inFlight.LoadOrStore(m.ID, true); busy {
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func(m redis.XMessage) {
				defer wg.Done()
				defer inFlight.Delete(m.ID)
				defer func() { <-sem }()
				work, cancel := drainContext(ctx, drain)
				defer cancel()
				b.deliverPush(work, stream, m)
			}(m)
		}
	}
}

// deliverPush sends one push and then acknowledges and deletes its entry;
// a push that failed for now stays pending, to be taken over and retried.
func (b *Bot) deliverPush(ctx context.Context, stream string, m redis.XMessage) {
	rdb := b.store.Client()
	raw, _ := m.Values["msg"].(string)
	var o flows.Output
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		b.log.Error("undecodable push dropped", "id", m.ID, "err", err)
	} else if err := b.send(ctx, o, Push); err != nil && !IsPermanent(err) {
		// Left pending: taken over and retried after pushMinIdle.
		b.log.Warn("push not sent yet", "chat_id", o.ChatID, "err", err)
		return
	} else if err != nil {
		b.log.Warn("push dropped", "chat_id", o.ChatID, "err", err)
	} else {
		b.metrics.pushes.Inc()
	}
	qctx, cancel := quick() // the send is done: acknowledge even if ctx ran out
	defer cancel()
	pipe := rdb.TxPipeline()
	pipe.XAck(qctx, stream, pushGroup, m.ID)
	pipe.XDel(qctx, stream, m.ID)
	if _, err := pipe.Exec(qctx); err != nil {
		b.log.Error("ack push", "id", m.ID, "err", err)
	}
}
