// Package scheduler runs the bot's cron jobs (due reminders, digests,
// non-respondent reminders, outbox statistics) so that each tick of each job
// runs once across all replicas sharing one Redis.
//
// A job is a function of the tick it runs for, returning a result map that is
// logged, mailroom style:
//
//	s := scheduler.New(rdb, keys, loc, scheduler.WallClock{}, log)
//	err := s.Add("outbox_stats", "@every 30s", func(ctx context.Context, tick time.Time) (map[string]any, error) {
//		n, err := outbox.Len(ctx)
//		return map[string]any{"pending": n}, err
//	})
//	err = s.Add("deadline_reminders", "0 9 * * *", reminders.Run, scheduler.WithCatchUp())
//	reg.MustRegister(s.Collectors()...)
//	err = s.Start(ctx)
//	defer s.Stop(shutdownCtx)
//
// # Ticks as leases
//
// A job's tick is its scheduled activation time, computed from the schedule
// and the scheduler's Clock: the latest activation at or before now. Replicas
// whose timers fire a few milliseconds apart therefore agree on the tick.
// Before running, an instance leases the tick with
// SET keys.Tick(job, tick) <instance id> NX PX <twice the job's timeout>;
// only the winner runs the job, the others log at debug level. A tick is
// done only when its run finished without error: the key then says
// "done:<instance id>" for two days (or three intervals of the schedule if
// longer) and keys.Prefix()+"sched:last:"+job moves forward to it. A run
// that fails, panics or times out gives its lease back; a replica that dies
// or hangs holding one lets it run out. Either way the tick is not done,
// and catch-up runs it again. If Redis cannot be reached the run is skipped
// and logged as an error: a missed tick, which catch-up repairs, is better
// than a double send. "@every d" ticks at multiples of d since the Unix
// epoch (robfig/cron's own @every counts from process start, which replicas
// would not agree on).
//
// # Wall clock, catch-up and demo clock
//
// Start runs jobs on robfig/cron timers in the scheduler's location, with
// cron.Recover and cron.SkipIfStillRunning, and Stop waits for running jobs.
// RunDue(ctx, now) runs whatever is due at now; Start calls it once at
// startup and then, every minute (WithCatchUpEvery), looks for ticks of
// jobs added WithCatchUp that are due and not done — one round trip per job
// when nothing is — and runs the latest of each: missing three daily ticks
// yields one run, not three. A demo clock drives the scheduler by moving its
// clock (Next tells where the next tick is) and calling RunDue.
//
// Every run has a timeout (WithTimeout, one minute by default), recovers from
// panics, is skipped if the job's previous run on this instance is still
// going, is logged with its result map, and is counted in
// sibu_scheduler_runs_total{job,outcome} (see Collectors).
//
// # Files
//
//   - scheduler.go: Job, its options, and the Scheduler's life: New, Add,
//     Start, Stop.
//   - run.go: what happens at a tick: the lease in Redis, catch-up, one
//     run with timeout and recovery, its Outcome, done or given back.
//   - spec.go: cron specs, epoch-aligned "@every", the latest tick at or
//     before a time.
//   - clock.go: WallClock and ManualClock.
//   - metrics.go: the Prometheus collectors.
//   - jobs.go: what the features' jobs share: Deps (store, engine, clock,
//     log), Deps.notNow (a reminding job in quiet hours defers its tick
//     until they end) and Deps.commit, the one way a job commits its
//     results.
//   - survey_jobs.go, talk_jobs.go, commitment_jobs.go: one file per
//     feature, its jobs as methods of a type embedding Deps, with a
//     Register that adds them to a Scheduler.
//   - discipline_jobs.go: the tip-offs' batch release with the inspectors'
//     notice, and the checklists' reminders.
//   - records_jobs.go: the officials' summary of dead-lettered records
//     events, once per period.
//   - research_jobs.go: the reminders of follow-ups assigned from
//     opinions, the day before the deadline and on the day.
//   - talk_invitee_jobs.go: the notices to the people being talked to:
//     invitations not answered, the day before a booked talk, the hour
//     before a phone talk.
//
// A feature's job reads what may be due, asks flows for the Results (the
// notices and their send-once effects), and commits them with Deps.commit;
// the pushes go out through bot's push stream. Nothing here sends.
package scheduler
