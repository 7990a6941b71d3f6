package scheduler

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"
	"unicode/utf8"

	"sibu/flows/kit"
)

// maxErrorText bounds the first error quoted in a dead-letter summary.
const maxErrorText = 200

// RecordsJobs are the crons about the records system: a summary to the
// officials (the configured admins) of the events dead-lettered in the
// last period — how many, the first error, how to replay them — once per
// period rather than one message per event, so a records outage of an
// hour costs each official one message, not thousands. Not in quiet hours:
// the night's dead letters are summed up when they end.
type RecordsJobs struct{ Deps }

// Register adds dead_letters (every 15 minutes, caught up after downtime).
func (j *RecordsJobs) Register(s *Scheduler) error {
	return s.Add("dead_letters", "*/15 * * * *", j.DeadLetters, WithCatchUp())
}

// DeadLetters tells every admin what the dead-letter stream gained since
// they were last told, if anything.
func (j *RecordsJobs) DeadLetters(ctx context.Context, tick time.Time) (map[string]any, error) {
	if err := j.notNow(tick); err != nil {
		return map[string]any{"quiet_hours": true}, err
	}
	news, err := j.Store.DeadLetterNews(ctx)
	if err != nil || news.Count <= 0 {
		return map[string]any{"new": max(news.Count, 0)}, err
	}
	env := j.Engine.Env()
	first := news.FirstError
	if utf8.RuneCountInString(first) > maxErrorText {
		first = string([]rune(first)[:maxErrorText]) + "…"
	}
	text := kit.T("zh", kit.MsgDeadLetters, news.FirstAt.In(env.Location).Format("01-02 15:04"), news.Count, news.Waiting, first)
	var outs []kit.Output
	for _, id := range slices.Sorted(maps.Keys(env.Admins)) {
		outs = append(outs, kit.Output{Kind: kit.OutPush, ChatID: id, Text: text})
	}
	out := map[string]any{"new": news.Count, "waiting": news.Waiting, "told": len(outs)}
	if len(outs) > 0 {
		if _, _, err := j.commit(ctx, tick, kit.Result{Outputs: outs}); err != nil {
			return out, fmt.Errorf("dead-letter summary: %w", err) // the news stays for the retry
		}
	}
	return out, j.Store.DeadLettersTold(ctx, news.Count)
}
