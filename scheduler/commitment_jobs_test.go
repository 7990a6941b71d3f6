package scheduler_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/commitment"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/scheduler"
	"sibu/storage"
)

type commitmentFixture struct {
	store  *storage.Store
	eng    *flows.Engine
	rdb    *redis.Client
	prefix string
}

func commitmentSetup(t *testing.T) *commitmentFixture {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst,
		Quiet: quietHours}})
	ctx := context.Background()
	for _, p := range []kit.Person{
		{ID: 10, Name: "王书记", Unit: "b1", Role: kit.RoleSupervisor},
		{ID: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember},
	} {
		if _, err := store.Commit(ctx, storage.Commit{ChatID: p.ID, NoSession: true, Now: time.Now(),
			Effects: []kit.Effect{join.MemberJoined{Person: p}}}); err != nil {
			t.Fatal(err)
		}
	}
	return &commitmentFixture{store: store, eng: eng, rdb: rdb, prefix: prefix}
}

// item stores an approved item of 31 due on deadline.
func (f *commitmentFixture) item(t *testing.T, id, deadline string) {
	t.Helper()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
	c := commitment.Item{ID: id, Owner: 31, OwnerName: "张三", Unit: "b1", DeclaredBy: 31, Period: "2026",
		Content: "为孤寡老人上门服务 " + id, Measures: "每月走访", Deadline: deadline, Status: commitment.StatusReview, Level: 1,
		Created: now, Updated: now}
	decl := commitment.Declared{Change: commitment.Change{Item: c}}
	c.Status, c.Level = commitment.StatusActive, 0
	appr := commitment.Approved{Change: commitment.Change{Item: c, Prev: 1, From: commitment.StatusReview}}
	for _, ef := range []kit.Effect{decl, appr} {
		if _, err := f.store.Commit(context.Background(), storage.Commit{ChatID: 31, NoSession: true, Now: now, Effects: []kit.Effect{ef}}); err != nil {
			t.Fatal(err)
		}
	}
}

// pushes returns the chat ids of every push so far.
func (f *commitmentFixture) pushes(t *testing.T) []int64 {
	t.Helper()
	msgs, err := f.rdb.XRange(context.Background(), f.store.Keys().Push(), "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, m := range msgs {
		var o kit.Output
		json.Unmarshal([]byte(m.Values["msg"].(string)), &o)
		out = append(out, o.ChatID)
	}
	return out
}

func at(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", s, cst)
	return t
}

// quietHours are the fixtures' quiet hours, 22:00–08:00.
var quietHours = kit.QuietHours{From: 22 * time.Hour, To: 8 * time.Hour}

// ranOrDeferred fails on a job's error unless the job deferred its tick
// (quiet hours).
func ranOrDeferred(t *testing.T, err error) {
	t.Helper()
	var later *scheduler.Later
	if err != nil && !errors.As(err, &later) {
		t.Fatal(err)
	}
}

func TestCommitmentReminderStagesOnce(t *testing.T) {
	f := commitmentSetup(t)
	f.item(t, "a", "2026-12-10")
	jobs := &scheduler.CommitmentJobs{Deps: scheduler.Deps{Store: f.store, Engine: f.eng}}
	ctx := context.Background()
	steps := []struct {
		when string
		want []int64 // recipients of the pushes added
	}{
		{"2026-12-02 10:00", nil},
		{"2026-12-03 10:00", []int64{31}}, // 7 days before
		{"2026-12-03 11:00", nil},         // once
		{"2026-12-08 10:00", nil},         // still the 7-day stage
		{"2026-12-09 07:00", nil},         // quiet hours: waits
		{"2026-12-09 08:00", []int64{31}}, // 1 day before, first tick after quiet hours
		{"2026-12-10 09:00", []int64{31}}, // the day
		{"2026-12-10 23:00", nil},         // quiet
		{"2026-12-11 09:00", []int64{31}}, // day 1 overdue; the supervisor sees it in the digest
		{"2026-12-11 10:00", nil},
		{"2026-12-12 09:00", nil},         // day 2: not a nag day
		{"2026-12-13 09:00", []int64{31}}, // day 3
		{"2026-12-16 09:00", nil},
		{"2026-12-17 09:00", []int64{31}}, // day 7
		{"2026-12-23 09:00", nil},
		{"2026-12-24 09:00", []int64{31}}, // then weekly
	}
	for _, s := range steps {
		before := len(f.pushes(t))
		_, err := jobs.Reminders(ctx, at(s.when))
		ranOrDeferred(t, err)
		got := f.pushes(t)[before:]
		if len(got) != len(s.want) || len(got) > 0 && (got[0] != s.want[0] || got[len(got)-1] != s.want[len(s.want)-1]) {
			t.Errorf("%s: pushes to %v, want %v", s.when, got, s.want)
		}
	}
	// Fulfilled: no more reminders.
	c, _, _ := f.store.Commitment(ctx, "a")
	prev := c.Rev
	c.Status = commitment.StatusFulfilled
	if _, err := f.store.Commit(ctx, storage.Commit{NoSession: true, Now: at("2026-12-24 12:00"), Effects: []kit.Effect{
		commitment.Fulfilled{Change: commitment.Change{Item: c, Prev: prev, From: commitment.StatusActive}}}}); err != nil {
		t.Fatal(err)
	}
	before := len(f.pushes(t))
	res, _ := jobs.Reminders(ctx, at("2026-12-31 09:00"))
	if n := len(f.pushes(t)) - before; n != 0 || res["due"] != 0 {
		t.Errorf("fulfilled item reminded: %d pushes, %v", n, res)
	}
}

func TestCommitmentBlockedOwnerGoesToSupervisor(t *testing.T) {
	f := commitmentSetup(t)
	f.item(t, "b", "2026-12-10")
	ctx := context.Background()
	if err := f.store.MarkUnreachable(ctx, 31, true); err != nil {
		t.Fatal(err)
	}
	jobs := &scheduler.CommitmentJobs{Deps: scheduler.Deps{Store: f.store, Engine: f.eng}}
	jobs.Reminders(ctx, at("2026-12-09 10:00"))
	if got := f.pushes(t); len(got) != 1 || got[0] != 10 {
		t.Fatalf("pushes %v, want one to the supervisor 10", got)
	}
}

func TestCommitmentRemindersThreeReplicas(t *testing.T) {
	f := commitmentSetup(t)
	for _, id := range []string{"r1", "r2", "r3", "r4"} {
		f.item(t, id, "2026-12-05")
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Go(func() {
			jobs := &scheduler.CommitmentJobs{Deps: scheduler.Deps{Store: f.store, Engine: f.eng}}
			for k := 0; k < 5; k++ {
				if _, err := jobs.Reminders(ctx, at("2026-12-08 10:00")); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// 3 days overdue: one to the owner per item (the supervisor sees
	// them in the digest).
	if got := len(f.pushes(t)); got != 4 {
		t.Fatalf("%d pushes from 3 replicas × 5 runs, want 4", got)
	}
}

func TestCommitmentCatchUpAfterDowntime(t *testing.T) {
	f := commitmentSetup(t)
	f.item(t, "c", "2026-12-10")
	ctx := context.Background()
	clock := scheduler.NewManualClock(at("2026-12-01 10:00"))
	s := scheduler.New(f.rdb, f.store.Keys(), cst, clock, nil)
	if err := (&scheduler.CommitmentJobs{Deps: scheduler.Deps{Store: f.store, Engine: f.eng}}).Register(s); err != nil {
		t.Fatal(err)
	}
	s.RunDue(ctx, clock.Now()) // the baseline
	// Down from 12-01 10:00 until 12-09 10:20: the 7-day and 1-day stages
	// were missed; on start the latest missed tick runs once and sends
	// the stage due now (1 day before), not every missed one.
	now := clock.Advance(8*24*time.Hour + 20*time.Minute)
	runs := s.RunDue(ctx, now)
	var ran *scheduler.Run
	for i := range runs {
		if runs[i].Job == "commitment_reminders" {
			ran = &runs[i]
		}
	}
	if ran == nil || ran.Outcome != scheduler.OutcomeRan {
		t.Fatalf("no catch-up run: %+v", runs)
	}
	if got := f.pushes(t); len(got) != 1 || got[0] != 31 {
		t.Fatalf("catch-up pushes %v, want the 1-day reminder to 31", got)
	}
	if rs := s.RunDue(ctx, now); len(rs) != 0 {
		t.Errorf("second RunDue ran again: %+v", rs)
	}
}
