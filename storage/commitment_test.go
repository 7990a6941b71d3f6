package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"

	"github.com/redis/go-redis/v9"
)

func commitEffects(t *testing.T, s *storage.Store, effs ...kit.Effect) error {
	t.Helper()
	_, err := s.Commit(context.Background(), storage.Commit{NoSession: true, Now: now, Effects: effs})
	return err
}

func TestCommitmentLifecycleIndexesAndEvents(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	dir := s.Directory(ctx).(commitment.Reader)
	loc := time.FixedZone("CST", 8*3600)
	c := commitment.Item{ID: "x1", Owner: 31, OwnerName: "张三", Unit: "b1", DeclaredBy: 31, Period: "2026",
		Content: "加装路灯", Measures: "跟进施工", Deadline: "2026-12-20", Status: commitment.StatusReview, Level: 1, Created: now, Updated: now}
	entry := commitment.Entry{At: now, By: 31, What: "declared"}
	if err := commitEffects(t, s, commitment.Declared{Change: commitment.Change{Item: c, Entry: entry}}); err != nil {
		t.Fatal(err)
	}
	// Declaring the same id again fails its condition.
	if err := commitEffects(t, s, commitment.Declared{Change: commitment.Change{Item: c}}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second declaration: %v, want conflict", err)
	}
	got, ok, err := dir.Commitment("x1")
	if err != nil || !ok || got.Rev != 1 || got.Content != "加装路灯" {
		t.Fatalf("Commitment = %+v %v %v", got, ok, err)
	}
	if p, _ := dir.PendingReviews(); len(p) != 1 {
		t.Fatalf("pending %d, want 1", len(p))
	}
	// Approve to active, with 公示 following in the same commit.
	c.Status, c.Level = commitment.StatusActive, 0
	err = commitEffects(t, s,
		commitment.Approved{Change: commitment.Change{Item: c, Prev: 1, From: commitment.StatusReview, Entry: commitment.Entry{By: 10, Text: "ok"}}},
		commitment.Published{Change: commitment.Change{Item: c, Prev: 2, Follows: true, From: commitment.StatusActive}})
	if err != nil {
		t.Fatal(err)
	}
	// A stale revision loses.
	if err := commitEffects(t, s, commitment.Urged{Change: commitment.Change{Item: c, Prev: 1, From: commitment.StatusActive}}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("stale urge: %v, want conflict", err)
	}
	if p, _ := dir.PendingReviews(); len(p) != 0 {
		t.Fatalf("pending %d after approval, want 0", len(p))
	}
	counts, _ := dir.CommitmentCounts([]string{"b1", "root"})
	if counts[commitment.StatusActive] != 1 || counts[commitment.StatusReview] != 0 {
		t.Fatalf("counts %v", counts)
	}
	mine, _ := dir.CommitmentsOf(31)
	unit, _ := dir.UnitCommitments("b1")
	if len(mine) != 1 || len(unit) != 1 || mine[0].Rev != 3 {
		t.Fatalf("indexes: owner %v unit %v", mine, unit)
	}
	// The due set answers by day.
	for day, want := range map[string]int{"2026-12-20": 0, "2026-12-21": 1} {
		d, _ := time.ParseInLocation("2006-01-02", day, loc)
		due, err := dir.DueBefore(d)
		if err != nil || len(due) != want {
			t.Errorf("DueBefore(%s) = %d items, %v; want %d", day, len(due), err, want)
		}
	}
	// A reminder stage goes once.
	rem := commitment.ReminderSent{ItemID: "x1", Key: "2026-12-20:d7:31", Stage: "d7", To: 31, Deadline: "2026-12-20"}
	if err := commitEffects(t, s, rem); err != nil {
		t.Fatal(err)
	}
	if err := commitEffects(t, s, rem); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second reminder: %v, want conflict", err)
	}
	// Fulfilled leaves the due set.
	c.Status = commitment.StatusFulfilled
	if err := commitEffects(t, s, commitment.Fulfilled{Change: commitment.Change{Item: c, Prev: 3, From: commitment.StatusActive,
		Entry: commitment.Entry{By: 31, Text: "done", File: &kit.File{Kind: "photo", ID: "AgAC1"}}}}); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueBefore(ctx, time.Date(2030, 1, 1, 0, 0, 0, 0, loc)); len(due) != 0 {
		t.Fatalf("fulfilled item still due")
	}
	log, _ := dir.CommitmentLog("x1")
	var whats []string
	for _, e := range log {
		whats = append(whats, e.What)
	}
	if want := "declared approved published fulfilled"; joinWords(whats) != want {
		t.Fatalf("log %q, want %q", joinWords(whats), want)
	}
	// Records events: one per transition, reminders included.
	var types []string
	for _, ev := range outboxEvents(t, rdb, s) {
		types = append(types, ev.Type)
		if ev.Type == "sibu.commitment.fulfilled" && ev.Data["evidence"] == nil {
			t.Errorf("fulfilled event without evidence: %v", ev.Data)
		}
	}
	want := "sibu.commitment.declared sibu.commitment.approved sibu.commitment.published sibu.commitment.reminder.sent sibu.commitment.fulfilled"
	if joinWords(types) != want {
		t.Fatalf("events %q\nwant %q", joinWords(types), want)
	}
}

func TestEvalRoundOpenOnceAndMarks(t *testing.T) {
	s, _ := newStore(t)
	dir := s.Directory(context.Background()).(commitment.Reader)
	r := commitment.Round{ID: "b1-1", Unit: "b1", Period: "2026", OpenedBy: 1, OpenedAt: now}
	if err := commitEffects(t, s, commitment.RoundOpened{Round: r}); err != nil {
		t.Fatal(err)
	}
	if err := commitEffects(t, s, commitment.RoundOpened{Round: r}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second open: %v", err)
	}
	for _, m := range []commitment.Marked{
		{Round: "b1-1", Item: "x1", Kind: "g", By: 10, Value: "好"},
		{Round: "b1-1", Item: "x1", Kind: "v", By: 32, Value: "y"},
		{Round: "b1-1", Item: "x1", Kind: "v", By: 33, Value: "n"},
		{Round: "b1-1", Item: "x1", Kind: "v", By: 33, Value: "y"}, // changed their mind
		{Round: "b1-1", Item: "x1", Kind: "s", By: 31, Value: "已完成", At: now},
		{Round: "b1-1", Item: "x1", Kind: "o", By: 50, Value: "较好"}, // 履诺监督员, kept by person
		{Round: "b1-1", Item: "x1", Kind: "o", By: 51, Value: "差"},
	} {
		if err := commitEffects(t, s, m); err != nil {
			t.Fatal(err)
		}
	}
	marks, _ := dir.EvalMarks("b1-1")
	if marks.Grades["x1"] != "好" || len(marks.Votes["x1"]) != 2 || !marks.Votes["x1"][33] || marks.Reports["x1"] != "已完成" {
		t.Fatalf("marks %+v", marks)
	}
	if ops := marks.Opinions["x1"]; len(ops) != 2 || ops[50] != "较好" || ops[51] != "差" {
		t.Fatalf("monitors' opinions %+v (the supervisors' grade must stay apart)", ops)
	}
	got, ok, _ := dir.EvalRound("b1")
	if !ok || got.ID != "b1-1" {
		t.Fatalf("round %+v %v", got, ok)
	}
	if err := commitEffects(t, s, commitment.RoundClosed{Round: r, By: 1}); err != nil {
		t.Fatal(err)
	}
	if err := commitEffects(t, s, commitment.RoundClosed{Round: r, By: 1}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second close: %v", err)
	}
	if _, ok, _ := dir.EvalRound("b1"); ok {
		t.Fatal("round still open")
	}
}

// recordsEvent is a records event as the outbox holds it.
type recordsEvent struct {
	Type string         `json:"type"`
	Time string         `json:"time"`
	Data map[string]any `json:"data"`
}

// outboxEvents decodes the outbox, oldest first.
func outboxEvents(t *testing.T, rdb redis.UniversalClient, s *storage.Store) []recordsEvent {
	t.Helper()
	evs, err := rdb.XRange(context.Background(), s.Keys().Outbox(), "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]recordsEvent, len(evs))
	for i, e := range evs {
		json.Unmarshal([]byte(e.Values["event"].(string)), &out[i])
	}
	return out
}

func joinWords(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

// A round's satisfaction questionnaire: one response per person per round,
// counted in the round's figure, apart from the campaign's "who has
// answered"; the close is decided on a figure no response has changed
// since, and earlier rounds' responses are kept.
func TestEvalRoundSurveyScope(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	dir := s.Directory(ctx)
	pr := dir.(commitment.Reader)
	r1 := commitment.Round{ID: "b1-1", Unit: "b1", Period: "2026", OpenedBy: 1, OpenedAt: now, Survey: "manyi"}
	if err := commitEffects(t, s, commitment.RoundOpened{Round: r1}); err != nil {
		t.Fatal(err)
	}
	resp := func(round string, user int64, satisfied, answered bool) survey.ResponseSubmitted {
		v := "不满意"
		if satisfied {
			v = "满意"
		}
		return survey.ResponseSubmitted{SurveyID: "manyi", Version: "v1", Respondent: user, Unit: "b1",
			Answers: map[string]any{"overall": v}, Satisfied: satisfied, SatisfiedAnswered: answered, At: now, Round: round}
	}
	for _, r := range []survey.ResponseSubmitted{resp("b1-1", 32, true, true), resp("b1-1", 33, false, true), resp("b1-1", 34, false, false)} {
		if err := commitEffects(t, s, r); err != nil {
			t.Fatalf("response of %d: %v", r.Respondent, err)
		}
	}
	if err := commitEffects(t, s, resp("b1-1", 32, false, true)); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second response in the round: %v, want conflict", err)
	}
	got, err := pr.EvalSatisfaction("b1-1")
	if err != nil || got != (commitment.Satisfaction{Respondents: 3, Answered: 2, Satisfied: 1}) {
		t.Fatalf("figure %+v, %v", got, err)
	}
	if ok, _ := pr.EvalResponded("b1-1", 32); !ok {
		t.Fatal("32 not recorded as a respondent of the round")
	}
	// The round took those while the questionnaire's campaign was never
	// opened; the campaign's own "who has answered" is untouched: once
	// opened, 32 may still answer it, once.
	if done, _ := dir.Submitted("manyi", 32); done {
		t.Fatal("a round's response marked the campaign submitted")
	}
	if err := commitEffects(t, s, resp("", 32, true, true)); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("campaign response before the campaign opened: %v, want conflict", err)
	}
	if err := commitEffects(t, s, survey.Opened{SurveyID: "manyi", Version: "v1", By: 1, Issued: []int64{32}, Units: []string{"b1"}}); err != nil {
		t.Fatal(err)
	}
	if err := commitEffects(t, s, resp("", 32, true, true)); err != nil {
		t.Fatalf("campaign response after a round's: %v", err)
	}
	if err := commitEffects(t, s, resp("", 32, true, true)); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second campaign response: %v, want conflict", err)
	}
	// A close decided on a stale figure loses; on the current one it wins,
	// and the round takes no more answers.
	stale := commitment.Satisfaction{Survey: "manyi", Respondents: 2, Answered: 2, Satisfied: 1}
	if err := commitEffects(t, s, commitment.RoundClosed{Round: r1, By: 1, Satisfaction: &stale}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("close on a stale figure: %v, want conflict", err)
	}
	fig := commitment.Satisfaction{Survey: "manyi", Respondents: 3, Answered: 2, Satisfied: 1}
	if err := commitEffects(t, s, commitment.RoundClosed{Round: r1, By: 1, Results: map[string]int{"rectify": 1}, Satisfaction: &fig}); err != nil {
		t.Fatal(err)
	}
	if err := commitEffects(t, s, resp("b1-1", 35, true, true)); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("response after the close: %v, want conflict", err)
	}
	// The next round: 32 answers again; the first round's figure stays.
	r2 := commitment.Round{ID: "b1-2", Unit: "b1", Period: "2026", OpenedBy: 1, OpenedAt: now, Survey: "manyi"}
	if err := commitEffects(t, s, commitment.RoundOpened{Round: r2}); err != nil {
		t.Fatal(err)
	}
	if err := commitEffects(t, s, resp("b1-2", 32, false, true)); err != nil {
		t.Fatalf("32 in the next round: %v", err)
	}
	if f, _ := pr.EvalSatisfaction("b1-2"); f != (commitment.Satisfaction{Respondents: 1, Answered: 1}) {
		t.Fatalf("second round figure %+v", f)
	}
	if f, _ := pr.EvalSatisfaction("b1-1"); f != (commitment.Satisfaction{Respondents: 3, Answered: 2, Satisfied: 1}) {
		t.Fatalf("first round figure changed: %+v", f)
	}
	// Every response is kept with its round (3 + 1); the campaign's
	// responses and figures hold only its own one ("只计入本轮").
	rows, err := s.Responses(ctx, "manyi")
	if err != nil || len(rows) != 1 {
		t.Fatalf("campaign responses %d, %v; want 1", len(rows), err)
	}
	if st, _ := s.SurveyStats(ctx, "manyi", true); st.Submitted != 1 || st.Satisfied != 1 || st.SatisfiedAnswered != 1 {
		t.Fatalf("campaign figures include rounds: %+v", st.Counts)
	}
	for round, want := range map[string]int64{"b1-1": 3, "b1-2": 1} {
		if n, _ := rdb.HLen(ctx, s.Keys().CommitmentRoundResponses(round)).Result(); n != want {
			t.Fatalf("round %s keeps %d responses, want %d", round, n, want)
		}
	}
	// Records events carry the round and the figure.
	var seen []string
	for _, ev := range outboxEvents(t, rdb, s) {
		switch ev.Type {
		case "sibu.commitment.evaluation.opened":
			seen = append(seen, fmt.Sprintf("opened %v", ev.Data["survey_id"]))
		case "sibu.survey.response.submitted":
			seen = append(seen, fmt.Sprintf("response %v %v", ev.Data["respondent"], ev.Data["round_id"]))
		case "sibu.commitment.evaluation.closed":
			seen = append(seen, fmt.Sprintf("closed %v", ev.Data["satisfaction"]))
		}
	}
	want := "opened manyi|response 32 b1-1|response 33 b1-1|response 34 b1-1|response 32 <nil>|" +
		"closed map[answered:2 respondents:3 satisfied:1 survey_id:manyi]|opened manyi|response 32 b1-2"
	if got := strings.Join(seen, "|"); got != want {
		t.Fatalf("events\n%s\nwant\n%s", got, want)
	}
}

// TestAnonymousRoundResponseHidesTheRound: an anonymous round response
// whose unit was left out (a unit under min_group) does not name its round
// either (a round belongs to one unit); with the unit named, it does.
func TestAnonymousRoundResponseHidesTheRound(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	r := commitment.Round{ID: "b1-9", Unit: "b1", Period: "2026", OpenedBy: 1, OpenedAt: now, Survey: "manyi"}
	if err := commitEffects(t, s, commitment.RoundOpened{Round: r}); err != nil {
		t.Fatal(err)
	}
	for i, unit := range []string{"", "b1"} {
		if err := commitEffects(t, s, survey.ResponseSubmitted{SurveyID: "manyi", Version: "v1", Respondent: int64(40 + i), Unit: unit,
			Anonymous: true, Answers: map[string]any{"overall": "满意"}, Satisfied: true, SatisfiedAnswered: true, At: now, Round: r.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := rdb.XLen(ctx, s.Keys().Outbox()).Result(); n != 1 { // the round's opening only
		t.Fatalf("anonymous events went out before their release: %d", n)
	}
	if r, err := s.ReleaseAnonymous(ctx, "manyi", 1); err != nil || r.Released != 2 {
		t.Fatalf("release = %+v, %v", r, err)
	}
	msgs, _ := rdb.XRange(ctx, s.Keys().Outbox(), "-", "+").Result()
	var got []string
	for _, m := range msgs[1:] {
		var ev struct {
			Data map[string]any `json:"data"`
		}
		json.Unmarshal([]byte(m.Values["event"].(string)), &ev)
		got = append(got, fmt.Sprintf("unit=%v round=%v respondent=%v", ev.Data["unit"], ev.Data["round_id"], ev.Data["respondent"]))
	}
	slices.Sort(got)
	want := "[unit=<nil> round=<nil> respondent=<nil> unit=b1 round=b1-9 respondent=<nil>]"
	if fmt.Sprint(got) != want {
		t.Fatalf("events %v, want %s", got, want)
	}
}
