package bot

import (
	"context"
	"encoding/json"
	"time"

	"sibu/flows/kit"
	"sibu/storage"
)

// runPushes drains the push stream (invitations, reminders, notices the bot
// starts itself) through the sender under the global cap. Every replica reads
// through one consumer group; a replica that dies with pushes in hand has
// them taken over by another (see storage.Store.Pushes). Delivery is at
// least once.
func (b *Bot) runPushes(ctx context.Context, drain time.Duration) {
	pushes := b.store.Pushes(storage.ConsumerOptions{Name: b.opt.Owner, Parallel: b.opt.Pushers, MinIdle: b.opt.PushIdle, Grace: drain, Log: b.log})
	pushes.Run(ctx, func(ctx context.Context, e storage.Entry) { b.deliverPush(ctx, pushes, e) })
}

func (b *Bot) deliverPush(ctx context.Context, pushes *storage.Consumer, e storage.Entry) {
	var o kit.Output
	if err := json.Unmarshal(e.Body, &o); err != nil {
		b.log.Error("undecodable push dropped", "id", e.ID, "err", err)
	} else if err := b.send(ctx, o, Push); err != nil && !IsPermanent(err) {
		// Left pending: taken over and retried after a minute.
		b.log.Warn("push not sent yet", "chat_id", o.ChatID, "err", err)
		return
	} else if err != nil {
		b.log.Warn("push dropped", "chat_id", o.ChatID, "err", err)
	} else {
		b.metrics.pushes.Inc()
	}
	qctx, cancel := quick() // the send is done: acknowledge even if ctx ran out
	defer cancel()
	if err := pushes.Ack(qctx, e.ID, nil); err != nil {
		b.log.Error("ack push", "id", e.ID, "err", err)
	}
}
