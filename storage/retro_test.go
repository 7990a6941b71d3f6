package storage_test

import (
	"context"
	"errors"
	"testing"

	"sibu/flows/retro"
	"sibu/storage"
)

// TestRetroCommitsWithItsConditions opens a 复盘, takes one contribution
// per person while it is open, changes it only at the revision read and
// reads it back as /retro does.
func TestRetroCommitsWithItsConditions(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	r := retro.Retro{ID: "r1", Title: "换届调研工作", Unit: "b1", By: 10, ByName: "王书记", Date: "2026-11-25",
		People: []retro.Participant{{ID: 31, Name: "张三"}, {ID: 32, Name: "李四"}}, Status: retro.StatusOpen, Opened: now}
	if err := change(s, retro.Opened{Retro: r}); err != nil {
		t.Fatal(err)
	}
	if err := change(s, retro.Opened{Retro: r}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("opened twice: %v", err)
	}
	give := retro.Contributed{Contribution: retro.Contribution{Retro: "r1", Person: 31, Name: "张三",
		Answers: map[retro.Field]string{retro.FieldPurpose: "摸清想法"}, At: now}}
	if err := change(s, give); err != nil {
		t.Fatal(err)
	}
	if err := change(s, give); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("contributed twice: %v", err)
	}
	got, ok, err := s.Retro(ctx, "r1")
	if err != nil || !ok || got.Rev != 1 || got.Title != r.Title {
		t.Fatalf("retro: %+v %v %v", got, ok, err)
	}
	edited := got
	edited.Merged = map[retro.Field]string{retro.FieldImprove: "加强宣传"}
	if err := change(s, retro.Edited{Change: retro.Change{Retro: edited, Prev: 1, By: 10}, Field: retro.FieldImprove}); err != nil {
		t.Fatal(err)
	}
	closed := edited
	closed.Status, closed.Closed = retro.StatusClosed, now
	if err := change(s, retro.Closed{Change: retro.Change{Retro: closed, Prev: 1, By: 10}}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("closed at a stale revision: %v", err)
	}
	if err := change(s, retro.Closed{Change: retro.Change{Retro: closed, Prev: 2, By: 10}}); err != nil {
		t.Fatal(err)
	}
	late := give
	late.Contribution.Person = 32
	if err := change(s, late); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("contributed to a closed retro: %v", err)
	}
	for _, who := range []int64{10, 31, 32} {
		rs, err := s.RetrosOf(ctx, who, 5)
		if err != nil || len(rs) != 1 || rs[0].Status != retro.StatusClosed || rs[0].Rev != 3 {
			t.Fatalf("retros of %d: %+v %v", who, rs, err)
		}
	}
	cs, err := s.RetroContributions(ctx, "r1")
	if err != nil || len(cs) != 1 || cs[0].Answers[retro.FieldPurpose] != "摸清想法" {
		t.Fatalf("contributions: %+v %v", cs, err)
	}
}
