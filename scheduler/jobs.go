package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/storage"
)

// Deps are what every feature's jobs work with. SurveyJobs, TalkJobs and
// CommitmentJobs embed them and add the feature's jobs as methods.
type Deps struct {
	Store  *storage.Store
	Engine *flows.Engine
	// Now is the clock a job reads to know whether it runs in quiet hours
	// (the engine's kit.Env.Quiet); nil means the tick's own time, for tests
	// that call a job for a tick.
	Now func() time.Time
	Log *slog.Logger
}

// notNow is the Later error of a job that reminds or digests when it runs
// in quiet hours — by the clock, not the tick: a tick caught up at 02:20
// waits too. Its tick then stays undone until they end, and the run then
// reads what is due afresh (a reminder to someone who answered in the
// night is not sent). Nil outside quiet hours.
func (d *Deps) notNow(tick time.Time) error {
	env := d.Engine.Env()
	now := d.now(tick).In(env.Location)
	if !env.Quiet.Contains(now) {
		return nil
	}
	return &Later{Until: env.Quiet.End(now), Why: "quiet hours"}
}

// now is the clock's time (the tick's own when Deps.Now is nil).
func (d *Deps) now(tick time.Time) time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return tick
}

// commit writes a job's results, each atomically on its own with its own
// conditions and without a chat session, in pipelined batches; results
// with neither effects nor outputs are skipped. A result whose condition
// failed was committed before (by another replica, an earlier run or a
// retry): it counts in already, not as an error. err is the first other
// failure; the next tick retries what it kept out, and the conditions keep
// each result once.
func (d *Deps) commit(ctx context.Context, now time.Time, results ...kit.Result) (sent, already int, err error) {
	cs := make([]storage.Commit, 0, len(results))
	for _, res := range results {
		if len(res.Effects) == 0 && len(res.Outputs) == 0 {
			continue
		}
		chat := int64(0) // names the commit in errors; a job commits no chat's session or replies
		if len(res.Outputs) > 0 {
			chat = res.Outputs[0].ChatID
		}
		cs = append(cs, storage.Commit{ChatID: chat, NoSession: true, Effects: res.Effects, Outputs: res.Outputs, Now: now})
	}
	if len(cs) == 0 {
		return 0, 0, nil
	}
	errs, err := d.Store.CommitBatch(ctx, cs)
	var first error
	for _, e := range errs {
		switch {
		case e == nil:
			sent++
		case errors.Is(e, storage.ErrConflict):
			already++
		case first == nil:
			first = e
		}
	}
	if err == nil {
		err = first
	}
	return sent, already, err
}
