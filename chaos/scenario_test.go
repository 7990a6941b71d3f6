package chaos

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestChaos is the chaos suite (issue 14): see the package doc. CI runs one
// round with the records system down for 10 s; -soak d repeats rounds with
// new people until d has passed, the records system down a minute each.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos suite: not in -short")
	}
	p := plan{people: *people, sinkDown: 10 * time.Second, wait: 90 * time.Second}
	if *soak > 0 {
		p.sinkDown = time.Minute
	}
	began := time.Now()
	w := setUp(t, p)
	t.Logf("set up in %v: Redis (AOF, fsync always), emulator, sink, 3 replicas, forwarder", time.Since(began).Round(time.Millisecond))
	var all []*person
	for round := 0; round == 0 || (*soak > 0 && time.Since(began) < *soak); round++ {
		people := w.round(round)
		w.rounds++
		all = append(all, people...)
	}
	w.reminders(all)
	w.report(all, began)
}

// round invites and joins fresh people, opens the questionnaire (first
// round) and has most answer it and some declare a commitment, while the
// faults strike.
func (w *world) round(round int) []*person {
	t := w.t
	began := time.Now()
	people := make([]*person, w.plan.people)
	for i := range people {
		id := int64(10000 + round*w.plan.people + i)
		people[i] = newPerson(w.emu, id, chineseName(id), w.plan.wait)
	}
	codes := w.invite(len(people))
	faults := make(chan struct{})
	go func() { defer close(faults); w.faults(round) }()
	errs := w.each(people, func(i int, p *person) error { return p.join(codes[i]) })
	t.Logf("round %d: %d people joined in %v (%d stuck)", round, len(people)-len(errs), time.Since(began).Round(time.Millisecond), len(errs))
	if round == 0 {
		w.admin.send("/survey open demo")
		if _, err := w.admin.expect("已发放给"); err != nil {
			t.Errorf("open the questionnaire: %v", err)
		}
	}
	errs = w.each(people, func(i int, p *person) error {
		switch {
		case i%10 == 9: // a tenth declare a commitment, three lines sent at once
			return p.declareBurst()
		case i%5 == 4: // another tenth never answer: they are reminded
			return nil
		case round == 0:
			if _, err := p.expect("问卷邀请"); err != nil {
				return err
			}
			return p.answerSurvey()
		}
		return nil
	})
	<-faults
	n := min(reviews, 2*(len(people)/10)) // 审: the committee passes some of the items declared
	if err := w.admin.approve(n); err != nil {
		t.Errorf("review: %v", err)
	}
	w.approvals += n
	t.Logf("round %d: answering and declaring done in %v (%d stuck)", round, time.Since(began).Round(time.Millisecond), len(errs))
	return people
}

// reviews is how many declared items the admin approves in a round.
const reviews = 6

// each runs f for every person at once and returns the errors.
func (w *world) each(people []*person, f func(int, *person) error) []error {
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(i, p); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if i < 5 {
			w.t.Errorf("%v", err)
		}
	}
	return errs
}

// invite has the officials send n /invite between them, all at once, and
// returns the codes (each chat's replies keep its order).
func (w *world) invite(n int) []string {
	k := len(w.inviters)
	seen := make([]int, k) // replies come between the /invite lines
	for i, p := range w.inviters {
		seen[i] = p.seen
	}
	for i := range n {
		w.inviters[i%k].send("/invite")
	}
	for i, p := range w.inviters {
		p.seen = seen[i]
	}
	codes := make([]string, n)
	errs := w.each(w.inviters, func(j int, p *person) error {
		for i := j; i < n; i += k {
			m, err := p.expect("?start=")
			if err != nil {
				return err
			}
			codes[i] = startCode.FindStringSubmatch(m.Text)[1]
		}
		return nil
	})
	if len(errs) > 0 {
		var got []string
		for _, m := range w.emu.Messages(w.inviters[0].u.ID) {
			got = append(got, fmt.Sprintf("#%d bot=%v %q", m.ID, m.FromBot, m.Text))
		}
		w.t.Fatalf("invitations: %v\nBot API calls: %v, webhook forwarded %d retried %d failed %d\n%s", errs[0], w.emu.Counts(),
			w.fwd.forwarded.Load(), w.fwd.retried.Load(), w.fwd.failed.Load(), strings.Join(got, "\n"))
	}
	return codes
}

// faults strikes during a round: kill -9 of replica 2 and its restart,
// the records system down, a Redis restart. Replica 3's clock is ahead and
// the emulator answers 429 to a tenth of the sends all along.
func (w *world) faults(round int) {
	t := w.t
	r := w.replicas[1]
	time.Sleep(2 * time.Second)
	t.Logf("round %d fault: kill -9 %s", round, r.name)
	r.kill()
	time.Sleep(3 * time.Second)
	r.start()
	t.Logf("round %d fault: %s restarted; records system answers 503 for %v", round, r.name, w.plan.sinkDown)
	w.sink.down.Store(true)
	time.Sleep(2 * time.Second)
	t.Logf("round %d fault: Redis kill -9 and restart", round)
	w.redis.Kill()
	time.Sleep(2 * time.Second)
	w.redis.Start()
	time.Sleep(w.plan.sinkDown - 4*time.Second)
	w.sink.down.Store(false)
	t.Logf("round %d fault: records system back", round)
}

// chineseName is a real-looking name for person id (names with digits are
// refused as not a real name).
func chineseName(id int64) string {
	family := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	given := []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰")
	n := int(id)
	return string(family[n%len(family)]) + string(given[(n/len(family))%len(given)]) + string(given[(n/7)%len(given)])
}
