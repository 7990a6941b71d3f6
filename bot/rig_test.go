package bot_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

// rig is a bot receiving updates through its webhook from the emulator,
// which was registered with every kind of update allowed (as an operator
// who calls setWebhook by hand may do).
type rig struct {
	emu   *tgemu.Server
	store *storage.Store
	rdb   *redis.Client
	bot   *bot.Bot
	ctx   context.Context
}

func newRig(t *testing.T, env flows.Env, opts ...tgemu.Option) *rig {
	t.Helper()
	return newRigWith(t, env, bot.Options{}, opts...)
}

// newRigWith is newRig with the bot's options (its limits, owner and
// admins are the rig's).
func newRigWith(t *testing.T, env flows.Env, bopt bot.Options, opts ...tgemu.Option) *rig {
	t.Helper()
	opts = append([]tgemu.Option{tgemu.WithToken(token), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"),
		tgemu.WithWebhookRetry(50 * time.Millisecond)}, opts...)
	emu := tgemu.New(opts...)
	emu.Start()
	t.Cleanup(emu.Close)
	rdb, prefix := redistest.Client(t)
	env.BotUsername = "sibu_demo_bot"
	if env.Units == nil {
		env.Units = []kit.Unit{{ID: "root", Name: "区委"}}
		env.Root = "root"
	}
	store := storage.New(rdb, prefix, storage.Options{Units: env.Units, Root: env.Root})
	engine := flows.NewEngine(env)
	var admins []int64
	for id := range env.Admins {
		admins = append(admins, id)
	}
	bopt.Workers, bopt.Owner, bopt.Admins = 4, "r0", admins
	bopt.Limits = bot.Limits{Global: 1000, PerChat: 1000, Burst: 100, PerGroupMinute: 60000}
	b := bot.New(newTG(t, emu), store, engine, quiet, nil, bopt)
	hook := httptest.NewServer(bot.NewWebhook(webhookSecret, store, quiet, bot.NewMetrics(), b.Wake))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); b.Run(ctx, 5*time.Second) }()
	t.Cleanup(func() { cancel(); wg.Wait(); hook.Close() })
	if _, err := newTG(t, emu).SetWebhook(ctx, &tgbot.SetWebhookParams{URL: hook.URL + "/telegram/webhook",
		SecretToken: webhookSecret, AllowedUpdates: everyUpdateKind}); err != nil {
		t.Fatal(err)
	}
	wctx, wcancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(wcancel)
	return &rig{emu: emu, store: store, rdb: rdb, bot: b, ctx: wctx}
}

// help sends /help from u in chat and waits for its answer: every update
// of the chat before it has then been applied (one chat, in order). It
// returns the message id of the answer.
func (r *rig) help(t *testing.T, chat int64, u tgemu.User) int {
	t.Helper()
	text := "/help"
	if chat < 0 {
		text = "/help@sibu_demo_bot"
	}
	var id int
	if chat < 0 {
		id = r.emu.SendGroupText(chat, u, text).Message.ID
	} else {
		id = r.emu.SendText(u, text).Message.ID
	}
	m, err := r.emu.WaitFor(r.ctx, chat, func(m tgemu.Message) bool {
		return m.FromBot && m.ID > id && strings.Contains(m.Text, "/help — 查看帮助") && !strings.Contains(m.Text, "暂不支持")
	})
	if err != nil {
		t.Fatalf("chat %d stopped answering: /help got no answer; bot said: %s", chat, texts(r.emu.BotMessages(chat)))
	}
	return m.ID
}

// botSaidBetween returns what the bot sent in chat after message from and
// before message to (the answers to two /help).
func (r *rig) botSaidBetween(chat int64, from, to int) []tgemu.Message {
	var out []tgemu.Message
	for _, m := range r.emu.BotMessages(chat) {
		if m.ID > from && m.ID < to {
			out = append(out, m)
		}
	}
	return out
}

func texts(ms []tgemu.Message) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n  #%d %q", m.ID, m.Text)
	}
	return b.String()
}

// drained waits until Telegram has nothing left to deliver and the bot's
// inbox is empty for every chat (chat 0 holds updates that belong to none).
func (r *rig) drained(t *testing.T, chats ...int64) {
	t.Helper()
	chats = append(chats, 0)
	for {
		left := r.emu.PendingUpdates()
		for _, c := range chats {
			left += int(r.rdb.LLen(r.ctx, r.store.Keys().InboxChat(c)).Val())
		}
		if left == 0 {
			return
		}
		select {
		case <-r.ctx.Done():
			t.Fatalf("%d updates never acknowledged or applied", left)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (r *rig) raw(t *testing.T, format string, args ...any) {
	t.Helper()
	if _, err := r.emu.AddUpdate([]byte(fmt.Sprintf(format, args...))); err != nil {
		t.Fatalf("AddUpdate: %v", err)
	}
}
