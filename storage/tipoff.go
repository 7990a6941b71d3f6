package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

// A tip-off must not be linkable to its reporter, also for whoever reads
// Redis or the records system. Like an anonymous answer (anonymity.go):
//
//   - what a reporter sends (a tip-off, an addition) is sealed to the
//     anonymity key into an unordered pool, with no user or chat id and
//     no time but the day; no records event is written at the submit;
//   - the release (tipoff_release.go) opens the pool in batches, stores
//     each tip-off sealed under a random id and sends its records event
//     timed by the day, in random order;
//   - the receipt code is kept only as a keyed hash, beside the sealed
//     record, and a reporter's look-up reads every record (one HGETALL)
//     and matches locally, so no read names the tip-off looked up;
//   - the per-person daily cap counts under a pseudonym (a keyed hash of
//     person and day) how many, never which;
//   - the reporter's session (draft, code) and replies are concealed like
//     every chat's; the pushes to inspectors carry no content.

// pooledTip is what a reporter sent, as sealed into the pool.
type pooledTip struct {
	Type   string         `json:"t"` // "new" or "add"
	Hash   string         `json:"h"`
	Tipoff *tipoff.Tipoff `json:"o,omitempty"`
	Note   *tipoff.Note   `json:"n,omitempty"`
}

// errTipUnreadable is a reporter's look-up that found a tip-off it cannot
// open; it names none.
var errTipUnreadable = errors.New("the tip-off of a receipt code cannot be opened")

// tipCapTTL is how long a day's cap counts are kept.
const tipCapTTL = 48 * time.Hour

// keyed is a keyed hash of what: hex of SHA-256 over its concealment
// under the anonymity key (deterministic, and nothing without the key).
func (s *Store) keyed(what ...string) (string, error) {
	if s.key == nil {
		return "", ErrNoAnonymityKey
	}
	sum := sha256.Sum256(s.key.Conceal([]byte(strings.Join(what, "\x1f"))))
	return hex.EncodeToString(sum[:16]), nil
}

// planTipoff adds the writes and conditions of the tip-off effects to a
// commit plan; false means ef is not one of them.
func (s *Store) planTipoff(p *plan, ef kit.Effect, _ time.Time) (bool, error) {
	switch e := ef.(type) {
	case tipoff.Submitted:
		t := e.Tipoff
		return true, s.planPooledTip(p, e.Reporter, e.Count, t.Day, e.Code, pooledTip{Type: "new", Tipoff: &t})
	case tipoff.Added:
		n := e.Note
		return true, s.planPooledTip(p, e.Reporter, e.Count, n.Day, e.Code, pooledTip{Type: "add", Note: &n})
	case tipoff.Effect:
		c := e.TipoffChange()
		k := s.keys
		p.guard("heq", k.TipoffRevs(), c.Tipoff.ID, itoa(c.Prev), "tipoff_changed")
		v, err := s.sealTip(c.Tipoff)
		if err != nil {
			return true, err
		}
		p.op("hset", k.Tipoffs(), c.Tipoff.ID, v)
		p.op("hset", k.TipoffRevs(), c.Tipoff.ID, itoa(c.Prev+1))
	default:
		return false, nil
	}
	return true, nil
}

// planPooledTip seals what a reporter sent into the pool and counts it
// under their pseudonym of the day, if they had sent count that day.
func (s *Store) planPooledTip(p *plan, reporter int64, count int, day, code string, doc pooledTip) error {
	h, err := s.keyed("tipoff-code", code)
	if err != nil {
		return err
	}
	doc.Hash = h
	if doc.Tipoff != nil {
		doc.Tipoff.Hash = h
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encode tip-off: %w", err)
	}
	sealed, err := s.key.Seal(b)
	if err != nil {
		return err
	}
	pseudo, err := s.keyed("tipoff-cap", day, itoa(reporter))
	if err != nil {
		return err
	}
	k := s.keys
	p.op("sadd", k.TipoffPool(), sealed)
	p.guard("heq", k.TipoffCap(day), pseudo, itoa(int64(count)), "tipoff_cap_moved")
	p.op("hincrby", k.TipoffCap(day), pseudo, "1")
	p.op("pexpire", k.TipoffCap(day), itoa(tipCapTTL.Milliseconds()))
	return nil
}

// sealTip is a released tip-off as stored: its code's hash, then the
// tip-off sealed.
func (s *Store) sealTip(t tipoff.Tipoff) (string, error) {
	if s.key == nil {
		return "", ErrNoAnonymityKey
	}
	b, err := json.Marshal(t)
	if err != nil {
		return "", fmt.Errorf("encode tip-off: %w", err)
	}
	sealed, err := s.key.Seal(b)
	if err != nil {
		return "", err
	}
	return t.Hash + "|" + sealed, nil
}

// openTip reads a stored tip-off (sealTip).
func (s *Store) openTip(id, v string) (tipoff.Tipoff, error) {
	var t tipoff.Tipoff
	_, sealed, ok := strings.Cut(v, "|")
	if !ok || s.key == nil {
		return t, fmt.Errorf("tip-off %s: %w", id, ErrNoAnonymityKey)
	}
	b, err := s.key.Open(sealed)
	if err == nil {
		err = json.Unmarshal(b, &t)
	}
	if err != nil {
		return t, fmt.Errorf("open tip-off %s: %w", id, err)
	}
	t.ID = id
	return t, nil
}

// storedTips reads every released tip-off with its revision: id → stored
// value and revision.
func (s *Store) storedTips(ctx context.Context) (map[string]string, map[string]string, error) {
	vals, err := s.rdb.HGetAll(ctx, s.keys.Tipoffs()).Result()
	if err != nil {
		return nil, nil, fmt.Errorf("tip-offs: %w", err)
	}
	revs, err := s.rdb.HGetAll(ctx, s.keys.TipoffRevs()).Result()
	if err != nil {
		return nil, nil, fmt.Errorf("tip-offs: %w", err)
	}
	return vals, revs, nil
}

func (d *directory) Tipoffs() ([]tipoff.Tipoff, error) { return d.s.Tipoffs(d.ctx) }

// Tipoffs lists the released tip-offs, newest day first.
func (s *Store) Tipoffs(ctx context.Context) ([]tipoff.Tipoff, error) {
	vals, revs, err := s.storedTips(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]tipoff.Tipoff, 0, len(vals))
	for id, v := range vals {
		t, err := s.openTip(id, v)
		if err != nil {
			return nil, err
		}
		t.Rev = atoi(revs[id])
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b tipoff.Tipoff) int {
		if c := strings.Compare(b.Day, a.Day); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (d *directory) Tipoff(id string) (tipoff.Tipoff, bool, error) { return d.s.Tipoff(d.ctx, id) }

// Tipoff returns one released tip-off (an inspector's read: it names the
// tip-off, which is theirs to read).
func (s *Store) Tipoff(ctx context.Context, id string) (tipoff.Tipoff, bool, error) {
	v, err := s.rdb.HGet(ctx, s.keys.Tipoffs(), id).Result()
	if errors.Is(err, redis.Nil) {
		return tipoff.Tipoff{}, false, nil
	}
	if err != nil {
		return tipoff.Tipoff{}, false, fmt.Errorf("tip-off %s: %w", id, err)
	}
	t, err := s.openTip(id, v)
	if err != nil {
		return t, false, err
	}
	rev, err := s.rdb.HGet(ctx, s.keys.TipoffRevs(), id).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return t, false, fmt.Errorf("tip-off %s: %w", id, err)
	}
	t.Rev = atoi(rev)
	return t, true, nil
}

func (d *directory) TipoffByCode(code string) (tipoff.Tipoff, bool, error) {
	return d.s.TipoffByCode(d.ctx, code)
}

// TipoffByCode finds the tip-off of a receipt code: among the released
// ones (all read, matched here), else in the pool (then StatusPooled).
// No command names the tip-off looked up.
func (s *Store) TipoffByCode(ctx context.Context, code string) (tipoff.Tipoff, bool, error) {
	h, err := s.keyed("tipoff-code", code)
	if err != nil {
		return tipoff.Tipoff{}, false, err
	}
	vals, revs, err := s.storedTips(ctx)
	if err != nil {
		return tipoff.Tipoff{}, false, err
	}
	for id, v := range vals {
		if strings.HasPrefix(v, h+"|") {
			t, err := s.openTip(id, v)
			if err != nil {
				// the reporter's chat is logged beside this error: it names
				// no tip-off, and keeps nothing of the cause (which names it)
				return tipoff.Tipoff{}, false, errTipUnreadable
			}
			t.Rev = atoi(revs[id])
			return t, true, nil
		}
	}
	pool, err := s.openTipPool(ctx)
	if err != nil {
		return tipoff.Tipoff{}, false, err
	}
	for _, p := range pool {
		if p.doc.Type == "new" && p.doc.Hash == h && p.doc.Tipoff != nil {
			return *p.doc.Tipoff, true, nil
		}
	}
	return tipoff.Tipoff{}, false, nil
}

func (d *directory) TipoffsToday(reporter int64, day string) (int, error) {
	return d.s.TipoffsToday(d.ctx, reporter, day)
}

// TipoffsToday is how many tip-offs and additions reporter sent on day.
func (s *Store) TipoffsToday(ctx context.Context, reporter int64, day string) (int, error) {
	pseudo, err := s.keyed("tipoff-cap", day, itoa(reporter))
	if err != nil {
		return 0, err
	}
	n, err := s.rdb.HGet(ctx, s.keys.TipoffCap(day), pseudo).Int()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("tip-off cap: %w", err)
	}
	return n, nil
}
