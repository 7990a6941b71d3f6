package storage_test

import (
	"context"
	"errors"
	"testing"

	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/storage"
)

// TestResearchRecordsAndOpinions commits a meeting with its opinions on a
// real Redis, changes it (moving its counts), refuses a stale change and a
// second import of one questionnaire comment, and keeps an assignee's open
// follow-ups in step with the opinion.
func TestResearchRecordsAndOpinions(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	dir := s.Directory(ctx)
	rec := research.Record{ID: "m1", Kind: research.KindMeeting, Type: "座谈会", Unit: "b1", Date: "2026-11-24", People: 30,
		By: 7, Created: now, Updated: now, Rev: 1, Opinions: []string{"o1"}}
	op := research.Opinion{ID: "o1", Source: research.SourceMeeting, Ref: "m1", Unit: "b1", Date: "2026-11-24", Text: "修路", By: 7, Rev: 1}
	if err := change(s, research.Logged{Record: rec}); err != nil {
		t.Fatal(err)
	}
	if err := change(s, research.OpinionAdded{Opinion: op}); err != nil {
		t.Fatal(err)
	}
	if err := change(s, research.Logged{Record: rec}); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("logging m1 twice: %v, want a conflict", err)
	}
	moved := rec
	moved.Unit, moved.People, moved.Rev = "b2", 12, 2
	if err := change(s, research.Amended{Before: rec, After: moved}); err != nil {
		t.Fatal(err)
	}
	if err := change(s, research.Amended{Before: rec, After: moved}); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("a stale change: %v, want a conflict", err)
	}
	counts, err := dir.ResearchCounts([]string{"b1", "b2"})
	if err != nil {
		t.Fatal(err)
	}
	if b1, b2 := counts["b1"], counts["b2"]; b1["meeting|2026-11-24"] != 0 || b1["meeting_people|2026-11-24"] != 0 ||
		b2["meeting|2026-11-24"] != 1 || b2["meeting_people|2026-11-24"] != 12 || b1["opinion|2026-11-24"] != 1 {
		t.Errorf("counts after moving the meeting to b2: %v", counts)
	}
	got, ok, err := dir.ResearchRecord("m1")
	if err != nil || !ok || got.Unit != "b2" || got.Rev != 2 {
		t.Errorf("record m1: %+v %v %v", got, ok, err)
	}
	if recs, _ := dir.ResearchRecordsBy(7, 5); len(recs) != 1 || recs[0].ID != "m1" {
		t.Errorf("records of 7: %+v", recs)
	}

	comment := research.Opinion{ID: "o2", Source: research.SourceSurvey, Ref: "survey:demo:r1:advice", Date: "2026-11-25", Anonymous: true, Rev: 1}
	if err := change(s, research.OpinionAdded{Opinion: comment}); err != nil {
		t.Fatal(err)
	}
	comment.ID = "o3"
	if err := change(s, research.OpinionAdded{Opinion: comment}); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("importing a comment twice: %v, want a conflict", err)
	}
	if ops, _ := dir.OpinionsIn([]string{"b1"}, true); len(ops) != 2 || ops[0].ID != "o2" {
		t.Errorf("opinions of b1 and without unit, newest first: %+v", ops)
	}

	followed := op
	followed.Rev, followed.Handling = 2, research.Handling{Kind: research.HandledFollowUp, Assignee: 31, Deadline: "2026-12-01"}
	if err := change(s, research.FollowUpAssigned{Change: research.Change{Before: op, After: followed}}); err != nil {
		t.Fatal(err)
	}
	if fs, _ := dir.FollowUps(31); len(fs) != 1 || fs[0].ID != "o1" {
		t.Errorf("follow-ups of 31: %+v", fs)
	}
	done := followed
	done.Rev, done.Handling.Done = 3, true
	effs := []kit.Effect{research.FollowUpDone{Change: research.Change{Before: followed, After: done}}}
	if _, err := s.Commit(ctx, storage.Commit{ChatID: 31, NoSession: true, Now: now, Effects: effs}); err != nil {
		t.Fatal(err)
	}
	if fs, _ := dir.FollowUps(31); len(fs) != 0 {
		t.Errorf("follow-ups of 31 after done: %+v", fs)
	}
}
