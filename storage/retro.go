package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/flows/retro"
)

// 复盘 in Redis: one hash per 复盘 (its JSON, revision and status), a hash
// of its contributions by person, and per person a sorted set of the 复盘
// they run or take part in (for /retro and the to-do).

// planRetro adds the writes and conditions of the 复盘 effects to a commit
// plan; false means ef is not one of them.
func (s *Store) planRetro(p *plan, ef kit.Effect, _ time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case retro.Opened:
		r := e.Retro
		p.guard("hnil", k.Retro(r.ID), "rev", "retro_exists")
		if err := s.planRetroDoc(p, r, 1); err != nil {
			return true, err
		}
		score := strconv.FormatInt(r.Opened.UnixMilli(), 10)
		p.op("zadd", k.RetrosOf(r.By), score, r.ID)
		for _, who := range r.People {
			p.op("zadd", k.RetrosOf(who.ID), score, r.ID)
		}
	case retro.Contributed:
		c := e.Contribution
		p.guard("heq", k.Retro(c.Retro), "status", string(retro.StatusOpen), "retro_not_open")
		p.guard("hnil", k.RetroContributions(c.Retro), itoa(c.Person), "retro_contributed")
		b, err := json.Marshal(c)
		if err != nil {
			return true, fmt.Errorf("encode contribution: %w", err)
		}
		p.op("hset", k.RetroContributions(c.Retro), itoa(c.Person), string(b))
	case retro.Effect:
		c := e.RetroChange()
		p.guard("heq", k.Retro(c.Retro.ID), "rev", itoa(c.Prev), "retro_changed")
		return true, s.planRetroDoc(p, c.Retro, c.Prev+1)
	default:
		return false, nil
	}
	return true, nil
}

// planRetroDoc writes a 复盘 at revision rev.
func (s *Store) planRetroDoc(p *plan, r retro.Retro, rev int64) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode retro: %w", err)
	}
	p.op("hset", s.keys.Retro(r.ID), "d", string(b), "rev", itoa(rev), "status", string(r.Status))
	return nil
}

func (d *directory) Retro(id string) (retro.Retro, bool, error) { return d.s.Retro(d.ctx, id) }

// Retro returns a stored 复盘 with its revision.
func (s *Store) Retro(ctx context.Context, id string) (retro.Retro, bool, error) {
	vals, err := s.rdb.HMGet(ctx, s.keys.Retro(id), "d", "rev").Result()
	if err != nil {
		return retro.Retro{}, false, fmt.Errorf("retro %s: %w", id, err)
	}
	doc, _ := vals[0].(string)
	if doc == "" {
		return retro.Retro{}, false, nil
	}
	var r retro.Retro
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		return r, false, fmt.Errorf("decode retro %s: %w", id, err)
	}
	rev, _ := vals[1].(string)
	r.Rev = atoi(rev)
	return r, true, nil
}

func (d *directory) RetroContributions(id string) ([]retro.Contribution, error) {
	return d.s.RetroContributions(d.ctx, id)
}

// RetroContributions returns a 复盘's contributions in the order they
// were given.
func (s *Store) RetroContributions(ctx context.Context, id string) ([]retro.Contribution, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.RetroContributions(id)).Result()
	if err != nil {
		return nil, fmt.Errorf("retro contributions %s: %w", id, err)
	}
	out := make([]retro.Contribution, 0, len(m))
	for _, v := range m {
		var c retro.Contribution
		if err := json.Unmarshal([]byte(v), &c); err != nil {
			return nil, fmt.Errorf("decode contribution of %s: %w", id, err)
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b retro.Contribution) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Person, b.Person))
	})
	return out, nil
}

func (d *directory) RetrosOf(person int64, n int) ([]retro.Retro, error) {
	return d.s.RetrosOf(d.ctx, person, n)
}

// RetrosOf returns the n newest 复盘 person runs or takes part in.
func (s *Store) RetrosOf(ctx context.Context, person int64, n int) ([]retro.Retro, error) {
	ids, err := s.rdb.ZRevRange(ctx, s.keys.RetrosOf(person), 0, int64(n)-1).Result()
	if err != nil {
		return nil, fmt.Errorf("retros of %d: %w", person, err)
	}
	cmds, err := each(ctx, s.rdb, ids, func(p redis.Pipeliner, id string) *redis.SliceCmd {
		return p.HMGet(ctx, s.keys.Retro(id), "d", "rev")
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("retros of %d: %w", person, err)
	}
	out := make([]retro.Retro, 0, len(ids))
	for _, c := range cmds {
		vals := c.Val()
		doc, _ := vals[0].(string)
		if doc == "" {
			continue
		}
		var r retro.Retro
		if err := json.Unmarshal([]byte(doc), &r); err != nil {
			return nil, fmt.Errorf("decode retro: %w", err)
		}
		rev, _ := vals[1].(string)
		r.Rev = atoi(rev)
		out = append(out, r)
	}
	return out, nil
}
