package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/app"
	"sibu/config"
	"sibu/internal/redistest"
	"sibu/playground"
	"sibu/storage"
)

// sim is the whole bot — flows, store, scheduler, records relay, the same
// wiring as production — run in playground mode against a private
// redis-server, played through the playground page's API: people send
// messages and press buttons, and demo time moves forward with every job
// due in between run in order.
type sim struct {
	t      *testing.T
	ctx    context.Context
	rdb    *redis.Client
	keys   storage.Keys
	page   string
	people map[string]playground.Person
	chats  []int64
}

// simChat is a person's chat as the page shows it.
type simChat struct {
	Messages []struct {
		ID      int    `json:"id"`
		FromBot bool   `json:"from_bot"`
		Text    string `json:"text"`
		Buttons [][]struct{ Text, Data string }
	} `json:"messages"`
}

// startSim runs the playground against its own redis-server (so that a walk
// of the keyspace sees only sibu's keys) with a records system that
// refuses every event (so events end in the dead-letter stream).
func startSim(t *testing.T) *sim {
	t.Helper()
	srv := redistest.NewServer(t, false)
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "records system down", http.StatusServiceUnavailable)
	}))
	t.Cleanup(refuse.Close)
	env := map[string]string{"SIBU_REDIS_URL": srv.URL(), "SIBU_RECORDS_URL": refuse.URL}
	cfg, err := config.Load("../config.example.yaml", func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	// Simulated people answer at once and months pass in seconds: the
	// sender's limits would only make the run wait.
	cfg.Telegram.Limits = config.Limits{GlobalPerSecond: 5000, PerChatPerSecond: 5000, PerChatBurst: 100, PerGroupPerMinute: 300000}
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { rdb.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("SIBU_SIM_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	go func() {
		done <- app.RunPlayground(ctx, cfg, log, app.PlaygroundOptions{Listen: "127.0.0.1:0", Ready: func(url string) { ready <- url }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("playground: %v", err)
		}
	})
	s := &sim{t: t, ctx: ctx, rdb: rdb, keys: storage.NewKeys(cfg.Redis.Prefix + "-playground"), people: map[string]playground.Person{}}
	for _, p := range playground.DemoPeople() {
		s.people[p.Name] = p
		s.chats = append(s.chats, p.ID)
	}
	select {
	case s.page = <-ready:
	case err := <-done:
		t.Fatalf("playground did not start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("playground did not start within 30 s")
	}
	s.settle()
	return s
}

// call calls the page's API.
func (s *sim) call(method, path string, body, out any) {
	s.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.page+path, rd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		s.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, msg)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			s.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// settle waits until the bot has done all it has to: Telegram holds no
// update for it, every chat's inbox and replies are empty, and the push
// stream is drained — twice in a row, 50 ms apart.
func (s *sim) settle() {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	calm := 0
	for calm < 2 {
		if time.Now().After(deadline) {
			s.t.Fatalf("the bot did not settle within 60 s")
		}
		time.Sleep(50 * time.Millisecond)
		busy := s.rdb.XLen(s.ctx, s.keys.Push()).Val()
		for _, c := range s.chats {
			busy += s.rdb.LLen(s.ctx, s.keys.InboxChat(c)).Val() + s.rdb.LLen(s.ctx, s.keys.Replies(c)).Val()
		}
		if busy == 0 {
			calm++
		} else {
			calm = 0
		}
	}
}

// chat is who's chat as the page shows it.
func (s *sim) chat(who string) simChat {
	var c simChat
	s.call("GET", fmt.Sprintf("/api/chats/%d", s.people[who].ID), nil, &c)
	return c
}

// say sends text as who and waits for the bot to settle.
func (s *sim) say(who, text string) {
	s.t.Helper()
	s.call("POST", fmt.Sprintf("/api/chats/%d/messages", s.people[who].ID), map[string]string{"text": text}, nil)
	time.Sleep(20 * time.Millisecond) // the poller's turn
	s.settle()
}

// press taps the button whose text contains label on the latest of the
// bot's messages in who's chat that has one; false when there is none.
func (s *sim) press(who, label string) bool {
	s.t.Helper()
	return s.pressOn(who, "", label)
}

// pressOn is press on the latest message whose text contains on.
func (s *sim) pressOn(who, on, label string) bool {
	s.t.Helper()
	msgs := s.chat(who).Messages
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if !strings.Contains(m.Text, on) {
			continue
		}
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data != "" && strings.Contains(b.Text, label) {
					s.call("POST", fmt.Sprintf("/api/chats/%d/press", s.people[who].ID),
						map[string]any{"message_id": m.ID, "data": b.Data}, nil)
					time.Sleep(20 * time.Millisecond)
					s.settle()
					return true
				}
			}
		}
	}
	return false
}

// last is the bot's latest message in who's chat.
func (s *sim) last(who string) (text string, buttons []string) {
	msgs := s.chat(who).Messages
	for i := len(msgs) - 1; i >= 0; i-- {
		if m := msgs[i]; m.FromBot {
			for _, row := range m.Buttons {
				for _, b := range row {
					buttons = append(buttons, b.Text)
				}
			}
			return m.Text, buttons
		}
	}
	return "", nil
}

// answer fills in the questionnaire whose invitation names title, as who:
// the first choice of every question (the first row of a matrix, ranking in
// the order shown), a word for a text, then 提交.
func (s *sim) answer(who, title string) {
	s.t.Helper()
	if !s.pressOn(who, title, "开始填写") {
		s.t.Fatalf("%s has no invitation to %s", who, title)
	}
	toggled := map[string]bool{}
	for range 40 {
		text, buttons := s.last(who)
		switch {
		case strings.Contains(text, "已提交") || has(buttons, "匿名举报"):
			return // submitted (an anonymous one about 换届风气 then offers the tip-off line)
		case has(buttons, "提交"):
			s.press(who, "提交")
		case has(buttons, "完成") && !toggled[text]:
			toggled[text] = true
			s.press(who, buttons[0])
		case has(buttons, "完成"):
			s.press(who, "完成")
		case strings.Contains(text, "请直接发送文字") || strings.Contains(text, "请发送具体内容"):
			s.say(who, "很好")
		case len(buttons) > 0:
			s.press(who, buttons[0])
		default:
			s.t.Fatalf("%s: nothing to answer in %q", who, text)
		}
	}
	s.t.Fatalf("%s did not get through %s", who, title)
}

// has reports whether a button's text contains label.
func has(buttons []string, label string) bool {
	for _, b := range buttons {
		if strings.Contains(b, label) {
			return true
		}
	}
	return false
}

// advance moves demo time forward by d, running every job due in between,
// and waits for the bot to settle.
func (s *sim) advance(d time.Duration) {
	s.t.Helper()
	s.call("POST", "/api/clock", map[string]string{"advance": strings.TrimSuffix(d.String(), "0m0s")}, nil)
	s.settle()
}
