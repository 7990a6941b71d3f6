package bot_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

const token = "42:TEST-token-for-bot-package-tests"

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newTG(t *testing.T, emu *tgemu.Server) *tgbot.Bot {
	t.Helper()
	tg, err := tgbot.New(token, tgbot.WithServerURL(emu.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(time.Minute, bot.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// replicas starts n bot replicas sharing one Redis prefix, and one poller.
func replicas(t *testing.T, emu *tgemu.Server, n int) {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: "sibu_demo_bot", Units: units, Root: "root", NewCode: func() string { return "c" }}})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var wakes []func()
	for i := 0; i < n; i++ {
		b := bot.New(newTG(t, emu), store, engine, quiet, nil, bot.Options{Workers: 4, Owner: fmt.Sprintf("r%d", i)})
		wakes = append(wakes, b.Wake)
		wg.Add(1)
		go func() { defer wg.Done(); b.Run(ctx, 5*time.Second) }()
	}
	wakeAll := func() {
		for _, w := range wakes {
			w()
		}
	}
	p := bot.NewPoller(bot.HTTPClient(), emu.URL(), token, store, rdb, store.Keys(), "poller", quiet, bot.NewMetrics(), wakeAll)
	wg.Add(1)
	go func() { defer wg.Done(); p.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

// TestOneChatInOrderAcrossReplicas: three replicas apply each chat's
// updates one at a time and in order, different chats in parallel.
func TestOneChatInOrderAcrossReplicas(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithLongPollMax(time.Second), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	replicas(t, emu, 3)
	const people, each = 12, 15
	for i := 0; i < each; i++ {
		for p := 0; p < people; p++ {
			emu.SendText(tgemu.User{ID: int64(100 + p), FirstName: "u"}, fmt.Sprintf("/x%d", i))
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for p := 0; p < people; p++ {
		chat := int64(100 + p)
		last := fmt.Sprintf("/x%d", each-1)
		if _, err := emu.WaitFor(ctx, chat, func(m tgemu.Message) bool { return m.FromBot && strings.Contains(m.Text, last+"。") }); err != nil {
			var texts []string
			for _, m := range emu.Messages(chat) {
				texts = append(texts, fmt.Sprintf("%v:%q", m.FromBot, m.Text))
			}
			t.Fatalf("chat %d: not all replies arrived: %d calls %v\n%s", chat, len(emu.Calls()), emu.Counts(), strings.Join(texts, "\n"))
		}
		var got []string
		for _, m := range emu.BotMessages(chat) {
			got = append(got, m.Text[strings.Index(m.Text, "/"):strings.Index(m.Text, "。")])
		}
		for i, g := range got {
			if g != fmt.Sprintf("/x%d", i) {
				t.Fatalf("chat %d: replies out of order or doubled: %v", chat, got)
			}
		}
	}
	if v := emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %v", v)
	}
}

func TestSenderFollowsTelegramErrors(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(token))
	emu.Start()
	defer emu.Close()
	tg := newTG(t, emu)
	ctx := context.Background()
	s := bot.NewSender(bot.Limits{Global: 1000, PerChat: 1000, Burst: 10, PerGroupMinute: 6000}, quiet, nil)
	var blocked, migratedFrom, migratedTo int64
	s.OnBlocked = func(_ context.Context, chat int64) { blocked = chat }
	s.OnMigrated = func(_ context.Context, from, to int64) { migratedFrom, migratedTo = from, to }
	send := func(chat int64, text string) error {
		return s.Do(ctx, "sendMessage", chat, bot.Push, func(ctx context.Context, chat int64) error {
			_, err := tg.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chat, Text: text})
			return err
		})
	}
	u := tgemu.User{ID: 5, FirstName: "u"}
	emu.SendText(u, "hi")

	// 403: reported, not retried.
	emu.Block(5)
	if err := send(5, "x"); !errors.Is(err, bot.ErrBlocked) || blocked != 5 {
		t.Fatalf("blocked user: err=%v blocked=%d", err, blocked)
	}
	if !bot.IsPermanent(bot.ErrBlocked) {
		t.Fatal("ErrBlocked should be permanent")
	}
	emu.Unblock(5)

	// Migration: the group became a supergroup; the send follows it.
	emu.AddGroup(tgemu.Group{ID: -77, Title: "支部群"})
	emu.Migrate(-77, -1000077)
	if err := send(-77, "公示"); err != nil || migratedFrom != -77 || migratedTo != -1000077 {
		t.Fatalf("migrate: err=%v from=%d to=%d", err, migratedFrom, migratedTo)
	}
	if m, ok := emu.LastBotMessage(-1000077); !ok || m.Text != "公示" {
		t.Fatalf("message did not reach the supergroup")
	}

	// Not modified: an edit to identical text is success.
	m, _ := tg.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 5, Text: "same"})
	err := s.Do(ctx, "editMessageText", 5, bot.Reply, func(ctx context.Context, chat int64) error {
		_, err := tg.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: m.ID, Text: "same"})
		return err
	})
	if err != nil {
		t.Fatalf("not modified should be ignored: %v", err)
	}

	// 400 other than that: permanent.
	err = s.Do(ctx, "editMessageText", 5, bot.Reply, func(ctx context.Context, chat int64) error {
		_, err := tg.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: 9999, Text: "x"})
		return err
	})
	if !bot.IsPermanent(err) {
		t.Fatalf("edit of a missing message: %v, want permanent", err)
	}

	// 429: waits retry_after then succeeds; never dropped.
	n := 0
	emu.Inject(func(c tgemu.Call) *tgemu.APIError {
		if c.Method == "sendMessage" && n < 1 {
			n++
			return tgemu.TooManyRequests(1)
		}
		return nil
	})
	t0 := time.Now()
	if err := send(5, "after 429"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < time.Second {
		t.Fatalf("retried after %v, before retry_after", d)
	}
}

func TestPerChatLimitSpacesMessages(t *testing.T) {
	s := bot.NewSender(bot.Limits{Global: 1000, PerChat: 5, Burst: 1, PerGroupMinute: 20}, quiet, nil)
	var times []time.Time
	for i := 0; i < 4; i++ {
		s.Do(context.Background(), "sendMessage", 9, bot.Reply, func(context.Context, int64) error {
			times = append(times, time.Now())
			return nil
		})
	}
	if d := times[3].Sub(times[0]); d < 500*time.Millisecond {
		t.Fatalf("4 messages at 5/s burst 1 took %v, want ≥ 600ms-ish", d)
	}
}

func TestUpdateKinds(t *testing.T) {
	// Every kind of update a person can produce is answered or ignored,
	// never crashes the worker: stickers, photos, voice, locations,
	// contacts, edits, callbacks on old messages, group chatter.
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithLongPollMax(time.Second), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	replicas(t, emu, 1)
	u := tgemu.User{ID: 300, FirstName: "u"}
	emu.SendSticker(u, "👍")
	emu.SendPhoto(u, nil, "")
	emu.SendVoice(u, []byte("ogg"), 2)
	emu.SendLocation(u, 31.2, 107.5)
	emu.ShareContact(u, "+8613800000000", 300)
	up := emu.SendText(u, "hello")
	emu.EditText(u, up.Message.ID, "hello again")
	emu.Press(u, 300, 1, "5:a:0")
	emu.Press(u, 300, 1, strings.Repeat("z", 64))
	emu.AddGroup(tgemu.Group{ID: -5, Title: "g"})
	emu.SendGroupText(-5, u, "/help@sibu_demo_bot")
	emu.SendText(u, "/start 你好世界")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := emu.WaitFor(ctx, 300, func(m tgemu.Message) bool { return m.FromBot && strings.Contains(m.Text, "邀请码无效") }); err != nil {
		t.Fatalf("the last update was never answered: %v", emu.BotMessages(300))
	}
	if _, err := emu.WaitFor(ctx, -5, func(m tgemu.Message) bool { return m.FromBot }); err != nil {
		t.Fatal("group /help@bot not answered")
	}
	for _, c := range emu.CallsTo("answerCallbackQuery") {
		if c.Status != 200 {
			t.Errorf("answerCallbackQuery failed: %+v", c)
		}
	}
	if n := len(emu.CallsTo("answerCallbackQuery")); n != 2 {
		t.Errorf("%d callback answers, want 2 (stale and forged presses are answered)", n)
	}
	if v := emu.Violations(); len(v) > 0 {
		t.Errorf("spec violations: %v", v)
	}
	_ = models.ChatTypePrivate
}

// TestSharedInviteDoesNotWedge: two people confirm their names on one
// shared invite link; the second is told the invite is used and the chat
// keeps answering (a commit condition that keeps failing must never wedge a
// chat).
func TestSharedInviteDoesNotWedge(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithLongPollMax(time.Second), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: "sibu_demo_bot", Units: units, Root: "root"}})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	b := bot.New(newTG(t, emu), store, engine, quiet, nil, bot.Options{Workers: 4, Owner: "r0"})
	wg.Add(2)
	go func() { defer wg.Done(); b.Run(ctx, 5*time.Second) }()
	p := bot.NewPoller(bot.HTTPClient(), emu.URL(), token, store, rdb, store.Keys(), "poller", quiet, bot.NewMetrics(), b.Wake)
	go func() { defer wg.Done(); p.Run(ctx) }()
	defer func() { cancel(); wg.Wait() }()

	inv := kit.Invite{Code: "shared", Unit: "root", Role: kit.RoleMember, By: 1, ExpiresAt: time.Now().Add(time.Hour)}
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Effects: []kit.Effect{join.InviteCreated{Invite: inv}}, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	a, c := tgemu.User{ID: 501, FirstName: "A"}, tgemu.User{ID: 502, FirstName: "B"}
	wctx, wc := context.WithTimeout(ctx, 30*time.Second)
	defer wc()
	wait := func(u tgemu.User, text string) {
		t.Helper()
		if _, err := emu.WaitFor(wctx, u.ID, func(m tgemu.Message) bool { return m.FromBot && strings.Contains(m.Text, text) }); err != nil {
			t.Fatalf("user %d never got %q: %v", u.ID, text, emu.BotMessages(u.ID))
		}
	}
	for _, u := range []tgemu.User{a, c} {
		emu.SendText(u, "/start shared")
		wait(u, "欢迎")
		emu.SendText(u, "张三")
		wait(u, "请确认")
	}
	for _, u := range []tgemu.User{a, c} {
		m, _ := emu.LastBotMessage(u.ID)
		emu.Press(u, u.ID, m.ID, m.ReplyMarkup.InlineKeyboard[0][0].CallbackData)
	}
	// Both presses race: either may win the invite, and the other must be
	// told it is used (and keep a working chat).
	var winner, loser tgemu.User
	for winner.ID == 0 {
		for _, u := range []tgemu.User{a, c} {
			for _, m := range emu.BotMessages(u.ID) {
				if strings.Contains(m.Text, "加入成功") {
					winner = u
				}
			}
		}
		if winner.ID == 0 {
			select {
			case <-wctx.Done():
				t.Fatalf("nobody got 加入成功: A=%v B=%v", emu.BotMessages(a.ID), emu.BotMessages(c.ID))
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	loser = c
	if winner.ID == c.ID {
		loser = a
	}
	wait(loser, "已被使用")
	emu.SendText(loser, "/help")
	wait(loser, "您还没有加入组织")
	if n, _ := rdb.LLen(ctx, store.Keys().InboxChat(loser.ID)).Result(); n != 0 {
		t.Fatalf("the loser's inbox still holds %d updates", n)
	}
	for _, m := range emu.BotMessages(winner.ID) {
		if strings.Contains(m.Text, "已被使用") {
			t.Fatalf("the winner was also told the invite is used: %q", m.Text)
		}
	}
}
