package storage_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/flows/talk"
	"sibu/internal/redistest"
	"sibu/storage"
)

var slot = time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)

func talkRound() talk.Round {
	return talk.Round{ID: "hj", Title: "换届谈心谈话", Slots: []time.Time{slot, slot.Add(30 * time.Minute)},
		Deadline: slot.Add(10 * 24 * time.Hour)}
}

// openTalk opens round hj with n people (ids 100…), interviewer 7.
func openTalk(t testing.TB, s *storage.Store, n int) {
	t.Helper()
	var entries []talk.Entry
	for i := 0; i < n; i++ {
		unit := "b1"
		if i%2 == 1 {
			unit = "b11"
		}
		entries = append(entries, talk.Entry{Round: "hj", User: int64(100 + i), Name: fmt.Sprint("p", i), Unit: unit,
			Interviewer: 7, Status: talk.EntryPending})
	}
	_, err := s.Commit(context.Background(), storage.Commit{ChatID: 1, NoSession: true, Now: now,
		Effects: []kit.Effect{talk.RoundOpened{Round: talkRound(), By: 1}, talk.Invited{Round: "hj", Entries: entries}}})
	if err != nil {
		t.Fatal(err)
	}
}

func entry(t testing.TB, s *storage.Store, user int64) talk.Entry {
	t.Helper()
	en, ok, err := s.TalkEntry(context.Background(), "hj", user)
	if err != nil || !ok {
		t.Fatalf("entry %d: %v %v", user, ok, err)
	}
	return en
}

func change(s *storage.Store, ef kit.Effect) error {
	_, err := s.Commit(context.Background(), storage.Commit{ChatID: 2, NoSession: true, Now: now, Effects: []kit.Effect{ef}})
	return err
}

func book(before talk.Entry, at time.Time, phone string) talk.Scheduled {
	after := before
	after.Status, after.Mode, after.Slot, after.Phone, after.Rev = talk.EntryScheduled, talk.ModePhone, at, phone, before.Rev+1
	return talk.Scheduled{Change: talk.Change{Before: before, After: after, By: before.User}}
}

func TestTalkSlotRace(t *testing.T) {
	s, _ := newStore(t)
	openTalk(t, s, 10)
	// Ten members race for one slot: exactly one gets it.
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, lost := 0, 0
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(u int64) {
			defer wg.Done()
			err := change(s, book(entry(t, s, u), slot, "+8613800000000"))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, storage.ErrConflict):
				lost++
			default:
				t.Error(err)
			}
		}(int64(100 + i))
	}
	wg.Wait()
	if won != 1 || lost != 9 {
		t.Fatalf("won %d, lost %d; want 1 and 9", won, lost)
	}
	booked, _ := s.Directory(context.Background()).(talk.Reader).TalkBooked("hj", 7)
	if len(booked) != 1 {
		t.Fatalf("booked = %v", booked)
	}
	cov, _ := s.TalkCoverage(context.Background(), "hj")
	if cov.Roster != 10 || cov.Buckets[talk.BucketScheduled] != 1 || cov.Buckets[talk.BucketPending] != 9 {
		t.Fatalf("coverage = %+v", cov)
	}
}

func TestTalkLifecycle(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	openTalk(t, s, 3)
	// A stale revision is refused.
	e := entry(t, s, 100)
	if err := change(s, book(e, slot, "+8613800000000")); err != nil {
		t.Fatal(err)
	}
	if err := change(s, book(e, slot.Add(30*time.Minute), "+8613800000000")); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("stale change: %v", err)
	}
	// Reschedule releases the old slot for someone else.
	e = entry(t, s, 100)
	if err := change(s, talk.Rescheduled{Change: book(e, slot.Add(30*time.Minute), e.Phone).Change}); err != nil {
		t.Fatal(err)
	}
	if err := change(s, book(entry(t, s, 101), slot, "+8613900000000")); err != nil {
		t.Fatalf("freed slot not bookable: %v", err)
	}
	due, _ := s.TalkDue(ctx, slot.Add(time.Hour))
	if len(due) != 2 || due[0].User != 101 || due[1].User != 100 {
		t.Fatalf("due = %+v", due)
	}
	agenda, _ := s.TalkAgenda(ctx, 7, slot.Add(-time.Hour), slot.Add(time.Hour))
	if len(agenda) != 2 {
		t.Fatalf("agenda = %+v", agenda)
	}
	// Missed, then completed as a 补谈.
	e = entry(t, s, 100)
	m := e
	m.Status, m.Makeup, m.Attempts, m.Slot, m.Rev = talk.EntryMissed, true, 1, time.Time{}, e.Rev+1
	if err := change(s, talk.Missed{Change: talk.Change{Before: e, After: m, By: 7}}); err != nil {
		t.Fatal(err)
	}
	e = entry(t, s, 100)
	d := e
	d.Status, d.How, d.Summary, d.DoneAt, d.Rev = talk.EntryDone, "makeup", "谈得很好", now, e.Rev+1
	if err := change(s, talk.Completed{Change: talk.Change{Before: e, After: d, By: 7}}); err != nil {
		t.Fatal(err)
	}
	cov, _ := s.TalkCoverage(ctx, "hj")
	if cov.Done() != 1 || cov.Buckets[talk.BucketDoneMakeup] != 1 || cov.Buckets[talk.BucketScheduled] != 1 ||
		cov.Buckets[talk.BucketPending] != 1 || cov.Units["b1"][talk.BucketDoneMakeup] != 1 || cov.Units["b1"]["roster"] != 2 {
		t.Fatalf("coverage = %+v", cov)
	}
	ids, total, _ := s.TalkUnreached(ctx, "hj", 7, 0, 10)
	if total != 2 || len(ids) != 2 || ids[0] != 101 {
		t.Fatalf("unreached = %v of %d", ids, total)
	}
	due, _ = s.TalkDue(ctx, slot.Add(time.Hour))
	if len(due) != 1 || due[0].User != 101 {
		t.Fatalf("due after completion = %+v", due)
	}
	// Records: no phone number or summary, only references.
	evs := rdb.XRange(ctx, s.Keys().Outbox(), "-", "+").Val()
	var types []string
	for _, x := range evs {
		ev := x.Values["event"].(string)
		if strings.Contains(ev, "13800000000") || strings.Contains(ev, "谈得很好") {
			t.Errorf("private data in a records event: %s", ev)
		}
		types = append(types, ev[strings.Index(ev, `"type":"`)+8:][:strings.Index(ev[strings.Index(ev, `"type":"`)+8:], `"`)])
	}
	want := "sibu.talk.round.opened sibu.talk.invited sibu.talk.scheduled sibu.talk.rescheduled sibu.talk.scheduled sibu.talk.missed sibu.talk.completed"
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("events\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(evs[len(evs)-1].Values["event"].(string), `"summary_ref":"talk:hj:100"`) {
		t.Errorf("completion event without a summary reference: %s", evs[len(evs)-1].Values["event"])
	}
}

func TestTalkPrivateEvents(t *testing.T) {
	s, rdb := newStore(t)
	openTalk(t, s, 1)
	ef := book(entry(t, s, 100), slot, "+8613800000000")
	ef.Private = true
	if err := change(s, ef); err != nil {
		t.Fatal(err)
	}
	evs := rdb.XRevRangeN(context.Background(), s.Keys().Outbox(), "+", "-", 1).Val()
	if !strings.Contains(evs[0].Values["event"].(string), `"phone":"+8613800000000"`) {
		t.Fatalf("with the switch on the number is in the event: %s", evs[0].Values["event"])
	}
}

func TestTalkNoticeOnce(t *testing.T) {
	s, _ := newStore(t)
	openTalk(t, s, 1)
	if err := change(s, book(entry(t, s, 100), slot, "+8613800000000")); err != nil {
		t.Fatal(err)
	}
	e := entry(t, s, 100)
	n := talk.NoticeSent{Round: "hj", Kind: talk.NoticeRemind, Key: talk.SlotNoticeKey(talk.NoticeRemind, e), To: 7, Entry: &e}
	if err := change(s, n); err != nil {
		t.Fatal(err)
	}
	if err := change(s, n); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second reminder: %v", err)
	}
}

// BenchmarkTalkCoverage reads /coverage's figures for a roster of 10,000:
// counters and one page of the not-yet-reached set, never a scan.
func BenchmarkTalkCoverage(b *testing.B) {
	rdb, prefix := redistest.Client(b)
	s := storage.New(rdb, prefix, storage.Options{Root: "root"})
	openTalk(b, s, 10000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.TalkCoverage(ctx, "hj"); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.TalkUnreached(ctx, "hj", 0, 5000, 10); err != nil {
			b.Fatal(err)
		}
	}
}

var _ redis.UniversalClient = (*redis.Client)(nil)

func TestTalkUnreachedInUnits(t *testing.T) {
	s, _ := newStore(t)
	openTalk(t, s, 10) // even ids in b1, odd in b11
	ctx := context.Background()
	tests := []struct {
		name      string
		units     []string
		offset, n int
		want      []int64
		total     int64
	}{
		{"one unit", []string{"b1"}, 0, 3, []int64{100, 102, 104}, 5},
		{"two units merged", []string{"b1", "b11"}, 2, 3, []int64{102, 103, 104}, 10},
		{"past the end", []string{"b11"}, 10, 3, []int64{}, 5},
		{"unknown unit", []string{"b2"}, 0, 3, []int64{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.TalkUnreachedIn(ctx, "hj", tt.units, tt.offset, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || total != tt.total {
				t.Errorf("TalkUnreachedIn(%v, %d, %d) = %v, %d; want %v, %d", tt.units, tt.offset, tt.n, got, total, tt.want, tt.total)
			}
		})
	}
	// Excusing someone takes them off their unit's list; reopening the
	// entry (not done here) would put them back.
	before := entry(t, s, 102)
	after := before
	after.Status, after.Reason, after.Rev = talk.EntryExcused, "外出", before.Rev+1
	if err := change(s, talk.Excused{Change: talk.Change{Before: before, After: after, By: 1}}); err != nil {
		t.Fatal(err)
	}
	got, total, err := s.TalkUnreachedIn(ctx, "hj", []string{"b1"}, 0, 10)
	if err != nil || fmt.Sprint(got) != "[100 104 106 108]" || total != 4 {
		t.Errorf("after excusing 102: %v, %d, %v", got, total, err)
	}
}
