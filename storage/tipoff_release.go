package storage

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

// openedTip is a pooled tip-off or addition opened: as stored in the pool,
// and what it says.
type openedTip struct {
	member string
	doc    pooledTip
}

// openTipPool opens what the pool holds (what it cannot open is left out:
// sealed to another key).
func (s *Store) openTipPool(ctx context.Context) ([]openedTip, error) {
	members, err := s.rdb.SMembers(ctx, s.keys.TipoffPool()).Result()
	if err != nil {
		return nil, fmt.Errorf("tip-off pool: %w", err)
	}
	var out []openedTip
	for _, m := range members {
		if s.key == nil {
			break
		}
		b, err := s.key.Open(m)
		var d pooledTip
		if err == nil && json.Unmarshal(b, &d) == nil {
			out = append(out, openedTip{member: m, doc: d})
		}
	}
	return out, nil
}

// releaseTipsScript writes a release: every pooled member still there,
// every updated tip-off still at its revision and every new id free, or
// nothing. KEYS = pool, tip-offs, revisions, outbox; ARGV[1] = the plan.
var releaseTipsScript = redis.NewScript(`
local p = cjson.decode(ARGV[1])
for _, m in ipairs(p.rem) do if redis.call('SISMEMBER', KEYS[1], m) == 0 then return 0 end end
for _, u in ipairs(p.upd) do if (redis.call('HGET', KEYS[3], u[1]) or '0') ~= u[3] then return 0 end end
for _, n in ipairs(p.new) do if redis.call('HEXISTS', KEYS[2], n[1]) == 1 then return 0 end end
for _, m in ipairs(p.rem) do redis.call('SREM', KEYS[1], m) end
for _, n in ipairs(p.new) do
  redis.call('HSET', KEYS[2], n[1], n[2])
  redis.call('HSET', KEYS[3], n[1], '1')
end
for _, u in ipairs(p.upd) do
  redis.call('HSET', KEYS[2], u[1], u[2])
  redis.call('HSET', KEYS[3], u[1], u[4])
end
for _, e in ipairs(p.ev) do redis.call('XADD', KEYS[4], '*', 'event', e) end
return 1
`)

// tipRelease is a release as the script reads it.
type tipRelease struct {
	Rem []string   `json:"rem"`
	New [][]string `json:"new"`
	Upd [][]string `json:"upd"`
	Ev  []string   `json:"ev"`
}

// ReleaseTipoffs releases pooled tip-offs and additions: all of them once
// the pool holds at least minBatch, else those sent on a day before now's
// (the daily release: a tip-off waits a day at most; now is in the
// deployment's zone, as the days reporters send are). Each new tip-off is
// stored sealed under a random id, each addition joins its tip-off's
// thread, and their records events (sibu.tipoff.received, …supplemented)
// go out timed by the day, in random order, in one atomic write. It
// returns the tip-offs released or added to, for the inspectors' notices;
// none when another replica released them meanwhile.
func (s *Store) ReleaseTipoffs(ctx context.Context, minBatch int, now time.Time) ([]tipoff.Tipoff, error) {
	pool, err := s.openTipPool(ctx)
	if err != nil || len(pool) == 0 {
		return nil, err
	}
	today := now.Format("2006-01-02")
	var batch []openedTip
	for _, p := range pool {
		if len(pool) >= minBatch || tipDay(p.doc) < today {
			batch = append(batch, p)
		}
	}
	if len(batch) == 0 {
		return nil, nil
	}
	mrand.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
	rel, out, err := s.tipReleasePlan(ctx, batch, now)
	if err != nil || len(rel.Rem) == 0 {
		return nil, err
	}
	arg, err := json.Marshal(rel)
	if err != nil {
		return nil, fmt.Errorf("encode tip-off release: %w", err)
	}
	k := s.keys
	n, err := releaseTipsScript.Run(ctx, s.rdb, []string{k.TipoffPool(), k.Tipoffs(), k.TipoffRevs(), k.Outbox()}, string(arg)).Int()
	if err != nil {
		return nil, fmt.Errorf("release tip-offs: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	return out, nil
}

// tipDay is the day a pooled report was sent.
func tipDay(d pooledTip) string {
	if d.Tipoff != nil {
		return d.Tipoff.Day
	}
	if d.Note != nil {
		return d.Note.Day
	}
	return ""
}

// tipReleasePlan turns a batch into the release's writes and events: new
// tip-offs first (an addition may follow its tip-off in the same batch),
// then additions to stored tip-offs. An addition whose tip-off is still
// pooled waits; one whose tip-off is nowhere is dropped.
func (s *Store) tipReleasePlan(ctx context.Context, batch []openedTip, now time.Time) (tipRelease, []tipoff.Tipoff, error) {
	rel := tipRelease{New: [][]string{}, Upd: [][]string{}, Ev: []string{}}
	byHash := map[string]*tipoff.Tipoff{}
	revs := map[string]int64{}
	var order []*tipoff.Tipoff
	for _, p := range batch {
		if p.doc.Type != "new" || p.doc.Tipoff == nil {
			continue
		}
		t := *p.doc.Tipoff
		t.ID, t.Status, t.Hash = strings.ToLower(rand.Text()[:12]), tipoff.StatusNew, p.doc.Hash
		byHash[t.Hash], revs[t.ID] = &t, 0
		order = append(order, &t)
		rel.Rem = append(rel.Rem, p.member)
		if err := s.tipEvent(&rel, tipoff.Received{Tipoff: t}, now); err != nil {
			return rel, nil, err
		}
	}
	stored, err := s.Tipoffs(ctx)
	if err != nil {
		return rel, nil, err
	}
	for i := range stored {
		if byHash[stored[i].Hash] == nil {
			byHash[stored[i].Hash], revs[stored[i].ID] = &stored[i], stored[i].Rev
		}
	}
	pooledNew := map[string]bool{}
	for _, p := range batch {
		if p.doc.Type == "new" {
			pooledNew[p.doc.Hash] = true
		}
	}
	touched := map[string]bool{}
	for _, p := range batch {
		if p.doc.Type != "add" || p.doc.Note == nil {
			continue
		}
		t := byHash[p.doc.Hash]
		if t == nil && pooledNew[p.doc.Hash] {
			continue // its tip-off waits for a release of its own
		}
		rel.Rem = append(rel.Rem, p.member)
		if t == nil {
			continue // nothing to add to: dropped
		}
		t.Thread = append(t.Thread, *p.doc.Note)
		if !touched[t.ID] && revs[t.ID] > 0 {
			order = append(order, t)
		}
		touched[t.ID] = true
		if err := s.tipEvent(&rel, tipoff.Supplemented{ID: t.ID, Note: *p.doc.Note}, now); err != nil {
			return rel, nil, err
		}
	}
	var out []tipoff.Tipoff
	for _, t := range order {
		v, err := s.sealTip(*t)
		if err != nil {
			return rel, nil, err
		}
		if prev := revs[t.ID]; prev == 0 {
			rel.New = append(rel.New, []string{t.ID, v})
		} else {
			rel.Upd = append(rel.Upd, []string{t.ID, v, itoa(prev), itoa(prev + 1)})
		}
		out = append(out, *t)
	}
	return rel, out, nil
}

// tipEvent adds the records event of a released report, timed by the day.
func (s *Store) tipEvent(rel *tipRelease, ef kit.Effect, now time.Time) error {
	ev, err := s.renderEvent(ef, now)
	if err != nil {
		return err
	}
	rel.Ev = append(rel.Ev, string(ev))
	return nil
}
