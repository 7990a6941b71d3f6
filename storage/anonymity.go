package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
)

// An anonymous questionnaire response must not be linkable to the person
// who gave it, also for whoever reads Redis, its AOF or the records system.
// Every rule storage keeps for that is in this file:
//
//   - the stored response names no respondent, carries the day only, and
//     has an id random within that day, in a hash that keeps no order
//     (responseRecord);
//   - its records event names no respondent, and both the event's time and
//     the time its id is made from are the day only (eventTime; the data is
//     survey.ResponseSubmitted.EventData, next to the effect);
//   - an evaluation round's response names the round only where it names
//     the unit (survey.ResponseSubmitted.EventData);
//   - the event is held back and released once a day in random order, so
//     its delivery time cannot link it to a person either (holdBack,
//     ReleaseHeld).
//
// Who has answered (for reminders) is kept apart, in SurveySubmitted and
// CommitmentRoundRespondents, which hold no answers.

// anonymous reports whether ef is an anonymous questionnaire response.
func anonymous(ef kit.Effect) bool {
	r, ok := ef.(survey.ResponseSubmitted)
	return ok && r.Anonymous
}

// day is the start of t's day in UTC: all the time an anonymous response
// keeps.
func day(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// responseRecord is the stored form of a response and its id: a random id
// (the hash keeps no order), so nothing ties an anonymous response to the
// moment, or the person, it came from.
func responseRecord(e survey.ResponseSubmitted) (id string, doc []byte, err error) {
	rec := map[string]any{"v": e.Version, "a": e.Answers, "d": e.At.UTC().Format("2006-01-02")}
	if e.Unit != "" {
		rec["u"] = e.Unit
	}
	if !e.Anonymous {
		rec["r"] = e.Respondent
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return "", nil, fmt.Errorf("encode response: %w", err)
	}
	return NewID(day(e.At)), b, nil
}

// eventTime is the "time" of ef's records event and the time its id is
// made from: now, or for an anonymous response the day only.
func eventTime(ef kit.Effect, now time.Time) (string, time.Time) {
	if anonymous(ef) {
		return day(now).Format(time.RFC3339), day(now)
	}
	return now.UTC().Format(time.RFC3339Nano), now
}

// holdBack adds to p the hold of an anonymous response's event (ev) until
// the daily release (see ReleaseHeld); false for any other effect, whose
// event goes to the outbox at once.
func (s *Store) holdBack(p *plan, ef kit.Effect, ev []byte) bool {
	if !anonymous(ef) {
		return false
	}
	id := ef.(survey.ResponseSubmitted).SurveyID
	p.op("sadd", s.keys.SurveyAnonOut(id), string(ev))
	p.op("sadd", s.keys.SurveysHeld(), id)
	return true
}

// releaseAnonScript moves every held anonymous event of a questionnaire to
// the outbox, in the random order SPOP gives, and takes the questionnaire
// off the held list. KEYS = anon set, outbox, held list; ARGV = id.
var releaseAnonScript = redis.NewScript(`
local n = 0
while true do
  local ev = redis.call('SPOP', KEYS[1])
  if not ev then break end
  redis.call('XADD', KEYS[2], '*', 'event', ev)
  n = n + 1
end
redis.call('SREM', KEYS[3], ARGV[1])
return n
`)

// ReleaseAnonymous moves the held anonymous response events of a
// questionnaire to the outbox.
func (s *Store) ReleaseAnonymous(ctx context.Context, surveyID string) (int, error) {
	n, err := releaseAnonScript.Run(ctx, s.rdb, []string{s.keys.SurveyAnonOut(surveyID), s.keys.Outbox(), s.keys.SurveysHeld()},
		surveyID).Int()
	if err != nil {
		return 0, fmt.Errorf("release anonymous events of %s: %w", surveyID, err)
	}
	return n, nil
}

// ReleaseHeld moves every held anonymous response event to the outbox (run
// daily by the scheduler): of every questionnaire on the held list —
// configured or not any more — and of those in ids (events held before the
// list existed).
func (s *Store) ReleaseHeld(ctx context.Context, ids []string) (int, error) {
	held, err := s.rdb.SMembers(ctx, s.keys.SurveysHeld()).Result()
	if err != nil {
		return 0, fmt.Errorf("questionnaires with held events: %w", err)
	}
	total := 0
	for _, id := range slices.Compact(slices.Sorted(slices.Values(append(held, ids...)))) {
		n, err := s.ReleaseAnonymous(ctx, id)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
