package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/discipline"
	"sibu/flows/kit"
)

// Checklists and nominees in Redis: one hash per checklist (its JSON,
// revision and status) with hashes of its targets, confirmations and
// reminders sent, a sorted set of all and one per person asked; one hash
// per nominee and a sorted set of all.

// planDiscipline adds the writes and conditions of the checklist and
// nominee effects to a commit plan; false means ef is not one of them.
func (s *Store) planDiscipline(p *plan, ef kit.Effect, now time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case discipline.ChecklistOpened:
		return true, s.planChecklistOpened(p, e)
	case discipline.Confirmed:
		c := e.Confirmation
		p.guard("heq", k.Checklist(c.Checklist), "status", "open", "checklist_closed")
		p.guard("hnil", k.ChecklistConfirmations(c.Checklist), itoa(c.Person), "checklist_confirmed")
		b, err := json.Marshal(c)
		if err != nil {
			return true, fmt.Errorf("encode confirmation: %w", err)
		}
		p.op("hset", k.ChecklistConfirmations(c.Checklist), itoa(c.Person), string(b))
	case discipline.ChecklistClosed:
		p.guard("heq", k.Checklist(e.Checklist.ID), "rev", itoa(e.Prev), "checklist_changed")
		return true, s.planDoc(p, k.Checklist(e.Checklist.ID), e.Checklist, e.Prev+1, "status", "closed")
	case discipline.ChecklistReminded:
		p.guard("hnil", k.ChecklistReminded(e.Checklist), e.Key, "checklist_reminded")
		p.op("hset", k.ChecklistReminded(e.Checklist), e.Key, strconv.FormatInt(now.Unix(), 10))
	case discipline.NomineeAdded:
		n := e.Nominee
		p.guard("hnil", k.Nominee(n.ID), "rev", "nominee_exists")
		p.op("zadd", k.Nominees(), strconv.FormatInt(n.Added.UnixMilli(), 10), n.ID)
		return true, s.planDoc(p, k.Nominee(n.ID), n, 1)
	case discipline.NomineeEffect:
		c := e.NomineeChanged()
		p.guard("heq", k.Nominee(c.Nominee.ID), "rev", itoa(c.Prev), "nominee_changed")
		return true, s.planDoc(p, k.Nominee(c.Nominee.ID), c.Nominee, c.Prev+1)
	default:
		return false, nil
	}
	return true, nil
}

// planDoc writes a document at revision rev into hash key ("d", "rev"),
// with more fields beside them.
func (s *Store) planDoc(p *plan, key string, doc any, rev int64, more ...string) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	p.op("hset", key, append([]string{"d", string(b), "rev", itoa(rev)}, more...)...)
	return nil
}

// planChecklistOpened stores a new checklist and its targets, and files it
// under each of them.
func (s *Store) planChecklistOpened(p *plan, e discipline.ChecklistOpened) error {
	k := s.keys
	c := e.Checklist
	p.guard("hnil", k.Checklist(c.ID), "rev", "checklist_exists")
	if err := s.planDoc(p, k.Checklist(c.ID), c, 1, "status", "open"); err != nil {
		return err
	}
	score := strconv.FormatInt(c.Opened.UnixMilli(), 10)
	p.op("zadd", k.Checklists(), score, c.ID)
	args := make([]string, 0, 2*len(e.Targets))
	for _, t := range e.Targets {
		b, err := json.Marshal(t)
		if err != nil {
			return fmt.Errorf("encode target: %w", err)
		}
		args = append(args, itoa(t.Person), string(b))
		p.op("zadd", k.ChecklistsOf(t.Person), score, c.ID)
	}
	p.opChunked("hset", k.ChecklistTargets(c.ID), args)
	return nil
}

// doc reads the "d" and "rev" of hash key into v; ok=false when missing.
func (s *Store) doc(ctx context.Context, key string, v any) (rev int64, ok bool, err error) {
	vals, err := s.rdb.HMGet(ctx, key, "d", "rev").Result()
	if err != nil {
		return 0, false, fmt.Errorf("read %s: %w", key, err)
	}
	d, _ := vals[0].(string)
	if d == "" {
		return 0, false, nil
	}
	if err := json.Unmarshal([]byte(d), v); err != nil {
		return 0, false, fmt.Errorf("decode %s: %w", key, err)
	}
	r, _ := vals[1].(string)
	return atoi(r), true, nil
}

func (d *directory) Checklist(id string) (discipline.Checklist, bool, error) {
	return d.s.Checklist(d.ctx, id)
}

// Checklist returns a stored checklist with its revision.
func (s *Store) Checklist(ctx context.Context, id string) (discipline.Checklist, bool, error) {
	var c discipline.Checklist
	rev, ok, err := s.doc(ctx, s.keys.Checklist(id), &c)
	c.Rev = rev
	return c, ok, err
}

func (d *directory) Checklists() ([]discipline.Checklist, error) {
	return d.s.checklistsIn(d.ctx, d.s.keys.Checklists())
}

func (d *directory) ChecklistsOf(person int64) ([]discipline.Checklist, error) {
	return d.s.checklistsIn(d.ctx, d.s.keys.ChecklistsOf(person))
}

// Checklists lists every checklist, the newest first.
func (s *Store) Checklists(ctx context.Context) ([]discipline.Checklist, error) {
	return s.checklistsIn(ctx, s.keys.Checklists())
}

// checklistsIn reads the checklists of a sorted set, the newest first.
func (s *Store) checklistsIn(ctx context.Context, key string) ([]discipline.Checklist, error) {
	ids, err := s.rdb.ZRevRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("checklists: %w", err)
	}
	out := make([]discipline.Checklist, 0, len(ids))
	for _, id := range ids {
		c, ok, err := s.Checklist(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, c)
		}
	}
	return out, nil
}

func (d *directory) ChecklistTargets(id string) (map[int64]discipline.Target, error) {
	return d.s.ChecklistTargets(d.ctx, id)
}

// ChecklistTargets returns a checklist's people, by person.
func (s *Store) ChecklistTargets(ctx context.Context, id string) (map[int64]discipline.Target, error) {
	return hashOf[discipline.Target](ctx, s.rdb, s.keys.ChecklistTargets(id))
}

func (d *directory) ChecklistConfirmations(id string) (map[int64]discipline.Confirmation, error) {
	return d.s.ChecklistConfirmations(d.ctx, id)
}

// ChecklistConfirmations returns who did a checklist, by person.
func (s *Store) ChecklistConfirmations(ctx context.Context, id string) (map[int64]discipline.Confirmation, error) {
	return hashOf[discipline.Confirmation](ctx, s.rdb, s.keys.ChecklistConfirmations(id))
}

// hashOf reads a hash of id → JSON document.
func hashOf[T any](ctx context.Context, rdb redis.UniversalClient, key string) (map[int64]T, error) {
	m, err := rdb.HGetAll(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read %s: %w", key, err)
	}
	out := make(map[int64]T, len(m))
	for k, v := range m {
		var t T
		if err := json.Unmarshal([]byte(v), &t); err != nil {
			return nil, fmt.Errorf("decode %s: %w", key, err)
		}
		out[atoi(k)] = t
	}
	return out, nil
}

func (d *directory) Nominee(id string) (discipline.Nominee, bool, error) {
	return d.s.Nominee(d.ctx, id)
}

// Nominee returns a stored nominee with its revision.
func (s *Store) Nominee(ctx context.Context, id string) (discipline.Nominee, bool, error) {
	var n discipline.Nominee
	rev, ok, err := s.doc(ctx, s.keys.Nominee(id), &n)
	n.Rev = rev
	return n, ok, err
}

func (d *directory) Nominees() ([]discipline.Nominee, error) { return d.s.Nominees(d.ctx) }

// Nominees lists every nominee in the order they were added.
func (s *Store) Nominees(ctx context.Context) ([]discipline.Nominee, error) {
	ids, err := s.rdb.ZRange(ctx, s.keys.Nominees(), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("nominees: %w", err)
	}
	out := make([]discipline.Nominee, 0, len(ids))
	for _, id := range ids {
		n, ok, err := s.Nominee(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, n)
		}
	}
	return out, nil
}
