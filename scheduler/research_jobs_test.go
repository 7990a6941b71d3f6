package scheduler_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/internal/redistest"
	"sibu/scheduler"
	"sibu/storage"
)

type researchFixture struct {
	store *storage.Store
	rdb   *redis.Client
	jobs  *scheduler.ResearchJobs
}

func researchSetup(t *testing.T) *researchFixture {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst, Quiet: quietHours}})
	return &researchFixture{store: store, rdb: rdb, jobs: &scheduler.ResearchJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}}
}

// follow stores opinion id of b1 and gives its follow-up to 31 by
// deadline (assigned 2026-11-25 10:00); it returns the opinion as stored.
func (f *researchFixture) follow(t *testing.T, id, deadline string) research.Opinion {
	t.Helper()
	op := research.Opinion{ID: id, Source: research.SourceMeeting, Ref: "m1", Title: "座谈会 · 村委会", Unit: "b1",
		Date: "2026-11-24", Text: "希望尽快修通村道 " + id, By: 10, Rev: 1}
	followed := op
	followed.Rev, followed.Handling = 2, research.Handling{Kind: research.HandledFollowUp, Assignee: 31, AssigneeName: "张三",
		Deadline: deadline, By: 10, At: at("2026-11-25 10:00")}
	f.commit(t, research.OpinionAdded{Opinion: op})
	f.commit(t, research.FollowUpAssigned{Change: research.Change{Before: op, After: followed, By: 10}})
	return followed
}

func (f *researchFixture) commit(t *testing.T, ef kit.Effect) {
	t.Helper()
	if _, err := f.store.Commit(context.Background(), storage.Commit{NoSession: true, Now: at("2026-11-25 10:00"), Effects: []kit.Effect{ef}}); err != nil {
		t.Fatal(err)
	}
}

// pushes returns every push so far.
func (f *researchFixture) pushes(t *testing.T) []kit.Output {
	t.Helper()
	msgs, err := f.rdb.XRange(context.Background(), f.store.Keys().Push(), "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	var out []kit.Output
	for _, m := range msgs {
		var o kit.Output
		json.Unmarshal([]byte(m.Values["msg"].(string)), &o)
		out = append(out, o)
	}
	return out
}

// TestFollowUpRemindersOnce: the assignee is reminded once the day before
// the deadline and once on the day, whatever the number of ticks, never in
// quiet hours, and not at all once the follow-up is done.
func TestFollowUpRemindersOnce(t *testing.T) {
	f := researchSetup(t)
	f.follow(t, "o1", "2026-12-02")
	later := f.follow(t, "o2", "2026-12-09")
	ctx := context.Background()
	steps := []struct {
		when string
		want string // what the push added says ("" for none)
	}{
		{"2026-11-30 10:00", ""},
		{"2026-12-01 07:00", ""},      // quiet hours: waits
		{"2026-12-01 08:00", "明天"},    // the day before, first tick after quiet hours
		{"2026-12-01 09:00", ""},      // once
		{"2026-12-01 21:00", ""},      // still once
		{"2026-12-02 08:00", "今天"},    // the day
		{"2026-12-02 15:00", ""},      // once
		{"2026-12-03 09:00", ""},      // past: no daily reminder
		{"2026-12-08 09:00", "12月9日"}, // the other follow-up's day before
	}
	for _, s := range steps {
		before := len(f.pushes(t))
		_, err := f.jobs.FollowUpReminders(ctx, at(s.when))
		ranOrDeferred(t, err)
		got := f.pushes(t)[before:]
		switch {
		case s.want == "" && len(got) != 0:
			t.Errorf("%s: %d pushes, want none: %q", s.when, len(got), got[0].Text)
		case s.want != "" && (len(got) != 1 || got[0].ChatID != 31 || !strings.Contains(got[0].Text, s.want)):
			t.Errorf("%s: pushes %+v, want one to 31 saying %q", s.when, got, s.want)
		}
	}
	done := later
	done.Rev, done.Handling.Done = later.Rev+1, true
	f.commit(t, research.FollowUpDone{Change: research.Change{Before: later, After: done, By: 31}})
	before := len(f.pushes(t))
	res, err := f.jobs.FollowUpReminders(ctx, at("2026-12-09 09:00"))
	if n := len(f.pushes(t)) - before; err != nil || n != 0 || res["due"] != 0 {
		t.Errorf("a follow-up done was reminded: %d pushes, %v, %v", n, res, err)
	}
}

// TestFollowUpRemindersThreeReplicas: replicas running the same tick at
// once send each reminder once.
func TestFollowUpRemindersThreeReplicas(t *testing.T) {
	f := researchSetup(t)
	for _, id := range []string{"r1", "r2", "r3", "r4"} {
		f.follow(t, id, "2026-12-05")
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			jobs := *f.jobs
			for range 5 {
				if _, err := jobs.FollowUpReminders(ctx, at("2026-12-04 10:00")); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if got := len(f.pushes(t)); got != 4 {
		t.Fatalf("%d pushes from 3 replicas × 5 runs, want 4 (one per follow-up)", got)
	}
}
