package storage_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
)

const openOnceSurvey = `{
  "campaign": {"units": ["root"]},
  "survey": {"title": "满意度", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "总体", "choices": ["满意", "不满意"]}]}
}`

// TestSurveyOpensOnce (issue 12, finding 6): two opens of one questionnaire
// decided on the same reads — two officials at once, or an official and
// the opens_at job — commit once: each member is issued it once (one
// invitation, the unit's issued count once), and there is one
// survey.opened event. The open that lost the race is run again on fresh
// reads and finds nobody new: it issues nothing and records nothing.
func TestSurveyOpensOnce(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	for _, id := range []int64{11, 12, 13} {
		p := kit.Person{ID: id, Name: "党员", Unit: "root", Role: kit.RoleMember, JoinedAt: now}
		if _, err := s.Commit(ctx, storage.Commit{ChatID: id, NoSession: true, Now: now, Effects: []kit.Effect{join.MemberJoined{Person: p}}}); err != nil {
			t.Fatal(err)
		}
	}
	sv, err := survey.Parse("demo", []byte(openOnceSurvey), now.Location())
	if err != nil {
		t.Fatal(err)
	}
	engine := flows.NewEngine(flows.Env{Env: kit.Env{Units: []kit.Unit{{ID: "root", Name: "区委"}}, Root: "root",
		Admins: map[int64]bool{1: true, 2: true}}, Surveys: map[string]*survey.Survey{"demo": sv}})
	open := func(official int64) storage.Commit {
		in := kit.Input{Kind: kit.InputCommand, ChatID: official, UserID: official, Private: true, Command: "survey", Args: "open demo"}
		res, err := engine.Step(flows.Session{}, in, now, s.Directory(ctx))
		if err != nil {
			t.Fatal(err)
		}
		return storage.Commit{ChatID: official, Session: res.Session, Effects: res.Effects, Outputs: res.Outputs, Now: now}
	}
	job, err := engine.Survey().Open("demo", now, s.Directory(ctx))
	if err != nil {
		t.Fatal(err)
	}
	first, second := open(1), open(2) // both read the questionnaire as a draft
	byJob := storage.Commit{ChatID: 0, NoSession: true, Effects: job.Effects, Outputs: job.Outputs, Now: now}
	if _, err := s.Commit(ctx, first); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]storage.Commit{"second official": second, "opens_at job": byJob} {
		if _, err := s.Commit(ctx, c); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("%s's open, decided on the same reads, committed too: %v", name, err)
		}
	}
	again := open(2) // the second official's step, run again on fresh reads
	if len(again.Effects) != 0 {
		t.Errorf("an open with nobody new records %v", again.Effects)
	}
	if _, err := s.Commit(ctx, again); err != nil {
		t.Fatal(err)
	}
	if n := rdb.SCard(ctx, k.SurveyIssued("demo")).Val(); n != 3 {
		t.Errorf("issued to %d, want 3", n)
	}
	if n := rdb.HGet(ctx, k.SurveyUnitIssued("demo"), "root").Val(); n != "3" {
		t.Errorf("the unit's issued count is %s, want 3", n)
	}
	if n := rdb.XLen(ctx, k.Push()).Val(); n != 3 {
		t.Errorf("%d invitations pushed, want 3", n)
	}
	opened := 0
	for _, m := range rdb.XRange(ctx, k.Outbox(), "-", "+").Val() {
		if strings.Contains(m.Values["event"].(string), `"sibu.survey.opened"`) {
			opened++
		}
	}
	if opened != 1 {
		t.Errorf("%d survey.opened events, want 1", opened)
	}
}

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

// TestPoolsOfAnyQuestionnaireListed (issue 12, finding 10): the release
// finds the pooled anonymous responses of every questionnaire that has
// some, also of one removed from the configuration since, and takes it off
// the list once its pool is empty.
func TestPoolsOfAnyQuestionnaireListed(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	k := s.Keys()
	rdb.HSet(ctx, k.Survey("removed"), "status", string(survey.StatusOpen))
	for u := int64(1); u <= survey.DefaultMinGroup; u++ {
		r := survey.ResponseSubmitted{SurveyID: "removed", Version: "v1", Respondent: u, Anonymous: true,
			Answers: map[string]any{"q": "a"}, At: now}
		if _, err := s.Commit(ctx, storage.Commit{ChatID: u, NoSession: true, Now: now, Effects: []kit.Effect{r}}); err != nil {
			t.Fatal(err)
		}
	}
	if ids, err := s.PooledSurveys(ctx); err != nil || len(ids) != 1 || ids[0] != "removed" {
		t.Fatalf("pooled questionnaires %v, %v; want the removed one", ids, err)
	}
	r, err := s.ReleaseAnonymous(ctx, "removed", survey.DefaultMinGroup)
	if err != nil || r.Released != survey.DefaultMinGroup {
		t.Fatalf("released %+v, %v; want the whole pool", r, err)
	}
	if ids, _ := s.PooledSurveys(ctx); len(ids) != 0 {
		t.Errorf("still listed after its pool emptied: %v", ids)
	}
	if n := rdb.Exists(ctx, k.SurveyPool("removed"), k.SurveysPooled()).Val(); n != 0 {
		t.Errorf("%d of the pool and the list left", n)
	}
}
