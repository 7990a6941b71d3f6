package bot_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"sibu/bot"
	"sibu/storage"
)

// fakeRecorder records updates in memory, or fails.
type fakeRecorder struct {
	mu   sync.Mutex
	ups  []storage.Update
	fail bool
}

func (f *fakeRecorder) Record(_ context.Context, ups ...storage.Update) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return 0, errors.New("redis: connection refused")
	}
	f.ups = append(f.ups, ups...)
	return len(ups), nil
}

// TestWebhookIntake: what an operator's (or an attacker's) odd requests
// get from the webhook. Only a POST with the secret is read; garbage is
// acknowledged (Telegram would otherwise redeliver it forever, holding up
// every later update) and never recorded; a Redis failure answers 500 so
// Telegram delivers the update again.
func TestWebhookIntake(t *testing.T) {
	const secret = "s3cret_-"
	valid := `{"update_id":10,"message":{"message_id":1,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"is_bot":false,"first_name":"u"},"text":"hi"}}`
	tests := []struct {
		name        string
		method      string
		secret      string
		contentType string
		body        string
		fail        bool
		status      int
		recorded    int64 // chat of the recorded update; -1 none
	}{
		{"valid", "POST", secret, "application/json", valid, false, 200, 7},
		{"no secret", "POST", "", "application/json", valid, false, 401, -1},
		{"wrong secret", "POST", "s3cret_", "application/json", valid, false, 401, -1},
		{"GET", "GET", secret, "", "", false, 405, -1},
		{"PUT", "PUT", secret, "application/json", valid, false, 405, -1},
		{"malformed JSON", "POST", secret, "application/json", `{"update_id":11,"message":`, false, 200, -1},
		{"empty body", "POST", secret, "application/json", "", false, 200, -1},
		{"JSON without update_id", "POST", secret, "application/json", `{"message":{"text":"x"}}`, false, 200, -1},
		{"a JSON array", "POST", secret, "application/json", `[` + valid + `]`, false, 200, -1},
		{"form content type, JSON body", "POST", secret, "application/x-www-form-urlencoded", valid, false, 200, 7},
		{"not JSON at all", "POST", secret, "text/plain", "hello", false, 200, -1},
		{"huge body", "POST", secret, "application/json", `{"update_id":12,"message":{"text":"` + strings.Repeat("x", 9<<20) + `"}}`, false, 200, -1},
		{"update of no chat", "POST", secret, "application/json", `{"update_id":13,"poll":{"id":"1","question":"?","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}}`, false, 200, 0},
		{"redis down", "POST", secret, "application/json", valid, true, 500, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &fakeRecorder{fail: tt.fail}
			woke := 0
			h := bot.NewWebhook(secret, rec, quiet, bot.NewMetrics(), func() { woke++ })
			req := httptest.NewRequest(tt.method, "/telegram/webhook", bytes.NewReader([]byte(tt.body)))
			if tt.secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tt.secret)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != tt.status {
				t.Errorf("HTTP %d, want %d", w.Code, tt.status)
			}
			if tt.status == http.StatusMethodNotAllowed && w.Header().Get("Allow") != http.MethodPost {
				t.Errorf("405 without Allow: POST")
			}
			switch {
			case tt.recorded < 0 && len(rec.ups) > 0:
				t.Errorf("recorded %+v", rec.ups)
			case tt.recorded >= 0 && (len(rec.ups) != 1 || rec.ups[0].ChatID != tt.recorded):
				t.Errorf("recorded %+v, want one update of chat %d", rec.ups, tt.recorded)
			case tt.recorded >= 0 && woke != 1:
				t.Errorf("workers woken %d times, want once", woke)
			}
		})
	}
}
