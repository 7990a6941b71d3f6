package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// The push stream is read by every replica through one consumer group; a
// push pending pushMinIdle (unless the options say otherwise) with a
// replica that died is taken over. A sent-mark lives pushSentTTL.
const (
	pushGroup   = "sender"
	pushMinIdle = 60 * time.Second
	pushSentTTL = 24 * time.Hour
)

// PushQueue is the push stream as the bot drains it: the pushes the bot
// starts itself (invitations, reminders, notices to officials), each entry
// a JSON kit.Output. It is a Consumer of the stream whose Due offers again
// the pushes held back for later (Hold), and it keeps a sent-mark per push
// so that a delivery of a push handed out before (Entry.Retaken) skips what
// an earlier one sent.
type PushQueue struct {
	*Consumer
	rdb   redis.UniversalClient
	keys  Keys
	later Later
}

// Pushes returns the push queue. opt names the consumer and sets its
// parallelism, grace, clock and log, and may shorten the takeover time (60 s
// by default); the stream, its field, the group and Due are the push
// stream's own.
func (s *Store) Pushes(opt ConsumerOptions) *PushQueue {
	q := &PushQueue{rdb: s.rdb, keys: s.keys,
		later: Later{Set: s.keys.PushLater(), Stream: s.keys.Push(), Field: "msg"}}
	opt.Stream, opt.Field, opt.Group, opt.Alive = s.keys.Push(), "msg", pushGroup, s.keys.Alive(s.keys.Push())
	opt.MinIdle = positive(opt.MinIdle, pushMinIdle)
	opt.Due = func(ctx context.Context, now time.Time, n int) ([]Entry, time.Time, error) {
		return q.later.ClaimDue(ctx, q.rdb, now, now.Add(q.opt.MinIdle), n)
	}
	q.Consumer = NewConsumer(s.rdb, opt)
	return q
}

// Deadline is how long one delivery may take: half the takeover time, so
// that no other replica takes a push over while a live one still works on
// it. A delivery that cannot finish by then holds its push for later.
func (q *PushQueue) Deadline() time.Duration { return q.opt.MinIdle / 2 }

// Hold takes push id out of the pending list and has it offered again at
// at. Redis errors are retried as Retry does.
func (q *PushQueue) Hold(ctx context.Context, id string, at time.Time) error {
	return q.Retry(ctx, func(ctx context.Context) error {
		_, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.ZAdd(ctx, q.keys.PushLater(), redis.Z{Score: float64(at.UnixMilli()), Member: id})
			p.XAck(ctx, q.opt.Stream, q.opt.Group, id)
			return nil
		})
		if err != nil {
			return fmt.Errorf("hold push %s: %w", id, err)
		}
		return nil
	})
}

// Sent reports how far an earlier delivery got with push id: done, or
// the number of its parts sent.
func (q *PushQueue) Sent(ctx context.Context, id string) (parts int, done bool, err error) {
	v, err := q.rdb.Get(ctx, q.keys.PushSent(id)).Result()
	if errors.Is(err, redis.Nil) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("sent-mark of push %s: %w", id, err)
	}
	if v == "done" {
		return 0, true, nil
	}
	n, _ := strconv.Atoi(v)
	return n, false, nil
}

// MarkParts records that the first n parts of push id went out.
func (q *PushQueue) MarkParts(ctx context.Context, id string, n int) error {
	if err := q.rdb.Set(ctx, q.keys.PushSent(id), n, pushSentTTL).Err(); err != nil {
		return fmt.Errorf("mark push %s: %w", id, err)
	}
	return nil
}

// Done acknowledges push id, sent (or dropped for good): it is marked
// done, leaves the stream and the held set, all in one transaction.
func (q *PushQueue) Done(ctx context.Context, id string) error {
	return q.Ack(ctx, id, func(ctx context.Context, p redis.Pipeliner) {
		p.ZRem(ctx, q.keys.PushLater(), id)
		p.Set(ctx, q.keys.PushSent(id), "done", pushSentTTL)
	})
}
