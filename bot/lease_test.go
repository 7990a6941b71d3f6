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
	"sibu/storage"
	"sibu/tgemu"
)

// TestLostLeaseStopsSending (issue 12, finding 5): a worker whose lease on
// a chat is gone (taken over after a stall past its end, or by a replica
// whose clock was ahead) stops sending to that chat at once: the replies
// left are the new holder's to send, in order, once.
func TestLostLeaseStopsSending(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(4242, "sibu_demo_bot", "四步"))
	emu.Start()
	defer emu.Close()
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: "sibu_demo_bot", Units: units, Root: "root"}})
	b := bot.New(newTG(t, emu), store, engine, quiet, nil, bot.Options{Workers: 1, Owner: "r0", Lease: 900 * time.Millisecond,
		Limits: bot.Limits{Global: 1000, PerChat: 1000, Burst: 100, PerGroupMinute: 60000}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u := tgemu.User{ID: 77, FirstName: "张三"}
	emu.SendText(u, "/start") // the chat exists; nobody polls this update
	var outs []kit.Output
	for i := range 10 {
		outs = append(outs, kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: fmt.Sprintf("回复 %d", i)})
	}
	if _, err := store.Commit(ctx, storage.Commit{ChatID: u.ID, NoSession: true, Now: time.Now(), Outputs: outs}); err != nil {
		t.Fatal(err)
	}
	emu.Inject(func(c tgemu.Call) *tgemu.APIError {
		time.Sleep(150 * time.Millisecond) // a slow chat: the ten replies take 1.5 s, more than the lease
		return nil
	})
	store.Record(ctx, storage.Update{ID: 1, ChatID: u.ID, Raw: []byte(`{"update_id":1}`)})
	run, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { b.Run(run, time.Second) })
	defer func() { stop(); wg.Wait() }()
	if _, err := emu.WaitFor(ctx, u.ID, func(m tgemu.Message) bool { return m.Text == "回复 1" }); err != nil {
		t.Fatal(err)
	}
	// Another replica takes the chat over for a minute (the worker's
	// renewals fail from now on: its token no longer owns the chat).
	rdb.HSet(ctx, store.Keys().InboxOwner(), u.ID, "another-replica")
	rdb.ZAdd(ctx, store.Keys().InboxReady(), redis.Z{Score: float64(time.Now().Add(time.Minute).UnixMilli()), Member: u.ID})
	time.Sleep(1500 * time.Millisecond)
	var got []string
	for _, m := range emu.BotMessages(u.ID) {
		if strings.HasPrefix(m.Text, "回复") {
			got = append(got, m.Text)
		}
	}
	// A renewal runs every lease/3 (300 ms); at 150 ms a reply, at most a
	// few may go out before the worker learns its lease is gone.
	if len(got) > 5 {
		t.Fatalf("the worker kept sending after its lease was taken over: %d of 10 sent: %v", len(got), got)
	}
	if n, _ := rdb.LLen(ctx, store.Keys().Replies(u.ID)).Result(); n == 0 {
		t.Fatalf("the worker removed replies from a chat it no longer holds")
	}
}
