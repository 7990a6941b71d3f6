package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"sibu/flows/kit"
	"sibu/flows/research"
)

// Research campaigns in Redis. A meeting, a visit and an opinion are each a
// hash of their JSON and revision (an opinion's also holds the claims of
// its follow-up's reminders); a unit's day counters make a campaign's
// figures a read of one hash per unit; a unit's opinions, a person's
// records, a person's open follow-ups and all open follow-ups by deadline
// are sorted sets.

// planResearch adds the writes and conditions of the research effects to
// a commit plan; false means ef is not one of them.
func (s *Store) planResearch(p *plan, ef kit.Effect, now time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case research.Logged:
		r := e.Record
		p.guard("hnil", k.ResearchRecord(r.ID), "rev", "research_record_exists")
		if err := s.putRecord(p, r); err != nil {
			return true, err
		}
		p.op("zadd", k.ResearchBy(r.By), strconv.FormatInt(r.Created.UnixMilli(), 10), r.ID)
		countRecord(p, k, r, 1)
	case research.Amended:
		p.guard("heq", k.ResearchRecord(e.Before.ID), "rev", strconv.Itoa(e.Before.Rev), "research_record_changed")
		if err := s.putRecord(p, e.After); err != nil {
			return true, err
		}
		countRecord(p, k, e.Before, -1)
		countRecord(p, k, e.After, 1)
	case research.OpinionAdded:
		return true, s.planOpinionAdded(p, e.Opinion)
	case research.OpinionChange:
		return true, s.planOpinionChange(p, e.OpinionChange())
	case research.FollowUpReminded:
		p.guard("heq", k.Opinion(e.OpinionID), "rev", strconv.Itoa(e.Rev), "research_opinion_changed")
		c, _ := s.claimOf(ef)
		c.plan(p, now)
	default:
		return false, nil
	}
	return true, nil
}

// putRecord writes a record's JSON and revision.
func (s *Store) putRecord(p *plan, r research.Record) error {
	doc, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode research record: %w", err)
	}
	p.op("hset", s.keys.ResearchRecord(r.ID), "doc", string(doc), "rev", strconv.Itoa(r.Rev))
	return nil
}

// countRecord adds sign times r (and its people) to its unit's day.
func countRecord(p *plan, k Keys, r research.Record, sign int64) {
	p.op("hincrby", k.ResearchCounts(r.Unit), r.Kind+"|"+r.Date, itoa(sign))
	p.op("hincrby", k.ResearchCounts(r.Unit), r.Kind+"_people|"+r.Date, itoa(sign*r.People))
}

// dayScore is a stored day as a sorted-set score (unix seconds, UTC).
func dayScore(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return "0"
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// planOpinionAdded stores a new opinion, once per imported source.
func (s *Store) planOpinionAdded(p *plan, o research.Opinion) error {
	k := s.keys
	p.guard("hnil", k.Opinion(o.ID), "rev", "research_opinion_exists")
	if o.Source == research.SourceSurvey || o.Source == research.SourceTalk {
		p.guard("snot", k.OpinionRefs(), o.Ref, "research_opinion_imported")
		p.op("sadd", k.OpinionRefs(), o.Ref)
	}
	if err := s.putOpinion(p, o); err != nil {
		return err
	}
	p.op("zadd", k.UnitOpinions(o.Unit), dayScore(o.Date), o.ID)
	if o.Unit != "" {
		p.op("hincrby", k.ResearchCounts(o.Unit), "opinion|"+o.Date, "1")
	}
	return nil
}

// planOpinionChange moves an opinion from Before to After, keeping the
// assignees' open follow-ups and the follow-ups due in step.
func (s *Store) planOpinionChange(p *plan, c research.Change) error {
	k := s.keys
	b, a := c.Before, c.After
	p.guard("heq", k.Opinion(b.ID), "rev", strconv.Itoa(b.Rev), "research_opinion_changed")
	if err := s.putOpinion(p, a); err != nil {
		return err
	}
	if b.Open() && (!a.Open() || a.Handling.Assignee != b.Handling.Assignee) {
		p.op("zrem", k.FollowUps(b.Handling.Assignee), b.ID)
	}
	if b.Open() && !a.Open() {
		p.op("zrem", k.FollowUpsDue(), b.ID)
	}
	if a.Open() {
		p.op("zadd", k.FollowUps(a.Handling.Assignee), dayScore(a.Handling.Deadline), a.ID)
		p.op("zadd", k.FollowUpsDue(), dayScore(a.Handling.Deadline), a.ID)
	}
	return nil
}

// putOpinion writes an opinion's JSON and revision.
func (s *Store) putOpinion(p *plan, o research.Opinion) error {
	doc, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("encode opinion: %w", err)
	}
	p.op("hset", s.keys.Opinion(o.ID), "doc", string(doc), "rev", strconv.Itoa(o.Rev))
	return nil
}
