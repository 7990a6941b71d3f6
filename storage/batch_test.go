package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/storage"
)

// TestCommitBatch: independent commits in one pipelined batch each apply
// their own condition (a reminder stage already sent conflicts, the others
// go), also after Redis forgot the commit script.
func TestCommitBatch(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	remind := func(item string, to int64) storage.Commit {
		return storage.Commit{ChatID: to, NoSession: true, Now: now,
			Effects: []kit.Effect{commitment.ReminderSent{ItemID: item, Key: "2026-12-01:d7:" + fmt.Sprint(to), Stage: "d7", To: to, Deadline: "2026-12-01"}},
			Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: to, Text: "提醒 " + item}}}
	}
	if _, err := s.Commit(ctx, remind("c2", 2)); err != nil {
		t.Fatal(err)
	}
	rdb.ScriptFlush(ctx)
	var cs []storage.Commit
	for i := 1; i <= 1200; i++ { // more than one pipelined batch
		cs = append(cs, remind("c"+fmt.Sprint(i), int64(i)))
	}
	// Commits of other shapes go through the commit script in the same batch.
	inv := kit.Invite{Code: "batch1", Unit: "b1", Role: kit.RoleMember, By: 1, ExpiresAt: now.Add(time.Hour)}
	cs = append(cs, storage.Commit{ChatID: 1, NoSession: true, Now: now, Effects: []kit.Effect{join.InviteCreated{Invite: inv}}},
		storage.Commit{ChatID: 1, NoSession: true, Now: now, Effects: []kit.Effect{join.InviteCreated{Invite: inv}}})
	errs, err := s.CommitBatch(ctx, cs)
	if err != nil {
		t.Fatal(err)
	}
	sent, conflicts := 0, 0
	for i, e := range errs {
		switch {
		case e == nil:
			sent++
		case errors.Is(e, storage.ErrConflict) && (i == 1 || i == 1201):
			conflicts++
		default:
			t.Fatalf("commit %d: %v", i, e)
		}
	}
	if sent != 1200 || conflicts != 2 {
		t.Fatalf("sent %d, conflicts %d; want 1200 and 2 (c2 was sent before, the invite code taken)", sent, conflicts)
	}
	if n, _ := rdb.XLen(ctx, s.Keys().Push()).Result(); n != 1200 {
		t.Fatalf("push stream holds %d, want 1200", n)
	}
	if n, _ := rdb.XLen(ctx, s.Keys().Outbox()).Result(); n != 1201 {
		t.Fatalf("outbox holds %d, want 1201 (1200 reminders and the invite)", n)
	}
	// A commit that cannot be encoded (an effect no planner knows) fails
	// alone; the others of its batch go.
	bad := remind("big", 5000)
	bad.Effects = append(bad.Effects, unknownEffect{})
	errs, err = s.CommitBatch(ctx, []storage.Commit{remind("d1", 5001), bad, remind("d2", 5002)})
	if err != nil || errs[0] != nil || errs[1] == nil || errors.Is(errs[1], storage.ErrConflict) || errs[2] != nil {
		t.Fatalf("batch with an unencodable commit: %v %v", err, errs)
	}
	errs, _ = s.CommitBatch(ctx, cs[:1200]) // the job again: nothing goes twice
	for i, e := range errs {
		if !errors.Is(e, storage.ErrConflict) {
			t.Fatalf("second batch, commit %d: %v", i, e)
		}
	}
}

// unknownEffect is an effect no planner knows: its commit cannot be encoded.
type unknownEffect struct{}

func (unknownEffect) EventType() string        { return "" }
func (unknownEffect) EventData() (string, any) { return "", nil }

// TestCommitBatchWritesWhatCommitWrites: a send-once push committed in a
// batch (the claims script) leaves the same claim, push and event (but
// its id) as the same commit through Commit.
func TestCommitBatchWritesWhatCommitWrites(t *testing.T) {
	ctx := context.Background()
	c := storage.Commit{ChatID: 31, NoSession: true, Now: now,
		Effects: []kit.Effect{commitment.ReminderSent{ItemID: "x9", Key: "2026-12-01:o2:31", Stage: "o2", To: 31, Deadline: "2026-12-01"}},
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: 31, Text: "已逾期 2 天", Buttons: [][]kit.Button{{{Text: "汇报进展", Data: "pr:x9:rp"}}}}}}
	written := func(batch bool) []string {
		s, rdb := newStore(t)
		if batch {
			if errs, err := s.CommitBatch(ctx, []storage.Commit{c}); err != nil || errs[0] != nil {
				t.Fatalf("batch: %v %v", err, errs)
			}
		} else if _, err := s.Commit(ctx, c); err != nil {
			t.Fatal(err)
		}
		claim, _ := rdb.HGetAll(ctx, s.Keys().CommitmentItem("x9")).Result()
		push, _ := rdb.XRange(ctx, s.Keys().Push(), "-", "+").Result()
		out, _ := rdb.XRange(ctx, s.Keys().Outbox(), "-", "+").Result()
		if len(push) != 1 || len(out) != 1 {
			t.Fatalf("batch=%v: %d pushes, %d events", batch, len(push), len(out))
		}
		var ev map[string]any
		json.Unmarshal([]byte(out[0].Values["event"].(string)), &ev)
		delete(ev, "id")
		evs, _ := json.Marshal(ev)
		return []string{fmt.Sprint(claim), fmt.Sprint(push[0].Values), string(evs)}
	}
	one, batch := written(false), written(true)
	for i := range one {
		if one[i] != batch[i] {
			t.Errorf("Commit wrote\n%s\nCommitBatch wrote\n%s", one[i], batch[i])
		}
	}
}
