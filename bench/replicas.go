package bench

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"sibu/storage"
)

// sharedCap is the global cap of the replicas scenario: Telegram's 30 msg/s,
// as configured by default.
const sharedCap = 30

// replicas measures several replicas on one Redis: three draining one
// broadcast under the shared cap (the busiest second at the emulator over
// all of them), and the intake+flow throughput of 1, 2 and 3 replicas.
func (e *env) replicas(ctx context.Context) error {
	if err := e.replicasCap(ctx); err != nil {
		return err
	}
	for n := 1; n <= 3; n++ {
		if err := e.replicasThroughput(ctx, n); err != nil {
			return err
		}
	}
	e.rep.note("replicas: the replicas run in the bench process, each with its own workers, pushers, poller (one polls at a time: the lease) and Redis client; on one machine the figure says what the shared state (leases, limits, streams) costs, not what more machines add.")
	return nil
}

// replicasCap has three replicas drain pushes at the shared cap and
// reports the most that reached the emulator in any one-second window.
func (e *env) replicasCap(ctx context.Context) error {
	prefix := e.prefix("replicas_cap")
	defer e.dropPrefix(context.WithoutCancel(ctx), prefix)
	emu := newEmu()
	defer emu.Close()
	pushes := min(e.p.pushes, 900)
	if e.p.quick {
		pushes = min(pushes, 150)
	}
	chats := min(e.p.users, pushes)
	ids := userIDs(pushUsers, chats)
	if err := confirmAll(ctx, emu, ids); err != nil {
		return err
	}
	saved := e.p.pushes
	e.p.pushes = pushes
	err := e.queuePushes(ctx, prefix, ids)
	e.p.pushes = saved
	if err != nil {
		return err
	}
	lim := e.limits(false, sharedCap)
	col := collectDeliveries(emu)
	var rs []*sibu
	for i := range 3 {
		r, err := e.startReplica(ctx, emu, prefix, lim, "replica"+strconv.Itoa(i))
		if err != nil {
			col.stop()
			return err
		}
		rs = append(rs, r)
	}
	limit := time.Duration(float64(pushes)/sharedCap*float64(time.Second))*3 + 30*time.Second
	for deadline := time.Now().Add(limit); time.Now().Before(deadline) && ctx.Err() == nil && col.count() < pushes; {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // late duplicates, if any
	for _, r := range rs {
		r.close()
	}
	d := summarise(col.stop(), func(d delivery) string { return d.text })
	sc := "replicas"
	e.rep.add(deliveredRow(sc, fmt.Sprintf("3 replicas, %d reminders to %d chats, delivered", pushes, chats),
		strconv.Itoa(len(d.firsts)), d, pushes))
	e.rep.add(peakRow(sc, fmt.Sprintf("3 replicas, shared cap: most sent in any 1-s window (cap %d)", sharedCap), d, sharedCap))
	e.rep.add(rateRow(sc, "3 replicas, shared cap: achieved rate", d, sharedCap))
	return nil
}

// replicasThroughput runs the intake+flow closed loop against n replicas
// on one prefix and reports updates/s.
func (e *env) replicasThroughput(ctx context.Context, n int) error {
	sc, err := e.usersScene(ctx, "replicas"+strconv.Itoa(n), intakeUsers, e.p.users, e.limits(true, 0))
	if err != nil {
		return err
	}
	defer sc.close()
	for i := 1; i < n; i++ {
		r, err := e.startReplica(ctx, sc.emu, sc.prefix, e.limits(true, 0), "replica"+strconv.Itoa(i))
		if err != nil {
			return err
		}
		defer r.close()
	}
	s, el, cpu := e.measureClosedLoop(ctx, sc, intakeUsers, demoScript)
	got := len(s.d)
	ups := float64(got) / el.Seconds()
	sub, err := e.rdb.SCard(ctx, storage.NewKeys(sc.prefix).SurveySubmitted(surveyID)).Result()
	if err != nil {
		return err
	}
	perUpdate := "n/a"
	if got > 0 {
		perUpdate = fmt.Sprintf("%.0f µs / %s", float64(cpu.self.Microseconds())/float64(got), redisCPU(cpu.redis, got, e.redisPID))
	}
	e.rep.add(Row{Scenario: "replicas", Figure: fmt.Sprintf("intake+flow throughput, %d replica(s), %d users × 7 updates", n, e.p.users),
		Value: fmt.Sprintf("%.0f updates/s", ups), Number: ups, Unit: "updates/s",
		Verdict: fmt.Sprintf("%d of %d responses; CPU/update bench / redis %s", sub, e.p.users, perUpdate) + failOr(s, "")})
	return nil
}
