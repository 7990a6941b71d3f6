package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/storage"
)

// maxPerClaim bounds the updates one worker applies for a chat before
// letting other chats have a turn.
const maxPerClaim = 32

// Run starts the workers and the push senders and returns when ctx is done
// and in-flight work has finished (each chat's current update is completed,
// bounded by drain).
func (b *Bot) Run(ctx context.Context, drain time.Duration) {
	b.loadMoves(ctx)
	var wg sync.WaitGroup
	for i := 0; i < b.opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.work(ctx, drain)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.runPushes(ctx, drain)
	}()
	wg.Wait()
}

// work is one worker: it claims a chat with work, serves it, and gives it
// back with the next claim, until ctx is done.
func (b *Bot) work(ctx context.Context, drain time.Duration) {
	backoff := time.Duration(0)
	idle := time.NewTimer(0)
	defer idle.Stop()
	// The chat served last is given back as the next one is claimed (one
	// round trip); at the end it is released on its own.
	var handoff *storage.Handoff
	defer func() {
		if handoff == nil {
			return
		}
		qctx, cancel := quick()
		defer cancel()
		if _, err := b.store.Release(qctx, handoff.Lease, handoff.Trim); err != nil && !errors.Is(err, storage.ErrLeaseLost) {
			b.log.Error("release chat", "chat_id", handoff.Lease.Chat, "err", err)
		}
	}()
	for ctx.Err() == nil {
		// Not cancelled with ctx: a claim Redis made must come back to us,
		// or the chat would wait out its lease after a shutdown.
		cctx, cancel := quick()
		c, err := b.store.ClaimNext(cctx, b.opt.Lease, handoff)
		cancel()
		if err == nil || errors.Is(err, storage.ErrNoWork) || errors.Is(err, storage.ErrBadSession) {
			handoff = nil // given back (or taken over meanwhile)
			if c.More {
				b.Wake() // an update arrived for it while it was served
			}
		}
		if errors.Is(err, storage.ErrNoWork) {
			idle.Reset(100 * time.Millisecond) // other replicas' updates and expired leases
			select {
			case <-ctx.Done():
				return
			case <-b.wakeCh:
			case <-idle.C:
			}
			continue
		}
		if err != nil && !errors.Is(err, storage.ErrBadSession) {
			// Redis unreachable: the handoff (if any) is retried with the
			// next claim; its token check makes a repeat harmless.
			if ctx.Err() != nil {
				return
			}
			b.log.Error("claim chat", "err", err)
			backoff = nextBackoff(backoff)
			sleep(ctx, backoff)
			continue
		}
		backoff = 0
		work, cancel := drainContext(ctx, drain)
		handoff = b.serveChat(ctx, work, c.Lease, c.Loaded, err)
		cancel()
	}
}

// drainContext returns a context for in-flight work: not cancelled with ctx,
// so the current update completes when shutdown begins, but given drain to
// finish from the moment ctx is cancelled (not from when the work began).
func drainContext(ctx context.Context, drain time.Duration) (context.Context, context.CancelFunc) {
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(drain, cancel)
		context.AfterFunc(work, func() { t.Stop() })
	})
	return work, func() {
		stop()
		cancel()
	}
}

// quick is a short, fresh context for lease bookkeeping, which must happen
// even when the work context ran out.
func quick() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 5*time.Second)
}

// serveChat flushes the chat's pending replies, then applies its updates in
// order until none is left (or the claim's budget is used). Reads are folded
// into as few round trips as possible: the chat comes loaded with its claim
// (ld, or loadErr), each commit returns the next update and removes the
// replies sent since the previous one, and the release (the returned
// handoff, nil when the chat must not be released now) goes with the next
// claim.
func (b *Bot) serveChat(stop, ctx context.Context, lease storage.Lease, ld storage.Loaded, loadErr error) *storage.Handoff {
	chat := lease.Chat
	// Keep the lease while working: one update's replies can take longer
	// than the lease (per-chat limits, a long retry_after), and another
	// worker must not take the chat meanwhile.
	keep, stopKeep := context.WithCancel(context.Background())
	defer stopKeep()
	go func() {
		t := time.NewTicker(b.opt.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-keep.Done():
				return
			case <-t.C:
				qctx, cancel := quick()
				if err := b.store.Renew(qctx, lease, b.opt.Lease); err != nil {
					b.log.Warn("renew chat lease", "chat_id", chat, "err", err)
				}
				cancel()
			}
		}
	}()
	retryLater := false
	sent := 0 // replies sent but not yet removed from the store
	err := loadErr
	if errors.Is(err, storage.ErrBadSession) {
		// A session this release cannot read would block the chat forever:
		// start the person afresh (their records are untouched).
		b.log.Error("undecodable session reset", "chat_id", chat, "err", err)
		if err = b.store.ResetSession(ctx, chat); err == nil {
			ld, err = b.store.Load(ctx, chat)
		}
	}
	if err != nil {
		b.log.Error("load chat", "chat_id", chat, "err", err)
		retryLater = true
	}
	if !retryLater && ld.Pending > 0 {
		if err := b.flushReplies(ctx, lease); err != nil {
			b.log.Warn("pending replies not sent yet", "chat_id", chat, "err", err)
			retryLater = true
		}
	}
	w := work{head: ld.Head, has: ld.HasHead, sess: &ld.Session, member: &ld}
	for i := 0; !retryLater && w.has && i < maxPerClaim && stop.Err() == nil; i++ {
		next, err := b.apply(ctx, lease, w, sent)
		sent = next.sent // also on error: what is sent and still to remove
		if err != nil {
			b.log.Error("apply update", "chat_id", chat, "err", err)
			retryLater = true
			break
		}
		if next.lost {
			// Another worker applied this update (our lease had run out):
			// the chat is theirs; touch none of its bookkeeping.
			return nil
		}
		w = work{head: next.head, has: next.has, sess: next.sess}
	}
	if retryLater {
		qctx, cancel := quick()
		defer cancel()
		if err := b.store.SentAs(qctx, lease, sent); err != nil {
			b.log.Error("trim sent replies", "chat_id", chat, "err", err)
		}
		// Keep the lease a little so a failing chat does not spin; it is
		// claimable again when the lease runs out.
		if err := b.store.Renew(qctx, lease, 2*time.Second); err != nil {
			b.log.Error("renew chat", "chat_id", chat, "err", err)
		}
		return nil
	}
	return &storage.Handoff{Lease: lease, Trim: sent}
}

// work is the update to apply next and what is already known for it.
type work struct {
	head   []byte
	has    bool
	sess   *flows.Session  // nil: load it
	member *storage.Loaded // the chat's person as loaded with the claim, if any
	sent   int             // replies of this update sent (after apply)
	lost   bool            // the update was applied by another worker
}

// apply runs one update through its flow and commits it (removing the trim
// replies sent before it); replies go out after the commit. It returns the
// next update of the chat, as the commit saw it, and in sent the replies
// sent but not yet removed from the store — also with an error (trim when
// nothing was committed).
func (b *Bot) apply(ctx context.Context, lease storage.Lease, w work, trim int) (work, error) {
	chat := lease.Chat
	start := time.Now()
	head := w.head
	var u models.Update
	if err := decodeUpdate(head, &u); err != nil {
		b.log.Error("undecodable update dropped", "chat_id", chat, "err", err)
		b.metrics.updates.WithLabelValues("ignored").Inc()
		return b.ack(ctx, lease, head, nil, trim)
	}
	in, ok := toInput(&u, b.engine.Env().BotUsername)
	if !ok {
		b.noteMembership(ctx, &u)
		b.metrics.updates.WithLabelValues("ignored").Inc()
		return b.ack(ctx, lease, head, nil, trim)
	}
	for attempt := 0; attempt < 8; attempt++ {
		var sess flows.Session
		if w.sess != nil && attempt == 0 {
			sess = *w.sess
		} else {
			var err error
			if sess, err = b.store.LoadSession(ctx, chat); err != nil {
				return work{sent: trim}, err
			}
		}
		dir := b.store.Directory(ctx)
		if w.member != nil && attempt == 0 {
			dir = b.store.DirectoryKnowing(ctx, w.member.Member, w.member.IsMember, chat)
		}
		if in.Kind == kit.InputOther && in.Other == "document" && wantsRoster(&sess) {
			var rerr error // a roster file: download and read it for the flow (input.go)
			if in, rerr = b.rosterInput(ctx, &u, in, &sess); rerr != nil {
				return work{sent: trim}, rerr
			}
		}
		now := b.opt.Now()
		res, err := b.engine.Step(sess, in, now, dir)
		if err != nil {
			return b.stepFailed(ctx, lease, head, in, u.ID, err, trim)
		}
		c, err := b.store.CommitStep(ctx, storage.Commit{ChatID: chat, Session: res.Session, Head: head,
			Effects: res.Effects, Outputs: res.Outputs, Now: now, Trim: trim, Lease: &lease})
		if errors.Is(err, storage.ErrLeaseLost) {
			return work{lost: true}, nil // another worker holds the chat now
		}
		if errors.Is(err, storage.ErrConflict) {
			b.metrics.conflict.Inc()
			cur, ok, herr := b.store.Head(ctx, chat)
			if herr != nil {
				return work{sent: trim}, herr
			}
			if !ok || string(cur) != string(head) {
				// Applied by another worker whose lease we outlived: stop
				// here and let the chat be claimed afresh.
				return work{lost: true}, nil
			}
			continue // an effect's condition or the session moved: step again on fresh reads
		}
		if err != nil {
			// The commit may or may not have run (a timeout after Redis
			// executed it): assume it did, so its trim is not repeated on
			// replies it may have stored; at worst a reply is sent twice.
			return work{}, err
		}
		b.metrics.step.Observe(time.Since(start).Seconds())
		b.metrics.updates.WithLabelValues("applied").Inc()
		b.forgetFailures(u.ID)
		n, err := b.sendReplies(ctx, lease, res.Outputs)
		next := res.Session
		next.Version = c.Version
		return work{head: c.Next, has: c.HasNext, sess: &next, sent: n}, err
	}
	// A condition the flow did not foresee keeps failing: answer with an
	// apology and acknowledge the update rather than wedge the chat on it.
	b.log.Error("update keeps conflicting; acknowledged with an apology", "chat_id", chat, "update_id", u.ID)
	b.metrics.updates.WithLabelValues("failed").Inc()
	return b.ack(ctx, lease, head, apology(in), trim)
}

// apology is the reply to an update that could not be applied.
func apology(in kit.Input) []kit.Output {
	outs := []kit.Output{{Kind: kit.OutSend, ChatID: in.ChatID, Text: kit.T(in.Lang, kit.MsgSomethingWrong)}}
	if in.Kind == kit.InputCallback {
		outs = append([]kit.Output{{Kind: kit.OutAnswer, CallbackID: in.CallbackID}}, outs...)
	}
	return outs
}

// stepFailed handles a flow step that returned an error. A store outage is
// retried later; anything else (a bug) is answered with an apology after a
// few tries so the chat is not stuck behind one update.
func (b *Bot) stepFailed(ctx context.Context, lease storage.Lease, head []byte, in kit.Input, id int64, err error, trim int) (work, error) {
	chat := lease.Chat
	if perr := b.store.Ping(ctx); perr != nil {
		return work{sent: trim}, fmt.Errorf("step: %w", err)
	}
	key := strconv.FormatInt(id, 10)
	b.mu.Lock()
	b.failures[key]++
	n := b.failures[key]
	b.mu.Unlock()
	b.log.Error("flow step failed", "chat_id", chat, "update_id", id, "input", in.Kind, "attempt", n, "err", err)
	if n < 3 {
		return work{sent: trim}, fmt.Errorf("step: %w", err)
	}
	b.mu.Lock()
	delete(b.failures, key)
	b.mu.Unlock()
	b.metrics.updates.WithLabelValues("failed").Inc()
	return b.ack(ctx, lease, head, apology(in), trim)
}

// ack acknowledges an update without a flow step (optionally with replies).
func (b *Bot) ack(ctx context.Context, lease storage.Lease, head []byte, outs []kit.Output, trim int) (work, error) {
	c, err := b.store.CommitStep(ctx, storage.Commit{ChatID: lease.Chat, NoSession: true, Head: head, Outputs: outs,
		Now: b.opt.Now(), Trim: trim, Lease: &lease})
	if errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrLeaseLost) {
		return work{lost: true}, nil // the head moved: applied elsewhere
	}
	if err != nil {
		return work{}, err // maybe committed: do not repeat its trim
	}
	n, err := b.sendReplies(ctx, lease, outs)
	return work{head: c.Next, has: c.HasNext, sent: n}, err
}

// flushReplies sends the replies a chat's earlier commits left unsent
// (a crash or an outage between commit and send).
func (b *Bot) flushReplies(ctx context.Context, lease storage.Lease) error {
	outs, err := b.store.Replies(ctx, lease.Chat)
	if err != nil || len(outs) == 0 {
		return err
	}
	n, err := b.sendReplies(ctx, lease, outs)
	qctx, cancel := quick()
	defer cancel()
	if terr := b.store.SentAs(qctx, lease, n); terr != nil {
		return terr
	}
	return err
}

// sendReplies sends committed replies in order and reports how many were
// handled (sent, or dropped as permanently failing). On a transient failure
// it removes those from the store itself and returns the error: the rest
// stay for a later claim. Otherwise the caller removes them with its next
// commit or release.
func (b *Bot) sendReplies(ctx context.Context, lease storage.Lease, outs []kit.Output) (int, error) {
	chat := lease.Chat
	n := 0
	for _, o := range outs {
		if o.Kind == kit.OutPush {
			continue
		}
		err := b.send(ctx, o, Reply)
		if err != nil && !IsPermanent(err) {
			qctx, cancel := quick() // ctx may be what just ran out
			if terr := b.store.SentAs(qctx, lease, n); terr != nil {
				b.log.Error("trim sent replies", "chat_id", chat, "err", terr)
			}
			cancel()
			return 0, err
		}
		if err != nil {
			b.log.Warn("reply dropped", "chat_id", chat, "kind", o.Kind, "err", err)
		}
		n++
	}
	return n, nil
}

// forgetFailures drops the failure count of an update that went through.
func (b *Bot) forgetFailures(id int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.failures) > 0 {
		delete(b.failures, strconv.FormatInt(id, 10))
	}
}
