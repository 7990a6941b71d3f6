package bot_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/internal/redistest"
	"sibu/storage"
)

// TestReplicasShareTheSendCap (issue 14): three replicas' senders on one
// Redis, each pushing as fast as it may, keep together to the global cap of
// 30 a second (each alone would send ~29 a second: 87 together), and a
// chat all three push to gets about one message a second. The times are
// those at which the calls start; the bound leaves 100 ms for a loaded
// machine to wake a sender late (the exact schedule Redis books is
// storage's TestSharedSendLimits).
func TestReplicasShareTheSendCap(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	limits := bot.Limits{Global: 30, PerChat: 1, Burst: 1, PerGroupMinute: 20}
	var mu sync.Mutex
	var all, hot []time.Time
	var wg sync.WaitGroup
	for r := range 3 {
		s := bot.NewSender(limits, quiet, nil)
		s.Share(storage.New(rdb, prefix, storage.Options{}))
		for i := range 40 {
			chat := int64(1000 + r*100 + i) // chats of their own …
			if i%20 == 0 {
				chat = 7 // … and one all three push to
			}
			wg.Go(func() {
				err := s.Do(context.Background(), "sendMessage", chat, bot.Push, func(context.Context, int64) error {
					mu.Lock()
					defer mu.Unlock()
					all = append(all, time.Now())
					if chat == 7 {
						hot = append(hot, time.Now())
					}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if len(all) != 120 {
		t.Fatalf("%d of 120 pushes sent", len(all))
	}
	if got := mostIn(all, 900*time.Millisecond); got > 30 {
		t.Errorf("three replicas sent %d pushes within 0.9 s: the cap of 30 a second is not shared", got)
	}
	if got := mostIn(hot, 800*time.Millisecond); got > 1 {
		t.Errorf("one chat got %d pushes within 0.8 s from three replicas: its limit of 1 a second is not shared", got)
		slices.SortFunc(hot, func(a, b time.Time) int { return a.Compare(b) })
		for i := 1; i < len(hot); i++ {
			t.Log(hot[i].Sub(hot[i-1]).Round(time.Millisecond))
		}
	}
}

// TestSendsGoOnWhenRedisIsUnreachable: with the shared limits unreachable
// the sender paces by its own limiters, never blocks, and counts each such
// send in sibu_send_limits_unreachable_total.
func TestSendsGoOnWhenRedisIsUnreachable(t *testing.T) {
	dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 100 * time.Millisecond, MaxRetries: -1})
	defer dead.Close()
	m := bot.NewMetrics()
	s := bot.NewSender(bot.Limits{Global: 100, PerChat: 100, Burst: 5, PerGroupMinute: 600}, quiet, m)
	s.Share(storage.New(dead, "down", storage.Options{}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sent := 0
	for i := range 5 {
		err := s.Do(ctx, "sendMessage", int64(i+1), bot.Push, func(context.Context, int64) error { sent++; return nil })
		if err != nil {
			t.Fatalf("send %d with Redis down: %v", i, err)
		}
	}
	if sent != 5 {
		t.Fatalf("%d of 5 sent", sent)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(m.Collectors()...)
	families, _ := reg.Gather()
	var counted float64
	for _, f := range families {
		if f.GetName() == "sibu_send_limits_unreachable_total" {
			counted = f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	if counted != 5 {
		t.Fatalf("sibu_send_limits_unreachable_total = %v, want 5", counted)
	}
}

// mostIn is the most of ts that fall in any window of length w.
func mostIn(ts []time.Time, w time.Duration) int {
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
