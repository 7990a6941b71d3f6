package storage_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"sibu/flows/commitment"
	"sibu/flows/survey"
	"sibu/storage"
)

// TestReleaseKeepsNeitherPersonNorTime releases a pool: each response is
// stored without respondent or day under a random id and sent as an event
// timed by the day only; a response sealed to another key stays pooled and
// is reported; a unit with fewer than min_group waits while the
// questionnaire is open and goes without its unit once it closed.
func TestReleaseKeepsNeitherPersonNorTime(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	const minGroup = 3
	rdb.HSet(ctx, s.Keys().Survey(anonSurveyID), "status", string(survey.StatusOpen))
	for i, unit := range []string{"b1", "b1", "b1", "", "b11", "b11", "root"} {
		if err := commitEffects(t, s, anonResponse(int64(600+i), unit, i%2 == 0)); err != nil {
			t.Fatal(err)
		}
	}
	foreign, _ := testKey(t).Seal([]byte(`{"v":"v1","a":{"overall":"sat_ok_aa1"}}`))
	rdb.SAdd(ctx, s.Keys().SurveyPool(anonSurveyID), foreign)

	r, err := s.ReleaseAnonymous(ctx, anonSurveyID, minGroup)
	if want := (storage.Released{Released: 4, Waiting: 3, Unreadable: 1}); err != nil || r != want {
		t.Fatalf("release = %+v, %v; want %+v (b1's three and the unitless one; b11 and root wait)", r, err, want)
	}
	docs, _ := rdb.HGetAll(ctx, s.Keys().SurveyResponses(anonSurveyID)).Result()
	for id, doc := range docs {
		var rec map[string]any
		json.Unmarshal([]byte(doc), &rec)
		for f := range rec {
			if f != "v" && f != "a" && f != "u" {
				t.Errorf("stored response %s keeps %q: %s", id, f, doc)
			}
		}
		if strings.HasPrefix(id, storage.NewID(now)[:6]) {
			t.Errorf("response id %s is made from the time", id)
		}
	}
	events := outboxEvents(t, rdb, s)
	if len(docs) != 4 || len(events) != 4 {
		t.Fatalf("stored %d responses and sent %d events, want 4 each", len(docs), len(events))
	}
	for _, ev := range events {
		if ev.Time != "2026-11-25T00:00:00Z" || ev.Data["respondent"] != nil {
			t.Errorf("event time %s, data %v", ev.Time, ev.Data)
		}
	}
	if n, _ := rdb.SCard(ctx, s.Keys().SurveyPool(anonSurveyID)).Result(); n != 4 {
		t.Errorf("pool keeps %d, want 4 (b11's two, root's one, the foreign one)", n)
	}

	// Closed: b11's two and root's one go together, without their units.
	rdb.HSet(ctx, s.Keys().Survey(anonSurveyID), "status", string(survey.StatusClosed))
	if r, err := s.ReleaseAnonymous(ctx, anonSurveyID, minGroup); err != nil || r.Released != 3 {
		t.Fatalf("release after the close = %+v, %v", r, err)
	}
	st, _ := s.SurveyStats(ctx, anonSurveyID, true)
	if st.Submitted != 7 || st.Pending != 1 || st.Units["b1\x1fsubmitted"] != 3 || st.Units["\x1fsubmitted"] != 4 ||
		st.Units["b11\x1fsubmitted"] != 0 || st.Units["root\x1fsubmitted"] != 0 {
		t.Errorf("figures = %+v", st)
	}
}

// TestRoundPoolCountsAtTheCloseAndReleasesLater: anonymous responses to an
// evaluation round's questionnaire are pooled like the campaign's; the
// round's figure (read at its close) opens the pool without releasing it,
// the close is refused when someone answered since that read, and the
// release counts the pool once and forgets the round.
func TestRoundPoolCountsAtTheCloseAndReleasesLater(t *testing.T) {
	s, rdb := newStore(t)
	ctx := context.Background()
	pr := s.Directory(ctx).(commitment.Reader)
	r := commitment.Round{ID: "b1-7", Unit: "b1", Period: "2026", OpenedBy: 1, OpenedAt: now, Survey: anonSurveyID}
	if err := commitEffects(t, s, commitment.RoundOpened{Round: r}); err != nil {
		t.Fatal(err)
	}
	answer := func(who int64, satisfied bool) {
		t.Helper()
		e := anonResponse(who, "b1", satisfied)
		e.Round = r.ID
		if err := commitEffects(t, s, e); err != nil {
			t.Fatal(err)
		}
	}
	answer(71, true)
	answer(72, false)
	fig, err := pr.EvalSatisfaction(r.ID)
	if want := (commitment.Satisfaction{Respondents: 2, Answered: 2, Satisfied: 1}); err != nil || fig != want {
		t.Fatalf("figure = %+v, %v; want %+v", fig, err, want)
	}
	if n, _ := rdb.HLen(ctx, s.Keys().CommitmentRoundSurvey(r.ID)).Result(); n != 1 { // "open" only
		t.Errorf("the round's counters moved at the submits")
	}
	answer(73, true)
	closed := commitment.RoundClosed{Round: r, By: 1, Satisfaction: &fig}
	if err := commitEffects(t, s, closed); err == nil || !strings.Contains(err.Error(), "round_figure_changed") {
		t.Fatalf("close on a figure read before a response: %v", err)
	}
	if got, err := s.ReleaseAnonymous(ctx, anonSurveyID, 3); err != nil || got.Released != 3 {
		t.Fatalf("release = %+v, %v", got, err)
	}
	fig, _ = pr.EvalSatisfaction(r.ID)
	if want := (commitment.Satisfaction{Respondents: 3, Answered: 3, Satisfied: 2}); fig != want {
		t.Fatalf("figure after the release = %+v; want %+v (counted once)", fig, want)
	}
	closed.Satisfaction = &fig
	if err := commitEffects(t, s, closed); err != nil {
		t.Fatalf("close: %v", err)
	}
	if rounds, _ := rdb.SMembers(ctx, s.Keys().SurveyPoolRounds(anonSurveyID)).Result(); len(rounds) != 0 {
		t.Errorf("released round still listed: %v", rounds)
	}
	if n, _ := rdb.HLen(ctx, s.Keys().CommitmentRoundResponses(r.ID)).Result(); n != 3 {
		t.Errorf("round keeps %d responses, want 3", n)
	}
}
