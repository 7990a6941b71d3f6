package tgemu

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
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

// webhookState is an active webhook and its delivery status.
type webhookState struct {
	url            string
	secret         string
	ipAddress      string
	maxConnections int
	stop           chan struct{}
	lastErrorDate  int64
	lastErrorMsg   string
}

var secretTokenRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) setWebhook(_ context.Context, r *request) (any, *APIError) {
	url := r.str("url")
	if r.has("secret_token") && !secretTokenRe.MatchString(r.str("secret_token")) {
		return nil, violation("Bad Request: secret token contains unallowed characters")
	}
	if r.has("max_connections") {
		if n := r.int("max_connections"); n < 1 || n > 100 {
			return nil, violation("Bad Request: max_connections must be 1-100")
		}
	}
	if err := s.setAllowedUpdates(r); err != nil {
		return nil, err
	}
	if r.bool("drop_pending_updates") {
		s.queue = nil
	}
	if url == "" {
		s.stopWebhook()
		return true, nil
	}
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return nil, violation("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
	}
	if !strings.HasPrefix(url, "https://") {
		s.warnf("setWebhook: %s is not HTTPS; Telegram requires HTTPS on port 443, 80, 88 or 8443", url)
	}
	s.stopWebhook()
	wh := &webhookState{
		url:            url,
		secret:         r.str("secret_token"),
		ipAddress:      r.str("ip_address"),
		maxConnections: 40,
		stop:           make(chan struct{}),
	}
	if r.has("max_connections") {
		wh.maxConnections = r.int("max_connections")
	}
	s.webhook = wh
	if s.pollCancel != nil {
		close(s.pollCancel)
		s.pollCancel = nil
	}
	if !s.closed {
		s.wg.Add(1)
		go s.deliver(wh)
	}
	return true, nil
}

// stopWebhook ends webhook delivery. Must hold s.mu.
func (s *Server) stopWebhook() {
	if s.webhook != nil {
		close(s.webhook.stop)
		s.webhook = nil
	}
}

func (s *Server) deleteWebhook(_ context.Context, r *request) (any, *APIError) {
	s.stopWebhook()
	if r.bool("drop_pending_updates") {
		s.queue = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo(_ context.Context, _ *request) (any, *APIError) {
	info := models.WebhookInfo{PendingUpdateCount: len(s.queue)}
	if wh := s.webhook; wh != nil {
		info.URL = wh.url
		info.IPAddress = wh.ipAddress
		info.MaxConnections = wh.maxConnections
		info.LastErrorDate = int(wh.lastErrorDate)
		info.LastErrorMessage = wh.lastErrorMsg
		info.AllowedUpdates = s.allowed
	}
	return info, nil
}

// deliver posts queued updates to the webhook one at a time, in order,
// retrying failures after a fixed pause, until the webhook is removed.
func (s *Server) deliver(wh *webhookState) {
	defer s.wg.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-wh.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	client := &http.Client{Timeout: s.cfg.webhookTimeout}
	for {
		s.mu.Lock()
		if s.webhook != wh {
			s.mu.Unlock()
			return
		}
		if len(s.queue) == 0 {
			wake := s.updWake
			s.mu.Unlock()
			select {
			case <-wake:
			case <-wh.stop:
				return
			}
			continue
		}
		u := s.queue[0]
		s.mu.Unlock()

		reply, err := s.postWebhook(ctx, client, wh, u.raw)

		s.mu.Lock()
		if s.webhook != wh {
			s.mu.Unlock()
			return
		}
		if err == nil {
			if len(s.queue) > 0 && s.queue[0].id == u.id {
				s.queue = s.queue[1:]
			}
			s.mu.Unlock()
			if reply != nil {
				s.webhookReply(ctx, reply)
			}
			continue
		}
		wh.lastErrorDate = s.now().Unix()
		wh.lastErrorMsg = err.Error()
		s.mu.Unlock()
		select {
		case <-time.After(s.cfg.webhookRetry):
		case <-wh.stop:
			return
		}
	}
}

// postWebhook sends one update to the webhook. On a 2xx answer it returns the
// answer's body if it carries a method call, as Telegram allows.
func (s *Server) postWebhook(ctx context.Context, client *http.Client, wh *webhookState, raw []byte) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wh.url, bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("Bad webhook URL: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if wh.secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", wh.secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		var ne interface{ Timeout() bool }
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, errors.New("Timeout expired")
		}
		if strings.Contains(err.Error(), "connection refused") {
			return nil, errors.New("Connection refused")
		}
		return nil, fmt.Errorf("Failed to connect: %v", err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("Wrong response from the webhook: %s", resp.Status)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		return nil, nil
	}
	params, err := jsonParams(body)
	if err != nil || params["method"] == "" {
		return nil, nil
	}
	return params, nil
}

// webhookReply executes a method call given in a webhook answer. Telegram
// does not report its result to the bot.
func (s *Server) webhookReply(ctx context.Context, params map[string]string) {
	method := params["method"]
	delete(params, "method")
	_, _ = s.do(ctx, method, params, map[string]*upload{})
}
