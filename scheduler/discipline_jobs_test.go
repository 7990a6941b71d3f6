package scheduler_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"sibu/anonymity"
	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/tipoff"
	"sibu/internal/redistest"
	"sibu/scheduler"
	"sibu/storage"
)

// TestTipoffReleaseTellsTheInspectorsAbove: a tip-off about a branch
// waits in the pool until its batch; the release tells the inspector of
// the unit above (not the branch's own), once, with no content.
func TestTipoffReleaseTellsTheInspectorsAbove(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	key, err := anonymity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	units := []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"}}
	store := storage.New(rdb, prefix, storage.Options{Units: units, Root: "root", Anonymity: key})
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Location: cst}, Tipoff: tipoff.Settings{MinBatch: 2}})
	ctx := context.Background()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, cst)
	for _, p := range []kit.Person{{ID: 25, Name: "赵纪检", Unit: "root", Role: kit.RoleInspector},
		{ID: 26, Name: "钱纪检", Unit: "b1", Role: kit.RoleInspector}} {
		if _, err := store.Commit(ctx, storage.Commit{ChatID: p.ID, NoSession: true, Now: at, Effects: []kit.Effect{join.MemberJoined{Person: p}}}); err != nil {
			t.Fatal(err)
		}
	}
	sent := tipoff.Submitted{Reporter: 31, Code: "3F45H3AHRZ6D", Tipoff: tipoff.Tipoff{Kind: tipoff.KindBribe, Unit: "b1",
		Text: "content_marker_z8", Day: "2026-11-25", Status: tipoff.StatusPooled}}
	if _, err := store.Commit(ctx, storage.Commit{ChatID: 31, NoSession: true, Now: at, Effects: []kit.Effect{sent}}); err != nil {
		t.Fatal(err)
	}
	jobs := &scheduler.DisciplineJobs{Deps: scheduler.Deps{Store: store, Engine: eng, Log: slog.New(slog.DiscardHandler)}}
	res, err := jobs.ReleaseTipoffs(ctx, at)
	if err != nil || res["released"] != 0 {
		t.Fatalf("one tip-off, batches of 2, same day: %v %v", res, err)
	}
	res, err = jobs.ReleaseTipoffs(ctx, at.Add(24*time.Hour))
	if err != nil || res["released"] != 1 || res["notices"] != 1 {
		t.Fatalf("the next day: %v %v", res, err)
	}
	pushes := rdb.XRange(ctx, storage.NewKeys(prefix).Push(), "-", "+").Val()
	if len(pushes) != 1 || !strings.Contains(pushes[0].Values["msg"].(string), `"chat_id":25`) ||
		strings.Contains(pushes[0].Values["msg"].(string), "content_marker") {
		t.Fatalf("pushes: %v", pushes)
	}
	if res, _ := jobs.ReleaseTipoffs(ctx, at.Add(25*time.Hour)); res["released"] != 0 {
		t.Fatalf("released twice: %v", res)
	}
}
