package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/join"
	"sibu/flows/kit"
)

// The reads of rosters, unit links and join requests (join.Reader), and the
// count of expected people not joined that figures show (kit's
// NotJoinedCounter).
var (
	_ join.Reader          = (*directory)(nil)
	_ kit.NotJoinedCounter = (*directory)(nil)
)

// Roster returns the roster's reads for ctx (the transport's reports and
// `sibu roster import`).
func (s *Store) Roster(ctx context.Context) join.Reader { return &directory{ctx: ctx, s: s} }

// phonesChunk is how many numbers one HMGET asks for.
const phonesChunk = 5000

// Expected reads the entries of phones and who joined as each: two HMGETs
// per chunk of numbers, in one round trip, whatever the roster's size.
func (d *directory) Expected(phones []string) (map[string]join.Current, error) {
	out := make(map[string]join.Current, len(phones))
	k := d.s.keys
	for chunk := range slices.Chunk(phones, phonesChunk) {
		var people, joined *redis.SliceCmd
		if _, err := d.s.rdb.Pipelined(d.ctx, func(p redis.Pipeliner) error {
			people, joined = p.HMGet(d.ctx, k.RosterPeople(), chunk...), p.HMGet(d.ctx, k.RosterJoined(), chunk...)
			return nil
		}); err != nil {
			return nil, fmt.Errorf("roster entries: %w", err)
		}
		for i, v := range people.Val() {
			raw, ok := v.(string)
			if !ok {
				continue
			}
			cur := join.Current{Raw: raw}
			if err := json.Unmarshal([]byte(raw), &cur.Expected); err != nil {
				return nil, fmt.Errorf("decode roster entry: %w", err)
			}
			cur.Phone = chunk[i]
			if id, ok := joined.Val()[i].(string); ok {
				cur.Joined = atoi(id)
			}
			out[chunk[i]] = cur
		}
	}
	return out, nil
}

// RosterOf reads the roster entries of unit.
func (d *directory) RosterOf(unit string) (map[string]join.Current, error) {
	phones, err := d.s.rdb.ZRange(d.ctx, d.s.keys.RosterUnit(unit), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("roster of %s: %w", unit, err)
	}
	return d.Expected(phones)
}

// Waiting reads a page of unit's people not joined, in the file's order.
func (d *directory) Waiting(unit string, offset, n int) ([]join.Expected, int64, error) {
	key := d.s.keys.RosterWaiting(unit)
	var page *redis.StringSliceCmd
	var total *redis.IntCmd
	if _, err := d.s.rdb.Pipelined(d.ctx, func(p redis.Pipeliner) error {
		page, total = p.ZRange(d.ctx, key, int64(offset), int64(offset+n-1)), p.ZCard(d.ctx, key)
		return nil
	}); err != nil {
		return nil, 0, fmt.Errorf("roster waiting of %s: %w", unit, err)
	}
	found, err := d.Expected(page.Val())
	if err != nil {
		return nil, 0, err
	}
	out := make([]join.Expected, 0, len(found))
	for _, phone := range page.Val() {
		if cur, ok := found[phone]; ok {
			out = append(out, cur.Expected)
		}
	}
	return out, total.Val(), nil
}

// RosterCounts reads the figures of units in one round trip: the sizes of
// their roster, waiting and request sets, and the counters per role.
func (d *directory) RosterCounts(units []string) (map[string]join.RosterCount, error) {
	k := d.s.keys
	type sizes struct{ all, waiting, requests *redis.IntCmd }
	cmds := make([]sizes, len(units))
	var roles *redis.MapStringStringCmd
	if _, err := d.s.rdb.Pipelined(d.ctx, func(p redis.Pipeliner) error {
		for i, u := range units {
			cmds[i] = sizes{p.ZCard(d.ctx, k.RosterUnit(u)), p.ZCard(d.ctx, k.RosterWaiting(u)), p.ZCard(d.ctx, k.JoinRequests(u))}
		}
		roles = p.HGetAll(d.ctx, k.RosterCounts())
		return nil
	}); err != nil {
		return nil, fmt.Errorf("roster counts: %w", err)
	}
	out := make(map[string]join.RosterCount, len(units))
	for i, u := range units {
		out[u] = join.RosterCount{Expected: cmds[i].all.Val(), Waiting: cmds[i].waiting.Val(), Requests: cmds[i].requests.Val(),
			ByRole: map[kit.Role]int64{}}
	}
	for f, v := range roles.Val() {
		unit, role, _ := strings.Cut(f, "\x1f")
		if c, ok := out[unit]; ok {
			c.ByRole[kit.Role(role)] = atoi(v)
		}
	}
	return out, nil
}

// CountNotJoined counts the roster's people of units (with the units below
// them) and roles who have not joined, from the per-role counters.
func (d *directory) CountNotJoined(units []string, roles []kit.Role) (int64, error) {
	in := map[string]bool{}
	for _, u := range units {
		for _, sub := range d.s.subtree(u) {
			in[sub] = true
		}
	}
	counts, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.RosterCounts()).Result()
	if err != nil {
		return 0, fmt.Errorf("roster counts: %w", err)
	}
	var n int64
	for f, v := range counts {
		unit, role, _ := strings.Cut(f, "\x1f")
		if in[unit] && kit.RoleIn(kit.Role(role), roles) {
			n += atoi(v)
		}
	}
	return n, nil
}

// UnitLink reads a unit join link by code.
func (d *directory) UnitLink(code string) (join.UnitLink, bool, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.JoinLink(code)).Result()
	if err != nil {
		return join.UnitLink{}, false, fmt.Errorf("unit link: %w", err)
	}
	if m["unit"] == "" {
		return join.UnitLink{}, false, nil
	}
	l := join.UnitLink{Code: code, Unit: m["unit"], By: atoi(m["by"]), Revoked: m["revoked"] == "1"}
	l.CreatedAt, _ = time.Parse(time.RFC3339, m["created_at"])
	l.ExpiresAt, _ = time.Parse(time.RFC3339, m["expires_at"])
	return l, true, nil
}

// LinkOf reads the current join link of unit.
func (d *directory) LinkOf(unit string) (join.UnitLink, bool, error) {
	code, err := d.s.rdb.HGet(d.ctx, d.s.keys.JoinLinks(), unit).Result()
	if errors.Is(err, redis.Nil) {
		return join.UnitLink{}, false, nil
	}
	if err != nil {
		return join.UnitLink{}, false, fmt.Errorf("unit link of %s: %w", unit, err)
	}
	return d.UnitLink(code)
}

// Request reads a join request.
func (d *directory) Request(id string) (join.Request, bool, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.JoinRequest(id)).Result()
	if err != nil {
		return join.Request{}, false, fmt.Errorf("join request: %w", err)
	}
	if m["d"] == "" {
		return join.Request{}, false, nil
	}
	var r join.Request
	if err := json.Unmarshal([]byte(m["d"]), &r); err != nil {
		return r, false, fmt.Errorf("decode join request: %w", err)
	}
	r.Status, r.By = join.RequestStatus(m["status"]), atoi(m["by"])
	return r, true, nil
}

// RequestOf reads the waiting join request of user.
func (d *directory) RequestOf(user int64) (join.Request, bool, error) {
	id, err := d.s.rdb.HGet(d.ctx, d.s.keys.JoinRequestUsers(), strconv.FormatInt(user, 10)).Result()
	if errors.Is(err, redis.Nil) {
		return join.Request{}, false, nil
	}
	if err != nil {
		return join.Request{}, false, fmt.Errorf("join request of %d: %w", user, err)
	}
	return d.Request(id)
}

// Pending reads the waiting join requests of unit, oldest first.
func (d *directory) Pending(unit string) ([]join.Request, error) {
	ids, err := d.s.rdb.ZRange(d.ctx, d.s.keys.JoinRequests(unit), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("join requests of %s: %w", unit, err)
	}
	var out []join.Request
	for _, id := range ids {
		r, ok, err := d.Request(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// RosterImport reads what import id kept for its XLSX (ok=false after a
// week).
func (s *Store) RosterImport(ctx context.Context, id string) (ImportReport, bool, error) {
	raw, err := s.rdb.Get(ctx, s.keys.RosterImport(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return ImportReport{}, false, nil
	}
	if err != nil {
		return ImportReport{}, false, fmt.Errorf("roster import %s: %w", id, err)
	}
	var r ImportReport
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, false, fmt.Errorf("decode roster import %s: %w", id, err)
	}
	return r, true, nil
}
