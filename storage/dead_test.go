package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/storage"
)

// TestSetAsideAndReplay (issue 12, finding 1): an update set aside leaves
// its chat's inbox in the same commit that stores the apology and puts it
// in the dead list with its error; a reply set aside goes there too; the
// attempts counted on either are forgotten; replay puts each back where it
// came from, once.
func TestSetAsideAndReplay(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	raw := []byte(`{"update_id":77,"message":{"text":"/invite \xff"}}`) // raw bytes kept, even invalid UTF-8
	s.Record(ctx, storage.Update{ID: 77, ChatID: 5, Raw: raw}, storage.Update{ID: 78, ChatID: 5, Raw: []byte(`{"update_id":78}`)})
	for want := int64(1); want <= 3; want++ {
		if n, err := s.Attempt(ctx, 5, raw); n != want || err != nil {
			t.Fatalf("attempt %d = %d, %v", want, n, err)
		}
	}
	l, err := s.Claim(ctx, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	sorry := []kit.Output{{Kind: kit.OutSend, ChatID: 5, Text: "抱歉"}}
	c, err := s.CommitStep(ctx, storage.Commit{ChatID: 5, NoSession: true, Head: raw, Outputs: sorry, Now: now, Lease: &l,
		SetAside: "WRONGTYPE Operation against a key holding the wrong kind of value"})
	if err != nil || !c.HasNext || string(c.Next) != `{"update_id":78}` {
		t.Fatalf("set aside = %+v, %v", c, err)
	}
	if n, _ := s.Attempt(ctx, 5, raw); n != 1 {
		t.Errorf("attempts not forgotten: %d", n)
	}
	replies, _ := s.Replies(ctx, 5)
	if len(replies) != 1 || replies[0].Text != "抱歉" {
		t.Errorf("replies %+v", replies)
	}
	reply := []byte(`{"kind":"report","chat_id":5,"report":"xlsx","survey_id":"demo"}`)
	if err := s.SetAsideReply(ctx, 5, reply, "telegram: 413 Request Entity Too Large", now); err != nil {
		t.Fatal(err)
	}
	dead, err := s.DeadLetters(ctx, 10)
	if err != nil || len(dead) != 2 {
		t.Fatalf("dead list %+v, %v", dead, err)
	}
	if d := dead[0]; d.Kind != storage.DeadUpdate || d.Chat != 5 || string(d.Body) != string(raw) || d.Error == "" || !d.At.Equal(now) {
		t.Errorf("dead update %+v", d)
	}
	if d := dead[1]; d.Kind != storage.DeadReply || string(d.Body) != string(reply) {
		t.Errorf("dead reply %+v", d)
	}
	if n, _ := s.DeadCount(ctx); n != 2 {
		t.Errorf("count %d", n)
	}
	if _, err := s.Release(ctx, l, 1); err != nil {
		t.Fatal(err)
	}
	if n, err := s.ReplayDead(ctx, 10); n != 2 || err != nil {
		t.Fatalf("replay = %d, %v", n, err)
	}
	if n, err := s.ReplayDead(ctx, 10); n != 0 || err != nil {
		t.Fatalf("second replay = %d, %v", n, err)
	}
	inbox, _ := rdb.LRange(ctx, s.Keys().InboxChat(5), 0, -1).Result()
	if len(inbox) != 2 || inbox[1] == string(raw) || strings.Contains(inbox[1], "update_id") {
		t.Errorf("inbox after replay %q: want the update back, concealed as the inbox keeps it", inbox)
	}
	if r, _ := s.Replies(ctx, 5); len(r) != 1 || r[0].Report != "xlsx" {
		t.Errorf("replies after replay %+v: want the refused report back", r)
	}
	if next, err := s.Claim(ctx, time.Minute); err != nil || next.Chat != 5 {
		t.Errorf("the chat is not claimable after replay: %+v, %v", next, err)
	}
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: s.Keys().Dead(), Values: []any{"kind", "other", "chat", "5"}})
	if _, err := s.ReplayDead(ctx, 10); !errors.Is(err, storage.ErrUnknownDead) {
		t.Errorf("replay of an unknown kind: %v", err)
	}
}

// TestSweep (issue 12, finding 10): the sweep removes the consumers that
// processes which died left in the push stream's group (nothing pending,
// silent for long), keeps live ones and those with entries pending, and
// trims the dead-letter stream of records events to its bounds.
func TestSweep(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: k.Push(), Values: []any{"msg", "{}"}})
	rdb.XGroupCreateMkStream(ctx, k.Push(), "sender", "0")
	for i := range 5 {
		rdb.XGroupCreateConsumer(ctx, k.Push(), "sender", fmt.Sprintf("died-%d", i))
	}
	rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "sender", Consumer: "holds-one", Streams: []string{k.Push(), ">"}, Count: 1, Block: -1})
	time.Sleep(30 * time.Millisecond)
	rdb.XGroupCreateConsumer(ctx, k.Push(), "sender", "alive")
	if n, err := storage.PruneConsumersIdle(ctx, s, k.Push(), 20*time.Millisecond); n != 5 || err != nil {
		t.Fatalf("pruned %d, %v; want the five dead ones", n, err)
	}
	consumers, _ := rdb.XInfoConsumers(ctx, k.Push(), "sender").Result()
	if len(consumers) != 2 {
		t.Errorf("consumers left %+v, want holds-one and alive", consumers)
	}
	old := time.Now().Add(-40 * 24 * time.Hour).UnixMilli()
	for i := range 3 {
		rdb.XAdd(ctx, &redis.XAddArgs{Stream: k.OutboxDead(), ID: fmt.Sprintf("%d-%d", old, i), Values: []any{"event", "old"}})
	}
	rdb.XAdd(ctx, &redis.XAddArgs{Stream: k.OutboxDead(), Values: []any{"event", "recent"}})
	swept, err := s.Sweep(ctx)
	if err != nil || swept.DeadLetters != 3 {
		t.Fatalf("sweep = %+v, %v; want the three month-old dead letters trimmed", swept, err)
	}
	if n := rdb.XLen(ctx, k.OutboxDead()).Val(); n != 1 {
		t.Errorf("%d dead letters left, want the recent one", n)
	}
}
