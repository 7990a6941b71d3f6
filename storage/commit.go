package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/kit"
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
	Effects []kit.Effect
	Outputs []kit.Output
	Now     time.Time
	// NoSession leaves the session untouched (commits not caused by a chat).
	NoSession bool
	// Trim removes the first Trim committed replies of the chat (sent since
	// the previous commit) in the same operation.
	Trim int
	// Lease, when set, makes the commit fail with ErrLeaseLost unless the
	// lease still owns the chat.
	Lease *Lease
	// SetAside, when not empty, is why Head could not be applied: instead
	// of being only acknowledged it is moved to the dead list with this
	// reason (see dead.go).
	SetAside string
}

// Committed is what a step's commit reports back: the new session version
// and the chat's next unapplied update, so the worker needs no extra read.
type Committed struct {
	Version int64
	Next    []byte
	HasNext bool
}

// replyMaxBytes bounds one committed reply or push (its JSON). Outputs are
// cut to Telegram's limits first (kit.Fit), which keeps each well below it:
// the bound only stops an output no transport limit explains.
const replyMaxBytes = 256 << 10

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
local next = false
if p.h then
  -- The head is compared as raw bytes (ARGV[2]), not through JSON, which
  -- would rewrite invalid UTF-8 and never match. The entry after it is
  -- read with it: it is the chat's next update once the head is popped.
  local two = redis.call('LRANGE', KEYS[2], 0, 1)
  if two[1] ~= ARGV[2] then return {0, 'inbox'} end
  next = two[2] or false
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
  elseif g[1] == 'scard' then
    if redis.call('SCARD', k) ~= tonumber(g[3]) then return {0, g[4]} end
  elseif g[1] == 'snone' then
    for i = 4, #g do
      if redis.call('SISMEMBER', k, g[i]) == 1 then return {0, g[3]} end
    end
  end
end
for _, o in ipairs(p.o) do
  local k = KEYS[tonumber(o[2])]
  local args = {}
  for i = 3, #o do args[#args+1] = o[i] end
  if o[1] == 'xadd' then
    redis.call('XADD', k, '*', unpack(args))
  elseif o[1] == 'forward' then
    -- forward: move a hash field to a later state only, counting in a
    -- hash each of the first n states it enters. args: field, new state,
    -- counts key index, n, then every state in order.
    local rank = {}
    for r = 5, #args do rank[args[r]] = r - 4 end
    local cur = redis.call('HGET', k, args[1])
    local from, to = rank[cur] or 0, rank[args[2]]
    if not cur or from < to then
      redis.call('HSET', k, args[1], args[2])
      for r = from + 1, math.min(to, tonumber(args[4])) do
        redis.call('HINCRBY', KEYS[tonumber(args[3])], args[4 + r], 1)
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
if p.d then
  redis.call('XADD', KEYS[tonumber(p.d[1])], 'MAXLEN', '~', p.d[2], '*', 'kind', p.d[3], 'chat', p.d[4],
    'body', ARGV[2], 'error', p.d[5], 'at', p.d[6])
end
if p.h then
  redis.call('LPOP', KEYS[2])
else
  next = redis.call('LINDEX', KEYS[2], 0) or false
end
-- One RPUSH for the replies (100 at a time: unpack's stack is bounded).
for i = 1, #p.r, 100 do redis.call('RPUSH', KEYS[3], unpack(p.r, i, math.min(i + 99, #p.r))) end
return {1, nv, next}
`)

// plan is one commit as the commit script reads it (cjson): the session
// write (S, SV, SD, ST), whether the inbox head is acknowledged (H), the
// lease check (L), the replies to trim (T), the guards (G), the writes (O),
// the replies to queue (R) and the head's move to the dead list (D: key
// index, bound, kind, chat, reason, time). Keys are named by their index
// in keys.
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
	D    []string   `json:"d,omitempty"`
}

// key returns the index (KEYS[i] in the script) of k, adding it once.
func (p *plan) key(k string) string {
	if i, ok := p.idx[k]; ok {
		return strconv.Itoa(i)
	}
	p.keys = append(p.keys, k)
	p.idx[k] = len(p.keys)
	return strconv.Itoa(len(p.keys))
}

// op adds a write: a Redis command on key, or one of the script's own
// operations ("xadd" with an automatic id, "forward").
func (p *plan) op(name, key string, args ...string) {
	p.O = append(p.O, append([]string{name, p.key(key)}, args...))
}

// opArgs is the most arguments one write of a plan carries: a long list
// (a questionnaire issued to a county, a talk roster) is split over several
// commands. It is even, so score/member pairs stay together.
const opArgs = 1000

// opChunked is op over args split into writes of at most opArgs arguments.
func (p *plan) opChunked(name, key string, args []string) {
	for chunk := range slices.Chunk(args, opArgs) {
		p.op(name, key, chunk...)
	}
}

// guard adds a condition that must hold for the plan to be written:
// "hnil" (a hash field is missing or empty), "exists", "snot" (not a set
// member), "heq" (a hash field equals a value, missing as "0") or "scard"
// (a set has that many members), whose last argument is the reason
// reported when it fails; or "snone" (none of the members after the reason
// is in a set).
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
	out, err := committed(res)
	if err == nil && out.HasNext {
		out.Next, err = s.headOf(ctx, c.ChatID, out.Next)
	}
	return out, err
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
	p, head, chatArg, token, err := s.newPlan(c)
	if err != nil {
		return nil, nil, err
	}
	if err := s.planEffects(p, c.Effects, c.Now); err != nil {
		return nil, nil, err
	}
	for _, o := range kit.Fit(c.Outputs) {
		b, err := encodeOutput(o)
		if err != nil {
			return nil, nil, err
		}
		if o.Kind == kit.OutPush {
			p.op("xadd", s.keys.Push(), "msg", string(b))
			continue
		}
		p.R = append(p.R, string(s.conceal(b)))
	}
	arg, err := json.Marshal(p)
	if err != nil {
		return nil, nil, fmt.Errorf("encode plan: %w", err)
	}
	return p.keys, []any{arg, head, chatArg, token}, nil
}

// newPlan starts the plan of c with what every commit of a chat checks and
// writes: the session, the inbox head, the lease and the sent replies. It
// also returns the script's other arguments: the head, the chat and the
// lease token.
func (s *Store) newPlan(c Commit) (p *plan, head, chat, token string, err error) {
	p = &plan{idx: map[string]int{}, G: [][]string{}, O: [][]string{}, R: []string{}}
	p.key(s.keys.Session(c.ChatID))
	p.key(s.keys.InboxChat(c.ChatID))
	p.key(s.keys.Replies(c.ChatID))
	if !c.NoSession {
		sd, err := json.Marshal(c.Session)
		if err != nil {
			return nil, "", "", "", fmt.Errorf("encode session: %w", err)
		}
		p.S, p.SV, p.SD, p.ST = "1", strconv.FormatInt(c.Session.Version, 10), string(s.conceal(sd)), strconv.FormatInt(sessionTTL.Milliseconds(), 10)
	}
	if c.Head != nil {
		p.H, head = true, string(s.conceal(c.Head))
		if c.SetAside != "" {
			s.planSetAside(p, c)
		}
	}
	if c.Lease != nil {
		p.L = p.key(s.keys.InboxOwner())
		chat, token = strconv.FormatInt(c.ChatID, 10), c.Lease.Token
	}
	if c.Trim > 0 {
		p.T = strconv.Itoa(c.Trim)
	}
	return p, head, chat, token, nil
}

// planEffects adds each effect's writes and conditions to p, and its
// records event to the outbox (an anonymous response's is made at its
// release: see anonymity.go).
func (s *Store) planEffects(p *plan, effects []kit.Effect, now time.Time) error {
	for _, ef := range effects {
		if err := s.planEffect(p, ef, now); err != nil {
			return err
		}
		if ef.EventType() == "" || anonymous(ef) {
			continue // not a records fact, or not yet
		}
		ev, err := s.renderEvent(ef, now)
		if err != nil {
			return err
		}
		p.op("xadd", s.keys.Outbox(), "event", string(ev))
	}
	return nil
}

// encodeOutput is the JSON of a reply or push as committed.
func encodeOutput(o kit.Output) ([]byte, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("encode output: %w", err)
	}
	if len(b) > replyMaxBytes {
		return nil, fmt.Errorf("output of %d bytes is too large", len(b))
	}
	return b, nil
}

// planners lists each feature's planner: it adds the writes and conditions
// of its own effects to a plan and reports false for any other effect.
var planners = []func(*Store, *plan, kit.Effect, time.Time) (bool, error){
	(*Store).planPeople,
	(*Store).planSurvey,
	(*Store).planCommitment,
	(*Store).planTalk,
	(*Store).planRetro,
	(*Store).planDiscipline,
	(*Store).planTipoff,
	(*Store).planRoster,
	(*Store).planResearch,
	(*Store).planAttention,
}

// planEffect adds the writes and conditions of ef to p.
func (s *Store) planEffect(p *plan, ef kit.Effect, now time.Time) error {
	for _, plan := range planners {
		if ok, err := plan(s, p, ef, now); ok || err != nil {
			return err
		}
	}
	return fmt.Errorf("unknown effect %T", ef)
}

// sortedKeys lists m's keys in order, so that plans (and tests) do not
// depend on map order.
func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
