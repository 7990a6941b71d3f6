package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/anonymity"
	"sibu/flows"
	"sibu/flows/kit"
)

// seenTTL is how long an update_id is remembered for dedupe: Telegram keeps
// undelivered updates for 24 hours, so a redelivery comes within that.
const seenTTL = 25 * time.Hour

// nowMS defines nowms() for a script: the time in unix milliseconds by
// Redis's own clock (TIME). Leases and ready times are read and written by
// every replica; one clock for all keeps a replica whose own clock is ahead
// from taking chats another still serves.
const nowMS = `
local function nowms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`

// Update is one Telegram update as recorded: its id, the chat whose order it
// belongs to, and the raw JSON exactly as Telegram sent it.
type Update struct {
	ID     int64
	ChatID int64
	Raw    []byte
}

// recordScript records updates: KEYS = ready, then per update (seen, chat
// list); ARGV = seen TTL ms, then per update (chat id, raw). An update_id
// already seen is skipped; a chat with a new update is ready now (by
// Redis's clock) unless it already was. Returns the number of new updates.
var recordScript = redis.NewScript(nowMS + `
local n = 0
local now = nowms()
for i = 1, (#KEYS - 1) / 2 do
  local seen, list = KEYS[2*i], KEYS[2*i+1]
  if redis.call('SET', seen, '1', 'NX', 'PX', ARGV[1]) then
    redis.call('RPUSH', list, ARGV[2*i+1])
    redis.call('ZADD', KEYS[1], 'NX', now, ARGV[2*i])
    n = n + 1
  end
end
return n
`)

// Record stores updates in the durable inbox, in order, skipping update_ids
// already recorded. It returns how many were new. Only after it returns may
// Telegram be told the updates arrived (webhook 2xx, next getUpdates offset).
func (s *Store) Record(ctx context.Context, ups ...Update) (int, error) {
	if len(ups) == 0 {
		return 0, nil
	}
	keys := make([]string, 0, 1+2*len(ups))
	args := make([]any, 0, 2+2*len(ups))
	keys = append(keys, s.keys.InboxReady())
	args = append(args, seenTTL.Milliseconds())
	for _, u := range ups {
		keys = append(keys, s.keys.InboxSeen(u.ID), s.keys.InboxChat(u.ChatID))
		args = append(args, u.ChatID, s.conceal(u.Raw))
	}
	n, err := recordScript.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return 0, fmt.Errorf("record %d updates: %w", len(ups), err)
	}
	return n, nil
}

// ErrNoWork is returned by Claim when no chat is waiting.
var ErrNoWork = errors.New("no chat waiting")

// ErrLeaseLost means the lease ran out and another worker claimed the chat:
// whatever the old holder still meant to do to it must not be done.
var ErrLeaseLost = errors.New("chat lease lost")

// Lease is a worker's hold on one chat.
type Lease struct {
	Chat  int64
	Token string
}

// Claim leases one chat with pending work for d. While leased no other
// worker (of any replica) takes the chat, so its updates are applied one at a
// time and in order. A worker that dies loses the lease when it runs out and
// the chat is taken over; renewals, trims, commits and the release of a
// lease that was taken over fail with ErrLeaseLost (its token no longer
// owns the chat), and the commit's version and inbox-head checks keep a late
// step from applying twice. It is ClaimNext without a handoff.
func (s *Store) Claim(ctx context.Context, d time.Duration) (Lease, error) {
	c, err := s.ClaimNext(ctx, d, nil)
	if errors.Is(err, ErrBadSession) {
		err = nil // the lease is held; Load reports the session
	}
	return c.Lease, err
}

// renewScript extends a lease its token still owns to d from now (by
// Redis's clock). KEYS = ready, owner; ARGV = chat, token, d in ms.
var renewScript = redis.NewScript(nowMS + `
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], 'XX', nowms() + tonumber(ARGV[3]), ARGV[1])
return 1
`)

// Renew extends the lease by d from now, by Redis's clock: every replica
// judges leases by the same clock, whatever its own says.
func (s *Store) Renew(ctx context.Context, l Lease, d time.Duration) error {
	n, err := renewScript.Run(ctx, s.rdb, []string{s.keys.InboxReady(), s.keys.InboxOwner()},
		l.Chat, l.Token, d.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("renew chat %d: %w", l.Chat, err)
	}
	if n != 1 {
		return ErrLeaseLost
	}
	return nil
}

// releaseScript frees a chat its token owns: removed from ready when nothing
// is left, else made claimable at once. KEYS = ready, inbox list, replies,
// owner; ARGV = chat, replies sent since the last commit (trimmed first),
// token. Returns -1 when the lease was lost.
var releaseScript = redis.NewScript(nowMS + `
if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[3] then return -1 end
redis.call('HDEL', KEYS[4], ARGV[1])
if tonumber(ARGV[2]) > 0 then redis.call('LTRIM', KEYS[3], tonumber(ARGV[2]), -1) end
if redis.call('EXISTS', KEYS[2], KEYS[3]) == 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 0
end
redis.call('ZADD', KEYS[1], nowms(), ARGV[1])
return 1
`)

// Release ends the lease, first removing the sent replies (trim) not yet
// removed by a commit. It reports whether the chat still has work (an
// update that arrived meanwhile).
func (s *Store) Release(ctx context.Context, l Lease, trim int) (bool, error) {
	n, err := releaseScript.Run(ctx, s.rdb,
		[]string{s.keys.InboxReady(), s.keys.InboxChat(l.Chat), s.keys.Replies(l.Chat), s.keys.InboxOwner()},
		l.Chat, trim, l.Token).Int()
	if err != nil {
		return false, fmt.Errorf("release chat %d: %w", l.Chat, err)
	}
	if n < 0 {
		return false, ErrLeaseLost
	}
	return n == 1, nil
}

// sentScript removes the first n replies if the token owns the chat.
// KEYS = replies, owner; ARGV = chat, token, n.
var sentScript = redis.NewScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return -1 end
redis.call('LTRIM', KEYS[1], tonumber(ARGV[3]), -1)
return 1
`)

// SentAs removes the first n replies of the lease's chat once delivered.
func (s *Store) SentAs(ctx context.Context, l Lease, n int) error {
	if n <= 0 {
		return nil
	}
	r, err := sentScript.Run(ctx, s.rdb, []string{s.keys.Replies(l.Chat), s.keys.InboxOwner()}, l.Chat, l.Token, n).Int()
	if err != nil {
		return fmt.Errorf("trim replies %d: %w", l.Chat, err)
	}
	if r < 0 {
		return ErrLeaseLost
	}
	return nil
}

// Head returns the oldest unapplied update of chat, ok=false when none.
func (s *Store) Head(ctx context.Context, chatID int64) ([]byte, bool, error) {
	b, err := s.rdb.LIndex(ctx, s.keys.InboxChat(chatID), 0).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("inbox head %d: %w", chatID, err)
	}
	b, err = s.headOf(ctx, chatID, b)
	return b, err == nil, err
}

// Drop removes the head update of chat if it is still raw (an update that
// cannot be applied at all, e.g. undecodable), so it does not block the chat.
// raw is the head as Head, Load or a commit gave it (concealed again here;
// one concealed under another key comes as stored).
func (s *Store) Drop(ctx context.Context, chatID int64, raw []byte) error {
	if !anonymity.IsConcealed(raw) {
		raw = s.conceal(raw)
	}
	return s.rdb.LRem(ctx, s.keys.InboxChat(chatID), 1, raw).Err()
}

// InboxStats counts chats waiting and updates pending.
func (s *Store) InboxStats(ctx context.Context) (chats int64, err error) {
	return s.rdb.ZCard(ctx, s.keys.InboxReady()).Result()
}

// Loaded is what a worker needs to start on a claimed chat, read in one
// round trip: how many committed replies are unsent, the oldest unapplied
// update, the session, and the person whose private chat it is.
type Loaded struct {
	Pending int64
	Head    []byte
	HasHead bool
	Session flows.Session
	// Member is the person with the chat's id (private chats), if joined.
	Member   kit.Person
	IsMember bool
}

// Load reads a claimed chat's state in one pipelined round trip.
func (s *Store) Load(ctx context.Context, chatID int64) (Loaded, error) {
	var pending *redis.IntCmd
	var head *redis.StringCmd
	var sess *redis.SliceCmd
	var member *redis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		pending = p.LLen(ctx, s.keys.Replies(chatID))
		head = p.LIndex(ctx, s.keys.InboxChat(chatID), 0)
		sess = p.HMGet(ctx, s.keys.Session(chatID), "v", "d")
		member = p.HGetAll(ctx, s.keys.Member(chatID))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return Loaded{}, fmt.Errorf("load chat %d: %w", chatID, err)
	}
	l := Loaded{Pending: pending.Val()}
	if h, err := head.Bytes(); err == nil {
		if l.Head, err = s.headOf(ctx, chatID, h); err != nil {
			return Loaded{}, err
		}
		l.HasHead = true
	}
	if l.Session, err = s.decodeSession(chatID, sess.Val()); err != nil {
		return Loaded{}, err
	}
	if m := member.Val(); len(m) > 0 {
		l.Member, l.IsMember = personFrom(chatID, m), true
	}
	return l, nil
}

// Handoff is a lease a worker gives back as it claims its next chat: the
// release (with the trim of the replies sent since the last commit) and
// the claim share one round trip.
type Handoff struct {
	Lease Lease
	Trim  int
}

// Claimed is the outcome of ClaimNext.
type Claimed struct {
	// Handed reports what happened to the handoff: HandoffNone when there
	// was none, else released (More: the chat still has work) or lost.
	Handed HandoffResult
	More   bool
	// Lease and Loaded are the chat claimed, read with the claim (as Load).
	Lease  Lease
	Loaded Loaded
}

// HandoffResult says what became of a Handoff.
type HandoffResult int

const (
	HandoffNone     HandoffResult = iota // no handoff was given
	HandoffReleased                      // released
	HandoffLost                          // its lease had been taken over: nothing done
)

// claimNextScript releases a handoff like releaseScript (when ARGV[4] is
// not empty), then claims the chat that has waited longest among those
// whose lease is free (score ≤ now, by Redis's clock) until now+lease,
// records the lease's token as its owner, and reads the claimed chat's
// state like Load, all in one round trip. The chat's keys are built from
// the key prefix (they share its hash tag, so they live in one slot).
// KEYS = ready, owner; ARGV = lease_ms, token, key prefix, handoff chat,
// handoff token, handoff trim.
// Returns {handoff (-2 none, -1 lost, 0 released, 1 released with work
// left)} when no chat is waiting, else {handoff, chat, replies pending,
// inbox head, session v, session d, member hash as a flat list}.
var claimNextScript = redis.NewScript(nowMS + `
local p = ARGV[3]
local now = nowms()
local rel = -2
if ARGV[4] ~= '' then
  local chat = ARGV[4]
  if redis.call('HGET', KEYS[2], chat) ~= ARGV[5] then
    rel = -1
  else
    redis.call('HDEL', KEYS[2], chat)
    local replies = p .. 'replies:' .. chat
    if tonumber(ARGV[6]) > 0 then redis.call('LTRIM', replies, tonumber(ARGV[6]), -1) end
    -- An empty list does not exist: one EXISTS tells whether either has work.
    if redis.call('EXISTS', p .. 'in:chat:' .. chat, replies) == 0 then
      redis.call('ZREM', KEYS[1], chat)
      rel = 0
    else
      redis.call('ZADD', KEYS[1], now, chat)
      rel = 1
    end
  end
end
local c = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1)
if #c == 0 then return {rel} end
local chat = c[1]
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), chat)
redis.call('HSET', KEYS[2], chat, ARGV[2])
local sess = redis.call('HMGET', p .. 'session:' .. chat, 'v', 'd')
return {rel, chat, redis.call('LLEN', p .. 'replies:' .. chat), redis.call('LINDEX', p .. 'in:chat:' .. chat, 0),
  sess[1], sess[2], redis.call('HGETALL', p .. 'member:' .. chat)}
`)

// ClaimNext gives back prev (if not nil) and claims the next chat with
// work for d, returning it loaded: Release, Claim and Load in one round
// trip. With no chat waiting it returns ErrNoWork (the handoff, if any,
// was still done: see Claimed.Handed). A session this release cannot
// decode comes back as ErrBadSession with the lease held (Claimed.Lease),
// so the caller can reset it.
func (s *Store) ClaimNext(ctx context.Context, d time.Duration, prev *Handoff) (Claimed, error) {
	now := s.now()
	token := NewID(now)
	var hChat, hToken string
	hTrim := 0
	if prev != nil {
		hChat, hToken, hTrim = strconv.FormatInt(prev.Lease.Chat, 10), prev.Lease.Token, prev.Trim
	}
	res, err := claimNextScript.Run(ctx, s.rdb, []string{s.keys.InboxReady(), s.keys.InboxOwner()},
		d.Milliseconds(), token, s.keys.Prefix(), hChat, hToken, hTrim).Slice()
	if err != nil {
		return Claimed{}, fmt.Errorf("claim chat: %w", err)
	}
	var c Claimed
	switch rel, _ := res[0].(int64); rel {
	case -1:
		c.Handed = HandoffLost
	case 0, 1:
		c.Handed, c.More = HandoffReleased, rel == 1
	}
	if len(res) < 7 {
		return c, ErrNoWork
	}
	str := func(v any) (string, bool) { s, ok := v.(string); return s, ok }
	cs, _ := str(res[1])
	chat, err := strconv.ParseInt(cs, 10, 64)
	if err != nil {
		return c, fmt.Errorf("claim chat: bad member %q", cs)
	}
	c.Lease = Lease{Chat: chat, Token: token}
	c.Loaded.Pending, _ = res[2].(int64)
	if h, ok := str(res[3]); ok {
		if c.Loaded.Head, err = s.headOf(ctx, chat, []byte(h)); err != nil {
			return c, err
		}
		c.Loaded.HasHead = true
	}
	if c.Loaded.Session, err = s.decodeSession(chat, []any{res[4], res[5]}); err != nil {
		return c, err
	}
	if flat, _ := res[6].([]any); len(flat) > 0 {
		m := make(map[string]string, len(flat)/2)
		for i := 0; i+1 < len(flat); i += 2 {
			k, _ := str(flat[i])
			v, _ := str(flat[i+1])
			m[k] = v
		}
		c.Loaded.Member, c.Loaded.IsMember = personFrom(chat, m), true
	}
	return c, nil
}
