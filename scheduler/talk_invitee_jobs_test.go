package scheduler_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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

// inviteeSession is the in-person session of round yx (面谈); phone slots
// are offered the days before it.
var (
	inviteeOpened  = time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
	inviteeSession = time.Date(2026, 12, 3, 9, 0, 0, 0, cst)
	phoneAt        = time.Date(2026, 12, 2, 14, 0, 0, 0, cst)
	earlyAt        = time.Date(2026, 12, 1, 8, 30, 0, 0, cst) // its hour-before falls in quiet hours
	cancelledAt    = time.Date(2026, 12, 1, 15, 0, 0, 0, cst)
	doneAt         = time.Date(2026, 11, 28, 15, 0, 0, 0, cst)
)

// inviteeSetup opens round yx for members 21–26 (interviewer 11) and
// books: 21 a phone talk at phoneAt, 22 the 面谈, 24 a phone talk at
// cancelledAt (cancelled on 11-29), 25 one at doneAt (done the day before), 26
// one at earlyAt. 23 never answers.
func inviteeSetup(t *testing.T) (*storage.Store, *flows.Engine, redis.UniversalClient) {
	rdb, prefix := redistest.Client(t)
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	round := &talk.Round{ID: "yx", Title: "换届谈心谈话", Units: []string{"b1"}, Roles: []kit.Role{kit.RoleMember},
		Sessions: []talk.Session{{At: inviteeSession, Place: "党员活动室"}},
		Slots:    []time.Time{doneAt, earlyAt, cancelledAt, phoneAt}, Deadline: time.Date(2026, 12, 10, 18, 0, 0, 0, cst)}
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst, Admins: map[int64]bool{1: true},
		Quiet: quietHours}, Talk: talk.Settings{Rounds: map[string]*talk.Round{"yx": round}}})
	ctx := context.Background()
	people := []kit.Person{{ID: 11, Name: "李书记", Unit: "b1", Role: kit.RoleSupervisor}}
	for i, n := range []string{"张三", "李四", "王五", "赵六", "钱七", "孙八"} {
		people = append(people, kit.Person{ID: int64(21 + i), Name: n, Unit: "b1", Role: kit.RoleMember})
	}
	for _, p := range people {
		commitEffects(t, store, inviteeOpened, join.MemberJoined{Person: p})
	}
	res, err := eng.Step(flows.Session{}, kit.Input{Kind: kit.InputCommand, Command: "talks", Args: "open yx", ChatID: 1, UserID: 1, Private: true},
		inviteeOpened, store.Directory(ctx))
	if err != nil || len(res.Effects) != 2 {
		t.Fatalf("open: %v %+v", err, res.Outputs)
	}
	commitEffects(t, store, inviteeOpened, res.Effects...)
	booked := inviteeOpened.Add(time.Hour)
	book(t, store, 21, booked, talk.ModePhone, phoneAt)
	book(t, store, 22, booked, talk.ModeFace, inviteeSession)
	book(t, store, 24, booked, talk.ModePhone, cancelledAt)
	book(t, store, 25, booked, talk.ModePhone, doneAt)
	book(t, store, 26, booked, talk.ModePhone, earlyAt)
	rdb.Del(ctx, store.Keys().Push()) // the invitations
	return store, eng, rdb
}

func commitEffects(t *testing.T, store *storage.Store, at time.Time, effs ...kit.Effect) {
	t.Helper()
	if _, err := store.Commit(context.Background(), storage.Commit{ChatID: 1, NoSession: true, Now: at, Effects: effs}); err != nil {
		t.Fatal(err)
	}
}

// book books user's talk as the member's step does (Booked set).
func book(t *testing.T, store *storage.Store, user int64, at time.Time, mode string, slot time.Time) {
	t.Helper()
	en, _, _ := store.TalkEntry(context.Background(), "yx", user)
	after := en
	after.Status, after.Mode, after.Slot, after.Rev, after.Booked = talk.EntryScheduled, mode, slot, en.Rev+1, at
	if mode == talk.ModePhone {
		after.Phone = fmt.Sprintf("+86138000000%d", user)
	} else {
		after.Place = "党员活动室"
	}
	commitEffects(t, store, at, talk.Scheduled{Change: talk.Change{Before: en, After: after}})
}

// settle moves user's entry to status (cancelled: 待谈; done: 已谈).
func settle(t *testing.T, store *storage.Store, user int64, at time.Time, done bool) {
	t.Helper()
	en, _, _ := store.TalkEntry(context.Background(), "yx", user)
	after := en
	after.Rev++
	if done {
		after.Status, after.How, after.DoneAt = talk.EntryDone, talk.ModePhone, at
		commitEffects(t, store, at, talk.Completed{Change: talk.Change{Before: en, After: after}})
		return
	}
	after.Status, after.Slot, after.Mode, after.Phone = talk.EntryPending, time.Time{}, "", ""
	commitEffects(t, store, at, talk.Cancelled{Change: talk.Change{Before: en, After: after}})
}

// pushOutputs returns the pushes queued so far.
func pushOutputs(t *testing.T, rdb redis.UniversalClient, store *storage.Store) []kit.Output {
	var out []kit.Output
	for _, m := range rdb.XRange(context.Background(), store.Keys().Push(), "-", "+").Val() {
		var o kit.Output
		if err := json.Unmarshal([]byte(m.Values["msg"].(string)), &o); err != nil {
			t.Fatal(err)
		}
		out = append(out, o)
	}
	return out
}

// sentLog collects the pushes queued, each with the tick it was queued at.
type sentLog struct {
	t     *testing.T
	rdb   redis.UniversalClient
	store *storage.Store
	seen  int
	lines []string
	outs  []kit.Output
}

// record takes the pushes queued since the last call as queued at tick,
// and fails on any queued in quiet hours but an AnyHour one.
func (l *sentLog) record(tick time.Time) {
	outs := pushOutputs(l.t, l.rdb, l.store)
	for _, o := range outs[l.seen:] {
		line := fmt.Sprintf("%s → %d: %s", tick.In(cst).Format("01-02 15:04"), o.ChatID, strings.SplitN(o.Text, "\n", 2)[0])
		if o.Urgent || o.AnyHour {
			line += fmt.Sprintf(" [urgent=%v any_hour=%v]", o.Urgent, o.AnyHour)
		}
		if quietHours.Contains(tick.In(cst)) && !o.AnyHour {
			l.t.Errorf("sent in quiet hours: %s", line)
		}
		l.lines, l.outs = append(l.lines, line), append(l.outs, o)
	}
	l.seen = len(outs)
}

// inviteeWant are the notices of inviteeSetup's round from its opening
// to its session: each once, at its time.
var inviteeWant = []string{
	"11-27 10:00 → 23: 📣 提醒：「换届谈心谈话」谈心谈话邀请您还没有回复。",
	"11-30 10:00 → 23: 📣 提醒：「换届谈心谈话」谈心谈话将于 12月3日（周四）09:00 开始，您还没有选择参加方式。",
	"11-30 10:00 → 26: ⏰ 电话约谈提醒：「换届谈心谈话」",
	"12-01 07:30 → 26: ⏰ 电话约谈快开始了：今天 08:30 [urgent=true any_hour=true]",
	"12-01 10:00 → 21: ⏰ 电话约谈提醒：「换届谈心谈话」",
	"12-02 10:00 → 22: ⏰ 面谈提醒：「换届谈心谈话」",
	"12-02 13:00 → 21: ⏰ 电话约谈快开始了：今天 14:00 [urgent=true any_hour=true]",
}

// check compares the log with inviteeWant and checks what the reminders
// say.
func (l *sentLog) check() {
	l.t.Helper()
	if got, want := strings.Join(l.lines, "\n"), strings.Join(inviteeWant, "\n"); got != want {
		l.t.Fatalf("notices:\n%s\nwant:\n%s", got, want)
	}
	for _, o := range l.outs {
		if o.ChatID == 21 && strings.Contains(o.Text, "快开始了") && !strings.Contains(o.Text, "李书记") {
			l.t.Errorf("hour-before reminder without the interviewer's name: %q", o.Text)
		}
		if o.ChatID == 22 && !strings.Contains(o.Text, "党员活动室") {
			l.t.Errorf("面谈 reminder without its place: %q", o.Text)
		}
	}
}

// inviteeTicks walks inviteeSetup's round every 5 minutes from its opening
// to its session, calling at(tick) after the changes due then: 25 talked
// with the day before its talk, 24 cancelling on 11-29.
func inviteeTicks(t *testing.T, store *storage.Store, at func(tick time.Time)) {
	for tick := inviteeOpened; tick.Before(inviteeSession.Add(time.Hour)); tick = tick.Add(5 * time.Minute) {
		switch h := tick.In(cst); {
		case h.Equal(time.Date(2026, 11, 27, 9, 0, 0, 0, cst)):
			settle(t, store, 25, tick, true)
		case h.Equal(time.Date(2026, 11, 29, 11, 0, 0, 0, cst)):
			settle(t, store, 24, tick, false)
		}
		at(tick)
	}
}

// TestInviteeNoticesOnceAcrossReplicas walks nine days tick by tick (the
// hour-before job every 5 minutes, the daily one at 10:00, again as a
// retry, and at 23:00 as a tick caught up in quiet hours), each tick run by
// two replicas at once: every notice to the people being talked to goes
// once, at its time, none about the cancelled or done talks, none in
// quiet hours but the hour-before reminder of a talk the member chose at
// 08:30.
func TestInviteeNoticesOnceAcrossReplicas(t *testing.T) {
	store, eng, rdb := inviteeSetup(t)
	ctx := context.Background()
	replicas := []*scheduler.TalkInviteeJobs{{Deps: scheduler.Deps{Store: store, Engine: eng}},
		{Deps: scheduler.Deps{Store: store, Engine: eng}}}
	log := &sentLog{t: t, rdb: rdb, store: store}
	run := func(tick time.Time, job func(*scheduler.TalkInviteeJobs) scheduler.Job) {
		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := job(r)(ctx, tick); err != nil {
					if l := (*scheduler.Later)(nil); !errors.As(err, &l) {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		log.record(tick)
	}
	soon := func(r *scheduler.TalkInviteeJobs) scheduler.Job { return r.Soon }
	daily := func(r *scheduler.TalkInviteeJobs) scheduler.Job { return r.Invitees }
	inviteeTicks(t, store, func(tick time.Time) {
		run(tick, soon)
		if h := tick.In(cst); h.Minute() == 0 && (h.Hour() == 10 || h.Hour() == 23) {
			run(tick, daily)
			run(tick, daily)
		}
	})
	log.check()
}

// TestInviteeNoticesThroughTwoSchedulers registers the jobs on two
// schedulers (two replicas) and runs each tick on both at once, through
// the tick leases: the same notices, each once.
func TestInviteeNoticesThroughTwoSchedulers(t *testing.T) {
	store, eng, rdb := inviteeSetup(t)
	ctx := context.Background()
	clock := scheduler.NewManualClock(inviteeOpened)
	var scheds []*scheduler.Scheduler
	for range 2 {
		s := scheduler.New(rdb, store.Keys(), cst, clock, nil)
		if err := (&scheduler.TalkInviteeJobs{Deps: scheduler.Deps{Store: store, Engine: eng, Now: clock.Now}}).Register(s); err != nil {
			t.Fatal(err)
		}
		scheds = append(scheds, s)
	}
	log := &sentLog{t: t, rdb: rdb, store: store}
	inviteeTicks(t, store, func(tick time.Time) {
		clock.Set(tick)
		var wg sync.WaitGroup
		for _, s := range scheds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, r := range s.RunDue(ctx, tick) {
					if r.Err != nil && r.Outcome != scheduler.OutcomeDeferred {
						t.Errorf("%s at %v: %v", r.Job, tick, r.Err)
					}
				}
			}()
		}
		wg.Wait()
		log.record(tick)
	})
	log.check()
}

// TestInviteeNoticeNotAfterChange: a day-before reminder read before the
// member changed the talk is refused at commit (the entry's revision
// moved), so nothing goes about the old time.
func TestInviteeNoticeNotAfterChange(t *testing.T) {
	store, eng, rdb := inviteeSetup(t)
	ctx := context.Background()
	tick := time.Date(2026, 12, 1, 10, 0, 0, 0, cst)
	rs, _, _ := store.TalkRound(ctx, "yx")
	en, _, _ := store.TalkEntry(ctx, "yx", 21)
	if k := eng.Talk().MemberNoticeDue(rs, en, tick); k != talk.NoticeDayBefore {
		t.Fatalf("due %q, want %q", k, talk.NoticeDayBefore)
	}
	res := eng.Talk().MemberNotice(rs, en, talk.NoticeDayBefore, "李书记", tick)
	settle(t, store, 21, tick, false) // cancelled meanwhile
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 21, NoSession: true, Now: tick, Effects: res.Effects, Outputs: res.Outputs}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("commit of a stale reminder: %v, want a conflict", err)
	}
	if got := pushOutputs(t, rdb, store); len(got) != 0 {
		t.Fatalf("pushes: %+v", got)
	}
}
