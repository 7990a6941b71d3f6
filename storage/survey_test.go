package storage_test

import (
	"context"
	"testing"

	"sibu/flows"
	"sibu/storage"
)

// TestSurveyProgressMovesForwardOnly: an invitee's progress only moves to
// a later state, and each state entered is counted once, "submitted" not
// at all (the response counts it).
func TestSurveyProgressMovesForwardOnly(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	progress := func(user int64, status string) {
		t.Helper()
		ef := flows.SurveyProgress{SurveyID: "demo", User: user, Status: status}
		if _, err := s.Commit(ctx, storage.Commit{ChatID: user, NoSession: true, Now: now, Effects: []flows.Effect{ef}}); err != nil {
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
