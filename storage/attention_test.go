package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"sibu/flows/kit"
	"sibu/storage"
)

// TestAdmitBudget (issue 19): a person gets at most the budget of pushes a
// day besides the digest, across replicas admitting at once; the same
// text goes once a day; what comes over the budget folds into the next
// digest, which drops it from the list; urgent pushes go and count; a
// push handed out again keeps its verdict; the next day starts afresh.
func TestAdmitBudget(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	const day, budget = "2026-12-01", 3
	push := func(text string) kit.Output { return kit.Output{Kind: kit.OutPush, ChatID: 31, Text: text} }
	// Six replicas admit six different pushes at once: three go, three fold.
	verdicts := make([]storage.Verdict, 6)
	var wg sync.WaitGroup
	for i := range verdicts {
		wg.Go(func() {
			v, err := s.Admit(ctx, fmt.Sprint("1-", i), push(fmt.Sprint("提醒 ", i)), day, budget)
			if err != nil {
				t.Error(err)
			}
			verdicts[i] = v
		})
	}
	wg.Wait()
	count := map[storage.Verdict]int{}
	for _, v := range verdicts {
		count[v]++
	}
	if count[storage.Send] != 3 || count[storage.Folded] != 3 {
		t.Fatalf("verdicts %v, want 3 sent and 3 folded", verdicts)
	}
	// A push handed out again keeps its verdict.
	for i, v := range verdicts {
		if again, _ := s.Admit(ctx, fmt.Sprint("1-", i), push(fmt.Sprint("提醒 ", i)), day, budget); again != v {
			t.Errorf("push 1-%d again: %s, was %s", i, again, v)
		}
	}
	// The same text under another push id: a duplicate, sent or folded.
	if v, _ := s.Admit(ctx, "2-0", push("提醒 0"), day, budget); v != storage.Duplicate {
		t.Errorf("the same text again: %s, want duplicate", v)
	}
	// Urgent: goes over the budget, counted; the digest: goes, uncounted.
	if v, _ := s.Admit(ctx, "3-0", kit.Output{ChatID: 31, Text: "⏰ 1 小时后电话约谈", Urgent: true}, day, budget); v != storage.Send {
		t.Errorf("urgent push over the budget: %s, want send", v)
	}
	if v, _ := s.Admit(ctx, "3-1", kit.Output{ChatID: 31, Text: "📋 今日待办", Digest: true}, day, budget); v != storage.Send {
		t.Errorf("digest: %s, want send", v)
	}
	if n, _ := s.PushesToday(ctx, 31, day); n != 4 {
		t.Errorf("pushes counted today: %d, want 3 + the urgent one", n)
	}
	// Groups have no budget.
	if v, _ := s.Admit(ctx, "4-0", kit.Output{ChatID: -100, Text: "提醒 0"}, day, budget); v != storage.Send {
		t.Errorf("group push: %s", v)
	}
	folded, read, err := s.Folded(ctx, 31)
	if err != nil || len(folded) != 3 || read != 3 {
		t.Fatalf("folded %d (read %d), %v; want 3", len(folded), read, err)
	}
	// The digest drops what it showed, nothing that came meanwhile.
	if _, err := s.Admit(ctx, "5-0", push("稍后又来一条"), day, budget); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 31, NoSession: true, Now: now,
		Effects: []kit.Effect{kit.DigestSent{Day: "2026-12-02", To: 31, Folded: read}},
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: 31, Text: "📋 今日待办", Digest: true}}}); err != nil {
		t.Fatal(err)
	}
	if left, _, _ := s.Folded(ctx, 31); len(left) != 1 || left[0].Text != "稍后又来一条" {
		t.Errorf("after the digest the list holds %v, want the one that came after", left)
	}
	if ttl := rdb.PTTL(ctx, s.Keys().Budget(31, day)).Val(); ttl <= 0 {
		t.Errorf("the day's budget has no expiry")
	}
	// The next day starts afresh.
	if v, _ := s.Admit(ctx, "6-0", push("提醒 0"), "2026-12-02", budget); v != storage.Send {
		t.Errorf("next day: %s, want send", v)
	}
}
