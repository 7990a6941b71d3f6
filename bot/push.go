package bot

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"sibu/flows/kit"
	"sibu/storage"
)

// Holding a push: how long one may wait for its chat's turn in a delivery
// slot before it is held in Redis instead, and how long a push that failed
// for another reason (network, 5xx after the sender's own retries) waits
// before the next try.
const (
	maxWaitInSlot = time.Second
	retryPush     = 30 * time.Second
)

// pusher drains the push stream (invitations, reminders, notices the bot
// starts itself) through the sender under the global cap. Every replica
// reads through one consumer group; a replica that dies with pushes in hand
// has them taken over by another. Delivery is at least once, and a push
// handed out again skips what its sent-mark says went out.
//
// Quiet hours are decided here, as a push is about to go out: one due in
// them is held until they end, whatever started it (a job, a broadcast an
// official started at night, a notice).
//
// It serves chats whose turn has come rather than the stream's order. A
// push gets the next slot of its chat's schedule — the chat's limit as a
// GCRA, a burst and then one per interval, after the pushes it booked for
// that chat before — and a 429 pause moves the slot later. A push whose
// slot is more than maxWaitInSlot away, or that cannot go within the
// delivery deadline (half the takeover time), is held in Redis until then
// and its delivery slot freed: a backlog to one chat (or a group at 20 a
// minute) delays only that chat, and no push is ever in a delivery long
// enough for another replica to take it over.
type pusher struct {
	b *Bot
	q *storage.PushQueue

	mu     sync.Mutex
	tat    map[int64]time.Time  // per chat: when its next push is due on its schedule
	booked map[string]time.Time // pushes held here for their slot, which they keep
}

// runPushes drains the push stream until ctx is done (see pusher).
func (b *Bot) runPushes(ctx context.Context, drain time.Duration) {
	q := b.store.Pushes(storage.ConsumerOptions{Name: b.opt.Owner, Parallel: b.opt.Pushers, MinIdle: b.opt.PushIdle,
		Grace: drain, Now: b.opt.Now, Log: b.log})
	p := &pusher{b: b, q: q, tat: map[int64]time.Time{}, booked: map[string]time.Time{}}
	q.Run(ctx, p.deliver)
}

// deliver is one push's way out: skip what went out before, wait for its
// slot or hold it, send, and settle.
func (p *pusher) deliver(ctx context.Context, e storage.Entry) {
	var o kit.Output
	if err := json.Unmarshal(e.Body, &o); err != nil {
		p.b.log.Error("undecodable push dropped", "id", e.ID, "err", err)
		p.done(e.ID)
		return
	}
	dctx, cancel := context.WithTimeout(ctx, p.q.Deadline())
	defer cancel()
	defer p.keep(ctx, e.ID)()
	from := 0
	if e.Retaken {
		parts, done, err := p.q.Sent(dctx, e.ID)
		if err != nil {
			p.b.log.Warn("push left for later: its sent-mark cannot be read", "id", e.ID, "err", err)
			return // still pending, or its hold lease runs out: retried
		}
		if done {
			p.done(e.ID)
			return
		}
		from = parts
	}
	if until, ok := p.quiet(o); ok {
		p.hold(e.ID, until, "quiet_hours")
		return
	}
	if !p.admit(dctx, e.ID, o) {
		return
	}
	limit := min(maxWaitInSlot, p.q.Deadline()/2)
	wait := p.slot(e.ID, o.ChatID, limit)
	if wait > limit {
		p.hold(e.ID, wait, "chat_limit")
		return
	}
	if err := sleep(dctx, wait); err != nil {
		p.hold(e.ID, 0, "shutdown")
		return
	}
	sent, err := p.b.sendPush(dctx, o, from)
	p.settle(ctx, e.ID, o.ChatID, from, sent, err)
}

// keep keeps push id this replica's while it is being delivered, renewing
// its claim every third of the takeover time until the returned stop is
// called: a slow send (a loaded machine, a slow Telegram) is never taken
// over and sent again by another replica while this one is alive.
func (p *pusher) keep(ctx context.Context, id string) (stop func()) {
	every := p.q.Deadline() * 2 / 3
	kctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-kctx.Done():
				return
			case <-t.C:
				if err := p.q.Keep(kctx, id); err != nil && kctx.Err() == nil {
					p.b.log.Warn("keep push", "id", id, "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}

// quiet says whether push o is due in quiet hours (by the bot's clock, in
// the deployment's time zone) and how long until they end. A push about a
// time the person chose (kit.Output.AnyHour) is never held.
func (p *pusher) quiet(o kit.Output) (time.Duration, bool) {
	env := p.b.engine.Env()
	now := p.b.opt.Now().In(env.Location)
	if o.AnyHour || !env.Quiet.Contains(now) {
		return 0, false
	}
	return env.Quiet.End(now).Sub(now), true
}

// admit asks the person's attention budget whether push id goes now
// (storage.Admit, by the bot's clock in the deployment's zone): a text the
// person got today, or a push once the day's are spent (it folds into the
// next digest), is acknowledged without being sent. When the budget cannot
// be read the push stays pending and is offered again.
func (p *pusher) admit(ctx context.Context, id string, o kit.Output) bool {
	day := p.b.opt.Now().In(p.b.engine.Env().Location).Format("2006-01-02")
	v, err := p.b.store.Admit(ctx, id, o, day, p.b.opt.Budget)
	if err != nil {
		p.b.log.Warn("push left for later: its budget cannot be read", "id", id, "err", err)
		p.hold(id, retryPush, "error")
		return false
	}
	if v == storage.Send {
		return true
	}
	p.b.metrics.budget.WithLabelValues(string(v)).Inc()
	p.done(id)
	return false
}

// slot books push id's turn on its chat's schedule and says how long until
// it comes. A push whose turn is more than limit away is held for it and
// keeps it when it comes back here.
func (p *pusher) slot(id string, chat int64, limit time.Duration) time.Duration {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if at, ok := p.booked[id]; ok {
		delete(p.booked, id)
		return max(at.Sub(now), 0)
	}
	if len(p.tat) > 100_000 { // forget chats whose schedule is in the past
		for c, t := range p.tat {
			if t.Before(now) {
				delete(p.tat, c)
			}
		}
	}
	interval, burst := p.b.sender.pace(chat)
	tat := latest(p.tat[chat], now)
	at := latest(tat.Add(-time.Duration(burst-1)*interval), now, p.b.sender.readyAt(chat))
	p.tat[chat] = latest(tat, at).Add(interval)
	if at.Sub(now) > limit {
		if len(p.booked) > 100_000 { // taken by other replicas meanwhile
			clear(p.booked)
		}
		p.booked[id] = at
	}
	return at.Sub(now)
}

// latest is the latest of ts.
func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// settle records how a send ended: done when it went (or never can), else
// held for a later try, what went out of a text in parts marked.
func (p *pusher) settle(ctx context.Context, id string, chat int64, from, sent int, err error) {
	switch {
	case err == nil:
		p.b.metrics.pushes.Inc()
		p.done(id)
		return
	case IsPermanent(err):
		p.b.log.Warn("push dropped", "chat_id", chat, "err", err)
		p.done(id)
		return
	}
	if sent > from {
		qctx, cancel := quick()
		defer cancel()
		if merr := p.q.MarkParts(qctx, id, sent); merr != nil {
			p.b.log.Error("mark parts of a push sent", "id", id, "err", merr)
		}
	}
	switch {
	case ctx.Err() != nil: // shutting down: another replica may go on at once
		p.hold(id, 0, "shutdown")
	case errors.Is(err, errNoTime) || errors.Is(err, context.DeadlineExceeded):
		p.hold(id, max(time.Until(p.b.sender.readyAt(chat)), 0), "deadline")
	default:
		p.b.log.Warn("push not sent yet", "chat_id", chat, "err", err, "retry_in", retryPush)
		p.hold(id, retryPush, "error")
	}
}

// hold has push id offered again after d (by the bot's clock); if Redis
// cannot be told, the push stays pending and is taken over later.
func (p *pusher) hold(id string, d time.Duration, why string) {
	qctx, cancel := quick()
	defer cancel()
	if err := p.q.Hold(qctx, id, p.b.opt.Now().Add(d)); err != nil {
		p.b.log.Error("hold push", "id", id, "err", err)
		return
	}
	p.b.metrics.held.WithLabelValues(why).Inc()
}

// done acknowledges push id, marked sent, even if the delivery's context
// ran out.
func (p *pusher) done(id string) {
	qctx, cancel := quick()
	defer cancel()
	if err := p.q.Done(qctx, id); err != nil {
		p.b.log.Error("ack push", "id", id, "err", err)
	}
}

// sendPush sends push o from its part from on (a text longer than one
// message goes in parts) and returns how many of its parts have gone out
// in all. A file or a contact card is one part.
func (b *Bot) sendPush(ctx context.Context, o kit.Output, from int) (int, error) {
	if o.File != nil || o.Contact != nil {
		if err := b.send(ctx, o, Push); err != nil {
			return 0, err
		}
		return 1, nil
	}
	parts := kit.SplitText(o.Text)
	for i := from; i < len(parts); i++ {
		part := kit.Output{Kind: o.Kind, ChatID: o.ChatID, Text: parts[i]}
		if i == len(parts)-1 {
			part = o // the buttons go with the last part
			part.Text = parts[i]
		}
		if err := b.send(ctx, part, Push); err != nil {
			return i, err
		}
	}
	return len(parts), nil
}
