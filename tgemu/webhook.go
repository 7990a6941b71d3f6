package tgemu

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

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

// secretTokenRe is what setWebhook accepts as a secret_token.
var secretTokenRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// setWebhook starts delivering updates to a URL, replacing any webhook and
// ending a waiting getUpdates; an empty url removes the webhook.
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

// deleteWebhook removes the webhook, optionally dropping pending updates.
func (s *Server) deleteWebhook(_ context.Context, r *request) (any, *APIError) {
	s.stopWebhook()
	if r.bool("drop_pending_updates") {
		s.queue = nil
	}
	return true, nil
}

// getWebhookInfo answers the webhook's URL, settings, last error and the
// number of pending updates.
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
