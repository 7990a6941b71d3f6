package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

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

// TestFollowUpsDueAndReminded: an open follow-up is found by its deadline
// day, and leaves the due set when done; a reminder's claim goes once per
// stage and deadline, and not at all for an opinion changed since it was
// read.
func TestFollowUpsDueAndReminded(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	op := research.Opinion{ID: "o1", Source: research.SourceMeeting, Ref: "m1", Unit: "b1", Date: "2026-11-24", Text: "修路", By: 7, Rev: 1}
	followed := op
	followed.Rev, followed.Handling = 2, research.Handling{Kind: research.HandledFollowUp, Assignee: 31, Deadline: "2026-12-02"}
	for _, ef := range []kit.Effect{research.OpinionAdded{Opinion: op},
		research.FollowUpAssigned{Change: research.Change{Before: op, After: followed}}} {
		if err := change(s, ef); err != nil {
			t.Fatal(err)
		}
	}
	day := func(d string) time.Time { t, _ := time.Parse("2006-01-02", d); return t }
	for _, tt := range []struct {
		first, last string
		want        int
	}{{"2026-11-30", "2026-12-01", 0}, {"2026-12-01", "2026-12-02", 1}, {"2026-12-02", "2026-12-03", 1}, {"2026-12-03", "2026-12-04", 0}} {
		if due, err := s.FollowUpsDue(ctx, day(tt.first), day(tt.last)); err != nil || len(due) != tt.want {
			t.Errorf("FollowUpsDue(%s, %s) = %d, %v; want %d", tt.first, tt.last, len(due), err, tt.want)
		}
	}

	remind := func(stage string, rev int) error {
		return change(s, research.FollowUpReminded{OpinionID: "o1", Rev: rev, Key: "2026-12-02:" + stage + ":31", Stage: stage,
			To: 31, Deadline: "2026-12-02"})
	}
	if err := remind(research.StageDayBefore, 2); err != nil {
		t.Fatal(err)
	}
	if err := remind(research.StageDayBefore, 2); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("the day-before reminder twice: %v, want a conflict", err)
	}
	if err := remind(research.StageDeadline, 1); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("a reminder of a stale opinion: %v, want a conflict", err)
	}
	if err := remind(research.StageDeadline, 2); err != nil {
		t.Errorf("the deadline-day reminder after the day before's: %v", err)
	}
	if got, ok, _ := s.Directory(ctx).Opinion("o1"); !ok || got.Rev != 2 || !got.Open() {
		t.Errorf("a reminder changed the opinion: %+v", got)
	}

	done := followed
	done.Rev, done.Handling.Done = 3, true
	if err := change(s, research.FollowUpDone{Change: research.Change{Before: followed, After: done}}); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.FollowUpsDue(ctx, day("2026-12-01"), day("2026-12-02")); len(due) != 0 {
		t.Errorf("a follow-up done is still due: %+v", due)
	}
}
