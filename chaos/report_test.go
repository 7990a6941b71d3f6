package chaos

import (
	"fmt"
	"strings"
	"time"
)

// report checks the run and prints its figures: every person's chat
// answers /help; nothing lost, nothing applied twice; invitations and
// reminders once; records delivered, no fact under two ids; the push cap.
func (w *world) report(all []*person, began time.Time) {
	t := w.t
	helpErrs := w.each(all, func(_ int, p *person) error { return p.script("> /help", "/promise") })
	c := w.chats(all)
	submitted, askedTwice, resent, invitedWrong, reminded, remindable := c.submitted, c.askedTwice, c.resent, c.invitedWrong, c.reminded, c.remindable
	var responses, joined int
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(250 * time.Millisecond) { // the outbox drains after the 503s
		responses, joined = w.sink.count("sibu.survey.response.submitted"), w.sink.count("sibu.member.joined")
		if (responses >= submitted && joined >= len(all)) || time.Now().After(deadline) {
			break
		}
	}
	approved := w.sink.count("sibu.commitment.approved")
	events, twice := w.sink.facts()
	pushCap := w.maxPerSecond(func(s string) bool { return strings.Contains(s, invitation) || strings.Contains(s, reminder) })
	allSends := w.maxPerSecond(func(string) bool { return true })
	w.sink.mu.Lock()
	badSig, refused := w.sink.bad, w.sink.refused
	w.sink.mu.Unlock()
	w.rngMu.Lock()
	throttled := w.throttle
	w.rngMu.Unlock()
	lines := []string{
		fmt.Sprintf("chaos run: %d people, %d replicas, %v", len(all), len(w.replicas), time.Since(began).Round(time.Second)),
		fmt.Sprintf("updates lost (people without an answer to /help at the end): %d", len(helpErrs)),
		fmt.Sprintf("updates applied twice (a question asked twice in one chat): %d", askedTwice),
		fmt.Sprintf("replies sent twice in a row (at-least-once replies around kill -9): %d", resent),
		fmt.Sprintf("questionnaire responses: %d people saw 已提交, %d records events; members joined: %d events for %d people", submitted, responses, joined, len(all)),
		fmt.Sprintf("commitments: %d declared, %d approval events for %d presses of ✅ 通过", w.sink.count("sibu.commitment.declared"), approved, w.approvals),
		fmt.Sprintf("invitations: %d people with other than one; reminded: %d of %d who did not submit", invitedWrong, reminded, remindable),
		fmt.Sprintf("records: %d distinct events, %d facts under two ids, %d bad signatures, %d deliveries refused with 503", events, len(twice), badSig, refused),
		fmt.Sprintf("Bot API: %d sends answered 429; most pushes in any 1 s: %d (cap %d/s per deployment, shared limits %v); most sends of any kind in 1 s: %d", throttled, pushCap, w.limit, sharedSendLimits, allSends),
		fmt.Sprintf("forwarder: %d updates retried on another replica, %d refused by all (the emulator retried them)", w.fwd.retried.Load(), w.fwd.failed.Load()),
	}
	t.Log("\n" + strings.Join(lines, "\n"))
	if askedTwice != 0 || submitted != responses || joined != len(all) || len(twice) != 0 || badSig != 0 || events == 0 {
		t.Errorf("applied twice or lost: asked twice %d, responses %d in chats vs %d records, joined %d of %d, facts twice %v",
			askedTwice, submitted, responses, joined, len(all), twice)
	}
	if approved == 0 || approved > w.approvals { // an item passed by the branch may wait for the committee
		t.Errorf("%d approval events for %d presses of ✅ 通过", approved, w.approvals)
	}
	if reminded != remindable {
		t.Errorf("%d of %d people who did not submit were never reminded", remindable-reminded, remindable)
	}
	if sharedSendLimits && pushCap > w.limit {
		t.Errorf("%d pushes went out within one second across the replicas; the cap is %d/s", pushCap, w.limit)
	}
}

// chatFigures is what the chats show.
type chatFigures struct {
	submitted    int // people who saw 已提交 after answering
	askedTwice   int // a question shown twice in one chat
	resent       int // the same text twice in a row
	invitedWrong int // first-round people without exactly one invitation
	reminded     int // non-respondents reminded at least once
	remindable   int // first-round people who did nothing
}

// chats reads every person's chat.
func (w *world) chats(all []*person) (c chatFigures) {
	t := w.t
	for i, p := range all {
		msgs := w.emu.BotMessages(p.u.ID)
		seen := map[string]int{}
		for j, m := range msgs {
			if strings.HasPrefix(m.Text, "第 ") && strings.Contains(m.Text, "/4 题") {
				seen[m.Text[:len("第 1/4 题")]]++
			}
			if j > 0 && m.Text == msgs[j-1].Text && m.Text != "" {
				c.resent++
			}
		}
		if p.submitted {
			c.submitted++
		}
		for _, n := range seen {
			if n > 1 {
				c.askedTwice++
			}
		}
		if i < w.plan.people { // the first round's people were there when the questionnaire opened
			if n := w.countMsgs(p, invitation); n != 1 {
				c.invitedWrong++
				t.Errorf("user %d got %d questionnaire invitations, want 1", p.u.ID, n)
			}
			// Those who did nothing; a declarer's pushes of the day (approvals)
			// may have spent the attention budget, and their reminder folds
			// into the next digest.
			if i%5 == 4 && i%10 != 9 {
				c.remindable++
				if w.countMsgs(p, reminder) > 0 {
					c.reminded++
				}
			}
		}
	}
	return c
}
