package scheduler_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/scheduler"
	"sibu/storage"
)

// TestDeadLetterSummaryOncePerNews: the admins are told once of what was
// dead-lettered since they were last told; nothing new, nothing sent; in
// quiet hours the summary waits.
func TestDeadLetterSummaryOncePerNews(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root"})
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst, Quiet: quietHours,
		Admins: map[int64]bool{1: true, 2: true}}})
	jobs := &scheduler.RecordsJobs{Deps: scheduler.Deps{Store: store, Engine: eng}}
	k := store.Keys()
	deadLetter := func(n int, why string) { // as the records relay does
		for range n {
			rdb.XAdd(ctx, &redis.XAddArgs{Stream: k.OutboxDead(), Values: []any{"event", "{}", "error", why}})
			rdb.HIncrBy(ctx, k.OutboxDeadNews(), "count", 1)
			rdb.HSetNX(ctx, k.OutboxDeadNews(), "first_error", why)
			rdb.HSetNX(ctx, k.OutboxDeadNews(), "first_at", "2026-12-01T09:03:00+08:00")
		}
	}
	pushes := func() []kit.Output {
		var out []kit.Output
		for _, m := range rdb.XRange(ctx, k.Push(), "-", "+").Val() {
			var o kit.Output
			json.Unmarshal([]byte(m.Values["msg"].(string)), &o)
			out = append(out, o)
		}
		return out
	}

	deadLetter(40, "records system answered 503 Service Unavailable")
	if _, err := jobs.DeadLetters(ctx, at("2026-12-01 09:15")); err != nil {
		t.Fatal(err)
	}
	got := pushes()
	if len(got) != 2 || got[0].ChatID != 1 || got[1].ChatID != 2 {
		t.Fatalf("summary pushes %+v, want one to each admin", got)
	}
	for _, want := range []string{"09:03", "40 条", "现共 40 条", "503 Service Unavailable", "sibu replay"} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("summary lacks %q:\n%s", want, got[0].Text)
		}
	}
	jobs.DeadLetters(ctx, at("2026-12-01 09:30"))
	if n := len(pushes()); n != 2 {
		t.Errorf("nothing new, yet %d pushes in all", n)
	}
	deadLetter(5, "timeout")
	if _, err := jobs.DeadLetters(ctx, at("2026-12-01 23:00")); err == nil {
		t.Error("a summary in quiet hours was not deferred")
	}
	jobs.DeadLetters(ctx, at("2026-12-02 08:00"))
	if got := pushes(); len(got) != 4 || !strings.Contains(got[3].Text, "5 条") || !strings.Contains(got[3].Text, "现共 45 条") {
		t.Errorf("the next summary: %d pushes, last %q", len(got), got[len(got)-1].Text)
	}
}
