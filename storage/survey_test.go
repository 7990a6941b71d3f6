package storage_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
)

// TestSurveyProgressMovesForwardOnly: an invitee's progress only moves to
// a later state, and each state entered is counted once, "submitted" not
// at all (the response counts it); the embedded Redis runs the script alike.
func TestSurveyProgressMovesForwardOnly(t *testing.T) {
	t.Run("redis", func(t *testing.T) {
		s, rdb := newStore(t)
		testProgress(t, s, rdb)
	})
	t.Run("embedded", func(t *testing.T) {
		rdb, closer, err := storage.Connect(context.Background(), "", slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer closer()
		testProgress(t, storage.New(rdb, "emb", storage.Options{Now: func() time.Time { return now }}), rdb)
	})
}

func testProgress(t *testing.T, s *storage.Store, rdb redis.UniversalClient) {
	ctx := context.Background()
	progress := func(user int64, status string) {
		t.Helper()
		ef := survey.Progress{SurveyID: "demo", User: user, Status: status}
		if _, err := s.Commit(ctx, storage.Commit{ChatID: user, NoSession: true, Now: now, Effects: []kit.Effect{ef}}); err != nil {
			t.Fatalf("%d %s: %v", user, status, err)
		}
	}
	steps := []struct {
		user   int64
		status string
		want   string // user 1's progress afterwards
		counts map[string]string
	}{
		{1, "opened", "opened", map[string]string{"opened": "1"}},
		{1, "opened", "opened", map[string]string{"opened": "1"}},
		{1, "started", "started", map[string]string{"opened": "1", "started": "1"}},
		{1, "opened", "started", map[string]string{"opened": "1", "started": "1"}},
		{2, "started", "started", map[string]string{"opened": "2", "started": "2"}},
		{1, "submitted", "submitted", map[string]string{"opened": "2", "started": "2"}},
		{1, "started", "submitted", map[string]string{"opened": "2", "started": "2"}},
		{3, "submitted", "submitted", map[string]string{"opened": "3", "started": "3"}},
	}
	for i, st := range steps {
		progress(st.user, st.status)
		if got := rdb.HGet(ctx, s.Keys().SurveyProgress("demo"), "1").Val(); got != st.want {
			t.Errorf("step %d: user 1 is %q, want %q", i, got, st.want)
		}
		got := rdb.HGetAll(ctx, s.Keys().SurveyCounts("demo")).Val()
		if len(got) != len(st.counts) || got["opened"] != st.counts["opened"] || got["started"] != st.counts["started"] {
			t.Errorf("step %d: counts = %v, want %v", i, got, st.counts)
		}
	}
}
