package tgemu

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestGetUpdatesOffsets(t *testing.T) {
	type poll struct {
		offset, limit string
		want          []int64
	}
	tests := []struct {
		name  string
		polls []poll
	}{
		{"all pending by default", []poll{{"", "", []int64{1, 2, 3, 4, 5}}}},
		{"unconfirmed are redelivered", []poll{{"", "", []int64{1, 2, 3, 4, 5}}, {"", "", []int64{1, 2, 3, 4, 5}}}},
		{"offset confirms older", []poll{{"3", "", []int64{3, 4, 5}}, {"", "", []int64{3, 4, 5}}, {"6", "", []int64{}}}},
		{"confirmed are forgotten", []poll{{"4", "", []int64{4, 5}}, {"1", "", []int64{4, 5}}}},
		{"limit", []poll{{"", "2", []int64{1, 2}}, {"3", "2", []int64{3, 4}}, {"5", "2", []int64{5}}}},
		{"negative offset keeps last k", []poll{{"-2", "", []int64{4, 5}}, {"", "", []int64{4, 5}}}},
		{"negative offset with limit", []poll{{"-3", "1", []int64{3}}, {"", "", []int64{3, 4, 5}}}},
		{"limit clamped", []poll{{"", "0", []int64{1}}, {"", "1000", []int64{1, 2, 3, 4, 5}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newServer(t)
			alice := User{ID: 1001, FirstName: "Alice"}
			for i := range 5 {
				if u := srv.SendText(alice, "hello "+strconv.Itoa(i)); u.ID != int64(i+1) {
					t.Fatalf("update id = %d, want %d", u.ID, i+1)
				}
			}
			for i, p := range tt.polls {
				params := map[string]string{}
				if p.offset != "" {
					params["offset"] = p.offset
				}
				if p.limit != "" {
					params["limit"] = p.limit
				}
				got := updateIDs(t, call(t, srv, "getUpdates", params))
				if !slices.Equal(got, p.want) {
					t.Errorf("poll %d (offset %q limit %q) = %v, want %v", i, p.offset, p.limit, got, p.want)
				}
			}
			assertNoViolations(t, srv)
		})
	}
}

func TestGetUpdatesAllowedUpdates(t *testing.T) {
	srv, _ := newServer(t)
	alice := User{ID: 1001, FirstName: "Alice"}
	call(t, srv, "getUpdates", map[string]string{"allowed_updates": `["callback_query"]`})
	if u := srv.SendText(alice, "ignored"); u.ID != 0 {
		t.Errorf("filtered message got update id %d", u.ID)
	}
	srv.Press(alice, alice.ID, 1, "x")
	// allowed_updates is remembered by later calls that omit it.
	var ups []map[string]json.RawMessage
	json.Unmarshal(call(t, srv, "getUpdates", nil).Result, &ups)
	if len(ups) != 1 || ups[0]["callback_query"] == nil {
		t.Errorf("updates = %v, want one callback_query", ups)
	}
}

func TestLongPolling(t *testing.T) {
	t.Run("wakes on a new update", func(t *testing.T) {
		srv, _ := newServer(t)
		go func() {
			time.Sleep(100 * time.Millisecond)
			srv.SendText(User{ID: 7, FirstName: "A"}, "hi")
		}()
		start := time.Now()
		got := updateIDs(t, call(t, srv, "getUpdates", map[string]string{"timeout": "10"}))
		if !slices.Equal(got, []int64{1}) || time.Since(start) > 5*time.Second {
			t.Errorf("got %v after %v", got, time.Since(start))
		}
	})
	t.Run("honours timeout", func(t *testing.T) {
		srv, _ := newServer(t)
		start := time.Now()
		got := updateIDs(t, call(t, srv, "getUpdates", map[string]string{"timeout": "1"}))
		if el := time.Since(start); len(got) != 0 || el < 900*time.Millisecond || el > 3*time.Second {
			t.Errorf("got %v after %v, want empty after ~1s", got, el)
		}
	})
	t.Run("capped by WithLongPollMax", func(t *testing.T) {
		srv, _ := newServer(t, WithLongPollMax(200*time.Millisecond))
		start := time.Now()
		call(t, srv, "getUpdates", map[string]string{"timeout": "30"})
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("waited %v", el)
		}
	})
	t.Run("honours request cancellation", func(t *testing.T) {
		srv, _ := newServer(t)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL()+"/bot"+testToken+"/getUpdates?timeout=30", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatal("want an error from the cancelled call")
		}
		// The server must be free for the next poller at once.
		if r := call(t, srv, "getUpdates", nil); !r.OK {
			t.Errorf("next call: %d %s", r.ErrorCode, r.Description)
		}
	})
}

func TestGetUpdatesConflicts(t *testing.T) {
	t.Run("concurrent calls", func(t *testing.T) {
		srv, _ := newServer(t)
		first := make(chan apiResponse, 1)
		go func() { first <- call(t, srv, "getUpdates", map[string]string{"timeout": "5"}) }()
		waitPolling(t, srv)
		second := call(t, srv, "getUpdates", map[string]string{"timeout": "0"})
		r := <-first
		if r.Status != http.StatusConflict || r.Description != descTerminatedByOther {
			t.Errorf("first call: %d %q, want 409 terminated", r.Status, r.Description)
		}
		if !second.OK {
			t.Errorf("second call: %d %s", second.ErrorCode, second.Description)
		}
	})
	t.Run("while webhook is set", func(t *testing.T) {
		srv, _ := newServer(t)
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		defer hook.Close()
		if r := call(t, srv, "setWebhook", map[string]string{"url": hook.URL}); !r.OK {
			t.Fatalf("setWebhook: %s", r.Description)
		}
		r := call(t, srv, "getUpdates", nil)
		if r.Status != http.StatusConflict || r.Description != descWebhookActive {
			t.Errorf("got %d %q", r.Status, r.Description)
		}
		call(t, srv, "deleteWebhook", nil)
		if r := call(t, srv, "getUpdates", nil); !r.OK {
			t.Errorf("after deleteWebhook: %s", r.Description)
		}
	})
	t.Run("drop pending updates", func(t *testing.T) {
		srv, _ := newServer(t)
		srv.SendText(User{ID: 5, FirstName: "A"}, "x")
		call(t, srv, "deleteWebhook", map[string]string{"drop_pending_updates": "true"})
		if n := srv.PendingUpdates(); n != 0 {
			t.Errorf("pending = %d", n)
		}
	})
}

func TestWebhookDelivery(t *testing.T) {
	var mu sync.Mutex
	var got []int64
	var secrets []string
	fail := 2
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		secrets = append(secrets, r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if fail > 0 {
			fail--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var u struct {
			ID int64 `json:"update_id"`
		}
		json.Unmarshal(body, &u)
		got = append(got, u.ID)
	}))
	defer hook.Close()

	srv, _ := newServer(t)
	alice := User{ID: 1001, FirstName: "Alice"}
	srv.SendText(alice, "one")
	if r := call(t, srv, "setWebhook", map[string]string{"url": hook.URL, "secret_token": "s3cr-et_"}); !r.OK {
		t.Fatalf("setWebhook: %s", r.Description)
	}
	srv.SendText(alice, "two")
	srv.SendText(alice, "three")

	deadline := time.Now().Add(5 * time.Second)
	for srv.PendingUpdates() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(got, []int64{1, 2, 3}) {
		t.Errorf("delivered %v, want [1 2 3] in order", got)
	}
	for _, s := range secrets {
		if s != "s3cr-et_" {
			t.Errorf("secret header %q", s)
		}
	}
	if len(secrets) != 5 {
		t.Errorf("%d attempts, want 5 (2 failures + 3)", len(secrets))
	}
	var info struct {
		URL     string `json:"url"`
		Pending int    `json:"pending_update_count"`
		LastErr string `json:"last_error_message"`
	}
	json.Unmarshal(call(t, srv, "getWebhookInfo", nil).Result, &info)
	if info.URL != hook.URL || info.Pending != 0 || info.LastErr != "Wrong response from the webhook: 500 Internal Server Error" {
		t.Errorf("webhook info = %+v", info)
	}
}

func TestWebhookReplyMethod(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u struct {
			Message struct {
				Chat struct {
					ID int64 `json:"id"`
				} `json:"chat"`
			} `json:"message"`
		}
		json.NewDecoder(r.Body).Decode(&u)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"method": "sendMessage", "chat_id": u.Message.Chat.ID, "text": "pong"})
	}))
	defer hook.Close()
	srv, _ := newServer(t)
	call(t, srv, "setWebhook", map[string]string{"url": hook.URL})
	alice := User{ID: 1001, FirstName: "Alice"}
	srv.SendText(alice, "ping")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, err := srv.WaitFor(ctx, alice.ID, func(m Message) bool { return m.FromBot })
	if err != nil || m.Text != "pong" {
		t.Errorf("got %q, %v", m.Text, err)
	}
}

// waitPolling waits until a getUpdates call is waiting on srv (a fixed
// sleep is too short on a busy machine).
func waitPolling(t *testing.T, srv *Server) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		srv.mu.Lock()
		waiting := srv.pollCancel != nil
		srv.mu.Unlock()
		if waiting {
			return
		}
	}
	t.Fatal("no getUpdates call started waiting")
}
