package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/storage"
	"sibu/tgemu"
)

// TestLostLeaseStopsSending (issue 12, finding 5): a worker whose lease on
// a chat is gone (taken over after a stall past its end, or by a replica
// whose clock was ahead) stops sending to that chat at once: the replies
// left are the new holder's to send, in order, once.
func TestLostLeaseStopsSending(t *testing.T) {
	// A 6 s lease renewed every 2 s: room for a late renewal on a CI
	// machine busy with the whole suite under -race.
	r := newRigWith(t, flows.Env{}, bot.Options{Lease: 6 * time.Second})
	u := tgemu.User{ID: 77, FirstName: "张三"}
	r.help(t, u.ID, u)
	const replies = 60
	var outs []kit.Output
	for i := range replies {
		outs = append(outs, kit.Output{Kind: kit.OutSend, ChatID: u.ID, Text: fmt.Sprintf("回复 %d", i)})
	}
	if _, err := r.store.Commit(r.ctx, storage.Commit{ChatID: u.ID, NoSession: true, Now: time.Now(), Outputs: outs}); err != nil {
		t.Fatal(err)
	}
	r.emu.Inject(func(c tgemu.Call) *tgemu.APIError {
		if c.Method == "sendMessage" {
			time.Sleep(150 * time.Millisecond) // a slow chat: the 60 replies take 9 s, more than the lease
		}
		return nil
	})
	// An update_id the emulator never gives (its /help was update 1: the
	// same id was skipped as seen, and the chat waited for nothing).
	if n, err := r.store.Record(r.ctx, storage.Update{ID: 1 << 40, ChatID: u.ID, Raw: []byte(`{"update_id":1099511627776}`)}); n != 1 || err != nil {
		t.Fatalf("record: %d new, %v", n, err)
	}
	r.bot.Wake()
	if _, err := r.emu.WaitFor(r.ctx, u.ID, func(m tgemu.Message) bool { return m.Text == "回复 1" }); err != nil {
		t.Fatal(err)
	}
	// Another replica takes the chat over for a minute (the worker's
	// renewals fail from now on: its token no longer owns the chat).
	r.rdb.HSet(r.ctx, r.store.Keys().InboxOwner(), u.ID, "another-replica")
	r.rdb.ZAdd(r.ctx, r.store.Keys().InboxReady(), redis.Z{Score: float64(time.Now().Add(time.Minute).UnixMilli()), Member: u.ID})
	time.Sleep(4500 * time.Millisecond)
	var got []string
	for _, m := range r.emu.BotMessages(u.ID) {
		if strings.HasPrefix(m.Text, "回复") {
			got = append(got, m.Text)
		}
	}
	// A renewal runs every lease/3 (2 s); at 150 ms a reply, a dozen or so
	// more may go out before the worker learns its lease is gone, never all.
	if len(got) > 45 {
		t.Fatalf("the worker kept sending after its lease was taken over: %d of %d sent: %v", len(got), replies, got)
	}
	time.Sleep(time.Second)
	if n := len(r.emu.BotMessages(u.ID)); n > len(got)+1 { // +1: the answer to /help
		t.Fatalf("the worker still sends to a chat it lost: %d messages after it stopped at %d replies", n, len(got))
	}
	if n, _ := r.rdb.LLen(r.ctx, r.store.Keys().Replies(u.ID)).Result(); n == 0 {
		t.Fatalf("the worker removed replies from a chat it no longer holds")
	}
}
