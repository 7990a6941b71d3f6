package tgemu

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
)

const testToken = "42:TEST-token_x"

// fakeClock is a settable clock for WithClock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newServer starts an emulator with the test token and a fake clock.
func newServer(t *testing.T, opts ...Option) (*Server, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	opts = append([]Option{WithToken(testToken), WithBotUser(42, "sibu_demo_bot", "Sibu"), WithClock(clock.Now), WithWebhookRetry(20 * time.Millisecond)}, opts...)
	srv := New(opts...)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, clock
}

// newBot returns a go-telegram/bot client of srv that does not poll.
func newBot(t *testing.T, srv *Server, opts ...tgbot.Option) *tgbot.Bot {
	t.Helper()
	opts = append([]tgbot.Option{tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe()}, opts...)
	b, err := tgbot.New(testToken, opts...)
	if err != nil {
		t.Fatalf("tgbot.New: %v", err)
	}
	return b
}

// apiResponse is a decoded Bot API answer.
type apiResponse struct {
	Status      int             `json:"-"`
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// call posts a form-encoded request and decodes the answer.
func call(t *testing.T, srv *Server, method string, params map[string]string) apiResponse {
	t.Helper()
	form := url.Values{}
	for k, v := range params {
		form.Set(k, v)
	}
	resp, err := http.PostForm(srv.URL()+"/bot"+testToken+"/"+method, form)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return decode(t, resp)
}

// callJSON posts a JSON body.
func callJSON(t *testing.T, srv *Server, method string, body any) apiResponse {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := http.Post(srv.URL()+"/bot"+testToken+"/"+method, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return decode(t, resp)
}

func decode(t *testing.T, resp *http.Response) apiResponse {
	t.Helper()
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r apiResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	r.Status = resp.StatusCode
	if r.OK != (resp.StatusCode == 200) || (!r.OK && r.ErrorCode != resp.StatusCode) {
		t.Fatalf("status %d does not match body %s", resp.StatusCode, body)
	}
	return r
}

// updateIDs extracts update_id values from a getUpdates result.
func updateIDs(t *testing.T, r apiResponse) []int64 {
	t.Helper()
	if !r.OK {
		t.Fatalf("getUpdates failed: %d %s", r.ErrorCode, r.Description)
	}
	var ups []struct {
		ID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(r.Result, &ups); err != nil {
		t.Fatalf("decode updates: %v", err)
	}
	ids := []int64{}
	for _, u := range ups {
		ids = append(ids, u.ID)
	}
	return ids
}

func assertNoViolations(t *testing.T, srv *Server) {
	t.Helper()
	if v := srv.Violations(); len(v) > 0 {
		t.Errorf("unexpected violations: %q", v)
	}
}
