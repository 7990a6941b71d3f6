package scheduler_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/scheduler"
	"sibu/storage"
)

// digestFixture is the commitment fixture (王书记 10 supervises 张三 31)
// with 李四 32, who has nothing to do.
func digestFixture(t *testing.T) *commitmentFixture {
	t.Helper()
	f := commitmentSetup(t)
	if _, err := f.store.Commit(context.Background(), storage.Commit{ChatID: 32, NoSession: true, Now: time.Now(),
		Effects: []kit.Effect{join.MemberJoined{Person: kit.Person{ID: 32, Name: "李四", Unit: "b1", Role: kit.RoleMember}}}}); err != nil {
		t.Fatal(err)
	}
	f.item(t, "a", "2026-12-03") // overdue for 张三, under 王书记
	return f
}

// digests are the digest pushes so far, by chat.
func (f *commitmentFixture) digests(t *testing.T) map[int64][]kit.Output {
	t.Helper()
	out := map[int64][]kit.Output{}
	for _, m := range f.rdb.XRange(context.Background(), f.store.Keys().Push(), "-", "+").Val() {
		var o kit.Output
		json.Unmarshal([]byte(m.Values["msg"].(string)), &o)
		if o.Digest {
			out[o.ChatID] = append(out[o.ChatID], o)
		}
	}
	return out
}

// crashAfter is a hook that fails every command once n commit scripts
// went through: the replica "dies" in the middle of the job.
type crashAfter struct {
	n, seen atomic.Int64
}

func (h *crashAfter) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (h *crashAfter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if h.seen.Load() >= h.n.Load() {
			return errors.New("replica died")
		}
		if n := cmd.Name(); n == "evalsha" || n == "eval" {
			h.seen.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (h *crashAfter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if h.seen.Load() >= h.n.Load() {
			return errors.New("replica died")
		}
		for _, c := range cmds {
			if n := c.Name(); n == "evalsha" || n == "eval" {
				h.seen.Add(1)
			}
		}
		return next(ctx, cmds)
	}
}

// TestDigestOncePerDayAcrossReplicasAndACrash (issue 19): replica a
// starts the 08:30 digest, commits one person's and dies; replicas b and c
// race to catch the tick up. Everyone with something to do gets exactly
// one digest that day, 李四 (nothing to do) none; the next day's tick sends
// the next day's.
func TestDigestOncePerDayAcrossReplicasAndACrash(t *testing.T) {
	f := digestFixture(t)
	ctx := context.Background()
	tick := at("2026-12-08 08:30") // a Tuesday
	f.rdb.Set(ctx, f.store.Keys().Prefix()+"sched:last:daily_digest", tick.AddDate(0, 0, -1).Unix(), 0)

	hook := &crashAfter{}
	hook.n.Store(1)
	dying := redis.NewClient(f.rdb.Options())
	dying.AddHook(hook)
	t.Cleanup(func() { dying.Close() })
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"}}
	dyingStore := storage.New(dying, f.prefix, storage.Options{Units: units, Root: "root"})

	replica := func(store *storage.Store, clock scheduler.Clock) *scheduler.Scheduler {
		s := scheduler.New(f.rdb, f.store.Keys(), cst, clock, nil)
		jobs := &scheduler.DigestJobs{Deps: scheduler.Deps{Store: store, Engine: f.eng, Now: clock.Now}, Batch: 1}
		if err := jobs.Register(s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a := replica(dyingStore, scheduler.NewManualClock(tick))
	if rs := a.RunDue(ctx, tick); len(rs) != 1 || rs[0].Outcome == scheduler.OutcomeRan {
		t.Fatalf("replica a: %+v, want a run that did not finish", rs)
	}
	if got := f.digests(t); len(got) != 1 {
		t.Fatalf("replica a died after %d digests, want 1 (the test's crash)", len(got))
	}
	later := tick.Add(2 * time.Minute)
	var wg sync.WaitGroup
	for range 2 {
		s := replica(f.store, scheduler.NewManualClock(later))
		wg.Go(func() { s.RunDue(ctx, later) })
	}
	wg.Wait()
	got := f.digests(t)
	if len(got[10]) != 1 || len(got[31]) != 1 || len(got[32]) != 0 {
		t.Fatalf("digests per person after the crash and two replicas: 10→%d 31→%d 32→%d, want 1, 1, 0",
			len(got[10]), len(got[31]), len(got[32]))
	}
	for _, want := range []string{"📋 今日待办 · 12月8日 星期二", "为孤寡老人上门服务 a", "已逾期"} {
		if !strings.Contains(got[31][0].Text, want) {
			t.Errorf("张三's digest lacks %q:\n%s", want, got[31][0].Text)
		}
	}
	if !strings.Contains(got[10][0].Text, "所辖逾期承诺 1 项") {
		t.Errorf("王书记's digest lacks the overdue item under them:\n%s", got[10][0].Text)
	}
	if len(got[31][0].Buttons) == 0 {
		t.Errorf("张三's digest has no buttons")
	}
	next := at("2026-12-09 08:30")
	s := replica(f.store, scheduler.NewManualClock(next))
	s.RunDue(ctx, next)
	s.RunDue(ctx, next.Add(time.Minute))
	if got := f.digests(t); len(got[31]) != 2 {
		t.Errorf("张三 got %d digests over two days, want 2", len(got[31]))
	}
}

// TestDigestCaughtUpWaitsForTheMorning: every replica was down over the
// 08:30 digest and comes back at 02:20 the next day: nothing in the night;
// at 08:00 the caught-up tick sends that morning's digest, and the 08:30
// tick of the day sends no second one.
func TestDigestCaughtUpWaitsForTheMorning(t *testing.T) {
	f := digestFixture(t)
	ctx := context.Background()
	clock := scheduler.NewManualClock(at("2026-12-07 10:00"))
	s := scheduler.New(f.rdb, f.store.Keys(), cst, clock, nil)
	if err := (&scheduler.DigestJobs{Deps: scheduler.Deps{Store: f.store, Engine: f.eng, Now: clock.Now}}).Register(s); err != nil {
		t.Fatal(err)
	}
	s.RunDue(ctx, clock.Now()) // the baseline
	clock.Set(at("2026-12-09 02:20"))
	s.RunDue(ctx, clock.Now())
	if n := len(f.digests(t)); n != 0 {
		t.Fatalf("at 02:20: digests to %d people, want none before the quiet hours end", n)
	}
	clock.Set(at("2026-12-09 08:00").Add(30 * time.Second))
	s.RunDue(ctx, clock.Now())
	clock.Set(at("2026-12-09 08:30").Add(30 * time.Second))
	s.RunDue(ctx, clock.Now())
	got := f.digests(t)
	if len(got[31]) != 1 || !strings.Contains(got[31][0].Text, "12月9日") {
		t.Errorf("张三's digests on 12-09: %d, want one dated 12-09", len(got[31]))
	}
}

// TestDigestWeeklySummaryOnMondays: the supervisors' weekly commitment
// summary (a push of its own before) is part of their Monday digest.
func TestDigestWeeklySummaryOnMondays(t *testing.T) {
	f := digestFixture(t)
	f.item(t, "d2", "2026-12-12") // due within the week
	f.item(t, "d3", "2027-01-30") // not in the summary
	jobs := &scheduler.DigestJobs{Deps: scheduler.Deps{Store: f.store, Engine: f.eng}}
	ctx := context.Background()
	if _, err := jobs.Digest(ctx, at("2026-12-07 08:30")); err != nil {
		t.Fatal(err)
	}
	got := f.digests(t)
	if len(got[10]) != 1 {
		t.Fatalf("王书记's digests: %d, want 1", len(got[10]))
	}
	text := got[10][0].Text
	for _, want := range []string{"公开承诺周报（2026-12-07 当周）", "逾期 1 项", "7 天内到期 1 项", "服务 a", "服务 d2"} {
		if !strings.Contains(text, want) {
			t.Errorf("Monday digest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "服务 d3") {
		t.Errorf("Monday digest lists a far item:\n%s", text)
	}
	if _, err := jobs.Digest(ctx, at("2026-12-08 08:30")); err != nil {
		t.Fatal(err)
	}
	if got := f.digests(t); len(got[10]) != 2 || strings.Contains(got[10][1].Text, "周报") {
		t.Errorf("Tuesday's digest has the weekly summary too:\n%v", got[10])
	}
}
