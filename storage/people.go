package storage

import (
	"context"
	"fmt"
	"sibu/flows/join"
	"sibu/flows/kit"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// inviteGrace is how long an expired invite is kept, so that it still
// answers "expired" rather than "unknown".
const inviteGrace = 30 * 24 * time.Hour

// planPeople adds the writes and conditions of joining and inviting to a
// commit plan; false means ef is neither.
func (s *Store) planPeople(p *plan, ef kit.Effect, _ time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case join.MemberJoined:
		if e.Invite != "" { // empty: added directly (demo seeding, imports)
			inv := k.Invite(e.Invite)
			p.guard("exists", inv, "invite_unknown")
			p.guard("hnil", inv, "used_by", "invite_used")
			p.op("hset", inv, "used_by", itoa(e.Person.ID))
		}
		pe := e.Person
		p.op("hset", k.Member(pe.ID), "name", pe.Name, "unit", pe.Unit, "role", string(pe.Role),
			"joined_at", pe.JoinedAt.UTC().Format(time.RFC3339))
		p.op("sadd", k.UnitMembers(pe.Unit), itoa(pe.ID))
		if isLead(pe) {
			p.op("sadd", k.UnitLeads(pe.Unit), itoa(pe.ID))
		}
		p.op("sadd", k.Members(), itoa(pe.ID))
	case join.InviteCreated:
		i := e.Invite
		key := k.Invite(i.Code)
		p.guard("hnil", key, "unit", "invite_code_taken")
		p.op("hset", key, "unit", i.Unit, "role", string(i.Role), "by", itoa(i.By),
			"expires_at", i.ExpiresAt.UTC().Format(time.RFC3339))
		p.op("pexpireat", key, strconv.FormatInt(i.ExpiresAt.Add(inviteGrace).UnixMilli(), 10))
	default:
		return false, nil
	}
	return true, nil
}

func (d *directory) Person(id int64) (kit.Person, bool, error) {
	if d.known != nil && d.known.id == id {
		return d.known.p, d.known.ok, nil
	}
	return d.s.Person(d.ctx, id)
}

// Person returns a joined person.
func (s *Store) Person(ctx context.Context, id int64) (kit.Person, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.Member(id)).Result()
	if err != nil {
		return kit.Person{}, false, fmt.Errorf("person %d: %w", id, err)
	}
	if len(m) == 0 {
		return kit.Person{}, false, nil
	}
	return personFrom(id, m), true, nil
}

// personFrom reads a Member hash.
func personFrom(id int64, m map[string]string) kit.Person {
	p := kit.Person{ID: id, Name: m["name"], Unit: m["unit"], Role: kit.Role(m["role"])}
	p.JoinedAt, _ = time.Parse(time.RFC3339, m["joined_at"])
	return p
}

func (d *directory) Invite(code string) (kit.Invite, bool, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.Invite(code)).Result()
	if err != nil {
		return kit.Invite{}, false, fmt.Errorf("invite: %w", err)
	}
	if len(m) == 0 || m["unit"] == "" {
		return kit.Invite{}, false, nil
	}
	inv := kit.Invite{Code: code, Unit: m["unit"], Role: kit.Role(m["role"])}
	inv.By, _ = strconv.ParseInt(m["by"], 10, 64)
	inv.UsedBy, _ = strconv.ParseInt(m["used_by"], 10, 64)
	inv.ExpiresAt, _ = time.Parse(time.RFC3339, m["expires_at"])
	return inv, true, nil
}

func (d *directory) Members(unit string, sub bool) ([]kit.Person, error) {
	key := unit
	if sub {
		key += "/*"
	}
	if ms, ok := d.members[key]; ok {
		return ms, nil
	}
	ms, err := d.s.Members(d.ctx, unit, sub)
	if err != nil {
		return nil, err
	}
	if d.members == nil {
		d.members = map[string][]kit.Person{}
	}
	d.members[key] = ms
	return ms, nil
}

// Members lists the people of unit and, with sub, of its descendants.
func (s *Store) Members(ctx context.Context, unit string, sub bool) ([]kit.Person, error) {
	units := []string{unit}
	if sub {
		units = s.subtree(unit)
	}
	var ids []int64
	for _, u := range units {
		members, err := setOfIDs(ctx, s.rdb, s.keys.UnitMembers(u))
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		ids = append(ids, members...)
	}
	out := make([]kit.Person, 0, len(ids))
	for chunk := range slices.Chunk(ids, readChunk) {
		cmds, err := each(ctx, s.rdb, chunk, func(p redis.Pipeliner, id int64) *redis.MapStringStringCmd {
			return p.HGetAll(ctx, s.keys.Member(id))
		})
		if err != nil {
			return nil, fmt.Errorf("load members: %w", err)
		}
		for j, c := range cmds {
			if m := c.Val(); len(m) > 0 {
				out = append(out, personFrom(chunk[j], m))
			}
		}
	}
	return out, nil
}

// CountMembers counts the people of unit and its descendants (one SCARD
// per unit; /status must not load every member to print a number).
func (d *directory) CountMembers(unit string) (int64, error) {
	units := d.s.subtree(unit)
	cmds, err := each(d.ctx, d.s.rdb, units, func(p redis.Pipeliner, u string) *redis.IntCmd {
		return p.SCard(d.ctx, d.s.keys.UnitMembers(u))
	})
	if err != nil {
		return 0, fmt.Errorf("count members of %s: %w", unit, err)
	}
	var n int64
	for _, c := range cmds {
		n += c.Val()
	}
	return n, nil
}

// subtree lists unit and its descendants.
func (s *Store) subtree(unit string) []string {
	out := []string{unit}
	for i := 0; i < len(out); i++ {
		for _, u := range s.units {
			if u.Parent == out[i] && u.ID != out[i] {
				out = append(out, u.ID)
			}
		}
	}
	return out
}

// Leads returns the unit's supervisors and officials from the UnitLeads
// index, memoized like Members. A unit whose index is empty is read in full
// (a unit with no leads; IndexLeads filled it from earlier data).
func (d *directory) Leads(unit string) ([]kit.Person, error) {
	key := unit + "/leads"
	if ms, ok := d.members[key]; ok {
		return ms, nil
	}
	if err := d.loadLeads([]string{unit}); err != nil {
		return nil, err
	}
	if ms, ok := d.members[key]; ok {
		return ms, nil
	}
	all, err := d.Members(unit, false)
	if err != nil {
		return nil, err
	}
	var ms []kit.Person
	for _, p := range all {
		if isLead(p) {
			ms = append(ms, p)
		}
	}
	d.members[key] = ms
	return ms, nil
}

// JobDirectory is Directory for a job that looks up the leads of many
// units: those of units (and their ancestors) are read up front in two
// pipelined round trips instead of two per unit.
func (s *Store) JobDirectory(ctx context.Context, units []string) (kit.Directory, error) {
	d := &directory{ctx: ctx, s: s, members: map[string][]kit.Person{}}
	parent := make(map[string]string, len(s.units))
	for _, u := range s.units {
		if u.Parent != u.ID {
			parent[u.ID] = u.Parent
		}
	}
	want := map[string]bool{}
	var list []string
	for _, u := range units {
		for ; u != "" && !want[u]; u = parent[u] {
			want[u] = true
			list = append(list, u)
		}
	}
	if err := d.loadLeads(list); err != nil {
		return nil, err
	}
	return d, nil
}

// loadLeads reads the UnitLeads index of units and memoizes each indexed
// unit's leads (people still in that unit with a lead's role); units with
// an empty index are left for Leads to read in full.
func (d *directory) loadLeads(units []string) error {
	ctx, s := d.ctx, d.s
	sets, err := each(ctx, s.rdb, units, func(p redis.Pipeliner, u string) *redis.StringSliceCmd {
		return p.SMembers(ctx, s.keys.UnitLeads(u))
	})
	if err != nil {
		return fmt.Errorf("leads: %w", err)
	}
	type ref struct {
		unit string
		id   int64
		cmd  *redis.MapStringStringCmd
	}
	var refs []ref
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, u := range units {
			for _, v := range sets[i].Val() {
				id := atoi(v)
				refs = append(refs, ref{u, id, p.HGetAll(ctx, s.keys.Member(id))})
			}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("load leads: %w", err)
	}
	if d.members == nil {
		d.members = map[string][]kit.Person{}
	}
	for i, u := range units {
		if len(sets[i].Val()) > 0 {
			d.members[u+"/leads"] = []kit.Person{} // indexed (maybe nobody still qualifies)
		}
	}
	for _, r := range refs {
		if p, ok := leadFrom(r.unit, r.id, r.cmd.Val()); ok {
			d.members[r.unit+"/leads"] = append(d.members[r.unit+"/leads"], p)
		}
	}
	return nil
}

// leadFrom is the person of a UnitLeads entry if they are still in unit
// with a lead's role.
func leadFrom(unit string, id int64, m map[string]string) (kit.Person, bool) {
	if len(m) == 0 || m["unit"] != unit {
		return kit.Person{}, false
	}
	p := personFrom(id, m)
	return p, isLead(p)
}

// isLead reports whether p leads their unit (supervisors and officials):
// the people in UnitLeads.
func isLead(p kit.Person) bool {
	return p.Role == kit.RoleSupervisor || p.Role == kit.RoleOfficial
}

// IndexLeads fills the UnitLeads index from the people already stored, once
// per store: people who joined before the index existed (a new join adds
// itself in its commit). Safe to run concurrently and again (SADD), and
// marked done so later starts skip it. It returns how many were indexed.
func (s *Store) IndexLeads(ctx context.Context) (int, error) {
	if n, err := s.rdb.Exists(ctx, s.keys.LeadsIndexed()).Result(); err != nil {
		return 0, fmt.Errorf("leads index: %w", err)
	} else if n == 1 {
		return 0, nil
	}
	ids, err := s.rdb.SMembers(ctx, s.keys.Members()).Result()
	if err != nil {
		return 0, fmt.Errorf("leads index: %w", err)
	}
	indexed := 0
	for chunk := range slices.Chunk(ids, readChunk) {
		cmds, err := each(ctx, s.rdb, chunk, func(p redis.Pipeliner, id string) *redis.SliceCmd {
			return p.HMGet(ctx, s.keys.Member(atoi(id)), "unit", "role")
		})
		if err != nil {
			return indexed, fmt.Errorf("leads index: %w", err)
		}
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j, c := range cmds {
				v := c.Val()
				unit, _ := v[0].(string)
				role, _ := v[1].(string)
				if unit != "" && isLead(kit.Person{Role: kit.Role(role)}) {
					p.SAdd(ctx, s.keys.UnitLeads(unit), chunk[j])
					indexed++
				}
			}
			return nil
		}); err != nil {
			return indexed, fmt.Errorf("leads index: %w", err)
		}
	}
	if err := s.rdb.Set(ctx, s.keys.LeadsIndexed(), "1", 0).Err(); err != nil {
		return indexed, fmt.Errorf("leads index: %w", err)
	}
	return indexed, nil
}
