package chaos

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// sharedSendLimits says whether the send limits are shared by the replicas
// (the global cap enforced in Redis, storage/ratelimit.go): then the most
// pushes in any second across the replicas must not exceed the cap. Off,
// each replica keeps its own cap and the test only prints the figure.
const sharedSendLimits = true

const (
	invitation = "问卷邀请"
	reminder   = "⏰ 提醒：问卷"
)

// reminders moves every replica's test clock past the questionnaire's
// reminder gap, twice, with the jobs due in between run, and checks
// that each person who had not submitted was reminded at most once a time
// and at least once in all.
func (w *world) reminders(all []*person) {
	t := w.t
	step := reminderGap + 5*time.Minute
	for k := 1; k <= 2; k++ {
		began := time.Now()
		var wg sync.WaitGroup
		for _, r := range w.replicas {
			r.offset += step
			wg.Add(1)
			go func() { defer wg.Done(); advance(t, r.ops, step) }()
		}
		wg.Wait()
		w.settle(reminder)
		t.Logf("reminder step %d: clocks moved %v in %v", k, step, time.Since(began).Round(time.Millisecond))
		for _, p := range all {
			if n := w.countMsgs(p, reminder); n > k {
				t.Errorf("user %d got %d questionnaire reminders after %d reminder gaps: a reminder went twice", p.u.ID, n, k)
			}
		}
	}
}

// settle waits until no new message containing marker has arrived for 3 s
// (pushes drain through the cap and the 429s).
func (w *world) settle(marker string) {
	last, quiet := -1, time.Now()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		n := 0
		for _, c := range w.emu.CallsTo("sendMessage") {
			if c.Status == 200 && strings.Contains(c.Params["text"], marker) {
				n++
			}
		}
		if n != last {
			last, quiet = n, time.Now()
		} else if time.Since(quiet) > 3*time.Second {
			return
		}
	}
}

func (w *world) countMsgs(p *person, marker string) int {
	n := 0
	for _, m := range w.emu.BotMessages(p.u.ID) {
		if strings.Contains(m.Text, marker) {
			n++
		}
	}
	return n
}

// maxPerSecond is the most calls in any one-second window, among the
// successful sendMessage calls whose text matches.
func (w *world) maxPerSecond(match func(string) bool) int {
	var at []time.Time
	for _, c := range w.emu.CallsTo("sendMessage") {
		if c.Status == 200 && match(c.Params["text"]) {
			at = append(at, c.Time)
		}
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	most, lo := 0, 0
	for hi := range at {
		for at[hi].Sub(at[lo]) >= time.Second {
			lo++
		}
		most = max(most, hi-lo+1)
	}
	return most
}
