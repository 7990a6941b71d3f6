package bench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/scheduler"
	"sibu/storage"
)

// commitmentSizes are the items stored and, of them, the items due.
func (p params) commitmentSizes() (items, due int) {
	if p.quick {
		return 50_000, 1_000
	}
	return 1_000_000, 10_000
}

// commitments measures a million public commitment items stored in the key
// format storage uses (item hashes, owner/unit/due sorted sets, counters),
// of which 10,000 have a reminder stage due now: the hourly reminder job
// (scheduler.CommitmentJobs.Reminders) finds them through the due set and
// queues one push each, committed with its once-only claim; then the bot's
// sender drains the pushes to the emulator under the global cap.
func (e *env) commitments(ctx context.Context) error {
	prefix := e.prefix("commit")
	now := time.Now()
	org := newCommitmentOrg(e.p)
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: botUsername, Units: org.units, Root: "root",
		Admins: map[int64]bool{adminID: true}, Location: e.cfg.Location}, Commitment: e.cfg.Commitment.Settings()})
	org.horizon = engine.Commitment().Settings.Horizon()
	if err := e.populateCommitments(ctx, prefix, org, kit.DayOf(now, e.cfg.Location)); err != nil {
		return err
	}
	store := storage.New(e.rdb, prefix, storage.Options{Units: org.units, Root: "root", Anonymity: e.key})
	// Find: the due-set read the reminder job starts with, as far ahead as
	// the feature says.
	find, err := e.timeFind(ctx, store, engine.Commitment().RemindBefore(now), org)
	if err != nil {
		return err
	}
	jobs := &scheduler.CommitmentJobs{Deps: scheduler.Deps{Store: store, Engine: engine, Log: e.log}}
	sent, err := e.timeReminders(ctx, jobs, find, org)
	if err != nil {
		return err
	}
	return e.drainCommitments(ctx, prefix, org, sent)
}

// populateCommitments seeds the items and their people, and adds the row of
// how long that took and how much Redis memory it used.
func (e *env) populateCommitments(ctx context.Context, prefix string, org commitmentOrg, today time.Time) error {
	t0 := time.Now()
	memBefore := e.usedMemory(ctx)
	if err := e.seedCommitments(ctx, prefix, org, today); err != nil {
		return err
	}
	mem := e.usedMemory(ctx) - memBefore
	e.rep.add(Row{Scenario: "commitments", Figure: fmt.Sprintf("populate %d items (%d owners, %d branches), pipelined", org.items, org.owners, org.branches),
		Value:   time.Since(t0).Round(10 * time.Millisecond).String(),
		Verdict: fmt.Sprintf("Redis +%.0f MB = %.0f B per item (people included, no history)", float64(mem)/1e6, float64(mem)/float64(org.items))})
	return nil
}

// timeFind times the due-set read (items due before before) seven times and
// adds the row of its median and maximum; it returns the median.
func (e *env) timeFind(ctx context.Context, store *storage.Store, before time.Time, org commitmentOrg) (time.Duration, error) {
	var finds []time.Duration
	found := 0
	for i := 0; i < 7; i++ {
		t := time.Now()
		items, err := store.DueBefore(ctx, before)
		if err != nil {
			return 0, err
		}
		finds = append(finds, time.Since(t))
		found = len(items)
	}
	slices.Sort(finds)
	find := finds[len(finds)/2]
	e.rep.add(Row{Scenario: "commitments", Figure: fmt.Sprintf("find the items due among %d (due set + their hashes), median / max of %d", org.items, len(finds)),
		Value: fmt.Sprintf("%s / %s, %d found", ms(find), ms(finds[len(finds)-1]), found), Number: msf(find), Unit: "ms",
		Goal: "≤ 200 ms", Verdict: verdict(msf(find), 200, false) + okIf(found != org.due, false)})
	return find, nil
}

// timeReminders runs the reminder job as the cron runs it, then once more
// (a replica, a retry, the next hour: every claim holds), and adds a row
// for each run. It returns how many reminders the first run queued.
func (e *env) timeReminders(ctx context.Context, jobs *scheduler.CommitmentJobs, find time.Duration, org commitmentOrg) (int, error) {
	tick := time.Now()
	t := time.Now()
	res, err := jobs.Reminders(ctx, tick)
	if err != nil {
		return 0, fmt.Errorf("reminder job: %w", err)
	}
	total := time.Since(t)
	sent, _ := res["sent"].(int)
	queue := total - find
	e.rep.add(Row{Scenario: "commitments", Figure: "reminder job: find + queue (stage, supervisors from the leads index, blocked set; claim + event + push per reminder, 250 per script call)",
		Value: fmt.Sprintf("%s, %d queued", ms(total), sent), Number: msf(total), Unit: "ms",
		Goal: "≤ 200 ms", Verdict: fmt.Sprintf("queue ≈ %s = %.0f µs per reminder — %s%s",
			ms(queue), float64(queue.Microseconds())/float64(max(sent, 1)), verdict(msf(total), 200, false), okIf(sent != org.due, false))})

	t = time.Now()
	res, err = jobs.Reminders(ctx, tick.Add(time.Minute))
	if err != nil {
		return 0, fmt.Errorf("reminder job again: %w", err)
	}
	again := time.Since(t)
	resent, _ := res["sent"].(int)
	already, _ := res["already_sent"].(int)
	e.rep.add(Row{Scenario: "commitments", Figure: "the job again (replica or next tick): sent / already sent",
		Value: fmt.Sprintf("%d / %d in %s", resent, already, ms(again)), Goal: fmt.Sprintf("0 / %d", sent),
		Verdict: verdict(float64(resent), 0, false)})
	return sent, nil
}

// drainCommitments starts the bot on the queued reminders and measures its
// sender: delivered, rate against the cap, most in any one-second window.
func (e *env) drainCommitments(ctx context.Context, prefix string, org commitmentOrg, queued int) error {
	emu := newEmu()
	defer emu.Close()
	ids := make([]int64, org.due)
	for j := range ids {
		ids[j] = ownerOf(org.dueIndex(j))
	}
	if err := confirmAll(ctx, emu, ids); err != nil {
		return err
	}
	capRate := e.p.pushCap
	got, took, err := e.drain(ctx, emu, prefix, e.limits(false, capRate), queued)
	if err != nil {
		return err
	}
	d := summarise(got, func(d delivery) int64 { return d.chat })
	r := e.rep
	r.add(deliveredRow("commitments", fmt.Sprintf("reminders delivered to %d owners by the bot's sender", org.due),
		fmt.Sprintf("%d in %s", len(d.firsts), took.Round(100*time.Millisecond)), d, queued))
	r.add(rateRow("commitments", "sender's achieved rate", d, capRate))
	r.add(peakRow("commitments", "most reminders sent in any 1-s window", d, capRate))
	r.note("commitments: %d of the %d items have a reminder stage due (deadlines today to %d days ahead, one owner each, no one overdue, so one push per item); the others are due %d–365 days ahead and all sit in the due set. The drain runs at a global cap raised from the configured %.0f to %.0f msg/s, so %d reminders take ~%.0f s instead of ~%.0f s.",
		org.due, org.items, org.horizon, org.horizon+1, e.cfg.Telegram.Limits.GlobalPerSecond, capRate, queued, float64(queued)/capRate,
		float64(queued)/e.cfg.Telegram.Limits.GlobalPerSecond)
	return nil
}
