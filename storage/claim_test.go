package storage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/talk"
	"sibu/storage"
)

// TestDailyClaimsRoll (issue 12, finding 10): the claim of a daily or
// weekly send-once push replaces the ones before it — an item overdue for
// months keeps one claim per daily stage and recipient, a person one
// digest claim, an interviewer one daily-list claim — and, once the next
// period's went, an old period's push (a job run again for an old tick) is
// refused. Through the commit script and the batch's claims script alike.
func TestDailyClaimsRoll(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	overdue := func(n int, to int64) kit.Effect {
		stage := fmt.Sprintf("o%d", n)
		return commitment.ReminderSent{ItemID: "it1", Key: fmt.Sprintf("2026-12-01:%s:%d", stage, to), Stage: stage, To: to, Deadline: "2026-12-01"}
	}
	commit := func(batch bool, ef kit.Effect) error {
		c := storage.Commit{ChatID: 7, NoSession: true, Now: now, Effects: []kit.Effect{ef},
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: 7, Text: "提醒"}}}
		if !batch {
			_, err := s.Commit(ctx, c)
			return err
		}
		errs, err := s.CommitBatch(ctx, []storage.Commit{c})
		if err != nil {
			return err
		}
		return errs[0]
	}
	for _, batch := range []bool{false, true} {
		to := int64(7)
		if batch {
			to = 8
		}
		for n := 1; n <= 60; n++ {
			if !kit.NagDay(n) { // the owner is reminded on day 1, 3, 7, then weekly
				continue
			}
			if err := commit(batch, overdue(n, to)); err != nil {
				t.Fatalf("batch %v, day %d: %v", batch, n, err)
			}
		}
		if err := commit(batch, overdue(49, to)); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("batch %v: day 49's reminder after day 56's: %v, want ErrConflict", batch, err)
		}
		for _, f := range []string{"r:2026-12-01:o49:", "r:2026-12-01:o21:"} {
			if ok, _ := rdb.HExists(ctx, k.CommitmentItem("it1"), fmt.Sprint(f, to)).Result(); ok {
				t.Errorf("batch %v: stale claim %s%d kept", batch, f, to)
			}
		}
	}
	if n := rdb.HLen(ctx, k.CommitmentItem("it1")).Val(); n != 2 {
		t.Errorf("the item holds %d claims after 60 overdue days (nagged on day 1, 3, 7, then weekly) to two people, want 2", n)
	}
	for d := range 40 {
		day := now.AddDate(0, 0, d).Format("2006-01-02")
		if err := commit(false, kit.DigestSent{Day: day, To: 7}); err != nil {
			t.Fatalf("digest %s: %v", day, err)
		}
	}
	if err := commit(false, kit.DigestSent{Day: now.AddDate(0, 0, 38).Format("2006-01-02"), To: 7}); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("a day's digest after the next day's: %v, want ErrConflict", err)
	}
	if n := rdb.HLen(ctx, k.Digests()).Val(); n != 1 {
		t.Errorf("%d digest claims for one person after 40 days, want 1", n)
	}
	for d := range 30 {
		day := now.AddDate(0, 0, d).Format("2006-01-02")
		ef := talk.NoticeSent{Round: "r1", Kind: talk.NoticeDaily, Key: "daily:7:" + day, To: 7, Day: day}
		if err := commit(false, ef); err != nil {
			t.Fatalf("daily list %s: %v", day, err)
		}
	}
	if n := rdb.HLen(ctx, k.TalkSent("r1")).Val(); n != 1 {
		t.Errorf("%d daily-list claims for one interviewer after a month, want 1", n)
	}
}
