package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

// pushRig is replicas of the bot sharing one store, with no intake: they
// only drain the push stream into the emulator.
type pushRig struct {
	emu   *tgemu.Server
	store *storage.Store
}

// newPushRig starts n replicas with opt (Owner set per replica).
func newPushRig(t *testing.T, n int, env flows.Env, opt bot.Options) *pushRig {
	t.Helper()
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	t.Cleanup(emu.Close)
	rdb, prefix := redistest.Client(t)
	env.BotUsername = "sibu_demo_bot"
	if env.Units == nil {
		env.Units, env.Root = []kit.Unit{{ID: "root", Name: "区委"}}, "root"
	}
	store := storage.New(rdb, prefix, storage.Options{Units: env.Units, Root: env.Root, Now: opt.Now})
	engine := flows.NewEngine(env)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		o := opt
		o.Owner = fmt.Sprintf("r%d", i)
		b := bot.New(newTG(t, emu), store, engine, quiet, nil, o)
		wg.Go(func() { b.Run(ctx, 5*time.Second) })
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
	return &pushRig{emu: emu, store: store}
}

// push commits one push per text to chat, in order, as a step would.
func (r *pushRig) push(t *testing.T, chat int64, texts ...string) {
	t.Helper()
	var outs []kit.Output
	for _, s := range texts {
		outs = append(outs, kit.Output{Kind: kit.OutPush, ChatID: chat, Text: s})
	}
	if _, err := r.store.Commit(context.Background(), storage.Commit{ChatID: 1, NoSession: true, Outputs: outs, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
}

// sent lists the texts the bot sent to chat, in order.
func (r *pushRig) sent(chat int64) []string {
	var out []string
	for _, m := range r.emu.BotMessages(chat) {
		out = append(out, m.Text)
	}
	return out
}

// waitSent waits until chat has been sent every text in want, or fails.
func (r *pushRig) waitSent(t *testing.T, chat int64, d time.Duration, want ...string) {
	t.Helper()
	for deadline := time.Now().Add(d); ; time.Sleep(20 * time.Millisecond) {
		got := strings.Join(r.sent(chat), "\n")
		missing := 0
		for _, w := range want {
			if !strings.Contains(got, w) {
				missing++
			}
		}
		if missing == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("chat %d: %d of %d pushes not sent after %v; sent %q", chat, missing, len(want), d, r.sent(chat))
		}
	}
}

// numbered returns n texts "<prefix> 1" … "<prefix> n".
func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %d", prefix, i+1)
	}
	return out
}

// TestPushesGoOutOnceAcrossReplicas: a backlog to one rate-limited chat
// takes longer than the takeover idle time, yet another replica never
// sends a push a live one holds: every push arrives exactly once.
func TestPushesGoOutOnceAcrossReplicas(t *testing.T) {
	r := newPushRig(t, 2, flows.Env{}, bot.Options{Workers: 1, PushIdle: time.Second,
		Limits: bot.Limits{Global: 1000, PerChat: 4, Burst: 1, PerGroupMinute: 60}})
	u := tgemu.User{ID: 500, FirstName: "u"}
	r.emu.SendText(u, "/start")
	want := numbered("提醒", 20)
	r.push(t, u.ID, want...)
	r.waitSent(t, u.ID, 60*time.Second, want...)
	time.Sleep(2 * time.Second) // a takeover would have sent its copies by now
	got := r.sent(u.ID)
	count := map[string]int{}
	for _, s := range got {
		count[s]++
	}
	for _, w := range want {
		if count[w] != 1 {
			t.Errorf("%q sent %d times", w, count[w])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d messages for %d pushes: %q", len(got), len(want), got)
	}
}

// TestBusyChatDelaysOnlyItself: a backlog to one chat, waiting on that
// chat's limit, does not hold up a push to another chat queued behind it.
func TestBusyChatDelaysOnlyItself(t *testing.T) {
	r := newPushRig(t, 1, flows.Env{}, bot.Options{Workers: 1, Pushers: 4,
		Limits: bot.Limits{Global: 1000, PerChat: 0.5, Burst: 3, PerGroupMinute: 60}})
	busy, idle := tgemu.User{ID: 600, FirstName: "busy"}, tgemu.User{ID: 601, FirstName: "idle"}
	r.emu.SendText(busy, "/start")
	r.emu.SendText(idle, "/start")
	r.push(t, busy.ID, numbered("催办", 12)...)
	r.push(t, idle.ID, "您的提醒")
	r.waitSent(t, idle.ID, 60*time.Second, "您的提醒")
	// The busy chat's burst (3) goes at once; its 4th push waits 2 s for
	// the chat's limit. The idle chat's push must not wait behind it.
	before := 0
	for _, c := range r.emu.CallsTo("sendMessage") {
		if c.Params["chat_id"] == fmt.Sprint(idle.ID) {
			break
		}
		if c.Params["chat_id"] == fmt.Sprint(busy.ID) {
			before++
		}
	}
	if before > 3 {
		t.Errorf("the idle chat's push went out after %d of the busy chat's, want at most its burst of 3", before)
	}
}
