package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/playground"
	"sibu/storage"
	"sibu/tgemu"
)

// pushRig is replicas of the bot sharing one store, with no intake: they
// only drain the push stream into the emulator.
type pushRig struct {
	emu    *tgemu.Server
	store  *storage.Store
	rdb    *redis.Client
	engine *flows.Engine
}

// newPushRig starts n replicas with opt (see start).
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
	r := &pushRig{emu: emu, store: store, rdb: rdb, engine: flows.NewEngine(env)}
	r.start(t, n, opt)
	return r
}

// start starts n more replicas with opt (Owner set per replica), stopped
// when the test ends.
func (r *pushRig) start(t *testing.T, n int, opt bot.Options) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		o := opt
		o.Owner = fmt.Sprintf("r%d", i)
		b := bot.New(newTG(t, r.emu), r.store, r.engine, quiet, nil, o)
		wg.Go(func() { b.Run(ctx, 5*time.Second) })
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
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

// TestTakeoverSkipsWhatWasSent: pushes a replica sent before it died
// (its sent-mark written, the acknowledgement not) are not sent again by
// the replica that takes them over; of a long text sent in part, only the
// rest goes.
func TestTakeoverSkipsWhatWasSent(t *testing.T) {
	opt := bot.Options{Workers: 1, PushIdle: 200 * time.Millisecond,
		Limits: bot.Limits{Global: 1000, PerChat: 100, Burst: 10, PerGroupMinute: 600}}
	r := newPushRig(t, 0, flows.Env{}, opt)
	ctx := context.Background()
	u := tgemu.User{ID: 700, FirstName: "u"}
	r.emu.SendText(u, "/start")
	long := strings.Repeat("甲", 3000) + "\n" + strings.Repeat("乙", 3000) + "\n" + strings.Repeat("丙", 3000)
	r.push(t, u.ID, "已发出的提醒", long)
	// A replica read both, sent the first and a part of the second, and died.
	stream := r.store.Keys().Push()
	r.rdb.XGroupCreateMkStream(ctx, stream, "sender", "0")
	got := r.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "sender", Consumer: "ghost", Streams: []string{stream, ">"}, Count: 2, Block: -1}).Val()
	ids := got[0].Messages
	r.rdb.Set(ctx, r.store.Keys().PushSent(ids[0].ID), "done", time.Hour)
	r.rdb.Set(ctx, r.store.Keys().PushSent(ids[1].ID), "1", time.Hour)

	r.start(t, 1, opt)
	for deadline := time.Now().Add(20 * time.Second); r.rdb.XLen(ctx, stream).Val() > 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the pushes were not taken over and acknowledged; sent %d messages", len(r.sent(u.ID)))
		}
	}
	sent := r.sent(u.ID)
	if len(sent) != 2 || !strings.HasPrefix(sent[0], "乙") || !strings.HasPrefix(sent[1], "丙") {
		t.Errorf("sent %d messages (%.12q…), want the 2nd and 3rd parts of the long text only", len(sent), sent)
	}
}

// TestQuietHoursHoldPushes: a push committed in quiet hours (a broadcast
// an official started at 23:00) goes out when they end, by the bot's
// clock, not at once.
func TestQuietHoursHoldPushes(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	clock := playground.NewClock()
	next := func(hour int) time.Time { // the next hour:00 in Shanghai
		now := clock.Now().In(cst)
		at := time.Date(now.Year(), now.Month(), now.Day(), hour, 0, 0, 0, cst)
		if !at.After(now) {
			at = at.AddDate(0, 0, 1)
		}
		return at
	}
	clock.AdvanceTo(next(23))
	env := flows.Env{Env: kit.Env{Location: cst, Quiet: kit.QuietHours{From: 22 * time.Hour, To: 8 * time.Hour}}}
	r := newPushRig(t, 1, env, bot.Options{Workers: 1, Now: clock.Now,
		Limits: bot.Limits{Global: 1000, PerChat: 100, Burst: 10, PerGroupMinute: 600}})
	u := tgemu.User{ID: 800, FirstName: "u"}
	r.emu.SendText(u, "/start")
	r.push(t, u.ID, "问卷邀请")
	time.Sleep(1500 * time.Millisecond)
	if sent := r.sent(u.ID); len(sent) > 0 {
		t.Fatalf("sent at 23:00: %q", sent)
	}
	clock.AdvanceTo(next(8))
	r.waitSent(t, u.ID, 10*time.Second, "问卷邀请")
}
