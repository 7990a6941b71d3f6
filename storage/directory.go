package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
)

// Directory returns the read-only view of shared state one step consults.
// It carries ctx because flows.Directory has no context of its own; it lives
// for one step only.
func (s *Store) Directory(ctx context.Context) flows.Directory {
	return &directory{ctx: ctx, s: s}
}

// DirectoryKnowing is Directory with one person already read (by Load), so
// the step does not read them again.
func (s *Store) DirectoryKnowing(ctx context.Context, p flows.Person, joined bool, id int64) flows.Directory {
	return &directory{ctx: ctx, s: s, known: &knownPerson{id: id, p: p, ok: joined}}
}

type directory struct {
	ctx   context.Context
	s     *Store
	known *knownPerson
	// members memoizes Members for the directory's short life (one step or
	// one job run): a job reminding 10,000 owners reads each unit once.
	members map[string][]flows.Person
}

type knownPerson struct {
	id int64
	p  flows.Person
	ok bool
}

var _ flows.Directory = (*directory)(nil)

func (d *directory) Person(id int64) (flows.Person, bool, error) {
	if d.known != nil && d.known.id == id {
		return d.known.p, d.known.ok, nil
	}
	return d.s.Person(d.ctx, id)
}

// Person returns a joined person.
func (s *Store) Person(ctx context.Context, id int64) (flows.Person, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.Member(id)).Result()
	if err != nil {
		return flows.Person{}, false, fmt.Errorf("person %d: %w", id, err)
	}
	if len(m) == 0 {
		return flows.Person{}, false, nil
	}
	return personFrom(id, m), true, nil
}

func personFrom(id int64, m map[string]string) flows.Person {
	p := flows.Person{ID: id, Name: m["name"], Unit: m["unit"], Role: flows.Role(m["role"])}
	p.JoinedAt, _ = time.Parse(time.RFC3339, m["joined_at"])
	return p
}

func (d *directory) Invite(code string) (flows.Invite, bool, error) {
	m, err := d.s.rdb.HGetAll(d.ctx, d.s.keys.Invite(code)).Result()
	if err != nil {
		return flows.Invite{}, false, fmt.Errorf("invite: %w", err)
	}
	if len(m) == 0 || m["unit"] == "" {
		return flows.Invite{}, false, nil
	}
	inv := flows.Invite{Code: code, Unit: m["unit"], Role: flows.Role(m["role"])}
	inv.By, _ = strconv.ParseInt(m["by"], 10, 64)
	inv.UsedBy, _ = strconv.ParseInt(m["used_by"], 10, 64)
	inv.ExpiresAt, _ = time.Parse(time.RFC3339, m["expires_at"])
	return inv, true, nil
}

func (d *directory) Members(unit string, sub bool) ([]flows.Person, error) {
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
		d.members = map[string][]flows.Person{}
	}
	d.members[key] = ms
	return ms, nil
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
	for i := 0; i < len(ids); i += 1000 {
		chunk := ids[i:min(i+1000, len(ids))]
		cmds := make([]*redis.SliceCmd, len(chunk))
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j, id := range chunk {
				cmds[j] = p.HMGet(ctx, s.keys.Member(atoi(id)), "unit", "role")
			}
			return nil
		}); err != nil {
			return indexed, fmt.Errorf("leads index: %w", err)
		}
		if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j, c := range cmds {
				v := c.Val()
				unit, _ := v[0].(string)
				role, _ := v[1].(string)
				if unit != "" && isLead(flows.Person{Role: flows.Role(role)}) {
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

// JobDirectory is Directory for a job that looks up the leads of many
// units: those of units (and their ancestors) are read up front in two
// pipelined round trips instead of two per unit.
func (s *Store) JobDirectory(ctx context.Context, units []string) (flows.Directory, error) {
	d := &directory{ctx: ctx, s: s, members: map[string][]flows.Person{}}
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
	sets := make([]*redis.StringSliceCmd, len(units))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, u := range units {
			sets[i] = p.SMembers(ctx, s.keys.UnitLeads(u))
		}
		return nil
	}); err != nil {
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
		d.members = map[string][]flows.Person{}
	}
	for i, u := range units {
		if len(sets[i].Val()) > 0 {
			d.members[u+"/leads"] = []flows.Person{} // indexed (maybe nobody still qualifies)
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
func leadFrom(unit string, id int64, m map[string]string) (flows.Person, bool) {
	if len(m) == 0 || m["unit"] != unit {
		return flows.Person{}, false
	}
	p := personFrom(id, m)
	return p, isLead(p)
}

func isLead(p flows.Person) bool {
	return p.Role == flows.RoleSupervisor || p.Role == flows.RoleOfficial
}

// Leads returns the unit's supervisors and officials from the UnitLeads
// index, memoized like Members. A unit whose index is empty is read in full
// (a unit with no leads; IndexLeads filled it from earlier data).
func (d *directory) Leads(unit string) ([]flows.Person, error) {
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
	var ms []flows.Person
	for _, p := range all {
		if isLead(p) {
			ms = append(ms, p)
		}
	}
	d.members[key] = ms
	return ms, nil
}

// Members lists the people of unit and, with sub, of its descendants.
func (s *Store) Members(ctx context.Context, unit string, sub bool) ([]flows.Person, error) {
	units := []string{unit}
	if sub {
		units = s.subtree(unit)
	}
	var ids []int64
	for _, u := range units {
		members, err := s.rdb.SMembers(ctx, s.keys.UnitMembers(u)).Result()
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, m := range members {
			id, err := strconv.ParseInt(m, 10, 64)
			if err == nil {
				ids = append(ids, id)
			}
		}
	}
	out := make([]flows.Person, 0, len(ids))
	for i := 0; i < len(ids); i += 500 {
		chunk := ids[i:min(i+500, len(ids))]
		cmds := make([]*redis.MapStringStringCmd, len(chunk))
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j, id := range chunk {
				cmds[j] = p.HGetAll(ctx, s.keys.Member(id))
			}
			return nil
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

func (d *directory) Survey(id string) (flows.SurveyCounts, error) {
	return d.s.SurveyCounts(d.ctx, id)
}

// SurveyCounts returns a questionnaire's status and counters.
func (s *Store) SurveyCounts(ctx context.Context, id string) (flows.SurveyCounts, error) {
	st, err := s.SurveyStats(ctx, id, false)
	return st.SurveyCounts, err
}

// SurveyStats returns the counters of a questionnaire; with tallies, also
// the per-question and per-unit counters. It reads a fixed number of small
// keys whatever the number of responses.
func (s *Store) SurveyStats(ctx context.Context, id string, tallies bool) (flows.SurveyStats, error) {
	var meta, counts, unitIssued, tal, units *redis.MapStringStringCmd
	var issued *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		meta = p.HGetAll(ctx, s.keys.Survey(id))
		issued = p.SCard(ctx, s.keys.SurveyIssued(id))
		counts = p.HGetAll(ctx, s.keys.SurveyCounts(id))
		unitIssued = p.HGetAll(ctx, s.keys.SurveyUnitIssued(id))
		if tallies {
			tal = p.HGetAll(ctx, s.keys.SurveyTallies(id))
			units = p.HGetAll(ctx, s.keys.SurveyUnits(id))
		}
		return nil
	})
	if err != nil {
		return flows.SurveyStats{}, fmt.Errorf("survey %s: %w", id, err)
	}
	m, c := meta.Val(), counts.Val()
	st := flows.SurveyStats{SurveyCounts: flows.SurveyCounts{
		Status: flows.SurveyStatus(m["status"]), Issued: issued.Val(),
		Opened: atoi(c["opened"]), Started: atoi(c["started"]), Submitted: atoi(c["submitted"]),
		Satisfied: atoi(c["satisfied"]), SatisfiedAnswered: atoi(c["satisfied_answered"]),
		UnitIssued: map[string]int64{},
	}}
	st.OpenedAt, _ = time.Parse(time.RFC3339, m["opened_at"])
	for u, n := range unitIssued.Val() {
		st.UnitIssued[u] = atoi(n)
	}
	if tallies {
		st.Tallies, st.Units = map[string]int64{}, map[string]int64{}
		for k, v := range tal.Val() {
			st.Tallies[k] = atoi(v)
		}
		for k, v := range units.Val() {
			st.Units[k] = atoi(v)
		}
	}
	return st, nil
}

// statusTTL is how long a questionnaire's status is reused by answering
// steps. A close seen late only lets someone answer one more question: the
// submit reads the status afresh and its commit guards on it.
const statusTTL = 2 * time.Second

type cachedStatus struct {
	status flows.SurveyStatus
	until  time.Time // wall clock
}

func (d *directory) SurveyStatus(id string) (flows.SurveyStatus, error) {
	return d.s.SurveyStatus(d.ctx, id)
}

// SurveyStatus returns a questionnaire's status, read at most once per
// statusTTL per process.
func (s *Store) SurveyStatus(ctx context.Context, id string) (flows.SurveyStatus, error) {
	now := time.Now()
	if c, ok := s.statuses.Load(id); ok && now.Before(c.(cachedStatus).until) {
		return c.(cachedStatus).status, nil
	}
	v, err := s.rdb.HGet(ctx, s.keys.Survey(id), "status").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("survey %s status: %w", id, err)
	}
	st := flows.SurveyStatus(v)
	s.statuses.Store(id, cachedStatus{status: st, until: now.Add(statusTTL)})
	return st, nil
}

func (d *directory) Stats(id string) (flows.SurveyStats, error) {
	return d.s.SurveyStats(d.ctx, id, true)
}

func (d *directory) Issued(id string, user int64) (bool, error) {
	ok, err := d.s.rdb.SIsMember(d.ctx, d.s.keys.SurveyIssued(id), user).Result()
	if err != nil {
		return false, fmt.Errorf("issued %s: %w", id, err)
	}
	return ok, nil
}

func (d *directory) Submitted(id string, user int64) (bool, error) {
	ok, err := d.s.rdb.SIsMember(d.ctx, d.s.keys.SurveySubmitted(id), user).Result()
	if err != nil {
		return false, fmt.Errorf("submitted %s: %w", id, err)
	}
	return ok, nil
}

// MarkUnreachable records that user blocked the bot (403) or reachable again.
func (s *Store) MarkUnreachable(ctx context.Context, user int64, unreachable bool) error {
	if unreachable {
		return s.rdb.SAdd(ctx, s.keys.Unreachable(), user).Err()
	}
	return s.rdb.SRem(ctx, s.keys.Unreachable(), user).Err()
}

// Unreachable reports whether user blocked the bot.
func (s *Store) Unreachable(ctx context.Context, user int64) (bool, error) {
	return s.rdb.SIsMember(ctx, s.keys.Unreachable(), user).Result()
}

// RecordMove remembers that group from became supergroup to.
func (s *Store) RecordMove(ctx context.Context, from, to int64) error {
	if err := s.rdb.HSet(ctx, s.keys.GroupMoves(), itoa(from), itoa(to)).Err(); err != nil {
		return fmt.Errorf("record group move %d: %w", from, err)
	}
	return nil
}

// Moves returns every group → supergroup move recorded.
func (s *Store) Moves(ctx context.Context) (map[int64]int64, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys.GroupMoves()).Result()
	if err != nil {
		return nil, fmt.Errorf("group moves: %w", err)
	}
	out := make(map[int64]int64, len(m))
	for k, v := range m {
		out[atoi(k)] = atoi(v)
	}
	return out, nil
}

// UnreachableSet returns everyone who blocked the bot (a job reminding
// thousands reads it once).
func (s *Store) UnreachableSet(ctx context.Context) (map[int64]bool, error) {
	ids, err := s.rdb.SMembers(ctx, s.keys.Unreachable()).Result()
	if err != nil {
		return nil, fmt.Errorf("unreachable: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, v := range ids {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[id] = true
		}
	}
	return out, nil
}

// NonRespondents lists the invitees of a questionnaire who have not
// submitted, with how many reminders each had and when the last one went.
func (s *Store) NonRespondents(ctx context.Context, id string) ([]Reminded, error) {
	var diff *redis.StringSliceCmd
	var rem *redis.MapStringStringCmd
	var blocked *redis.StringSliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		diff = p.SDiff(ctx, s.keys.SurveyIssued(id), s.keys.SurveySubmitted(id))
		rem = p.HGetAll(ctx, s.keys.SurveyReminders(id))
		blocked = p.SMembers(ctx, s.keys.Unreachable())
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("non-respondents of %s: %w", id, err)
	}
	unreachable := map[string]bool{}
	for _, b := range blocked.Val() {
		unreachable[b] = true
	}
	r := rem.Val()
	out := make([]Reminded, 0, len(diff.Val()))
	for _, u := range diff.Val() {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil {
			continue
		}
		x := Reminded{User: id, N: int(atoi(r[u])), Unreachable: unreachable[u]}
		if at := atoi(r[u+"@"]); at > 0 {
			x.Last = time.Unix(at, 0)
		}
		out = append(out, x)
	}
	return out, nil
}

// Reminded is one non-respondent's reminder state.
type Reminded struct {
	User        int64
	N           int       // reminders sent so far
	Last        time.Time // zero when none
	Unreachable bool      // blocked the bot
}

// Responses returns every stored response of a questionnaire for export,
// with respondents' names for named questionnaires.
func (s *Store) Responses(ctx context.Context, id string) ([]flows.ResponseRow, error) {
	var rows []flows.ResponseRow
	iter := s.rdb.HScan(ctx, s.keys.SurveyResponses(id), 0, "", 1000).Iterator()
	names := map[int64]string{}
	for iter.Next(ctx) {
		rid := iter.Val()
		if !iter.Next(ctx) {
			break
		}
		var rec struct {
			V string         `json:"v"`
			A map[string]any `json:"a"`
			D string         `json:"d"`
			U string         `json:"u"`
			R int64          `json:"r"`
		}
		if err := json.Unmarshal([]byte(iter.Val()), &rec); err != nil {
			return nil, fmt.Errorf("decode response %s: %w", rid, err)
		}
		rows = append(rows, flows.ResponseRow{ID: rid, UserID: rec.R, Unit: rec.U, Day: rec.D, Version: rec.V, Answers: rec.A})
		if rec.R != 0 {
			names[rec.R] = ""
		}
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("responses of %s: %w", id, err)
	}
	for uid := range names {
		if p, ok, err := s.Person(ctx, uid); err == nil && ok {
			names[uid] = p.Name
		}
	}
	for i := range rows {
		rows[i].Respondent = names[rows[i].UserID]
	}
	// A stable order for people: by day, then id (random within a day).
	sort.Slice(rows, func(a, b int) bool {
		if rows[a].Day != rows[b].Day {
			return rows[a].Day < rows[b].Day
		}
		return rows[a].ID < rows[b].ID
	})
	return rows, nil
}

// CountMembers counts the people of unit and its descendants (one SCARD
// per unit; /status must not load every member to print a number).
func (d *directory) CountMembers(unit string) (int64, error) {
	units := d.s.subtree(unit)
	cmds := make([]*redis.IntCmd, len(units))
	_, err := d.s.rdb.Pipelined(d.ctx, func(p redis.Pipeliner) error {
		for i, u := range units {
			cmds[i] = p.SCard(d.ctx, d.s.keys.UnitMembers(u))
		}
		return nil
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
