package storage

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"sibu/flows/join"
	"sibu/flows/kit"
)

// Keys of rosters, unit join links and join requests (roster.go,
// roster_read.go). All live under the deployment's hash tag.

// RosterPeople is the hash of the roster: normalized mobile number → JSON
// join.Expected. One HGET finds the entry of a number, whatever the
// roster's size. Roster numbers live only here and in the unit sets below.
func (k Keys) RosterPeople() string { return k.p + "roster:people" }

// RosterJoined is the hash of roster number → the user id who joined as
// that entry.
func (k Keys) RosterJoined() string { return k.p + "roster:joined" }

// RosterUnit is the sorted set of a unit's roster numbers, scored by their
// row in the file that added them (the file's order).
func (k Keys) RosterUnit(unit string) string { return k.p + "roster:unit:" + unit }

// RosterWaiting is RosterUnit for the people who have not joined yet.
func (k Keys) RosterWaiting(unit string) string { return k.p + "roster:unit:" + unit + ":waiting" }

// RosterCounts is a hash "<unit>\x1f<role>" → people of that unit and role
// on the roster who have not joined yet.
func (k Keys) RosterCounts() string { return k.p + "roster:counts" }

// RosterImport holds an import's rejected rows and missing people (JSON
// ImportReport) for a week, for the report's XLSX.
func (k Keys) RosterImport(id string) string { return k.p + "roster:import:" + id }

// JoinLink is the hash of one unit join link: unit, by, created_at,
// expires_at, revoked.
func (k Keys) JoinLink(code string) string { return k.p + "joinlink:" + code }

// JoinLinks is the hash of unit → the code of its current join link.
func (k Keys) JoinLinks() string { return k.p + "joinlinks" }

// JoinRequest is the hash of one join request: "d" (JSON join.Request),
// "status", "by".
func (k Keys) JoinRequest(id string) string { return k.p + "joinreq:" + id }

// JoinRequests is the sorted set of a unit's waiting join requests, scored
// by when they were made (unix ms).
func (k Keys) JoinRequests(unit string) string { return k.p + "joinreq:unit:" + unit }

// JoinRequestUsers is the hash of user id → their waiting request's id.
func (k Keys) JoinRequestUsers() string { return k.p + "joinreq:users" }

// Kept lengths of roster records.
const (
	importKept  = 7 * 24 * time.Hour
	decidedKept = 90 * 24 * time.Hour
)

// ImportReport is what an import keeps for its XLSX: the rejected rows with
// their reasons and the people its file no longer lists.
type ImportReport struct {
	File     string          `json:"file"`
	At       time.Time       `json:"at"`
	Rejected []join.Rejected `json:"rejected,omitempty"`
	Missing  []join.Entry    `json:"missing,omitempty"`
}

// countField is the RosterCounts field of unit and role.
func countField(unit string, role kit.Role) string { return unit + "\x1f" + string(role) }

// planRoster adds the writes and conditions of rosters, unit links and
// join requests to a commit plan; false means ef is none of them.
func (s *Store) planRoster(p *plan, ef kit.Effect, _ time.Time) (bool, error) {
	k := s.keys
	switch e := ef.(type) {
	case join.RosterChanged:
		return true, s.planRosterRows(p, e.Changes)
	case join.RosterImported:
		doc, err := json.Marshal(ImportReport{File: e.File, At: e.At, Rejected: e.Rejected, Missing: e.Missing})
		if err != nil {
			return true, fmt.Errorf("encode roster import: %w", err)
		}
		p.op("set", k.RosterImport(e.ID), string(doc), "PX", strconv.FormatInt(importKept.Milliseconds(), 10))
	case join.RosterJoined:
		p.guard("hnil", k.RosterJoined(), e.Phone, "roster_claimed")
		p.guard("heq", k.RosterPeople(), e.Phone, e.Raw, "roster_changed")
		p.op("hset", k.RosterJoined(), e.Phone, itoa(e.User))
		p.op("zrem", k.RosterWaiting(e.Entry.Unit), e.Phone)
		p.op("hincrby", k.RosterCounts(), countField(e.Entry.Unit, e.Entry.Role), "-1")
	case join.LinkCreated, join.LinkRevoked:
		s.planLink(p, ef)
	case join.RequestCreated, join.RequestDecided:
		return true, s.planRequest(p, ef)
	default:
		return false, nil
	}
	return true, nil
}

// planRosterRows writes roster rows, each on the condition that its entry
// and who joined as it are as the import read them, and moves the unit
// sets and counters with them.
func (s *Store) planRosterRows(p *plan, changes []join.Change) error {
	k := s.keys
	var people []string
	zadd, zrem, counts := map[string][]string{}, map[string][]string{}, map[string]int64{}
	for _, c := range changes {
		doc, err := json.Marshal(c.New)
		if err != nil {
			return fmt.Errorf("encode roster entry: %w", err)
		}
		if c.Old == nil {
			p.guard("hnil", k.RosterPeople(), c.Phone, "roster_changed")
		} else {
			p.guard("heq", k.RosterPeople(), c.Phone, c.OldRaw, "roster_changed")
		}
		p.guard("heq", k.RosterJoined(), c.Phone, strconv.FormatInt(c.Joined, 10), "roster_joined")
		people = append(people, c.Phone, string(doc))
		line := strconv.Itoa(c.Line)
		moved := c.Old == nil || c.Old.Unit != c.New.Unit
		if moved && c.Old != nil {
			zrem[k.RosterUnit(c.Old.Unit)] = append(zrem[k.RosterUnit(c.Old.Unit)], c.Phone)
		}
		if moved {
			zadd[k.RosterUnit(c.New.Unit)] = append(zadd[k.RosterUnit(c.New.Unit)], line, c.Phone)
		}
		if c.Joined != 0 {
			continue // the waiting sets and counts are of people not joined
		}
		if moved && c.Old != nil {
			zrem[k.RosterWaiting(c.Old.Unit)] = append(zrem[k.RosterWaiting(c.Old.Unit)], c.Phone)
		}
		if moved {
			zadd[k.RosterWaiting(c.New.Unit)] = append(zadd[k.RosterWaiting(c.New.Unit)], line, c.Phone)
		}
		if c.Old != nil {
			counts[countField(c.Old.Unit, c.Old.Role)]--
		}
		counts[countField(c.New.Unit, c.New.Role)]++
	}
	p.opChunked("hset", k.RosterPeople(), people)
	for _, key := range keysOf(zrem) {
		p.opChunked("zrem", key, zrem[key])
	}
	for _, key := range keysOf(zadd) {
		p.opChunked("zadd", key, zadd[key])
	}
	for _, f := range sortedKeys(counts) {
		if counts[f] != 0 {
			p.op("hincrby", k.RosterCounts(), f, strconv.FormatInt(counts[f], 10))
		}
	}
	return nil
}

// planLink writes a unit link made (on the condition that the unit's
// current link is still the one it replaces) or stopped (that it is still
// the current one).
func (s *Store) planLink(p *plan, ef kit.Effect) {
	k := s.keys
	switch e := ef.(type) {
	case join.LinkCreated:
		l, replaces := e.Link, e.Replaces
		if replaces == "" {
			replaces = "0" // "heq" reads a missing field as "0"
		}
		p.guard("heq", k.JoinLinks(), l.Unit, replaces, "link_moved")
		p.guard("hnil", k.JoinLink(l.Code), "unit", "link_code_taken")
		p.op("hset", k.JoinLink(l.Code), "unit", l.Unit, "by", itoa(l.By),
			"created_at", l.CreatedAt.UTC().Format(time.RFC3339), "expires_at", l.ExpiresAt.UTC().Format(time.RFC3339))
		p.op("pexpireat", k.JoinLink(l.Code), strconv.FormatInt(l.ExpiresAt.Add(inviteGrace).UnixMilli(), 10))
		p.op("hset", k.JoinLinks(), l.Unit, l.Code)
	case join.LinkRevoked:
		p.guard("heq", k.JoinLinks(), e.Unit, e.Code, "link_moved")
		p.op("hset", k.JoinLink(e.Code), "revoked", "1")
		p.op("hdel", k.JoinLinks(), e.Unit)
	}
}

// planRequest writes a join request made (on the condition that its
// person has none waiting) or decided (that it still waits).
func (s *Store) planRequest(p *plan, ef kit.Effect) error {
	k := s.keys
	switch e := ef.(type) {
	case join.RequestCreated:
		r := e.Request
		doc, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode join request: %w", err)
		}
		p.guard("hnil", k.JoinRequestUsers(), itoa(r.User), "request_waiting")
		p.guard("hnil", k.JoinRequest(r.ID), "status", "request_id_taken")
		p.op("hset", k.JoinRequest(r.ID), "d", string(doc), "status", string(join.RequestPending))
		p.op("zadd", k.JoinRequests(r.Unit), strconv.FormatInt(r.At.UnixMilli(), 10), r.ID)
		p.op("hset", k.JoinRequestUsers(), itoa(r.User), r.ID)
	case join.RequestDecided:
		r, status := e.Request, join.RequestRefused
		if e.Approved {
			status = join.RequestApproved
		}
		p.guard("heq", k.JoinRequest(r.ID), "status", string(join.RequestPending), "request_decided")
		p.op("hset", k.JoinRequest(r.ID), "status", string(status), "by", itoa(e.By), "at", e.At.UTC().Format(time.RFC3339))
		p.op("zrem", k.JoinRequests(r.Unit), r.ID)
		p.op("hdel", k.JoinRequestUsers(), itoa(r.User))
		p.op("pexpire", k.JoinRequest(r.ID), strconv.FormatInt(decidedKept.Milliseconds(), 10))
	}
	return nil
}

// keysOf lists m's keys in order.
func keysOf(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
