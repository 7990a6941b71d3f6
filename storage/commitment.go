package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
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

// planCommitment adds the writes and conditions of the commitment effects to a commit
// plan; false means ef is not one of them.
func (s *Store) planCommitment(p *plan, ef flows.Effect, now time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case flows.CommitmentEffect:
		ch := e.Change()
		c := ch.Item
		if c.ID == "" {
			return true, errors.New("commitment effect without an item id")
		}
		key := k.CommitmentItem(c.ID)
		if !ch.Follows {
			p.guard("heq", key, "rev", itoa(ch.Prev), "commitment_changed")
		}
		d, err := json.Marshal(c)
		if err != nil {
			return true, fmt.Errorf("encode commitment: %w", err)
		}
		p.op("hset", key, "rev", itoa(ch.Prev+1), "d", string(d))
		entry := ch.Entry
		if entry.What == "" {
			entry.What = strings.TrimPrefix(ef.EventType(), "sibu.commitment.")
		}
		entry.Status = string(c.Status)
		if entry.At.IsZero() {
			entry.At = now
		}
		le, err := json.Marshal(entry)
		if err != nil {
			return true, fmt.Errorf("encode commitment entry: %w", err)
		}
		p.op("rpush", k.CommitmentLog(c.ID), string(le))
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
		if c.Status == flows.CommitReview {
			p.op("zadd", k.CommitmentPending(), strconv.FormatInt(c.Updated.UnixMilli(), 10), c.ID)
		} else {
			p.op("zrem", k.CommitmentPending(), c.ID)
		}
	case flows.CommitmentReminderSent, flows.CommitmentDigestSent:
		key, field, why, _ := s.claimOf(ef)
		p.guard("hnil", key, field, why)
		p.op("hset", key, field, itoa(now.Unix()))
	case flows.EvalRoundOpened:
		b, err := json.Marshal(e.Round)
		if err != nil {
			return true, fmt.Errorf("encode round: %w", err)
		}
		p.guard("hnil", k.CommitmentRounds(), e.Round.Unit, "round_open")
		p.op("hset", k.CommitmentRounds(), e.Round.Unit, string(b))
		if e.Round.Survey != "" {
			p.op("hset", k.CommitmentRoundSurvey(e.Round.ID), "open", "1")
		}
	case flows.EvalRoundClosed:
		b, err := json.Marshal(e.Round)
		if err != nil {
			return true, fmt.Errorf("encode round: %w", err)
		}
		p.guard("heq", k.CommitmentRounds(), e.Round.Unit, string(b), "round_not_open")
		if f := e.Satisfaction; f != nil {
			// The results were decided on this figure: a response that
			// arrived since makes the close run again on the new one.
			p.guard("heq", k.CommitmentRoundSurvey(e.Round.ID), "respondents", itoa(f.Respondents), "round_figure_changed")
		}
		p.op("hdel", k.CommitmentRounds(), e.Round.Unit)
		if e.Round.Survey != "" {
			p.op("hdel", k.CommitmentRoundSurvey(e.Round.ID), "open")
		}
	case flows.EvalMarked:
		field := e.Kind + ":" + e.Item
		if e.Kind == "v" || e.Kind == "o" {
			field += ":" + itoa(e.By)
		}
		p.op("hset", k.CommitmentMarks(e.Round), field, e.Value)
		if e.Kind == "s" {
			le, err := json.Marshal(flows.CommitmentEntry{At: e.At, By: e.By, What: "report", Text: e.Value})
			if err != nil {
				return true, err
			}
			p.op("rpush", k.CommitmentLog(e.Item), string(le))
		}
	default:
		return false, nil
	}
	return true, nil
}

// planRoundResponse adds the round side of a response to a round's
// satisfaction questionnaire: the round must still take answers and the
// person must not have answered in it; the round's figure counts it.
func (s *Store) planRoundResponse(p *plan, e flows.ResponseSubmitted) {
	k := s.keys
	rs := k.CommitmentRoundSurvey(e.Round)
	p.guard("heq", rs, "open", "1", "round_closed")
	p.guard("snot", k.CommitmentRoundRespondents(e.Round), itoa(e.Respondent), "already_submitted")
	p.op("sadd", k.CommitmentRoundRespondents(e.Round), itoa(e.Respondent))
	p.op("hincrby", rs, "respondents", "1")
	if e.SatisfiedAnswered {
		p.op("hincrby", rs, "answered", "1")
	}
	if e.Satisfied {
		p.op("hincrby", rs, "satisfied", "1")
	}
}

// commitmentEventData is the records event subject and data of the commitment effects;
// false means ef is not one of them.
func commitmentEventData(ef flows.Effect) (string, any, bool) {
	switch e := ef.(type) {
	case flows.CommitmentEffect:
		ch := e.Change()
		c := ch.Item
		d := map[string]any{"item_id": c.ID, "unit": c.Unit, "period": c.Period, "content": c.Content,
			"measures": c.Measures, "deadline": c.Deadline, "status": c.Status, "by": ch.Entry.By}
		if c.Owner != 0 {
			d["owner"] = c.Owner
		}
		d["owner_name"] = c.OwnerName
		if c.Direction != "" {
			d["direction"] = c.Direction
		}
		if ch.From != "" {
			d["from"] = ch.From
		}
		for k, v := range map[string]string{"source": c.Source, "grade": c.Grade, "text": ch.Entry.Text, "new_deadline": ch.Entry.Deadline} {
			if v != "" {
				d[k] = v
			}
		}
		if c.Level > 0 {
			d["level"] = c.Level
		}
		if ch.Entry.Percent > 0 {
			d["percent"] = ch.Entry.Percent
		}
		if f := ch.Entry.File; f != nil {
			d["evidence"] = map[string]string{"kind": f.Kind, "file_id": f.ID}
		}
		if c.Ext != nil {
			d["extension"] = map[string]string{"date": c.Ext.Date, "reason": c.Ext.Reason}
		}
		if ch.Satisfaction != nil {
			d["satisfaction"] = ch.Satisfaction
		}
		return c.ID, d, true
	case flows.CommitmentReminderSent:
		return e.ItemID, map[string]any{"item_id": e.ItemID, "stage": e.Stage, "to": e.To, "deadline": e.Deadline}, true
	case flows.EvalRoundOpened:
		r := e.Round
		d := map[string]any{"round_id": r.ID, "unit": r.Unit, "period": r.Period, "by": r.OpenedBy}
		if r.Survey != "" {
			d["survey_id"] = r.Survey
		}
		return r.ID, d, true
	case flows.EvalRoundClosed:
		r := e.Round
		d := map[string]any{"round_id": r.ID, "unit": r.Unit, "period": r.Period, "by": e.By, "results": e.Results}
		if e.Satisfaction != nil {
			d["satisfaction"] = e.Satisfaction
		}
		return r.ID, d, true
	case flows.EvalMarked:
		return e.Item, map[string]any{"round_id": e.Round, "item_id": e.Item, "kind": e.Kind, "by": e.By, "value": e.Value}, true
	case flows.CommitmentDigestSent:
		return "", map[string]any{"week": e.Week, "to": e.To}, true
	}
	return "", nil, false
}

var _ flows.PromiseReader = (*directory)(nil)

func (d *directory) Commitment(id string) (flows.Commitment, bool, error) {
	return d.s.Commitment(d.ctx, id)
}

// Commitment returns one item with its revision.
func (s *Store) Commitment(ctx context.Context, id string) (flows.Commitment, bool, error) {
	items, err := s.commitments(ctx, []string{id})
	if err != nil || len(items) == 0 {
		return flows.Commitment{}, false, err
	}
	return items[0], true, nil
}

// commitments loads items by id (unknown ids are skipped), in order.
func (s *Store) commitments(ctx context.Context, ids []string) ([]flows.Commitment, error) {
	const chunkSize = 500
	// Chunks are read a few at a time, so decoding one overlaps with Redis
	// answering the next; the result keeps the order of ids.
	parts := make([][]flows.Commitment, (len(ids)+chunkSize-1)/chunkSize)
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for n := range parts {
		chunk := ids[n*chunkSize : min((n+1)*chunkSize, len(ids))]
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			parts[n], errs[n] = s.commitmentChunk(ctx, chunk)
		})
	}
	wg.Wait()
	out := make([]flows.Commitment, 0, len(ids))
	for n, p := range parts {
		if errs[n] != nil {
			return nil, errs[n]
		}
		out = append(out, p...)
	}
	return out, nil
}

func (s *Store) commitmentChunk(ctx context.Context, chunk []string) ([]flows.Commitment, error) {
	cmds := make([]*redis.SliceCmd, len(chunk))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for j, id := range chunk {
			cmds[j] = p.HMGet(ctx, s.keys.CommitmentItem(id), "rev", "d")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load commitments: %w", err)
	}
	out := make([]flows.Commitment, 0, len(chunk))
	for j, c := range cmds {
		vals := c.Val()
		raw, ok := vals[1].(string)
		if !ok || raw == "" {
			continue
		}
		var item flows.Commitment
		if err := json.Unmarshal([]byte(raw), &item); err != nil {
			return nil, fmt.Errorf("decode commitment %s: %w", chunk[j], err)
		}
		if rev, ok := vals[0].(string); ok {
			item.Rev, _ = strconv.ParseInt(rev, 10, 64)
		}
		out = append(out, item)
	}
	return out, nil
}

func (s *Store) zsetItems(ctx context.Context, key string) ([]flows.Commitment, error) {
	ids, err := s.rdb.ZRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("commitment index: %w", err)
	}
	return s.commitments(ctx, ids)
}

func (d *directory) CommitmentsOf(owner int64) ([]flows.Commitment, error) {
	return d.s.zsetItems(d.ctx, d.s.keys.CommitmentOwner(owner))
}

func (d *directory) UnitCommitments(unit string) ([]flows.Commitment, error) {
	return d.s.UnitCommitments(d.ctx, unit)
}

// UnitCommitments lists a unit's items, oldest first.
func (s *Store) UnitCommitments(ctx context.Context, unit string) ([]flows.Commitment, error) {
	return s.zsetItems(ctx, s.keys.CommitmentUnit(unit))
}

func (d *directory) PendingReviews() ([]flows.Commitment, error) {
	return d.s.zsetItems(d.ctx, d.s.keys.CommitmentPending())
}

func (d *directory) DueBefore(t time.Time) ([]flows.Commitment, error) {
	return d.s.DueBefore(d.ctx, t)
}

// DueBefore lists the active and rectifying items whose deadline day is
// before t's day (in t's zone), earliest first. It reads only those items.
func (s *Store) DueBefore(ctx context.Context, t time.Time) ([]flows.Commitment, error) {
	score, _ := dueScore(t.Format("2006-01-02"))
	ids, err := s.rdb.ZRangeByScore(ctx, s.keys.CommitmentDue(), &redis.ZRangeBy{Min: "-inf", Max: "(" + itoa(score)}).Result()
	if err != nil {
		return nil, fmt.Errorf("due commitments: %w", err)
	}
	return s.commitments(ctx, ids)
}

func (d *directory) CommitmentLog(id string) ([]flows.CommitmentEntry, error) {
	return d.s.CommitmentLog(d.ctx, id)
}

// CommitmentLog returns an item's history, oldest first.
func (s *Store) CommitmentLog(ctx context.Context, id string) ([]flows.CommitmentEntry, error) {
	raw, err := s.rdb.LRange(ctx, s.keys.CommitmentLog(id), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("commitment log %s: %w", id, err)
	}
	out := make([]flows.CommitmentEntry, 0, len(raw))
	for _, r := range raw {
		var e flows.CommitmentEntry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("decode commitment entry: %w", err)
		}
		out = append(out, e)
	}
	return out, nil
}

func (d *directory) CommitmentCounts(units []string) (map[flows.CommitmentStatus]int64, error) {
	cmds := make([]*redis.MapStringStringCmd, len(units))
	_, err := d.s.rdb.Pipelined(d.ctx, func(p redis.Pipeliner) error {
		for i, u := range units {
			cmds[i] = p.HGetAll(d.ctx, d.s.keys.CommitmentCounts(u))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("commitment counts: %w", err)
	}
	out := map[flows.CommitmentStatus]int64{}
	for _, c := range cmds {
		for st, n := range c.Val() {
			out[flows.CommitmentStatus(st)] += atoi(n)
		}
	}
	return out, nil
}

func (d *directory) EvalRound(unit string) (flows.EvalRound, bool, error) {
	raw, err := d.s.rdb.HGet(d.ctx, d.s.keys.CommitmentRounds(), unit).Result()
	if errors.Is(err, redis.Nil) {
		return flows.EvalRound{}, false, nil
	}
	if err != nil {
		return flows.EvalRound{}, false, fmt.Errorf("round of %s: %w", unit, err)
	}
	var r flows.EvalRound
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return flows.EvalRound{}, false, fmt.Errorf("decode round of %s: %w", unit, err)
	}
	return r, true, nil
}

func (d *directory) EvalMarks(round string) (flows.EvalMarks, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.CommitmentMarks(round)).Result()
	if err != nil {
		return flows.EvalMarks{}, fmt.Errorf("marks of %s: %w", round, err)
	}
	return ParseMarks(m), nil
}

func (d *directory) EvalSatisfaction(round string) (flows.Satisfaction, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.CommitmentRoundSurvey(round)).Result()
	if err != nil {
		return flows.Satisfaction{}, fmt.Errorf("satisfaction of %s: %w", round, err)
	}
	return flows.Satisfaction{Respondents: atoi(m["respondents"]), Answered: atoi(m["answered"]), Satisfied: atoi(m["satisfied"])}, nil
}

func (d *directory) EvalResponded(round string, user int64) (bool, error) {
	ok, err := d.s.rdb.SIsMember(d.ctx, d.s.keys.CommitmentRoundRespondents(round), user).Result()
	if err != nil {
		return false, fmt.Errorf("respondents of %s: %w", round, err)
	}
	return ok, nil
}

// ParseMarks reads a round's marks hash (see Keys.CommitmentMarks).
func ParseMarks(m map[string]string) flows.EvalMarks {
	out := flows.EvalMarks{Grades: map[string]string{}, Opinions: map[string]map[int64]string{},
		Votes: map[string]map[int64]bool{}, Reports: map[string]string{}}
	for f, v := range m {
		parts := strings.SplitN(f, ":", 3)
		if len(parts) < 2 {
			continue
		}
		item := parts[1]
		var by int64
		if len(parts) == 3 {
			by, _ = strconv.ParseInt(parts[2], 10, 64)
		}
		switch parts[0] {
		case "g":
			out.Grades[item] = v
		case "s":
			out.Reports[item] = v
		case "o":
			if out.Opinions[item] == nil {
				out.Opinions[item] = map[int64]string{}
			}
			out.Opinions[item][by] = v
		case "v":
			if out.Votes[item] == nil {
				out.Votes[item] = map[int64]bool{}
			}
			out.Votes[item][by] = v == "y"
		}
	}
	return out
}

// claimOf is the claim of a send-once effect (a reminder stage of an item,
// a supervisor's weekly digest): the hash field that must be unset, which
// the commit sets to the time. ok is false for any other effect.
func (s *Store) claimOf(ef flows.Effect) (key, field, why string, ok bool) {
	switch e := ef.(type) {
	case flows.CommitmentReminderSent:
		return s.keys.CommitmentItem(e.ItemID), "r:" + e.Key, "reminder_already_sent", true
	case flows.CommitmentDigestSent:
		return s.keys.CommitmentDigests(), e.Week + ":" + itoa(e.To), "digest_already_sent", true
	}
	return "", "", "", false
}
