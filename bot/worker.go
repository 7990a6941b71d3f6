package bot

import (
	"context"
	"errors"
	"fmt"
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
		claimed := time.Now() // the lease runs at least its time from here
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
		handoff = b.serveSafely(ctx, work, c, claimed, err)
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

// serveSafely is serveChat kept from taking the process down with a panic
// no narrower recovery caught: the chat is left to its lease's end.
func (b *Bot) serveSafely(stop, ctx context.Context, c storage.Claimed, claimed time.Time, loadErr error) (h *storage.Handoff) {
	var err error
	defer func() {
		if err != nil {
			b.log.Error("serving a chat failed", "chat_id", c.Lease.Chat, "err", err)
			h = nil
		}
	}()
	defer b.recovered(&err, "serve chat")
	ctx, release := b.holdLease(ctx, c.Lease, claimed)
	defer release()
	return b.serveChat(stop, ctx, c.Lease, c.Loaded, loadErr)
}

// serveChat flushes the chat's pending replies, then applies its updates in
// order until none is left (or the claim's budget is used). Reads are folded
// into as few round trips as possible: the chat comes loaded with its claim
// (ld, or loadErr), each commit returns the next update and removes the
// replies sent since the previous one, and the release (the returned
// handoff, nil when the chat must not be released now) goes with the next
// claim. ctx holds the chat's lease (holdLease): once it is lost, nothing
// more is sent and the chat's bookkeeping is left to its new holder.
func (b *Bot) serveChat(stop, ctx context.Context, lease storage.Lease, ld storage.Loaded, loadErr error) *storage.Handoff {
	chat := lease.Chat
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
	if stillHeld(ctx) != nil {
		return nil // the chat may be another worker's now
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
	in, ok, err := b.input(ctx, head, &u)
	if err != nil {
		// Undecodable (or a panic reading it): it can never be applied.
		b.log.Error("unreadable update set aside", "chat_id", chat, "err", err)
		return b.ack(ctx, lease, head, nil, trim, err)
	}
	if !ok {
		b.metrics.updates.WithLabelValues("ignored").Inc()
		return b.ack(ctx, lease, head, nil, trim, nil)
	}
	var conflict error
	for attempt := 0; attempt < 8; attempt++ {
		res, c, err := b.step(ctx, lease, w, attempt == 0, &u, in, trim)
		switch {
		case errors.Is(err, storage.ErrLeaseLost):
			return work{lost: true}, nil // another worker holds the chat now
		case errors.Is(err, storage.ErrConflict):
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
			conflict = err
			continue // an effect's condition or the session moved: step again on fresh reads
		case err != nil:
			return b.failed(ctx, lease, head, in, err, trim)
		}
		b.metrics.step.Observe(time.Since(start).Seconds())
		b.metrics.updates.WithLabelValues("applied").Inc()
		n, err := b.sendReplies(ctx, lease, res.Outputs)
		next := res.Session
		next.Version = c.Version
		return work{head: c.Next, has: c.HasNext, sess: &next, sent: n}, err
	}
	// A condition the flow did not foresee keeps failing: set the update
	// aside with an apology rather than wedge the chat on it.
	return b.ack(ctx, lease, head, apology(in), trim, fmt.Errorf("keeps conflicting: %w", conflict))
}

// input decodes a recorded update and translates it for the flows (ok is
// false for an update no flow takes, after noting what it says about the
// chat). A panic doing so is an error.
func (b *Bot) input(ctx context.Context, head []byte, u *models.Update) (in kit.Input, ok bool, err error) {
	defer b.recovered(&err, "read update")
	if err := decodeUpdate(head, u); err != nil {
		return kit.Input{}, false, err
	}
	if in, ok = toInput(u, b.engine.Env().BotUsername); !ok {
		b.noteMembership(ctx, u)
	}
	return in, ok, nil
}

// step runs the flow on the chat's session (as loaded with the claim on a
// first attempt, else read afresh) and commits its result.
func (b *Bot) step(ctx context.Context, lease storage.Lease, w work, first bool, u *models.Update, in kit.Input, trim int) (res flows.Result, c storage.Committed, err error) {
	chat := lease.Chat
	var sess flows.Session
	if w.sess != nil && first {
		sess = *w.sess
	} else if sess, err = b.store.LoadSession(ctx, chat); err != nil {
		return res, c, err
	}
	dir := b.store.Directory(ctx)
	if w.member != nil && first {
		dir = b.store.DirectoryKnowing(ctx, w.member.Member, w.member.IsMember, chat)
	}
	if in.Kind == kit.InputOther && in.Other == "document" && wantsRoster(&sess) {
		// a roster file: download and read it for the flow (input.go)
		if in, err = b.rosterInput(ctx, u, in, &sess); err != nil {
			return res, c, err
		}
	}
	now := b.opt.Now()
	if res, err = b.engine.Step(sess, in, now, dir); err != nil {
		return res, c, fmt.Errorf("step: %w", err)
	}
	c, err = b.store.CommitStep(ctx, storage.Commit{ChatID: chat, Session: res.Session, Head: w.head,
		Effects: res.Effects, Outputs: res.Outputs, Now: now, Trim: trim, Lease: &lease})
	if err != nil && !errors.Is(err, storage.ErrConflict) && !errors.Is(err, storage.ErrLeaseLost) {
		err = commitError{err}
	}
	return res, c, err
}

// rosterInput is readRoster with a panic as an error.
func (b *Bot) rosterInput(ctx context.Context, u *models.Update, in kit.Input, s kit.Session) (_ kit.Input, err error) {
	defer b.recovered(&err, "read roster")
	return b.readRoster(ctx, u, in, s)
}

// apology is the reply to an update that could not be applied.
func apology(in kit.Input) []kit.Output {
	outs := []kit.Output{{Kind: kit.OutSend, ChatID: in.ChatID, Text: kit.T(in.Lang, kit.MsgSomethingWrong)}}
	if in.Kind == kit.InputCallback {
		outs = append([]kit.Output{{Kind: kit.OutAnswer, CallbackID: in.CallbackID}}, outs...)
	}
	return outs
}

// ack acknowledges an update without a flow step (optionally with
// replies); with a cause, the update is set aside in the dead list with it.
func (b *Bot) ack(ctx context.Context, lease storage.Lease, head []byte, outs []kit.Output, trim int, cause error) (work, error) {
	c := storage.Commit{ChatID: lease.Chat, NoSession: true, Head: head, Outputs: outs, Now: b.opt.Now(), Trim: trim, Lease: &lease}
	if cause != nil {
		c.SetAside = cause.Error()
	}
	done, err := b.store.CommitStep(ctx, c)
	if errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrLeaseLost) {
		return work{lost: true}, nil // the head moved: applied elsewhere
	}
	if err != nil {
		return work{}, err // maybe committed: do not repeat its trim
	}
	if cause != nil {
		b.metrics.updates.WithLabelValues("failed").Inc()
		b.metrics.setAside.WithLabelValues(storage.DeadUpdate).Inc()
		b.log.Error("update set aside", "chat_id", lease.Chat, "err", cause)
	}
	n, err := b.sendReplies(ctx, lease, outs)
	return work{head: done.Next, has: done.HasNext, sent: n}, err
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
// handled (sent, or set aside: see replyFailed; one apology then follows
// the lot). On a failure that leaves a reply for later it removes those
// handled from the store itself and returns the error: the rest stay for
// a later claim. Otherwise the caller removes them with its next commit or
// release.
func (b *Bot) sendReplies(ctx context.Context, lease storage.Lease, outs []kit.Output) (n int, err error) {
	sorry := int64(0)
	defer func() {
		if sorry != 0 {
			b.apologize(ctx, sorry)
		}
	}()
	for _, o := range outs {
		if o.Kind == kit.OutPush {
			continue
		}
		if err := stillHeld(ctx); err != nil {
			// The chat may be another worker's: not a word more. What was
			// sent is removed only while our token still owns the chat
			// (nobody else can have sent it then), so a chat whose lease
			// keeps running out still moves on instead of hearing its first
			// reply at every claim.
			b.trimSent(lease, n)
			return 0, err
		}
		if err := b.send(ctx, o, Reply); err != nil {
			aside, err := b.replyFailed(ctx, lease, o, err)
			if !aside {
				b.trimSent(lease, n)
				return 0, err
			}
			if o.Kind == kit.OutSend || o.Kind == kit.OutReport {
				sorry = o.ChatID
			}
		}
		n++
	}
	return n, nil
}

// trimSent removes the first n replies of the lease's chat, sent, if its
// token still owns the chat (storage.SentAs checks it in the same script).
func (b *Bot) trimSent(lease storage.Lease, n int) {
	qctx, cancel := quick() // the work context may be what just ran out
	defer cancel()
	if err := b.store.SentAs(qctx, lease, n); err != nil && !errors.Is(err, storage.ErrLeaseLost) {
		b.log.Error("trim sent replies", "chat_id", lease.Chat, "err", err)
	}
}
