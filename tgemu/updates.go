package tgemu

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/go-telegram/bot/models"
)

// queuedUpdate is an update waiting to be confirmed by the bot.
type queuedUpdate struct {
	id   int64
	kind string          // the update's field name: "message", "callback_query", …
	raw  json.RawMessage // the JSON delivered to the bot
}

// defaultExcluded are the update kinds Telegram leaves out unless
// allowed_updates names them.
var defaultExcluded = []string{"chat_member", "message_reaction", "message_reaction_count"}

// wants reports whether the current allowed_updates let an update of this
// kind be created. Must hold s.mu.
func (s *Server) wants(kind string) bool {
	if len(s.allowed) == 0 {
		return !slices.Contains(defaultExcluded, kind)
	}
	return slices.Contains(s.allowed, kind)
}

// enqueue assigns the next update_id to u and queues it, unless
// allowed_updates filters its kind out (Telegram then never creates it; the
// returned update keeps ID 0). Must hold s.mu.
func (s *Server) enqueue(u models.Update) models.Update {
	raw, err := json.Marshal(&u)
	if err != nil {
		panic(fmt.Sprintf("tgemu: marshal update: %v", err))
	}
	id, err := s.enqueueRaw(raw)
	if err != nil {
		panic(fmt.Sprintf("tgemu: %v", err))
	}
	u.ID = id
	return u
}

// enqueueRaw queues an update given as JSON. Must hold s.mu.
func (s *Server) enqueueRaw(raw []byte) (int64, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return 0, fmt.Errorf("update is not a JSON object: %w", err)
	}
	delete(obj, "update_id")
	if len(obj) != 1 {
		return 0, fmt.Errorf("an update must have exactly one field besides update_id, got %d", len(obj))
	}
	var kind string
	for k := range obj {
		kind = k
	}
	if !s.wants(kind) {
		return 0, nil
	}
	s.lastUpdateID++
	id := s.lastUpdateID
	obj["update_id"] = json.RawMessage(fmt.Sprint(id))
	out, err := json.Marshal(obj)
	if err != nil {
		return 0, err
	}
	s.queue = append(s.queue, queuedUpdate{id: id, kind: kind, raw: out})
	close(s.updWake)
	s.updWake = make(chan struct{})
	return id, nil
}

// AddUpdate queues a raw update, e.g. one recorded from real Telegram. Any
// update_id in it is replaced by the next one. It returns the assigned id, or
// 0 if allowed_updates filtered it out.
func (s *Server) AddUpdate(raw []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enqueueRaw(raw)
}

// PendingUpdates returns the number of updates not yet confirmed by the bot
// (by a getUpdates offset or a 2xx webhook answer).
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// getUpdates implements long polling with Telegram's offset semantics. It
// runs without s.mu held and takes it as needed.
func (s *Server) getUpdates(ctx context.Context, r *request) (any, *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhook != nil {
		return nil, &APIError{Code: http.StatusConflict, Description: descWebhookActive}
	}
	if err := s.setAllowedUpdates(r); err != nil {
		return nil, err
	}
	limit := s.pollLimit(r)
	s.confirmUpdates(r.int64("offset"))
	timeout := time.Duration(r.int64("timeout")) * time.Second
	timeout = min(max(timeout, 0), s.cfg.longPollMax)

	// A newer call terminates the one waiting.
	if s.pollCancel != nil {
		close(s.pollCancel)
	}
	mine := make(chan struct{})
	s.pollCancel = mine
	defer func() {
		if s.pollCancel == mine {
			s.pollCancel = nil
		}
	}()

	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		timer = t.C
	}
	for len(s.queue) == 0 && timer != nil && !s.closed {
		wake := s.updWake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-mine:
			s.mu.Lock()
			if s.webhook != nil {
				return nil, &APIError{Code: http.StatusConflict, Description: descWebhookActive}
			}
			return nil, &APIError{Code: http.StatusConflict, Description: descTerminatedByOther}
		case <-ctx.Done():
			s.mu.Lock()
			return nil, errCanceled
		case <-timer:
			timer = nil
		}
		s.mu.Lock()
	}
	out := make([]json.RawMessage, 0, min(limit, len(s.queue)))
	for _, u := range s.queue[:min(limit, len(s.queue))] {
		out = append(out, u.raw)
	}
	return out, nil
}

// setAllowedUpdates keeps allowed_updates, when the call gives it, for the
// updates created from now on. Must hold s.mu.
func (s *Server) setAllowedUpdates(r *request) *APIError {
	if !r.has("allowed_updates") {
		return nil
	}
	var list []string
	if err := json.Unmarshal([]byte(r.str("allowed_updates")), &list); err != nil {
		return violation("Bad Request: can't parse allowed_updates JSON object")
	}
	s.allowed = list
	return nil
}

// pollLimit reads getUpdates' limit: 100 by default, clamped to 1-100 with a
// warning as Telegram clamps it silently. Must hold s.mu.
func (s *Server) pollLimit(r *request) int {
	if !r.has("limit") {
		return 100
	}
	limit := r.int("limit")
	if limit < 1 || limit > 100 {
		s.warnf("getUpdates: limit %d outside 1-100, clamped", limit)
		limit = min(max(limit, 1), 100)
	}
	return limit
}

// confirmUpdates applies a getUpdates offset: a positive offset confirms
// every update with a smaller id, a negative one keeps only the last -offset
// updates. Must hold s.mu.
func (s *Server) confirmUpdates(offset int64) {
	switch {
	case offset > 0:
		s.queue = slices.DeleteFunc(s.queue, func(u queuedUpdate) bool { return u.id < offset })
	case offset < 0:
		if k := int(-offset); k < len(s.queue) {
			s.queue = slices.Delete(s.queue, 0, len(s.queue)-k)
		}
	}
}
