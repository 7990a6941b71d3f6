package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"strconv"
	"strings"
	"time"
)

// dueScore is the due-set score of a date: its midnight UTC as unix seconds.
// Deadlines are calendar days, so the score names the day whatever the
// deployment's zone; DueBefore compares days, not instants.
func dueScore(date string) (int64, bool) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0, false
	}
	return t.Unix(), true
}

// planCommitment adds the writes and conditions of the commitment effects
// to a commit plan; false means ef is not one of them.
func (s *Store) planCommitment(p *plan, ef kit.Effect, now time.Time) (bool, error) {
	switch e := ef.(type) {
	case commitment.Effect:
		return true, s.planCommitmentChange(p, e.ItemChange(), ef.EventType(), now)
	case commitment.ReminderSent:
		c, _ := s.claimOf(ef)
		c.plan(p, now)
	case commitment.RoundOpened:
		return true, s.planRoundOpened(p, e)
	case commitment.RoundClosed:
		return true, s.planRoundClosed(p, e)
	case commitment.Marked:
		return true, s.planMarked(p, e)
	default:
		return false, nil
	}
	return true, nil
}

// planCommitmentChange writes an item at its next revision (if the one it
// was read at still holds, unless it follows another change of the same
// commit), appends the history entry, and moves the item in the indexes.
func (s *Store) planCommitmentChange(p *plan, ch commitment.Change, eventType string, now time.Time) error {
	k := s.keys
	c := ch.Item
	if c.ID == "" {
		return errors.New("commitment effect without an item id")
	}
	key := k.CommitmentItem(c.ID)
	if !ch.Follows {
		p.guard("heq", key, "rev", itoa(ch.Prev), "commitment_changed")
	}
	d, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode commitment: %w", err)
	}
	p.op("hset", key, "rev", itoa(ch.Prev+1), "d", string(d))
	entry := ch.Entry
	if entry.What == "" {
		entry.What = strings.TrimPrefix(eventType, "sibu.commitment.")
	}
	entry.Status = string(c.Status)
	if entry.At.IsZero() {
		entry.At = now
	}
	le, err := json.Marshal(entry)
	if err != nil {
		return fmt.Errorf("encode commitment entry: %w", err)
	}
	p.op("rpush", k.CommitmentLog(c.ID), string(le))
	s.planCommitmentIndexes(p, ch)
	return nil
}

// planCommitmentIndexes keeps an item's indexes in step with its change:
// its owner's and unit's lists (when it is new), the unit's counts per
// status, the due set and the review queue.
func (s *Store) planCommitmentIndexes(p *plan, ch commitment.Change) {
	k := s.keys
	c := ch.Item
	if ch.Prev == 0 && !ch.Follows {
		created := strconv.FormatInt(c.Created.UnixMilli(), 10)
		if c.Owner != 0 {
			p.op("zadd", k.CommitmentOwner(c.Owner), created, c.ID)
		}
		p.op("zadd", k.CommitmentUnit(c.Unit), created, c.ID)
	}
	if ch.From != c.Status {
		if ch.From != "" {
			p.op("hincrby", k.CommitmentCounts(c.Unit), string(ch.From), "-1")
		}
		p.op("hincrby", k.CommitmentCounts(c.Unit), string(c.Status), "1")
	}
	if score, ok := dueScore(c.Deadline); ok && c.Tracked() {
		p.op("zadd", k.CommitmentDue(), itoa(score), c.ID)
	} else {
		p.op("zrem", k.CommitmentDue(), c.ID)
	}
	if c.Status == commitment.StatusReview {
		p.op("zadd", k.CommitmentPending(), strconv.FormatInt(c.Updated.UnixMilli(), 10), c.ID)
	} else {
		p.op("zrem", k.CommitmentPending(), c.ID)
	}
}

// planRoundOpened opens a unit's evaluation round, one at a time per unit,
// and its satisfaction questionnaire if it has one.
func (s *Store) planRoundOpened(p *plan, e commitment.RoundOpened) error {
	k := s.keys
	b, err := json.Marshal(e.Round)
	if err != nil {
		return fmt.Errorf("encode round: %w", err)
	}
	p.guard("hnil", k.CommitmentRounds(), e.Round.Unit, "round_open")
	p.op("hset", k.CommitmentRounds(), e.Round.Unit, string(b))
	if e.Round.Survey != "" {
		p.op("hset", k.CommitmentRoundSurvey(e.Round.ID), "open", "1")
	}
	return nil
}

// planRoundClosed closes the round as it was read, on the satisfaction
// figure its results were decided on.
func (s *Store) planRoundClosed(p *plan, e commitment.RoundClosed) error {
	k := s.keys
	b, err := json.Marshal(e.Round)
	if err != nil {
		return fmt.Errorf("encode round: %w", err)
	}
	p.guard("heq", k.CommitmentRounds(), e.Round.Unit, string(b), "round_not_open")
	if f := e.Satisfaction; f != nil {
		// The results were decided on this figure: a response that
		// arrived since makes the close run again on the new one.
		p.guard("scard", k.CommitmentRoundRespondents(e.Round.ID), itoa(f.Respondents), "round_figure_changed")
	}
	p.op("hdel", k.CommitmentRounds(), e.Round.Unit)
	if e.Round.Survey != "" {
		p.op("hdel", k.CommitmentRoundSurvey(e.Round.ID), "open")
	}
	return nil
}

// planMarked records one mark of a round (see Keys.CommitmentMarks); a
// 述诺 report also goes to the item's history.
func (s *Store) planMarked(p *plan, e commitment.Marked) error {
	k := s.keys
	field := e.Kind + ":" + e.Item
	if e.Kind == "v" || e.Kind == "o" {
		field += ":" + itoa(e.By)
	}
	p.op("hset", k.CommitmentMarks(e.Round), field, e.Value)
	if e.Kind == "s" {
		le, err := json.Marshal(commitment.Entry{At: e.At, By: e.By, What: "report", Text: e.Value})
		if err != nil {
			return err
		}
		p.op("rpush", k.CommitmentLog(e.Item), string(le))
	}
	return nil
}

// planRoundResponse adds who answered a round's satisfaction
// questionnaire: the round must still take answers and the person must
// not have answered in it (planResponse counts the response).
func (s *Store) planRoundResponse(p *plan, e survey.ResponseSubmitted) {
	k := s.keys
	p.guard("heq", k.CommitmentRoundSurvey(e.Round), "open", "1", "round_closed")
	p.guard("snot", k.CommitmentRoundRespondents(e.Round), itoa(e.Respondent), "already_submitted")
	p.op("sadd", k.CommitmentRoundRespondents(e.Round), itoa(e.Respondent))
}
