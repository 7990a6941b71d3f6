package storage_test

import (
	"context"
	"strconv"
	"testing"

	"sibu/flows/kit"
	"sibu/storage"
)

// TestCommitQueuesManyRepliesInOrder: the commit queues its replies with
// one RPUSH per hundred (unpack's stack is bounded), in order.
func TestCommitQueuesManyRepliesInOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s.Record(ctx, storage.Update{ID: 1, ChatID: 5, Raw: []byte(`{"update_id":1}`)})
	ld, err := s.Load(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	var outs []kit.Output
	for i := range 230 {
		outs = append(outs, kit.Output{Kind: kit.OutSend, ChatID: 5, Text: strconv.Itoa(i)})
	}
	if _, err := s.CommitStep(ctx, storage.Commit{ChatID: 5, Session: ld.Session, Head: ld.Head, Outputs: outs, Now: now}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Replies(ctx, 5)
	if err != nil || len(got) != len(outs) {
		t.Fatalf("replies = %d, %v; want %d", len(got), err, len(outs))
	}
	for i, o := range got {
		if o.Text != strconv.Itoa(i) {
			t.Fatalf("reply %d = %q, want %d", i, o.Text, i)
		}
	}
}

// TestStandingReadWithCounts: a step serving a person reads whether they
// were issued a questionnaire and have submitted it with its counts; the
// answers are those of the sets, and another person's are read afresh.
func TestStandingReadWithCounts(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	rdb.HSet(ctx, k.Survey("q"), "status", "open")
	rdb.SAdd(ctx, k.SurveyIssued("q"), 5, 6)
	rdb.SAdd(ctx, k.SurveySubmitted("q"), 6)
	for _, tt := range []struct {
		name              string
		me, ask           int64
		issued, submitted bool
	}{
		{"issued, not submitted", 5, 5, true, false},
		{"submitted", 6, 6, true, true},
		{"not issued", 7, 7, false, false},
		{"another person", 5, 6, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := s.DirectoryKnowing(ctx, kit.Person{ID: tt.me}, true, tt.me)
			c, err := d.Survey("q")
			if err != nil || c.Status != "open" || c.Issued != 2 {
				t.Fatalf("Survey = %+v, %v", c, err)
			}
			if got, err := d.Issued("q", tt.ask); err != nil || got != tt.issued {
				t.Errorf("Issued = %v, %v; want %v", got, err, tt.issued)
			}
			if got, err := d.Submitted("q", tt.ask); err != nil || got != tt.submitted {
				t.Errorf("Submitted = %v, %v; want %v", got, err, tt.submitted)
			}
		})
	}
}
