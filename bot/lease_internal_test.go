package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

// TestStalledWorkerTrimsWhatItSent: a worker whose lease may have run out
// in the middle of a chat's replies (a GC or VM stall, a renewal stuck in
// a slow Redis) stops sending, but removes what it did send while its token
// still owns the chat, so the next claim goes on from there. Found in CI:
// TestLostLeaseStopsSending waited 90 s for its second reply because each
// claim sent the first reply again and stopped, trimming nothing. When the
// chat was taken over meanwhile, nothing is removed: the rest is the new
// holder's.
func TestStalledWorkerTrimsWhatItSent(t *testing.T) {
	for _, takenOver := range []bool{false, true} {
		emu := tgemu.New(tgemu.WithToken("123:test"))
		emu.Start()
		t.Cleanup(emu.Close)
		tg, err := tgbot.New("123:test", tgbot.WithServerURL(emu.URL()), tgbot.WithSkipGetMe(), tgbot.WithHTTPClient(time.Minute, HTTPClient()))
		if err != nil {
			t.Fatal(err)
		}
		rdb, prefix := redistest.Client(t)
		units := []kit.Unit{{ID: "root", Name: "区委"}}
		store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
		b := New(tg, store, flows.NewEngine(flows.Env{Env: kit.Env{Root: "root", Units: units}}),
			slog.New(slog.NewTextHandler(io.Discard, nil)), nil, Options{Limits: Limits{Global: 1000, PerChat: 1000, Burst: 100, PerGroupMinute: 1000}})
		ctx := context.Background()
		const chat = 79
		emu.SendText(tgemu.User{ID: chat, FirstName: "王五"}, "你好") // the chat exists
		var outs []kit.Output
		for _, text := range []string{"回复 0", "回复 1", "回复 2"} {
			outs = append(outs, kit.Output{Kind: kit.OutSend, ChatID: chat, Text: text})
		}
		if _, err := store.Commit(ctx, storage.Commit{ChatID: chat, NoSession: true, Now: time.Now(), Outputs: outs}); err != nil {
			t.Fatal(err)
		}
		store.Record(ctx, storage.Update{ID: 1, ChatID: chat, Raw: []byte(`{"update_id":1}`)})
		lease, err := store.Claim(ctx, time.Minute)
		if err != nil || lease.Chat != chat {
			t.Fatalf("claim: %v %+v", err, lease)
		}
		h := &hold{until: time.Now().Add(time.Minute), end: func() {}}
		emu.Inject(func(tgemu.Call) *tgemu.APIError {
			h.mu.Lock()
			h.until = time.Now() // the worker stalls past its lease during the first send
			h.mu.Unlock()
			if takenOver {
				rdb.HSet(ctx, store.Keys().InboxOwner(), chat, "another-replica")
			}
			return nil
		})
		err = b.flushReplies(context.WithValue(ctx, holdKey{}, h), lease)
		if !errors.Is(err, storage.ErrLeaseLost) {
			t.Fatalf("taken over %v: flush: %v; want the lease lost", takenOver, err)
		}
		sent := 0
		for _, m := range emu.BotMessages(chat) {
			if m.FromBot {
				sent++
			}
		}
		left, _ := rdb.LLen(ctx, store.Keys().Replies(chat)).Result()
		want := int64(2)
		if takenOver {
			want = 3
		}
		if sent != 1 || left != want {
			t.Fatalf("taken over %v: %d sent, %d left in the store; want 1 sent, %d left", takenOver, sent, left, want)
		}
	}
}
