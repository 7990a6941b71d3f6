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
	// Quiet reports whether t falls in quiet hours. Jobs that remind send
	// nothing then; the first tick after them sends what waited.
	Quiet func(t time.Time) bool
	Log   *slog.Logger
}

// quiet reports whether tick falls in quiet hours, in the configured
// location.
func (d *Deps) quiet(tick time.Time) bool {
	return d.Quiet != nil && d.Quiet(tick.In(d.Engine.Env().Location))
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
