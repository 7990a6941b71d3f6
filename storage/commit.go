package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
)

// ErrConflict means the commit's preconditions no longer held (the session
// moved on, the update was applied already, or an effect's condition failed):
// nothing was written; load again and re-run the step.
var ErrConflict = errors.New("commit conflict")

// ErrBadSession means a stored session cannot be decoded (e.g. written by
// an incompatible release). ResetSession clears it so the chat is not stuck.
var ErrBadSession = errors.New("undecodable session")

// ResetSession deletes a chat's session (the person starts afresh; their
// domain records are untouched).
func (s *Store) ResetSession(ctx context.Context, chatID int64) error {
	return s.rdb.Del(ctx, s.keys.Session(chatID)).Err()
}

// Retention of records that expire.
const (
	sessionTTL    = 180 * 24 * time.Hour
	inviteGrace   = 30 * 24 * time.Hour // an expired invite still says "expired"
	replyMaxBytes = 64 << 10
)

// LoadSession returns the session of chat (zero Session, version 0, when new).
func (s *Store) LoadSession(ctx context.Context, chatID int64) (flows.Session, error) {
	vals, err := s.rdb.HMGet(ctx, s.keys.Session(chatID), "v", "d").Result()
	if err != nil {
		return flows.Session{}, fmt.Errorf("load session %d: %w", chatID, err)
	}
	return decodeSession(chatID, vals)
}

// decodeSession reads HMGET session v d.
func decodeSession(chatID int64, vals []any) (flows.Session, error) {
	var sess flows.Session
	if len(vals) != 2 {
		return sess, nil
	}
	if d, ok := vals[1].(string); ok && d != "" {
		if err := json.Unmarshal([]byte(d), &sess); err != nil {
			return flows.Session{}, fmt.Errorf("%w: chat %d: %v", ErrBadSession, chatID, err)
		}
	}
	if v, ok := vals[0].(string); ok {
		sess.Version, _ = strconv.ParseInt(v, 10, 64)
	}
	return sess, nil
}

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

// CommitBatch writes many independent commits (scheduler jobs: one per
// reminder) in pipelined round trips of up to batchSize. Each commit is
// atomic on its own and has its own conditions; errs[i] is commit i's
// outcome: nil, ErrConflict when its condition failed, the error that kept
// it from being encoded (not written), or the error that kept Redis from
// answering (then it may or may not have been written). err is set only
// when the commit script could not be loaded; the commits not sent then
// have errs[i] == ErrNotSent.
func (s *Store) CommitBatch(ctx context.Context, cs []Commit) (errs []error, err error) {
	const batchSize = 250
	errs = make([]error, len(cs))
	for i := range errs {
		errs[i] = ErrNotSent
	}
	// Batches run a few at a time, so encoding the next ones (Go) overlaps
	// with Redis running the scripts of the previous ones.
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	slots := make(chan struct{}, 4)
	for from := 0; from < len(cs); from += batchSize {
		part := cs[from:min(from+batchSize, len(cs))]
		out := errs[from : from+len(part)]
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := s.commitPart(ctx, part, out); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errs, first
}

// commitPart is one pipelined batch of CommitBatch; errs[i] is part[i]'s
// outcome. Send-once pushes (a claim, its event, the push: what reminder
// and digest jobs commit by the thousand) go through one claims script
// call; any other commit through the commit script.
func (s *Store) commitPart(ctx context.Context, part []Commit, errs []error) error {
	type call struct {
		keys []string
		args []any
	}
	calls := make([]call, len(part))
	var idx, claimed []int
	claimKeys := []string{s.keys.Outbox(), s.keys.Push()}
	var claimArgs []any
	for i, c := range part {
		// A commit that cannot be encoded fails alone; the rest go.
		if k, a, ok, err := s.prepareClaim(c); err != nil {
			errs[i] = err
			continue
		} else if ok {
			claimed = append(claimed, i)
			claimKeys = append(claimKeys, k)
			claimArgs = append(claimArgs, a...)
			continue
		}
		k, a, err := s.prepare(c)
		if err != nil {
			errs[i] = err
			continue
		}
		calls[i] = call{k, a}
		idx = append(idx, i)
	}
	if len(claimed) > 0 {
		res, err := claimsScript.Run(ctx, s.rdb, claimKeys, claimArgs...).Int64Slice()
		for j, i := range claimed {
			switch {
			case err != nil:
				errs[i] = fmt.Errorf("commit chat %d: %w", part[i].ChatID, err)
			case j < len(res) && res[j] == 1:
				errs[i] = nil
			default:
				_, _, why, _ := s.claimOf(part[i].Effects[0])
				errs[i] = fmt.Errorf("%w: %s", ErrConflict, why)
			}
		}
	}
	run := func(idx []int) []*redis.Cmd {
		cmds := make([]*redis.Cmd, len(idx))
		s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { // each command carries its own error
			for j, i := range idx {
				cmds[j] = commitScript.EvalSha(ctx, p, calls[i].keys, calls[i].args...)
			}
			return nil
		})
		return cmds
	}
	for attempt := 0; len(idx) > 0; attempt++ {
		var again []int
		for j, cmd := range run(idx) {
			i := idx[j]
			res, err := cmd.Slice()
			switch {
			case err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") && attempt == 0:
				again = append(again, i) // not run: load the script and send it again
			case err != nil:
				errs[i] = fmt.Errorf("commit chat %d: %w", part[i].ChatID, err)
			default:
				_, errs[i] = committed(res)
			}
		}
		if len(again) > 0 {
			if err := commitScript.Load(ctx, s.rdb).Err(); err != nil {
				return fmt.Errorf("load commit script: %w", err)
			}
		}
		idx = again
	}
	return nil
}

// claimsScript commits send-once pushes: per entry, if its claim field is
// unset (as the commit script's "hnil" guard: missing or empty), it sets it
// and adds the entry's event to the outbox and its pushes to the push
// stream, all in this one atomic call. Returns 1 (committed) or 0 (claimed
// before) per entry.
// KEYS = outbox, push stream, then each entry's claim hash; ARGV = per
// entry: field, value, event ("" for none), pushes count, pushes….
var claimsScript = redis.NewScript(`
local out = {}
local a = 1
for e = 3, #KEYS do
  local field, val, ev, np = ARGV[a], ARGV[a + 1], ARGV[a + 2], tonumber(ARGV[a + 3])
  local cur = redis.call('HGET', KEYS[e], field)
  if not cur or cur == '' then
    redis.call('HSET', KEYS[e], field, val)
    if ev ~= '' then redis.call('XADD', KEYS[1], '*', 'event', ev) end
    for j = 1, np do redis.call('XADD', KEYS[2], '*', 'msg', ARGV[a + 3 + j]) end
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
  a = a + 4 + np
end
return out
`)

// prepareClaim returns the claims script's key and arguments for a commit
// that is a send-once push and nothing else (no session, update, lease or
// replies; one claim effect; pushes only); ok is false for any other.
func (s *Store) prepareClaim(c Commit) (key string, args []any, ok bool, err error) {
	if !c.NoSession || c.Head != nil || c.Lease != nil || c.Trim > 0 || len(c.Effects) != 1 {
		return "", nil, false, nil
	}
	ef := c.Effects[0]
	key, field, _, ok := s.claimOf(ef)
	if !ok {
		return "", nil, false, nil
	}
	for _, o := range c.Outputs {
		if o.Kind != flows.OutPush {
			return "", nil, false, nil
		}
	}
	ev := ""
	if ef.EventType() != "" {
		b, err := s.renderEvent(ef, c.Now)
		if err != nil {
			return "", nil, false, err
		}
		ev = string(b)
	}
	args = []any{field, itoa(c.Now.Unix()), ev, len(c.Outputs)}
	for _, o := range c.Outputs {
		b, err := json.Marshal(o)
		if err != nil {
			return "", nil, false, fmt.Errorf("encode output: %w", err)
		}
		if len(b) > replyMaxBytes {
			return "", nil, false, fmt.Errorf("output of %d bytes is too large", len(b))
		}
		args = append(args, string(b))
	}
	return key, args, true, nil
}

// ErrNotSent marks a commit of a batch that was never sent to Redis.
var ErrNotSent = errors.New("commit not sent")

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

// Replies returns the committed, not yet sent replies of chat.
func (s *Store) Replies(ctx context.Context, chatID int64) ([]flows.Output, error) {
	raw, err := s.rdb.LRange(ctx, s.keys.Replies(chatID), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("replies %d: %w", chatID, err)
	}
	out := make([]flows.Output, 0, len(raw))
	for _, r := range raw {
		var o flows.Output
		if err := json.Unmarshal([]byte(r), &o); err != nil {
			return nil, fmt.Errorf("decode reply: %w", err)
		}
		out = append(out, o)
	}
	return out, nil
}

// Sent removes the first n replies of chat once they were delivered.
func (s *Store) Sent(ctx context.Context, chatID int64, n int) error {
	if n <= 0 {
		return nil
	}
	if err := s.rdb.LTrim(ctx, s.keys.Replies(chatID), int64(n), -1).Err(); err != nil {
		return fmt.Errorf("trim replies %d: %w", chatID, err)
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

// releaseScript moves every held anonymous event to the outbox, in the
// random order SPOP gives. KEYS = anon set, outbox.
var releaseAnonScript = redis.NewScript(`
local n = 0
while true do
  local ev = redis.call('SPOP', KEYS[1])
  if not ev then return n end
  redis.call('XADD', KEYS[2], '*', 'event', ev)
  n = n + 1
end
`)

// ReleaseAnonymous moves the held anonymous response events of a
// questionnaire to the outbox (run daily by the scheduler).
func (s *Store) ReleaseAnonymous(ctx context.Context, surveyID string) (int, error) {
	n, err := releaseAnonScript.Run(ctx, s.rdb, []string{s.keys.SurveyAnonOut(surveyID), s.keys.Outbox()}).Int()
	if err != nil {
		return 0, fmt.Errorf("release anonymous events of %s: %w", surveyID, err)
	}
	return n, nil
}
