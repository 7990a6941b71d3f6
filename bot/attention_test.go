package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sibu/bot"
	"sibu/flows"
	"sibu/flows/kit"
	"sibu/storage"
	"sibu/tgemu"
)

// TestPushBudget (issue 19): through the bot's own push path, a person
// gets at most the day's budget of pushes (2 here) besides the digest,
// never the same text twice a day; an urgent push goes over it; the rest
// folds into the next digest, which lists it.
func TestPushBudget(t *testing.T) {
	r := newPushRig(t, 2, flows.Env{}, bot.Options{Workers: 1, Budget: 2,
		Limits: bot.Limits{Global: 1000, PerChat: 100, Burst: 10, PerGroupMinute: 600}})
	u := tgemu.User{ID: 900, FirstName: "u"}
	r.emu.SendText(u, "/start")
	r.push(t, u.ID, "〔限期整改〕已逾期 3 天", "〔限期整改〕已逾期 3 天", "问卷邀请：满意度调查", "请审核：张三的承诺", "请审核：李四的承诺")
	ctx := context.Background()
	for deadline := time.Now().Add(20 * time.Second); r.rdb.XLen(ctx, r.store.Keys().Push()).Val() > 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("pushes not settled; sent %q", r.sent(u.ID))
		}
	}
	if _, err := r.store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Now: time.Now(),
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: u.ID, Text: "⏰ 1 小时后电话约谈", Urgent: true}}}); err != nil {
		t.Fatal(err)
	}
	r.waitSent(t, u.ID, 10*time.Second, "⏰ 1 小时后电话约谈")
	// Pushes are delivered in parallel: which two of the four texts go
	// first is not fixed; the other two fold, and no text goes twice.
	sent := r.sent(u.ID)
	folded, read, err := r.store.Folded(ctx, u.ID)
	if err != nil || read != 2 || len(sent) != 3 {
		t.Fatalf("sent %q, folded %v (%d read), %v; want 2 + the urgent one sent, 2 folded", sent, folded, read, err)
	}
	seen := map[string]int{}
	for _, s := range sent[:2] {
		seen[s]++
	}
	for _, o := range folded {
		seen[o.Text]++
	}
	if len(seen) != 4 {
		t.Fatalf("sent %q and folded %v: want the four different texts once each", sent, folded)
	}
	res, err := r.engine.Digest(flows.DigestInput{Person: kit.Person{ID: u.ID, Name: "u", Unit: "root", Role: kit.RoleMember},
		Day: "2026-12-02", Folded: folded, FoldedRead: read}, time.Now(), r.store.Directory(ctx))
	if err != nil || len(res.Outputs) != 1 {
		t.Fatalf("digest %+v, %v", res, err)
	}
	if _, err := r.store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Now: time.Now(), Effects: res.Effects, Outputs: res.Outputs}); err != nil {
		t.Fatal(err)
	}
	r.waitSent(t, u.ID, 10*time.Second, "📋 今日待办")
	digest := r.sent(u.ID)[3]
	for _, o := range folded {
		if want := o.Text; !strings.Contains(digest, want) {
			t.Errorf("the digest lacks the folded %q:\n%s", want, digest)
		}
	}
	if left, _, _ := r.store.Folded(ctx, u.ID); len(left) != 0 {
		t.Errorf("%d folded pushes left after the digest", len(left))
	}
}
