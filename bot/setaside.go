package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strconv"

	tgbot "github.com/go-telegram/bot"

	"sibu/flows/kit"
	"sibu/storage"
)

// Nothing an update or a reply does may wedge its chat. An update that
// cannot be applied for a reason other than a conflict (a commit Redis
// refuses, a flow bug, a download that fails) and a reply Telegram refuses
// are tried Options.Attempts times (counted in Redis, so every replica
// counts the same attempts), then set aside in the dead list with their
// error (storage/dead.go) and answered with an apology, and the chat goes
// on. An outage (Redis unreachable or full, Telegram not answering) is nobody's
// fault and is waited out instead. A panic outside the flow step (the
// engine recovers its own) is an error like any other.

// commitError is an error of the commit itself: it may have run (a
// timeout after Redis executed it), so its trim must not be repeated.
type commitError struct{ error }

// Unwrap returns the commit's error.
func (e commitError) Unwrap() error { return e.error }

// failed handles an update that could not be applied (cause; not a
// conflict): retried later while Redis is unreachable or attempts are left,
// else set aside with an apology. trim is the replies sent before it.
func (b *Bot) failed(ctx context.Context, lease storage.Lease, head []byte, in kit.Input, cause error, trim int) (work, error) {
	sent := trim
	if errors.As(cause, new(commitError)) {
		sent = 0 // the commit may have removed them already
	}
	if ctx.Err() != nil || storage.Unavailable(cause) || b.store.Ping(ctx) != nil {
		return work{sent: sent}, cause // shutting down, Redis full or unreachable: not the update's fault
	}
	n, err := b.store.Attempt(ctx, lease.Chat, head)
	b.log.Error("update failed", "chat_id", lease.Chat, "input", in.Kind, "attempt", n, "of", b.opt.Attempts, "err", cause)
	if err != nil || n < int64(b.opt.Attempts) {
		return work{sent: sent}, cause
	}
	return b.ack(ctx, lease, head, apology(in), trim, cause)
}

// replyFailed decides what becomes of a reply whose send failed with err:
// set aside (true: the caller counts it as handled, and owes the person an
// apology if it was a message) when Telegram refuses it for good or after
// the attempts, else kept for a later claim (false, with the error).
func (b *Bot) replyFailed(ctx context.Context, lease storage.Lease, o kit.Output, err error) (bool, error) {
	switch {
	case errors.Is(err, ErrBlocked):
		b.log.Warn("reply dropped: the person blocked the bot", "chat_id", lease.Chat, "kind", o.Kind)
		return true, nil
	case !refused(err):
		return false, err // an outage: the reply waits
	}
	qctx, cancel := quick() // ctx may be what ran out
	defer cancel()
	body, jerr := json.Marshal(o)
	if jerr != nil {
		return false, jerr
	}
	if !IsPermanent(err) {
		n, aerr := b.store.Attempt(qctx, lease.Chat, body)
		b.log.Warn("reply refused", "chat_id", lease.Chat, "kind", o.Kind, "attempt", n, "of", b.opt.Attempts, "err", err)
		if aerr != nil || n < int64(b.opt.Attempts) {
			return false, err
		}
	}
	if serr := b.store.SetAsideReply(qctx, lease.Chat, body, err.Error(), b.opt.Now()); serr != nil {
		return false, serr
	}
	b.metrics.setAside.WithLabelValues(storage.DeadReply).Inc()
	b.log.Error("reply set aside", "chat_id", lease.Chat, "kind", o.Kind, "err", err)
	return true, nil
}

// apologize tells chat that something it was to receive will not come.
func (b *Bot) apologize(ctx context.Context, chat int64) {
	sorry := kit.Output{Kind: kit.OutSend, ChatID: chat, Text: kit.T("", kit.MsgSomethingWrong)}
	if err := b.send(ctx, sorry, Reply); err != nil {
		b.log.Warn("apology not sent", "chat_id", chat, "err", err)
	}
}

// apiError matches the error go-telegram/bot makes of a Bot API error it
// has no sentinel for (413 Request Entity Too Large among them).
var apiError = regexp.MustCompile(`error response from telegram for method \S+, (\d{3}) `)

// refused reports whether err is Telegram (or the bot) refusing this very
// output, which sending it again will not change: 400, 413 and the other
// client errors but 401 and 404 (a bad token refuses everything) and 429,
// a report that failed to render, or a panic.
func refused(err error) bool {
	if IsPermanent(err) || errors.As(err, new(renderError)) {
		return true
	}
	if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
		return false
	}
	m := apiError.FindStringSubmatch(err.Error())
	if m == nil {
		return false
	}
	code, _ := strconv.Atoi(m[1])
	return code >= 400 && code < 500 && code != 429
}

// renderError is a report that could not be rendered (read or drawn).
type renderError struct{ error }

// Unwrap returns the rendering's error.
func (e renderError) Unwrap() error { return e.error }

// recovered turns a panic into a permanent error of what (to be called
// deferred, with the function's named error).
func (b *Bot) recovered(err *error, what string) {
	if p := recover(); p != nil {
		b.log.Error("panic recovered", "in", what, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		*err = permanent{fmt.Errorf("%s: panic: %v", what, p)}
	}
}
