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

// ErrConflict means the commit's preconditions no longer held (the session
// moved on, the update was applied already, or an effect's condition failed):
// nothing was written; load again and re-run the step.
var ErrConflict = errors.New("commit conflict")

// Commit is one step's writes.
type Commit struct {
	ChatID  int64
	Session flows.Session // Version = the version it was loaded with
	// Head is the inbox entry this step applied; it is removed in the same
	// commit. Nil for commits not caused by an update (scheduler jobs).
	Head    []byte
	Effects []flows.Effect
	Outputs []flows.Output
	Now     time.Time
	// NoSession leaves the session untouched (commits not caused by a chat).
	NoSession bool
	// Trim removes the first Trim committed replies of the chat (sent since
	// the previous commit) in the same operation.
	Trim int
	// Lease, when set, makes the commit fail with ErrLeaseLost unless the
	// lease still owns the chat.
	Lease *Lease
}

// Committed is what a step's commit reports back: the new session version
// and the chat's next unapplied update, so the worker needs no extra read.
type Committed struct {
	Version int64
	Next    []byte
	HasNext bool
}

// replyMaxBytes bounds one committed reply or push (its JSON).
const replyMaxBytes = 64 << 10

// commitScript applies a plan (see plan) atomically.
// KEYS[1] session, KEYS[2] inbox list, KEYS[3] replies, KEYS[4…] the rest.
var commitScript = redis.NewScript(`
local p = cjson.decode(ARGV[1])
if p.l then
  if redis.call('HGET', KEYS[tonumber(p.l)], ARGV[3]) ~= ARGV[4] then return {0, 'lease'} end
end
if p.s == '1' then
  local v = redis.call('HGET', KEYS[1], 'v') or '0'
  if v ~= p.sv then return {0, 'session'} end
end
if p.h then
  -- The head is compared as raw bytes (ARGV[2]), not through JSON, which
  -- would rewrite invalid UTF-8 and never match.
  local head = redis.call('LINDEX', KEYS[2], 0)
  if head ~= ARGV[2] then return {0, 'inbox'} end
end
for _, g in ipairs(p.g) do
  local k = KEYS[tonumber(g[2])]
  if g[1] == 'hnil' then
    local v = redis.call('HGET', k, g[3])
    if v and v ~= '' then return {0, g[4]} end
  elseif g[1] == 'exists' then
    if redis.call('EXISTS', k) == 0 then return {0, g[3]} end
  elseif g[1] == 'snot' then
    if redis.call('SISMEMBER', k, g[3]) == 1 then return {0, g[4]} end
  elseif g[1] == 'heq' then
    local v = redis.call('HGET', k, g[3]) or '0'
    if v ~= g[4] then return {0, g[5]} end
  end
end
for _, o in ipairs(p.o) do
  local k = KEYS[tonumber(o[2])]
  local args = {}
  for i = 3, #o do args[#args+1] = o[i] end
  if o[1] == 'xadd' then
    redis.call('XADD', k, '*', unpack(args))
  elseif o[1] == 'advance' then
    -- advance: move field to a later status only, counting each status once.
    local rank = {opened = 1, started = 2, submitted = 3}
    local cur = redis.call('HGET', k, args[1])
    local new = args[2]
    if not cur or (rank[cur] or 0) < rank[new] then
      redis.call('HSET', k, args[1], new)
      local counts = KEYS[tonumber(args[3])]
      for r, name in ipairs({'opened', 'started', 'submitted'}) do
        if r > (rank[cur] or 0) and r <= rank[new] and name ~= 'submitted' then
          redis.call('HINCRBY', counts, name, 1)
        end
      end
    end
  else
    redis.call(o[1], k, unpack(args))
  end
end
if p.t and tonumber(p.t) > 0 then redis.call('LTRIM', KEYS[3], tonumber(p.t), -1) end
local nv = 0
if p.s == '1' then
  nv = tonumber(p.sv) + 1
  redis.call('HSET', KEYS[1], 'v', nv, 'd', p.sd)
  redis.call('PEXPIRE', KEYS[1], p.st)
end
if p.h then redis.call('LPOP', KEYS[2]) end
for _, r in ipairs(p.r) do redis.call('RPUSH', KEYS[3], r) end
return {1, nv, redis.call('LINDEX', KEYS[2], 0) or false}
`)

type plan struct {
	keys []string
	idx  map[string]int
	S    string     `json:"s"`
	SV   string     `json:"sv"`
	SD   string     `json:"sd"`
	ST   string     `json:"st"`
	H    bool       `json:"h,omitempty"`
	L    string     `json:"l,omitempty"` // key index of the lease owner hash
	T    string     `json:"t,omitempty"`
	G    [][]string `json:"g"`
	O    [][]string `json:"o"`
	R    []string   `json:"r"`
}

func (p *plan) key(k string) string {
	if i, ok := p.idx[k]; ok {
		return strconv.Itoa(i)
	}
	p.keys = append(p.keys, k)
	p.idx[k] = len(p.keys)
	return strconv.Itoa(len(p.keys))
}

func (p *plan) op(name, key string, args ...string) {
	p.O = append(p.O, append([]string{name, p.key(key)}, args...))
}

func (p *plan) guard(name, key string, args ...string) {
	p.G = append(p.G, append([]string{name, p.key(key)}, args...))
}

// Commit writes one step atomically: session (if its version still holds),
// effects with their conditions, one outbox event per effect, pushes, replies
// and the acknowledgement of Head. It returns the new session version, or
// ErrConflict when a precondition failed and nothing was written.
func (s *Store) Commit(ctx context.Context, c Commit) (int64, error) {
	res, err := s.CommitStep(ctx, c)
	return res.Version, err
}

// CommitStep is Commit that also reports the chat's next unapplied update.
func (s *Store) CommitStep(ctx context.Context, c Commit) (Committed, error) {
	keys, args, err := s.prepare(c)
	if err != nil {
		return Committed{}, err
	}
	res, err := commitScript.Run(ctx, s.rdb, keys, args...).Slice()
	if err != nil {
		return Committed{}, fmt.Errorf("commit chat %d: %w", c.ChatID, err)
	}
	return committed(res)
}

// committed decodes the commit script's answer.
func committed(res []any) (Committed, error) {
	if ok, _ := res[0].(int64); ok != 1 {
		if res[1] == "lease" {
			return Committed{}, ErrLeaseLost
		}
		return Committed{}, fmt.Errorf("%w: %v", ErrConflict, res[1])
	}
	out := Committed{}
	out.Version, _ = res[1].(int64)
	if len(res) > 2 {
		if next, ok := res[2].(string); ok {
			out.Next, out.HasNext = []byte(next), true
		}
	}
	return out, nil
}

// prepare turns a commit into the commit script's keys and arguments.
func (s *Store) prepare(c Commit) ([]string, []any, error) {
	p := &plan{idx: map[string]int{}, G: [][]string{}, O: [][]string{}, R: []string{}}
	p.key(s.keys.Session(c.ChatID))
	p.key(s.keys.InboxChat(c.ChatID))
	p.key(s.keys.Replies(c.ChatID))
	if !c.NoSession {
		sd, err := json.Marshal(c.Session)
		if err != nil {
			return nil, nil, fmt.Errorf("encode session: %w", err)
		}
		p.S, p.SV, p.SD, p.ST = "1", strconv.FormatInt(c.Session.Version, 10), string(sd), strconv.FormatInt(sessionTTL.Milliseconds(), 10)
	}
	head := ""
	if c.Head != nil {
		p.H, head = true, string(c.Head)
	}
	chatArg, token := "", ""
	if c.Lease != nil {
		p.L = p.key(s.keys.InboxOwner())
		chatArg, token = strconv.FormatInt(c.ChatID, 10), c.Lease.Token
	}
	if c.Trim > 0 {
		p.T = strconv.Itoa(c.Trim)
	}
	for _, ef := range c.Effects {
		if err := s.planEffect(p, ef, c.Now); err != nil {
			return nil, nil, err
		}
		if ef.EventType() == "" {
			continue // not a records fact
		}
		ev, err := s.renderEvent(ef, c.Now)
		if err != nil {
			return nil, nil, err
		}
		if r, ok := ef.(flows.ResponseSubmitted); ok && r.Anonymous {
			// Held back and released once a day in random order (see
			// ReleaseAnonymous), so delivery time cannot link it to a person.
			p.op("sadd", s.keys.SurveyAnonOut(r.SurveyID), string(ev))
			continue
		}
		p.op("xadd", s.keys.Outbox(), "event", string(ev))
	}
	for _, o := range c.Outputs {
		b, err := json.Marshal(o)
		if err != nil {
			return nil, nil, fmt.Errorf("encode output: %w", err)
		}
		if len(b) > replyMaxBytes {
			return nil, nil, fmt.Errorf("output of %d bytes is too large", len(b))
		}
		if o.Kind == flows.OutPush {
			p.op("xadd", s.keys.Push(), "msg", string(b))
			continue
		}
		p.R = append(p.R, string(b))
	}
	arg, err := json.Marshal(p)
	if err != nil {
		return nil, nil, fmt.Errorf("encode plan: %w", err)
	}
	return p.keys, []any{arg, head, chatArg, token}, nil
}

func (s *Store) planEffect(p *plan, ef flows.Effect, now time.Time) error {
	k := s.keys
	switch e := ef.(type) {
	case flows.MemberJoined:
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
		if pe.Role == flows.RoleSupervisor || pe.Role == flows.RoleOfficial {
			p.op("sadd", k.UnitLeads(pe.Unit), itoa(pe.ID))
		}
		p.op("sadd", k.Members(), itoa(pe.ID))
	case flows.InviteCreated:
		i := e.Invite
		key := k.Invite(i.Code)
		p.guard("hnil", key, "unit", "invite_code_taken")
		p.op("hset", key, "unit", i.Unit, "role", string(i.Role), "by", itoa(i.By),
			"expires_at", i.ExpiresAt.UTC().Format(time.RFC3339))
		p.op("pexpireat", key, strconv.FormatInt(i.ExpiresAt.Add(inviteGrace).UnixMilli(), 10))
	case flows.SurveyOpened:
		p.op("hset", k.Survey(e.SurveyID), "status", string(flows.StatusOpen), "version", e.Version)
		p.op("hsetnx", k.Survey(e.SurveyID), "opened_at", now.UTC().Format(time.RFC3339))
		perUnit := map[string]int64{}
		for i := 0; i < len(e.Issued); i += 1000 {
			chunk := e.Issued[i:min(i+1000, len(e.Issued))]
			ids := make([]string, len(chunk))
			for j, id := range chunk {
				ids[j] = itoa(id)
				if i+j < len(e.Units) {
					perUnit[e.Units[i+j]]++
				}
			}
			p.op("sadd", k.SurveyIssued(e.SurveyID), ids...)
		}
		for _, u := range sortedKeys(perUnit) {
			p.op("hincrby", k.SurveyUnitIssued(e.SurveyID), u, itoa(perUnit[u]))
		}
	case flows.SurveyClosed:
		p.op("hset", k.Survey(e.SurveyID), "status", string(flows.StatusClosed), "closed_at", now.UTC().Format(time.RFC3339))
	case flows.SurveyProgress:
		p.op("advance", k.SurveyProgress(e.SurveyID), itoa(e.User), e.Status, p.key(k.SurveyCounts(e.SurveyID)))
	case flows.ReminderSent:
		p.guard("heq", k.SurveyReminders(e.SurveyID), itoa(e.User), strconv.Itoa(e.N-1), "reminder_already_sent")
		p.op("hset", k.SurveyReminders(e.SurveyID), itoa(e.User), strconv.Itoa(e.N),
			itoa(e.User)+"@", strconv.FormatInt(now.Unix(), 10))
	case flows.ResponseSubmitted:
		id := e.SurveyID
		rec := map[string]any{"v": e.Version, "a": e.Answers, "d": e.At.UTC().Format("2006-01-02")}
		if e.Unit != "" {
			rec["u"] = e.Unit
		}
		if !e.Anonymous {
			rec["r"] = e.Respondent
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("encode response: %w", err)
		}
		// A random id: the hash keeps no order, so nothing ties an
		// anonymous response to the moment (or person) it came from.
		rid := NewID(e.At.UTC().Truncate(24 * time.Hour))
		if e.Round != "" {
			// An evaluation round's questionnaire: the round, not the
			// campaign, takes answers (whatever the campaign's status);
			// once per person per round, counted in the round's figure
			// and kept with the round — the campaign's figures, tallies
			// and responses are not touched ("只计入本轮").
			s.planRoundResponse(p, e)
			p.op("hset", k.CommitmentRoundResponses(e.Round), rid, string(b))
			return nil
		}
		p.guard("heq", k.Survey(id), "status", string(flows.StatusOpen), "survey_not_open")
		if !e.Multiple {
			p.guard("snot", k.SurveySubmitted(id), itoa(e.Respondent), "already_submitted")
		}
		p.op("sadd", k.SurveySubmitted(id), itoa(e.Respondent))
		p.op("hset", k.SurveyProgress(id), itoa(e.Respondent), "submitted")
		p.op("hincrby", k.SurveyCounts(id), "submitted", "1")
		unit := e.Unit
		p.op("hincrby", k.SurveyUnits(id), unit+"\x1fsubmitted", "1")
		if e.SatisfiedAnswered {
			p.op("hincrby", k.SurveyCounts(id), "satisfied_answered", "1")
			p.op("hincrby", k.SurveyUnits(id), unit+"\x1fanswered", "1")
		}
		if e.Satisfied {
			p.op("hincrby", k.SurveyCounts(id), "satisfied", "1")
			p.op("hincrby", k.SurveyUnits(id), unit+"\x1fsatisfied", "1")
		}
		for _, t := range e.Tallies {
			p.op("hincrby", k.SurveyTallies(id), t, "1")
		}
		p.op("hset", k.SurveyResponses(id), rid, string(b))
	default:
		for _, plan := range []func(*plan, flows.Effect, time.Time) (bool, error){s.planCommitment, s.planTalk} {
			if ok, err := plan(p, ef, now); ok || err != nil {
				return err
			}
		}
		return fmt.Errorf("unknown effect %T", ef)
	}
	return nil
}

func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
