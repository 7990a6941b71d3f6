package storage

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"sibu/anonymity"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/flows/tipoff"
	"time"

	"github.com/redis/go-redis/v9"
)

// An anonymous questionnaire response must not be linkable to the person
// who gave it, also for whoever reads Redis (MONITOR), its AOF, its
// replicas or the records system. Every rule storage keeps for that is in
// this file and in release.go:
//
//   - every chat's conversation state is concealed under the anonymity
//     key: its session (with draft answers), the updates waiting in its
//     inbox (a typed answer, the summary a pressed button sits under) and
//     its committed replies, which echo answers (conceal, reveal, headOf);
//   - the submit writes who answered (SurveySubmitted and progress, or a
//     round's respondents) and the response sealed to the anonymity key
//     into an unordered pool — no counter, no answer in the clear, no
//     records event (planPooled);
//   - the release (release.go) opens the pool in batches of at least
//     min_group, so figures never move by fewer, and for each response
//     moves the counters, stores it with neither person nor time under a
//     random id, and sends its records event, in random order, timed by
//     the day of the release (eventTime; the data is
//     survey.ResponseSubmitted.EventData, next to the effect, which names
//     no respondent, and names the round only where it names the unit).
//
// Who has answered (for reminders) is kept apart, in SurveySubmitted and
// CommitmentRoundRespondents, which hold no answers. Tip-offs follow the
// same rules (tipoff.go, tipoff_release.go).

// ErrNoAnonymityKey refuses an anonymous response on a store without an
// anonymity key: it would have to be kept in the clear.
var ErrNoAnonymityKey = errors.New("no anonymity key: anonymous responses cannot be stored")

// conceal returns b as Redis keeps a chat's state: concealed under the
// anonymity key (as it is without one).
func (s *Store) conceal(b []byte) []byte {
	if s.key == nil {
		return b
	}
	return s.key.Conceal(b)
}

// reveal reads what conceal wrote (state written before sibu concealed it
// comes back as it is).
func (s *Store) reveal(b []byte) ([]byte, error) {
	if s.key == nil || !anonymity.IsConcealed(b) {
		return b, nil
	}
	return s.key.Reveal(b)
}

// concealHeadScript conceals an inbox head recorded in the clear (by a
// release before concealing) in place, if it is still the head.
// KEYS = inbox list; ARGV = as stored, concealed.
var concealHeadScript = redis.NewScript(`
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LSET', KEYS[1], 0, ARGV[2]) end
return 1
`)

// headOf is a chat's inbox head as the worker handles it: revealed. The
// commit finds it again by concealing it once more (Conceal is
// deterministic), so a head still in the clear is concealed in place
// first. A head concealed under another key comes back as stored: the
// worker cannot decode it and drops it (Drop).
func (s *Store) headOf(ctx context.Context, chatID int64, stored []byte) ([]byte, error) {
	if s.key == nil {
		return stored, nil
	}
	if !anonymity.IsConcealed(stored) {
		err := concealHeadScript.Run(ctx, s.rdb, []string{s.keys.InboxChat(chatID)}, stored, s.key.Conceal(stored)).Err()
		if err != nil {
			return nil, fmt.Errorf("conceal inbox head %d: %w", chatID, err)
		}
		return stored, nil
	}
	raw, err := s.key.Reveal(stored)
	if err != nil {
		return stored, nil
	}
	return raw, nil
}

// anonymous reports whether ef is an anonymous questionnaire response, or
// a released tip-off or addition (tipoff.go): their events keep the day
// only.
func anonymous(ef kit.Effect) bool {
	switch e := ef.(type) {
	case survey.ResponseSubmitted:
		return e.Anonymous
	case tipoff.Received, tipoff.Supplemented:
		return true
	}
	return false
}

// day is the start of t's day in UTC: all the time a released anonymous
// response's event keeps.
func day(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// eventTime is the "time" of ef's records event and the time its id is
// made from: now, or for an anonymous response (made at its release) the
// day only.
func eventTime(ef kit.Effect, now time.Time) (string, time.Time) {
	if anonymous(ef) {
		return day(now).Format(time.RFC3339), day(now)
	}
	return now.UTC().Format(time.RFC3339Nano), now
}

// pooled is an anonymous response as sealed into a pool: what the release
// needs to count, store and report it, and never the person or the time.
type pooled struct {
	Version           string         `json:"v"`
	Unit              string         `json:"u,omitempty"`
	Answers           map[string]any `json:"a"`
	Satisfied         bool           `json:"s,omitempty"`
	SatisfiedAnswered bool           `json:"sa,omitempty"`
	Tallies           []string       `json:"t,omitempty"`
	Round             string         `json:"rd,omitempty"`
}

// response is the pooled response as the effect it was, without person
// or time, as the release counts, stores and reports it.
func (p pooled) response(surveyID string) survey.ResponseSubmitted {
	return survey.ResponseSubmitted{SurveyID: surveyID, Version: p.Version, Unit: p.Unit, Anonymous: true,
		Answers: p.Answers, Satisfied: p.Satisfied, SatisfiedAnswered: p.SatisfiedAnswered, Tallies: p.Tallies, Round: p.Round}
}

// planPooled seals an anonymous response into its pool (the
// questionnaire's or its round's), where it waits for a release. Who
// answered is written by the caller, beside it; nothing else is.
func (s *Store) planPooled(p *plan, e survey.ResponseSubmitted) error {
	if s.key == nil {
		return ErrNoAnonymityKey
	}
	doc, err := json.Marshal(pooled{Version: e.Version, Unit: e.Unit, Answers: e.Answers, Satisfied: e.Satisfied,
		SatisfiedAnswered: e.SatisfiedAnswered, Tallies: e.Tallies, Round: e.Round})
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	sealed, err := s.key.Seal(doc)
	if err != nil {
		return err
	}
	if e.Round == "" {
		p.op("sadd", s.keys.SurveyPool(e.SurveyID), sealed)
		p.op("sadd", s.keys.SurveysPooled(), e.SurveyID)
		return nil
	}
	p.op("sadd", s.keys.CommitmentRoundPool(e.Round), sealed)
	p.op("sadd", s.keys.SurveyPoolRounds(e.SurveyID), e.Round)
	p.op("sadd", s.keys.SurveysPooled(), e.SurveyID)
	return nil
}

// responseRecord is the stored form of a response and its id. A named
// response keeps its respondent and day; an anonymous one (stored at its
// release) neither, under an id that is random only.
func responseRecord(e survey.ResponseSubmitted) (id string, doc []byte, err error) {
	rec := map[string]any{"v": e.Version, "a": e.Answers}
	if e.Unit != "" {
		rec["u"] = e.Unit
	}
	id = rand.Text()
	if !e.Anonymous {
		rec["r"], rec["d"] = e.Respondent, e.At.UTC().Format("2006-01-02")
		id = NewID(e.At)
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return "", nil, fmt.Errorf("encode response: %w", err)
	}
	return id, b, nil
}

// responseCounts are the counters a response adds when it is counted (a
// named one at its submit, an anonymous one at its release), as key and
// field: the questionnaire's figures, or for an evaluation round's
// response the round's figure only.
func (k Keys) responseCounts(e survey.ResponseSubmitted) [][2]string {
	if e.Round != "" {
		rs := k.CommitmentRoundSurvey(e.Round)
		out := [][2]string{{rs, "respondents"}}
		if e.SatisfiedAnswered {
			out = append(out, [2]string{rs, "answered"})
		}
		if e.Satisfied {
			out = append(out, [2]string{rs, "satisfied"})
		}
		return out
	}
	counts, units := k.SurveyCounts(e.SurveyID), k.SurveyUnits(e.SurveyID)
	out := [][2]string{{counts, "submitted"}, {units, e.Unit + "\x1fsubmitted"}}
	if e.SatisfiedAnswered {
		out = append(out, [2]string{counts, "satisfied_answered"}, [2]string{units, e.Unit + "\x1fanswered"})
	}
	if e.Satisfied {
		out = append(out, [2]string{counts, "satisfied"}, [2]string{units, e.Unit + "\x1fsatisfied"})
	}
	for _, t := range e.Tallies {
		out = append(out, [2]string{k.SurveyTallies(e.SurveyID), t})
	}
	return out
}

// responsesOf is the hash a response is stored in: the questionnaire's,
// or its round's.
func (k Keys) responsesOf(e survey.ResponseSubmitted) string {
	if e.Round != "" {
		return k.CommitmentRoundResponses(e.Round)
	}
	return k.SurveyResponses(e.SurveyID)
}

// ErrOtherAnonymityKey means the store's chats and pools are sealed to
// another anonymity key than the one this replica holds.
var ErrOtherAnonymityKey = errors.New("another anonymity key")

// CheckAnonymityKey records the public recipient of the store's anonymity
// key in Redis on first use, and refuses a key that differs from the one
// recorded: replicas with different keys could not read each other's
// chats or release each other's responses. Only the public half is
// stored.
func (s *Store) CheckAnonymityKey(ctx context.Context) error {
	if s.key == nil {
		return nil
	}
	mine := s.key.Recipient()
	if err := s.rdb.SetNX(ctx, s.keys.AnonymityRecipient(), mine, 0).Err(); err != nil {
		return fmt.Errorf("record anonymity key: %w", err)
	}
	theirs, err := s.rdb.Get(ctx, s.keys.AnonymityRecipient()).Result()
	if err != nil {
		return fmt.Errorf("read anonymity key: %w", err)
	}
	if theirs != mine {
		return fmt.Errorf("%w: this replica holds %s, Redis's data is sealed to %s (key %s): give every replica the same key; to start over with a new one, delete that key (answers not yet released and conversations in progress are lost)",
			ErrOtherAnonymityKey, mine, theirs, s.keys.AnonymityRecipient())
	}
	return nil
}
