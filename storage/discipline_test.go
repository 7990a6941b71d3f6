package storage_test

import (
	"context"
	"errors"
	"testing"

	"sibu/flows/discipline"
	"sibu/flows/kit"
	"sibu/storage"
)

// TestChecklistAndNomineeConditions: a checklist is confirmed once per
// person while open, a reminder goes once, a nominee changes only at the
// revision read; the reads give back what was written.
func TestChecklistAndNomineeConditions(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	c := discipline.Checklist{ID: "c1", Kind: discipline.KindWatch, Title: "镜鉴", Unit: "root", By: 1, Units: []string{"b1"},
		Roles: []kit.Role{kit.RoleMember}, Deadline: "2026-12-10", Open: true, Opened: now}
	targets := []discipline.Target{{Person: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember}, {Person: 32, Name: "李四", Unit: "b1", Role: kit.RoleMember}}
	if err := change(s, discipline.ChecklistOpened{Checklist: c, Targets: targets}); err != nil {
		t.Fatal(err)
	}
	ok := discipline.Confirmed{Confirmation: discipline.Confirmation{Checklist: "c1", Person: 31, How: discipline.HowWatched, At: now}}
	if err := change(s, ok); err != nil {
		t.Fatal(err)
	}
	if err := change(s, ok); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("confirmed twice: %v", err)
	}
	remind := discipline.ChecklistReminded{Checklist: "c1", Person: 32, Key: "c1:1:32"}
	if err := change(s, remind); err != nil {
		t.Fatal(err)
	}
	if err := change(s, remind); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("reminded twice: %v", err)
	}
	closed := c
	closed.Open = false
	if err := change(s, discipline.ChecklistClosed{Checklist: closed, Prev: 1, By: 1}); err != nil {
		t.Fatal(err)
	}
	late := ok
	late.Confirmation.Person = 32
	if err := change(s, late); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("confirmed a closed checklist: %v", err)
	}
	mine, err := s.Directory(ctx).ChecklistsOf(32)
	if err != nil || len(mine) != 1 || mine[0].Open || mine[0].Rev != 2 {
		t.Fatalf("checklists of 32: %+v %v", mine, err)
	}
	n := discipline.Nominee{ID: "n1", Name: "钱六", Unit: "b2", By: 1, Added: now, Checks: []discipline.Check{{Kind: discipline.CheckDossier}}}
	if err := change(s, discipline.NomineeAdded{Nominee: n}); err != nil {
		t.Fatal(err)
	}
	n.Checks[0].Verdict = discipline.VerdictPass
	closeCheck := discipline.CheckClosed{NomineeChange: discipline.NomineeChange{Nominee: n, Prev: 1, By: 1}, Kind: discipline.CheckDossier}
	if err := change(s, closeCheck); err != nil {
		t.Fatal(err)
	}
	if err := change(s, closeCheck); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("closed at a stale revision: %v", err)
	}
	all, err := s.Nominees(ctx)
	if err != nil || len(all) != 1 || all[0].Rev != 2 || all[0].Check(discipline.CheckDossier).Verdict != discipline.VerdictPass {
		t.Fatalf("nominees: %+v %v", all, err)
	}
}
