package scheduler_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
	"sibu/internal/redistest"
	"sibu/scheduler"
	"sibu/storage"
)

var talkSlot = time.Date(2026, 11, 26, 14, 0, 0, 0, cst)

// talkSetup opens round hj (interviewer 11 for members 21, 22) through the
// engine, and books member 21's phone talk at talkSlot.
func talkSetup(t *testing.T) (*storage.Store, *flows.Engine, redis.UniversalClient) {
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	round := &talk.Round{ID: "hj", Title: "换届谈心谈话", Units: []string{"b1"}, Roles: []kit.Role{kit.RoleMember},
		Slots: []time.Time{talkSlot}, Deadline: time.Date(2026, 12, 5, 18, 0, 0, 0, cst)}
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst, Admins: map[int64]bool{1: true}, Quiet: quietHours}, Talk: talk.Settings{Rounds: map[string]*talk.Round{"hj": round}}})
	ctx := context.Background()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
	for _, p := range []kit.Person{{ID: 11, Name: "李书记", Unit: "b1", Role: kit.RoleSupervisor},
		{ID: 21, Name: "张三", Unit: "b1", Role: kit.RoleMember}, {ID: 22, Name: "李四", Unit: "b1", Role: kit.RoleMember}} {
		if _, err := store.Commit(ctx, storage.Commit{ChatID: p.ID, NoSession: true, Now: at,
			Effects: []kit.Effect{join.MemberJoined{Person: p}}}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := eng.Step(flows.Session{}, kit.Input{Kind: kit.InputCommand, Command: "talks", Args: "open hj", ChatID: 1, UserID: 1, Private: true},
		at, store.Directory(ctx))
	if err != nil || len(res.Effects) != 2 {
		t.Fatalf("open: %v %+v", err, res.Outputs)
	}
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 1, NoSession: true, Now: at, Effects: res.Effects, Outputs: res.Outputs}); err != nil {
		t.Fatal(err)
	}
	en, _, _ := store.TalkEntry(ctx, "hj", 21)
	after := en
	after.Status, after.Mode, after.Slot, after.Phone, after.Rev = talk.EntryScheduled, talk.ModePhone, talkSlot, "+8613800000021", 1
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 21, NoSession: true, Now: at,
		Effects: []kit.Effect{talk.Scheduled{Change: talk.Change{Before: en, After: after}}}}); err != nil {
		t.Fatal(err)
	}
	rdb.Del(ctx, store.Keys().Push()) // the invitations
	return store, eng, rdb
}

// pushes returns the pushes queued so far, as "<chat>: <text>".
func pushes(t *testing.T, rdb redis.UniversalClient, store *storage.Store) []string {
	var out []string
	for _, m := range rdb.XRange(context.Background(), store.Keys().Push(), "-", "+").Val() {
		var o kit.Output
		if err := json.Unmarshal([]byte(m.Values["msg"].(string)), &o); err != nil {
			t.Fatal(err)
		}
		line := strings.SplitN(o.Text, "\n", 2)[0]
		out = append(out, strings.Join([]string{itoa(o.ChatID), line}, ": "))
	}
	return out
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestTalkReminderOnceAcrossReplicas(t *testing.T) {
	store, eng, rdb := talkSetup(t)
	ctx := context.Background()
	jobs := func() *scheduler.TalkJobs {
		return &scheduler.TalkJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}
	}
	jobs().Slots(ctx, talkSlot.Add(-20*time.Minute))
	if got := pushes(t, rdb, store); len(got) != 0 {
		t.Fatalf("reminder 20 minutes before: %v", got)
	}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j := jobs()
			for k := 0; k < 5; k++ {
				if _, err := j.Slots(ctx, talkSlot.Add(-15*time.Minute+time.Duration(k)*time.Minute)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	got := pushes(t, rdb, store)
	if len(got) != 1 || !strings.HasPrefix(got[0], "11: ⏰ 15 分钟后电话约谈：张三") {
		t.Fatalf("pushes after 3 replicas × 5 runs: %q, want one reminder to 11", got)
	}
	var o kit.Output
	json.Unmarshal([]byte(rdb.XRange(ctx, store.Keys().Push(), "-", "+").Val()[0].Values["msg"].(string)), &o)
	if o.Contact == nil || o.Contact.Phone != "+8613800000021" {
		t.Fatalf("reminder without the contact card to call: %+v", o)
	}
	if !o.Urgent || !o.AnyHour {
		t.Fatalf("the reminder before a booked call may wait (urgent=%v any_hour=%v)", o.Urgent, o.AnyHour)
	}
	// After the slot: one outcome prompt, and the slot leaves the due set.
	for i := 0; i < 3; i++ {
		jobs().Slots(ctx, talkSlot.Add(25*time.Minute))
	}
	got = pushes(t, rdb, store)
	if len(got) != 2 || !strings.Contains(got[1], "结果如何") {
		t.Fatalf("outcome prompt: %q", got)
	}
	if due, _ := store.TalkDue(ctx, talkSlot.Add(time.Hour)); len(due) != 0 {
		t.Fatalf("still due: %+v", due)
	}
	// The records event of the reminder carries no number.
	for _, x := range rdb.XRange(ctx, store.Keys().Outbox(), "-", "+").Val() {
		if ev := x.Values["event"].(string); strings.Contains(ev, "13800000021") {
			t.Errorf("phone number in a records event: %s", ev)
		}
	}
}

func TestTalkSlotsCatchUp(t *testing.T) {
	store, eng, rdb := talkSetup(t)
	ctx := context.Background()
	clock := scheduler.NewManualClock(talkSlot.Add(-time.Hour))
	s := scheduler.New(rdb, store.Keys(), cst, clock, nil)
	if err := (&scheduler.TalkJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}).Register(s, false); err != nil {
		t.Fatal(err)
	}
	s.RunDue(ctx, clock.Now()) // baseline
	// Every replica was down from 13:00 to 14:40: one catch-up run sends
	// the outcome prompt (the reminder's moment has passed with the slot).
	now := clock.Advance(100 * time.Minute)
	runs := s.RunDue(ctx, now.Add(17*time.Second))
	if len(runs) == 0 || runs[0].Outcome != scheduler.OutcomeRan {
		t.Fatalf("catch-up runs: %+v", runs)
	}
	got := pushes(t, rdb, store)
	if len(got) != 1 || !strings.Contains(got[0], "结果如何") {
		t.Fatalf("after catch-up: %q", got)
	}
}

func TestTalkDailyAndDeadline(t *testing.T) {
	store, eng, rdb := talkSetup(t)
	ctx := context.Background()
	j := &scheduler.TalkJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, cst) }
	if res, _ := j.Daily(ctx, day(26).Add(-2*time.Hour)); res["quiet_hours"] != true {
		t.Fatalf("quiet hours: %v", res)
	}
	j.Daily(ctx, day(26))
	j.Daily(ctx, day(26)) // a retry sends nothing twice
	got := pushes(t, rdb, store)
	if len(got) != 1 || !strings.HasPrefix(got[0], "11: 🗓「换届谈心谈话」您还有 2 人尚未谈到") {
		t.Fatalf("daily list: %q", got)
	}
	// Three days before the deadline (12-05 18:00): the officials' summary, once.
	j.Daily(ctx, day(27))
	j.Daily(ctx, time.Date(2026, 12, 2, 19, 0, 0, 0, cst))
	j.Daily(ctx, time.Date(2026, 12, 3, 9, 0, 0, 0, cst))
	var summaries []string
	for _, p := range pushes(t, rdb, store) {
		if strings.Contains(p, "距谈话截止") {
			summaries = append(summaries, p)
		}
	}
	if len(summaries) != 1 || !strings.HasPrefix(summaries[0], "1: ") {
		t.Fatalf("deadline summaries: %q", summaries)
	}
}
