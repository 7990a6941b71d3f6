package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/scheduler"
	"sibu/storage"
)

const (
	// commitUsers is the first user id of the commitments scenario.
	commitUsers = 5_000_000
	// commitPerOwner and commitUnitSize shape the organisation: each owner
	// has 4 items (the seed's 2–5), each branch 50 owners and 1 secretary.
	commitPerOwner = 4
	commitUnitSize = 50
)

// commitmentSizes are the items stored and, of them, the items due.
func (p params) commitmentSizes() (items, due int) {
	if p.quick {
		return 50_000, 1_000
	}
	return 1_000_000, 10_000
}

// commitments: a million public commitment items stored in the key format
// storage uses (item hashes, owner/unit/due sorted sets, counters), of which
// 10,000 have a reminder stage due now; the hourly reminder job
// (scheduler.CommitmentJobs.Reminders) finds them through the due set and
// queues one push each, committed with its once-only claim; then the bot's
// sender drains the pushes to the emulator under the global cap.
func (e *env) commitments(ctx context.Context) error {
	prefix := e.prefix("commit")
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	n, due := e.p.commitmentSizes()
	loc := e.cfg.Location
	now := time.Now()
	today := dayIn(now, loc)
	owners := (n + commitPerOwner - 1) / commitPerOwner
	branches := (owners + commitUnitSize - 1) / commitUnitSize
	units := []kit.Unit{{ID: "root", Name: "县委"}}
	for b := 0; b < branches; b++ {
		units = append(units, kit.Unit{ID: branchID(b), Name: fmt.Sprintf("第%d党支部", b+1), Parent: "root"})
	}
	r := e.rep

	t0 := time.Now()
	memBefore := e.usedMemory(ctx)
	if err := e.seedCommitments(ctx, prefix, n, due, owners, branches, today); err != nil {
		return err
	}
	mem := e.usedMemory(ctx) - memBefore
	r.add(Row{Scenario: "commitments", Figure: fmt.Sprintf("populate %d items (%d owners, %d branches), pipelined", n, owners, branches),
		Value:   time.Since(t0).Round(10 * time.Millisecond).String(),
		Verdict: fmt.Sprintf("Redis +%.0f MB = %.0f B per item (people included, no history)", float64(mem)/1e6, float64(mem)/float64(n))})

	store := storage.New(e.rdb, prefix, storage.Options{Units: units, Root: "root", Anonymity: e.key})
	engine := flows.NewEngine(flows.Env{Env: kit.Env{BotUsername: botUsername, Units: units, Root: "root", Admins: map[int64]bool{adminID: true}, Location: loc}, Commitment: e.cfg.Promise.Settings()})
	jobs := &scheduler.CommitmentJobs{Deps: scheduler.Deps{Store: store, Engine: engine, Log: e.log}}

	// Find: the due-set read the job starts with, with the job's horizon
	// (the largest reminder stage, 7 days, plus the day itself).
	horizon := 7
	for _, d := range engine.Env().Commitment.Remind {
		horizon = max(horizon, d)
	}
	var finds []time.Duration
	found := 0
	for i := 0; i < 7; i++ {
		t := time.Now()
		items, err := store.DueBefore(ctx, today.AddDate(0, 0, horizon+1))
		if err != nil {
			return err
		}
		finds = append(finds, time.Since(t))
		found = len(items)
	}
	slices.Sort(finds)
	find := finds[len(finds)/2]
	r.add(Row{Scenario: "commitments", Figure: fmt.Sprintf("find the items due among %d (due set + their hashes), median / max of %d", n, len(finds)),
		Value: fmt.Sprintf("%s / %s, %d found", ms(find), ms(finds[len(finds)-1]), found), Number: msf(find), Unit: "ms",
		Goal: "≤ 200 ms", Verdict: verdict(msf(find), 200, false) + okIf(found != due, false)})

	// Find and queue: one run of the job as the cron runs it.
	tick := time.Now()
	t := time.Now()
	res, err := jobs.Reminders(ctx, tick)
	if err != nil {
		return fmt.Errorf("reminder job: %w", err)
	}
	total := time.Since(t)
	sent, _ := res["sent"].(int)
	queue := total - find
	r.add(Row{Scenario: "commitments", Figure: "reminder job: find + queue (stage, supervisors from the leads index, blocked set; claim + event + push per reminder, 250 per script call)",
		Value: fmt.Sprintf("%s, %d queued", ms(total), sent), Number: msf(total), Unit: "ms",
		Goal: "≤ 200 ms", Verdict: fmt.Sprintf("queue ≈ %s = %.0f µs per reminder — %s%s",
			ms(queue), float64(queue.Microseconds())/float64(max(sent, 1)), verdict(msf(total), 200, false), okIf(sent != due, false))})

	// A second tick (a replica, a retry, the next hour): every claim holds.
	t = time.Now()
	res2, err := jobs.Reminders(ctx, tick.Add(time.Minute))
	if err != nil {
		return fmt.Errorf("reminder job again: %w", err)
	}
	again := time.Since(t)
	resent, _ := res2["sent"].(int)
	already, _ := res2["already_sent"].(int)
	r.add(Row{Scenario: "commitments", Figure: "the job again (replica or next tick): sent / already sent",
		Value: fmt.Sprintf("%d / %d in %s", resent, already, ms(again)), Goal: fmt.Sprintf("0 / %d", sent),
		Verdict: verdict(float64(resent), 0, false)})

	return e.drainCommitments(ctx, prefix, due, sent)
}

// drainCommitments starts the bot on the queued reminders and measures its
// sender: delivered, rate against the cap, most in any one-second window.
func (e *env) drainCommitments(ctx context.Context, prefix string, due, queued int) error {
	emu := newEmu()
	defer emu.Close()
	ids := make([]int64, due)
	for j := range ids {
		ids[j] = ownerOf(dueIndex(j, e.p))
	}
	if err := confirmAll(ctx, emu, ids); err != nil {
		return err
	}
	col := collectDeliveries(emu)
	capRate := e.p.pushCap
	lim := e.limits(false, capRate)
	start := time.Now()
	s0, err := e.startSibu(ctx, emu, prefix, lim)
	if err != nil {
		col.stop()
		return err
	}
	limit := time.Duration(float64(queued)/capRate*float64(time.Second))*4 + 30*time.Second
	for deadline := time.Now().Add(limit); time.Now().Before(deadline) && ctx.Err() == nil; {
		k := col.count()
		if k >= queued {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	drained := time.Since(start)
	time.Sleep(200 * time.Millisecond) // late duplicates, if any
	s0.close()
	got := col.stop()

	perChat := map[int64]int{}
	dups := 0
	times := make([]time.Time, 0, len(got))
	for _, d := range got {
		perChat[d.chat]++
		if perChat[d.chat] > 1 {
			dups++
			continue
		}
		times = append(times, d.at)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	achieved := 0.0
	if len(times) > 1 {
		achieved = float64(len(times)-1) / times[len(times)-1].Sub(times[0]).Seconds()
	}
	maxWin := maxInWindow(times, time.Second)
	r := e.rep
	r.add(Row{Scenario: "commitments", Figure: fmt.Sprintf("reminders delivered to %d owners by the bot's sender", due),
		Value: fmt.Sprintf("%d in %s", len(times), drained.Round(100*time.Millisecond)), Number: float64(len(times)),
		Goal: fmt.Sprintf("= %d", queued), Verdict: okIf(true, len(times) == queued) + dupNote(dups)})
	r.add(Row{Scenario: "commitments", Figure: fmt.Sprintf("sender's achieved rate (cap %.0f msg/s)", capRate),
		Value: fmt.Sprintf("%.1f msg/s = %.3f × cap", achieved, achieved/capRate), Number: achieved, Unit: "msg/s",
		Goal: "≥ 0.95 × cap", Verdict: verdict(achieved/capRate, 0.95, true)})
	r.add(Row{Scenario: "commitments", Figure: "most reminders sent in any 1-s window", Value: strconv.Itoa(maxWin), Number: float64(maxWin),
		Goal: fmt.Sprintf("≤ %.0f (cap)", capRate), Verdict: verdict(float64(maxWin), capRate, false)})
	r.note("commitments: %d of the %d items have a reminder stage due (deadlines today to 7 days ahead, one owner each, no one overdue, so one push per item); the others are due 8–365 days ahead and all sit in the due set. The drain runs at a global cap raised from the configured %.0f to %.0f msg/s, so %d reminders take ~%.0f s instead of ~%.0f s.",
		due, e.p.commitmentSizesN(), e.cfg.Telegram.Limits.GlobalPerSecond, capRate, queued, float64(queued)/capRate,
		float64(queued)/e.cfg.Telegram.Limits.GlobalPerSecond)
	return nil
}

func (p params) commitmentSizesN() int { n, _ := p.commitmentSizes(); return n }

// seedCommitments stores n active items, as declared, approved and
// published, in the key format of storage/commitment.go (without their
// history lists): item i belongs to owner i/4 of branch owner/50; the items
// dueIndex(0…due-1) are due today to 7 days ahead, the others 8 to 365
// days ahead. Each branch has a secretary (supervisor).
func (e *env) seedCommitments(ctx context.Context, prefix string, n, due, owners, branches int, today time.Time) error {
	k := storage.NewKeys(prefix)
	joined := time.Now().UTC().Format(time.RFC3339)
	const batch = 2000
	for i := 0; i < owners+branches; i += batch {
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j := i; j < min(i+batch, owners+branches); j++ {
				id, unit, role := commitUsers+int64(j), branchID(j/commitUnitSize), kit.RoleMember
				if j >= owners { // the secretaries, after the owners
					id, unit, role = secretaryOf(j-owners), branchID(j-owners), kit.RoleSupervisor
				}
				p.HSet(ctx, k.Member(id), "name", "用户"+strconv.FormatInt(id, 10), "unit", unit, "role", string(role), "joined_at", joined)
				p.SAdd(ctx, k.UnitMembers(unit), id)
				if role == kit.RoleSupervisor || role == kit.RoleOfficial {
					p.SAdd(ctx, k.UnitLeads(unit), id)
				}
				p.SAdd(ctx, k.Members(), id)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("seed people: %w", err)
		}
	}
	isDue := make(map[int]int, due) // item index → days ahead
	for j := 0; j < due; j++ {
		isDue[dueIndex(j, e.p)] = j % 8
	}
	created := time.Now().Add(-30 * 24 * time.Hour)
	counts := map[string]int{}
	for i := 0; i < n; i += batch {
		var dueMembers []redis.Z
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j := i; j < min(i+batch, n); j++ {
				owner := ownerOf(j)
				unit := branchID(j / commitPerOwner / commitUnitSize)
				days, ok := isDue[j]
				if !ok {
					days = 8 + j%358
				}
				c := commitment.Item{ID: fmt.Sprintf("bc%07d", j), Owner: owner, OwnerName: "用户" + strconv.FormatInt(owner, 10),
					Unit: unit, DeclaredBy: owner, Period: today.Format("2006"),
					Content:  fmt.Sprintf("为辖区群众办实事 #%d：每月上门走访孤寡老人", j),
					Measures: "每月第一个周六上门，建立服务台帐", Source: "走访",
					Deadline: today.AddDate(0, 0, days).Format("2006-01-02"), Status: commitment.StatusActive,
					Created: created, Updated: created}
				d, err := json.Marshal(c)
				if err != nil {
					return err
				}
				at := float64(created.UnixMilli() + int64(j))
				p.HSet(ctx, k.CommitmentItem(c.ID), "rev", "4", "d", string(d))
				p.ZAdd(ctx, k.CommitmentOwner(owner), redis.Z{Score: at, Member: c.ID})
				p.ZAdd(ctx, k.CommitmentUnit(unit), redis.Z{Score: at, Member: c.ID})
				t, _ := time.Parse("2006-01-02", c.Deadline) // the due score: the day at 00:00 UTC
				dueMembers = append(dueMembers, redis.Z{Score: float64(t.Unix()), Member: c.ID})
				counts[unit]++
			}
			p.ZAdd(ctx, k.CommitmentDue(), dueMembers...)
			return nil
		})
		if err != nil {
			return fmt.Errorf("seed commitments: %w", err)
		}
	}
	_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for unit, c := range counts {
			p.HSet(ctx, k.CommitmentCounts(unit), string(commitment.StatusActive), c)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("seed commitment counts: %w", err)
	}
	return nil
}

// dueIndex is the item index of the j-th due item: spread evenly over the
// items, so every owner of a due item is a different person.
func dueIndex(j int, p params) int {
	n, due := p.commitmentSizes()
	return j * (n / due)
}

func ownerOf(item int) int64 { return commitUsers + int64(item/commitPerOwner) }

func secretaryOf(branch int) int64 { return commitUsers + 10_000_000 + int64(branch) }

func branchID(b int) string { return "cb" + strconv.Itoa(b) }

func dayIn(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}
