package storage_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"sibu/internal/redistest"
	"sibu/storage"
)

// TestSharedSendLimits: three replicas (stores of their own on one Redis)
// booking pushes at once get one schedule, timed by Redis's clock: at most
// 30 sends in any one-second window overall, one a second per chat after
// its burst, 20 a minute per group — whatever each replica asked.
func TestSharedSendLimits(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	global := storage.Rate{Interval: time.Second / 30, Burst: 1}
	perChat := storage.Rate{Interval: time.Second, Burst: 3}
	group := storage.Rate{Interval: time.Minute / 20, Burst: 1}

	var mu sync.Mutex
	var all []time.Time
	perChatAt := map[int64][]time.Time{}
	var wg sync.WaitGroup
	for r := range 3 {
		s := storage.New(rdb, prefix, storage.Options{})
		wg.Go(func() {
			for i := range 60 {
				chat := int64(1000 + (r*60+i)%20) // 20 chats, each served by every replica
				res, err := s.ReserveSend(ctx, storage.SendRequest{Chat: chat, ChatRate: perChat, Global: &global, MaxWait: time.Hour})
				if err != nil || !res.OK {
					t.Errorf("reserve: %+v, %v", res, err)
					return
				}
				mu.Lock()
				all = append(all, res.At)
				perChatAt[chat] = append(perChatAt[chat], res.At)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if got := mostInWindow(all, time.Second); got > 30 {
		t.Errorf("%d sends booked in one second by three replicas, cap 30", got)
	}
	for chat, ts := range perChatAt {
		// A burst of 3, then one a second: at most 3 in any one-second window
		// after the first, and never more than 3 + 1 in one.
		if got := mostInWindow(ts, time.Second); got > 3 {
			t.Errorf("chat %d: %d sends in one second, limit 1/s with a burst of 3", chat, got)
		}
		if got := mostInWindow(ts, 3*time.Second); got > 5 {
			t.Errorf("chat %d: %d sends in three seconds, limit 1/s with a burst of 3", chat, got)
		}
	}

	// A group at 20 a minute, asked by three replicas 30 times: 20 in the
	// first minute at most.
	var groupAt []time.Time
	for r := range 3 {
		s := storage.New(rdb, prefix, storage.Options{})
		for range 10 {
			res, err := s.ReserveSend(ctx, storage.SendRequest{Chat: -77, ChatRate: group, MaxWait: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			groupAt = append(groupAt, res.At)
		}
		_ = r
	}
	if got := mostInWindow(groupAt, time.Minute); got > 20 {
		t.Errorf("group: %d sends booked in one minute, limit 20", got)
	}
}

// TestSendLimitRefusesBeyondMaxWait: a send that would wait past MaxWait
// is refused and books nothing, so a caller with a deadline wastes no
// slot of the others'.
func TestSendLimitRefusesBeyondMaxWait(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	s := storage.New(rdb, prefix, storage.Options{})
	ctx := context.Background()
	slow := storage.Rate{Interval: time.Minute, Burst: 1}
	first, err := s.ReserveSend(ctx, storage.SendRequest{Chat: -5, ChatRate: slow, MaxWait: time.Second})
	if err != nil || !first.OK || first.Wait != 0 {
		t.Fatalf("first send: %+v, %v", first, err)
	}
	for range 3 {
		r, err := s.ReserveSend(ctx, storage.SendRequest{Chat: -5, ChatRate: slow, MaxWait: time.Second})
		if err != nil || r.OK || r.Wait < 50*time.Second {
			t.Fatalf("a send a minute away was not refused: %+v, %v", r, err)
		}
	}
	// Nothing was booked by the refusals: the next slot is still a minute
	// after the first.
	r, err := s.ReserveSend(ctx, storage.SendRequest{Chat: -5, ChatRate: slow, MaxWait: time.Hour})
	if err != nil || !r.OK || r.At.Sub(first.At) != time.Minute {
		t.Fatalf("after refusals the next slot is %v after the first, want 1m: %+v, %v", r.At.Sub(first.At), r, err)
	}
	ttl := rdb.PTTL(ctx, s.Keys().SendLimitChat(-5)).Val()
	if ttl <= 0 || ttl > 3*time.Minute {
		t.Fatalf("limit key TTL %v: it must expire once its schedule has passed", ttl)
	}
}

// TestPushRefusedWhenItsChatIsBookedAhead: a push whose chat's slots are
// booked further ahead than ChatMaxWait is refused (to be held for later)
// even though the global cap would let it wait, so a person's replies are
// not queued behind pushes booked far ahead; a reply, without the bound,
// books the next slot.
func TestPushRefusedWhenItsChatIsBookedAhead(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	s := storage.New(rdb, prefix, storage.Options{})
	ctx := context.Background()
	chat := storage.Rate{Interval: time.Second, Burst: 1}
	global := storage.Rate{Interval: time.Millisecond, Burst: 1}
	for range 4 { // the chat booked 3 s ahead
		if _, err := s.ReserveSend(ctx, storage.SendRequest{Chat: 9, ChatRate: chat, MaxWait: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	push, err := s.ReserveSend(ctx, storage.SendRequest{Chat: 9, ChatRate: chat, Global: &global, MaxWait: 30 * time.Second,
		ChatMaxWait: 2 * time.Second})
	if err != nil || push.OK || push.Wait < 2*time.Second {
		t.Fatalf("a push 3 s behind its chat's bookings: %+v, %v; want refused", push, err)
	}
	reply, err := s.ReserveSend(ctx, storage.SendRequest{Chat: 9, ChatRate: chat, MaxWait: 30 * time.Second})
	if err != nil || !reply.OK {
		t.Fatalf("a reply: %+v, %v; want booked", reply, err)
	}
	other, err := s.ReserveSend(ctx, storage.SendRequest{Chat: 10, ChatRate: chat, Global: &global, MaxWait: 30 * time.Second,
		ChatMaxWait: 2 * time.Second})
	if err != nil || !other.OK || other.Wait > time.Second {
		t.Fatalf("a push to a quiet chat: %+v, %v; want booked at once", other, err)
	}
}

// mostInWindow is the most of ts that fall in any window of length w.
func mostInWindow(ts []time.Time, w time.Duration) int {
	ts = slices.Clone(ts)
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	most, j := 0, 0
	for i := range ts {
		for ts[i].Sub(ts[j]) >= w {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}
