package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// progressOrder is the order an invitee's progress moves in
// (SurveyProgress); the first progressCounted states are counted in
// SurveyCounts as they are entered ("submitted" is counted by the response).
var progressOrder = []string{"opened", "started", "submitted"}

// progressCounted is how many of progressOrder are counted on entry.
const progressCounted = 2

// planSurvey adds the writes and conditions of the questionnaire effects
// to a commit plan; false means ef is not one of them.
func (s *Store) planSurvey(p *plan, ef kit.Effect, now time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case survey.Opened:
		s.planSurveyOpened(p, e, now)
	case survey.Closed:
		p.op("hset", k.Survey(e.SurveyID), "status", string(survey.StatusClosed), "closed_at", now.UTC().Format(time.RFC3339))
	case survey.Progress:
		args := append([]string{itoa(e.User), e.Status, p.key(k.SurveyCounts(e.SurveyID)), strconv.Itoa(progressCounted)},
			progressOrder...)
		p.op("forward", k.SurveyProgress(e.SurveyID), args...)
	case survey.ReminderSent:
		p.guard("heq", k.SurveyReminders(e.SurveyID), itoa(e.User), strconv.Itoa(e.N-1), "reminder_already_sent")
		p.op("hset", k.SurveyReminders(e.SurveyID), itoa(e.User), strconv.Itoa(e.N),
			itoa(e.User)+"@", strconv.FormatInt(now.Unix(), 10))
	case survey.ResponseSubmitted:
		return true, s.planResponse(p, e)
	default:
		return false, nil
	}
	return true, nil
}

// planSurveyOpened opens a questionnaire and records whom it was issued to,
// counted per unit, if it is still in the status the open was decided on
// and none of them has had it: of two opens decided on the same reads, one
// commits and the other runs again on fresh reads.
func (s *Store) planSurveyOpened(p *plan, e survey.Opened, now time.Time) {
	k := s.keys
	if e.From == survey.StatusDraft {
		p.guard("hnil", k.Survey(e.SurveyID), "status", "survey_opened_meanwhile")
	} else {
		p.guard("heq", k.Survey(e.SurveyID), "status", string(e.From), "survey_status_changed")
	}
	p.op("hset", k.Survey(e.SurveyID), "status", string(survey.StatusOpen), "version", e.Version)
	p.op("hsetnx", k.Survey(e.SurveyID), "opened_at", now.UTC().Format(time.RFC3339))
	ids := make([]string, len(e.Issued))
	perUnit := map[string]int64{}
	for i, id := range e.Issued {
		ids[i] = itoa(id)
		if i < len(e.Units) {
			perUnit[e.Units[i]]++
		}
	}
	if len(ids) > 0 {
		p.guard("snone", k.SurveyIssued(e.SurveyID), append([]string{"already_issued"}, ids...)...)
	}
	p.opChunked("sadd", k.SurveyIssued(e.SurveyID), ids)
	for _, u := range sortedKeys(perUnit) {
		p.op("hincrby", k.SurveyUnitIssued(e.SurveyID), u, itoa(perUnit[u]))
	}
}

// planResponse records who answered — once per person (unless the
// questionnaire takes several) while the questionnaire is open — and the
// response: a named one counted and stored at once, an anonymous one
// sealed into a pool until a batch release counts and stores it
// (anonymity.go).
func (s *Store) planResponse(p *plan, e survey.ResponseSubmitted) error {
	k := s.keys
	if e.Round != "" {
		// An evaluation round's questionnaire: the round, not the
		// campaign, takes answers (whatever the campaign's status);
		// once per person per round, counted in the round's figure
		// and kept with the round — the campaign's figures, tallies
		// and responses are not touched ("只计入本轮").
		s.planRoundResponse(p, e)
	} else {
		id := e.SurveyID
		p.guard("heq", k.Survey(id), "status", string(survey.StatusOpen), "survey_not_open")
		if !e.Multiple {
			p.guard("snot", k.SurveySubmitted(id), itoa(e.Respondent), "already_submitted")
		}
		p.op("sadd", k.SurveySubmitted(id), itoa(e.Respondent))
		p.op("hset", k.SurveyProgress(id), itoa(e.Respondent), "submitted")
	}
	if e.Anonymous {
		return s.planPooled(p, e)
	}
	for _, c := range k.responseCounts(e) {
		p.op("hincrby", c[0], c[1], "1")
	}
	rid, doc, err := responseRecord(e)
	if err != nil {
		return err
	}
	p.op("hset", k.responsesOf(e), rid, string(doc))
	return nil
}

func (d *directory) Survey(id string) (survey.Counts, error) {
	if d.known == nil {
		return d.s.SurveyCounts(d.ctx, id)
	}
	// A step that reads a questionnaire's counts for the person it serves
	// (its start, its submit) asks next whether they were issued it and
	// have submitted it: read both in the same round trip.
	st, m, err := d.s.surveyStats(d.ctx, id, false, d.known.id)
	if err == nil {
		if d.standing == nil {
			d.standing = map[string]standing{}
		}
		d.standing[id] = m
	}
	return st.Counts, err
}

// standing is whether a person was issued a questionnaire and has
// submitted it, as read with its counts.
type standing struct {
	user              int64
	issued, submitted bool
}

// SurveyCounts returns a questionnaire's status and counters.
func (s *Store) SurveyCounts(ctx context.Context, id string) (survey.Counts, error) {
	st, err := s.SurveyStats(ctx, id, false)
	return st.Counts, err
}

func (d *directory) Stats(id string) (survey.Stats, error) {
	return d.s.SurveyStats(d.ctx, id, true)
}

// SurveyStats returns the counters of a questionnaire; with tallies, also
// the per-question and per-unit counters. It reads a fixed number of small
// keys whatever the number of responses.
func (s *Store) SurveyStats(ctx context.Context, id string, tallies bool) (survey.Stats, error) {
	st, _, err := s.surveyStats(ctx, id, tallies, 0)
	return st, err
}

// surveyStats is SurveyStats that also reads, when user is not 0, the
// user's standing in the same transaction.
func (s *Store) surveyStats(ctx context.Context, id string, tallies bool, user int64) (survey.Stats, standing, error) {
	var meta, counts, unitIssued, tal, units *redis.MapStringStringCmd
	var issued, pending *redis.IntCmd
	var isIssued, isSubmitted *redis.BoolCmd
	// One transaction: a release between two of these reads would show
	// figures of two states.
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		meta = p.HGetAll(ctx, s.keys.Survey(id))
		issued = p.SCard(ctx, s.keys.SurveyIssued(id))
		pending = p.SCard(ctx, s.keys.SurveyPool(id))
		counts = p.HGetAll(ctx, s.keys.SurveyCounts(id))
		unitIssued = p.HGetAll(ctx, s.keys.SurveyUnitIssued(id))
		if tallies {
			tal = p.HGetAll(ctx, s.keys.SurveyTallies(id))
			units = p.HGetAll(ctx, s.keys.SurveyUnits(id))
		}
		if user != 0 {
			isIssued = p.SIsMember(ctx, s.keys.SurveyIssued(id), user)
			isSubmitted = p.SIsMember(ctx, s.keys.SurveySubmitted(id), user)
		}
		return nil
	})
	if err != nil {
		return survey.Stats{}, standing{}, fmt.Errorf("survey %s: %w", id, err)
	}
	var who standing
	if user != 0 {
		who = standing{user: user, issued: isIssued.Val(), submitted: isSubmitted.Val()}
	}
	m, c := meta.Val(), counts.Val()
	st := survey.Stats{Counts: survey.Counts{
		Status: survey.Status(m["status"]), Issued: issued.Val(),
		Opened: atoi(c["opened"]), Started: atoi(c["started"]), Submitted: atoi(c["submitted"]), Pending: pending.Val(),
		Satisfied: atoi(c["satisfied"]), SatisfiedAnswered: atoi(c["satisfied_answered"]),
		UnitIssued: map[string]int64{},
	}}
	st.OpenedAt, _ = time.Parse(time.RFC3339, m["opened_at"])
	for u, n := range unitIssued.Val() {
		st.UnitIssued[u] = atoi(n)
	}
	if tallies {
		st.Tallies, st.Units = map[string]int64{}, map[string]int64{}
		for k, v := range tal.Val() {
			st.Tallies[k] = atoi(v)
		}
		for k, v := range units.Val() {
			st.Units[k] = atoi(v)
		}
	}
	return st, who, nil
}

// statusTTL is how long a questionnaire's status is reused by answering
// steps. A close seen late only lets someone answer one more question: the
// submit reads the status afresh and its commit guards on it.
const statusTTL = 2 * time.Second

// cachedStatus is a questionnaire status as read, and until when it is
// reused.
type cachedStatus struct {
	status survey.Status
	until  time.Time // wall clock
}

func (d *directory) SurveyStatus(id string) (survey.Status, error) {
	return d.s.SurveyStatus(d.ctx, id)
}

// SurveyStatus returns a questionnaire's status, read at most once per
// statusTTL per process.
func (s *Store) SurveyStatus(ctx context.Context, id string) (survey.Status, error) {
	now := time.Now()
	if c, ok := s.statuses.Load(id); ok && now.Before(c.(cachedStatus).until) {
		return c.(cachedStatus).status, nil
	}
	v, err := s.rdb.HGet(ctx, s.keys.Survey(id), "status").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("survey %s status: %w", id, err)
	}
	st := survey.Status(v)
	s.statuses.Store(id, cachedStatus{status: st, until: now.Add(statusTTL)})
	return st, nil
}

func (d *directory) Issued(id string, user int64) (bool, error) {
	if m, ok := d.standing[id]; ok && m.user == user {
		return m.issued, nil
	}
	ok, err := d.s.rdb.SIsMember(d.ctx, d.s.keys.SurveyIssued(id), user).Result()
	if err != nil {
		return false, fmt.Errorf("issued %s: %w", id, err)
	}
	return ok, nil
}

func (d *directory) Submitted(id string, user int64) (bool, error) {
	if m, ok := d.standing[id]; ok && m.user == user {
		return m.submitted, nil
	}
	ok, err := d.s.rdb.SIsMember(d.ctx, d.s.keys.SurveySubmitted(id), user).Result()
	if err != nil {
		return false, fmt.Errorf("submitted %s: %w", id, err)
	}
	return ok, nil
}

// NonRespondents lists the invitees of a questionnaire who have not
// submitted, with how many reminders each had and when the last one went.
func (s *Store) NonRespondents(ctx context.Context, id string) ([]Reminded, error) {
	var diff *redis.StringSliceCmd
	var rem *redis.MapStringStringCmd
	var blocked *redis.StringSliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		diff = p.SDiff(ctx, s.keys.SurveyIssued(id), s.keys.SurveySubmitted(id))
		rem = p.HGetAll(ctx, s.keys.SurveyReminders(id))
		blocked = p.SMembers(ctx, s.keys.Unreachable())
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("non-respondents of %s: %w", id, err)
	}
	unreachable := map[string]bool{}
	for _, b := range blocked.Val() {
		unreachable[b] = true
	}
	r := rem.Val()
	out := make([]Reminded, 0, len(diff.Val()))
	for _, u := range diff.Val() {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil {
			continue
		}
		x := Reminded{User: id, N: int(atoi(r[u])), Unreachable: unreachable[u]}
		if at := atoi(r[u+"@"]); at > 0 {
			x.Last = time.Unix(at, 0)
		}
		out = append(out, x)
	}
	return out, nil
}

// Reminded is one non-respondent's reminder state.
type Reminded struct {
	User        int64
	N           int       // reminders sent so far
	Last        time.Time // zero when none
	Unreachable bool      // blocked the bot
}

// Responses returns every stored response of a questionnaire for export,
// with respondents' names for named questionnaires.
func (s *Store) Responses(ctx context.Context, id string) ([]survey.ResponseRow, error) {
	var rows []survey.ResponseRow
	iter := s.rdb.HScan(ctx, s.keys.SurveyResponses(id), 0, "", 1000).Iterator()
	names := map[int64]string{}
	for iter.Next(ctx) {
		rid := iter.Val()
		if !iter.Next(ctx) {
			break
		}
		var rec struct {
			V string         `json:"v"`
			A map[string]any `json:"a"`
			D string         `json:"d"`
			U string         `json:"u"`
			R int64          `json:"r"`
		}
		if err := json.Unmarshal([]byte(iter.Val()), &rec); err != nil {
			return nil, fmt.Errorf("decode response %s: %w", rid, err)
		}
		rows = append(rows, survey.ResponseRow{ID: rid, UserID: rec.R, Unit: rec.U, Day: rec.D, Version: rec.V, Answers: rec.A})
		if rec.R != 0 {
			names[rec.R] = ""
		}
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("responses of %s: %w", id, err)
	}
	for uid := range names {
		if p, ok, err := s.Person(ctx, uid); err == nil && ok {
			names[uid] = p.Name
		}
	}
	for i := range rows {
		rows[i].Respondent = names[rows[i].UserID]
	}
	// A stable order for people: by day, then id (random within a day).
	sort.Slice(rows, func(a, b int) bool {
		if rows[a].Day != rows[b].Day {
			return rows[a].Day < rows[b].Day
		}
		return rows[a].ID < rows[b].ID
	})
	return rows, nil
}
