package playground_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/flows/kit"
	"sibu/playground"
	"sibu/scheduler"
	"sibu/storage"
	"sibu/tgemu"
)

const token = "42:PLAYGROUND-TEST"

// fixture is the page's API over an emulator, with a go-telegram client
// playing the bot.
type fixture struct {
	t      *testing.T
	emu    *tgemu.Server
	bot    *tgbot.Bot
	clock  *playground.Clock
	adv    *fakeAdvancer
	srv    *httptest.Server
	people []playground.Person
}

type fakeAdvancer struct {
	clock *playground.Clock
	mu    sync.Mutex
	by    []time.Duration
}

func (f *fakeAdvancer) Advance(_ context.Context, d time.Duration) (time.Time, []scheduler.Run) {
	f.mu.Lock()
	f.by = append(f.by, d)
	f.mu.Unlock()
	now := f.clock.Advance(d)
	return now, []scheduler.Run{{Job: "remind", Tick: now, Outcome: scheduler.OutcomeRan}}
}

// newFixture starts the emulator and the page's server; opts change the
// server's Options.
func newFixture(t *testing.T, opts ...func(*playground.Options)) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: playground.NewClock(), people: playground.DemoPeople()}
	f.adv = &fakeAdvancer{clock: f.clock}
	f.emu = tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(42, "sibu_demo_bot", "四步"), tgemu.WithClock(f.clock.Now))
	f.emu.Start()
	t.Cleanup(f.emu.Close)
	b, err := tgbot.New(token, tgbot.WithServerURL(f.emu.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	f.bot = b
	opt := playground.Options{Emulator: f.emu, People: f.people, Clock: f.clock, Advancer: f.adv}
	for _, o := range opts {
		o(&opt)
	}
	f.srv = httptest.NewServer(playground.New(opt))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) do(method, path string, body any, out any) int {
	f.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, f.srv.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			f.t.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

type chat struct {
	Messages []struct {
		ID       int    `json:"id"`
		FromBot  bool   `json:"from_bot"`
		Text     string `json:"text"`
		Edited   bool   `json:"edited"`
		Contact  *struct{ Phone string }
		Photo    *struct{ ID string }
		Document *struct {
			ID   string
			Name string
		}
		Buttons [][]struct{ Text, Data, URL string }
	} `json:"messages"`
	Keyboard *struct {
		Keyboard [][]struct {
			Text           string `json:"text"`
			RequestContact bool   `json:"request_contact"`
		} `json:"keyboard"`
	} `json:"keyboard"`
	Commands []models.BotCommand `json:"commands"`
}

func TestStateAndSend(t *testing.T) {
	f := newFixture(t)
	var st struct {
		Bot    struct{ Username string }
		Clock  struct{ Label string }
		People []struct {
			ID        int64
			Name      string
			Role      string
			RoleLabel string `json:"role_label"`
		}
	}
	if code := f.do("GET", "/api/state", nil, &st); code != 200 {
		t.Fatalf("state: %d", code)
	}
	if st.Bot.Username != "sibu_demo_bot" || len(st.People) != len(f.people) || st.Clock.Label == "" {
		t.Fatalf("state = %+v", st)
	}
	roles := map[string]int{}
	for _, p := range st.People {
		roles[p.Role]++
	}
	if roles["official"] != 1 || roles["supervisor"] != 1 || roles["member"] < 3 || roles[""] != 1 {
		t.Errorf("demo roles = %v", roles)
	}

	member := f.people[2]
	if code := f.do("POST", "/api/chats/10003/messages", map[string]string{"text": "  /help  "}, nil); code != 200 {
		t.Fatalf("send: %d", code)
	}
	msgs := f.emu.Messages(member.ID)
	if len(msgs) != 1 || msgs[0].Text != "/help" || msgs[0].From.ID != member.ID || len(msgs[0].Entities) != 1 {
		t.Fatalf("emulator got %+v", msgs)
	}
	if n := f.emu.PendingUpdates(); n != 1 {
		t.Errorf("%d updates queued for the bot, want 1", n)
	}
	for _, tc := range []struct {
		path string
		body any
		want int
	}{
		{"/api/chats/555/messages", map[string]string{"text": "hi"}, 404},   // not a demo person
		{"/api/chats/10003/messages", map[string]string{"text": "  "}, 400}, // empty
		{"/api/chats/10003/messages", map[string]string{"text": strings.Repeat("长", 4097)}, 400},
		{"/api/chats/10003/messages", "not an object", 400},
		{"/api/chats/10003/press", map[string]any{"message_id": 99, "data": "x"}, 400}, // no such message
		{"/api/clock", map[string]string{"advance": "5m"}, 400},
	} {
		if code := f.do("POST", tc.path, tc.body, nil); code != tc.want {
			t.Errorf("POST %s %v: %d, want %d", tc.path, tc.body, code, tc.want)
		}
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := newFixture(t)
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/clock", strings.NewReader(`{"advance":"1h"}`))
	req.Header.Set("Origin", "http://elsewhere.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || len(f.adv.by) != 0 {
		t.Fatalf("cross-origin POST: %d, advances %v", resp.StatusCode, f.adv.by)
	}
}

func TestButtonsKeyboardsFilesAndCommands(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	u := f.people[2].User()
	f.emu.SendText(u, "/start")

	// Inline keyboard: a press reaches the bot as a callback query.
	m, err := f.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.ID, Text: "第 1/4 题",
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "满意", CallbackData: "s:1:a"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	var pr struct {
		CallbackID string `json:"callback_id"`
	}
	if code := f.do("POST", "/api/chats/10003/press", map[string]any{"message_id": m.ID, "data": "s:1:a"}, &pr); code != 200 {
		t.Fatalf("press: %d", code)
	}
	if cb, ok := f.emu.CallbackAnswer(pr.CallbackID); !ok || cb.Data != "s:1:a" || cb.Forged || cb.UserID != u.ID {
		t.Fatalf("callback = %+v", cb)
	}

	// Reply keyboard with a contact button; sharing sends the fake number.
	_, err = f.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.ID, Text: "请分享电话",
		ReplyMarkup: &models.ReplyKeyboardMarkup{Keyboard: [][]models.KeyboardButton{{{Text: "📱 分享手机号", RequestContact: true}}}, ResizeKeyboard: true}})
	if err != nil {
		t.Fatal(err)
	}
	var c chat
	f.do("GET", "/api/chats/10003", nil, &c)
	if c.Keyboard == nil || !c.Keyboard.Keyboard[0][0].RequestContact {
		t.Fatalf("keyboard = %+v", c.Keyboard)
	}
	if code := f.do("POST", "/api/chats/10003/contact", struct{}{}, nil); code != 200 {
		t.Fatalf("contact: %d", code)
	}
	last := f.emu.Messages(u.ID)
	if ct := last[len(last)-1].Contact; ct == nil || ct.PhoneNumber != f.people[2].Phone || ct.UserID != u.ID {
		t.Fatalf("shared contact = %+v", ct)
	}

	// A photo shows inline; a document downloads with its name.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
	if _, err := f.bot.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: u.ID, Photo: &models.InputFileUpload{Filename: "chart.png", Data: bytes.NewReader(png)}, Caption: "回收率"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.bot.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: u.ID, Document: &models.InputFileUpload{Filename: "台帐.xlsx", Data: strings.NewReader("PK\x03\x04 ledger")}}); err != nil {
		t.Fatal(err)
	}
	f.do("GET", "/api/chats/10003", nil, &c)
	n := len(c.Messages)
	photo, doc := c.Messages[n-2], c.Messages[n-1]
	if photo.Photo == nil || photo.Text != "回收率" || doc.Document == nil || doc.Document.Name != "台帐.xlsx" {
		t.Fatalf("media = %+v / %+v", photo, doc)
	}
	resp, err := http.Get(f.srv.URL + "/api/files/" + doc.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "PK\x03\x04 ledger" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("download: %q %v", body, resp.Header)
	}
	resp, _ = http.Get(f.srv.URL + "/api/files/" + photo.Photo.ID)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("Content-Disposition") != "" {
		t.Errorf("photo served as %v", resp.Header)
	}

	// The command menu is resolved per person: chat scope over the default.
	f.bot.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "help", Description: "帮助"}}})
	f.bot.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "surveys", Description: "待填问卷"}},
		Scope: &models.BotCommandScopeChat{ChatID: u.ID}})
	f.do("GET", "/api/chats/10003", nil, &c)
	if len(c.Commands) != 1 || c.Commands[0].Command != "surveys" {
		t.Errorf("member menu = %v", c.Commands)
	}
	f.do("GET", "/api/chats/10099", nil, &c)
	if len(c.Commands) != 1 || c.Commands[0].Command != "help" {
		t.Errorf("stranger menu = %v", c.Commands)
	}
}

// sse reads the page's event stream.
func sse(t *testing.T, url string) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/api/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events content type %q", ct)
	}
	out := make(chan map[string]any, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev map[string]any
				json.Unmarshal([]byte(data), &ev)
				out <- ev
			}
		}
	}()
	return out
}

func next(t *testing.T, evs <-chan map[string]any, typ string) map[string]any {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev := <-evs:
			if ev["type"] == typ {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %s event", typ)
		}
	}
}

func TestEventsEditsAndClock(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	evs := sse(t, f.srv.URL)
	u := f.people[0].User()
	f.emu.SendText(u, "/status")
	if ev := next(t, evs, "message"); ev["chat_id"] != float64(u.ID) {
		t.Fatalf("user message event = %v", ev)
	}
	m, err := f.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.ID, Text: "已发放 6 · 已提交 0"})
	if err != nil {
		t.Fatal(err)
	}
	next(t, evs, "message")
	if _, err := f.bot.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: u.ID, MessageID: m.ID, Text: "已发放 6 · 已提交 1"}); err != nil {
		t.Fatal(err)
	}
	ev := next(t, evs, "edit")
	msg := ev["message"].(map[string]any)
	if msg["id"] != float64(m.ID) || msg["text"] != "已发放 6 · 已提交 1" || msg["edited"] != true {
		t.Fatalf("edit event = %v", ev)
	}
	// Pushes to people who are not demo people (other chats) are not shown.
	f.emu.SendText(tgemu.User{ID: 777, FirstName: "x"}, "hi")

	before := f.clock.Now()
	var res struct {
		Clock struct {
			Now    time.Time
			Offset int64
		}
		Jobs map[string]map[string]int
	}
	if code := f.do("POST", "/api/clock", map[string]string{"advance": "24h"}, &res); code != 200 {
		t.Fatalf("advance: %d", code)
	}
	if got := res.Clock.Now.Sub(before); got < 24*time.Hour-time.Second || got > 24*time.Hour+time.Minute || res.Jobs["remind"]["ran"] != 1 {
		t.Fatalf("advance = %+v (moved %v)", res, got)
	}
	ev = next(t, evs, "clock")
	if ev["clock"].(map[string]any)["offset"] != float64(86400) {
		t.Errorf("clock event = %v", ev)
	}
	// The emulator dates new messages in demo time.
	f.emu.SendText(u, "later")
	if ev := next(t, evs, "message"); ev["chat_id"] == float64(777) {
		t.Fatalf("a stranger's chat leaked: %v", ev)
	} else if d := int64(ev["message"].(map[string]any)["date"].(float64)); d < before.Add(24*time.Hour).Unix() {
		t.Errorf("message dated %d, before demo time", d)
	}
}

func TestPageIsServed(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"/", "/app.js", "/dates.js", "/media.js", "/app.css"} {
		resp, err := http.Get(f.srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(b) < 100 {
			t.Errorf("%s: %d, %d bytes", p, resp.StatusCode, len(b))
		}
	}
}

func TestSeed(t *testing.T) {
	ctx := context.Background()
	rdb, closeRedis, err := storage.Connect(ctx, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer closeRedis()
	units := []kit.Unit{{ID: "root", Name: "组织部"}, {ID: "dongcheng", Name: "东城", Parent: "root"},
		{ID: "dc-b1", Name: "一支部", Parent: "dongcheng"}, {ID: "beiwai", Name: "北外", Parent: "root"}}
	store := storage.New(rdb, "sibu", storage.Options{Units: units, Root: "root"})
	emu := tgemu.New()
	defer emu.Close()
	people := playground.DemoPeople()
	now := time.Now()
	for range 2 { // a second start finds everyone joined and still works
		if err := playground.Seed(ctx, store, emu, people, now); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range people {
		got, ok, err := store.Person(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Stranger() {
			if ok || len(emu.Messages(p.ID)) != 0 {
				t.Errorf("the stranger was seeded: %+v", got)
			}
			continue
		}
		if !ok || got.Role != p.Role || got.Unit != p.Unit || got.Name != p.Name {
			t.Errorf("%s: stored as %+v, %v", p.Name, got, ok)
		}
		if msgs := emu.Messages(p.ID); len(msgs) == 0 || msgs[0].Text != "/start" {
			t.Errorf("%s did not start the bot: %v", p.Name, msgs)
		}
		replies, _ := store.Replies(ctx, p.ID)
		if len(replies) == 0 || replies[0].Kind != kit.OutCommands || replies[0].Role != p.Role {
			t.Errorf("%s: no command menu queued: %+v", p.Name, replies)
		}
	}
	all, _ := store.Members(ctx, "root", true)
	if len(all) != len(people)-1 {
		t.Errorf("%d members, want %d", len(all), len(people)-1)
	}
}
