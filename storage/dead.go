package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// A chat must never wait for ever behind one update or one reply. What
// keeps failing for a reason that is not a conflict (an error Redis
// answers, a flow bug, a reply Telegram refuses) is tried a few times —
// each attempt counted here, under a key that expires — and then set aside
// in the dead list with its error, so the chat goes on. The dead list is
// kept for operators: /metrics shows its length, and `sibu replay
// -updates` puts its entries back where they came from.

// Kinds of what the dead list holds.
const (
	DeadUpdate = "update" // a recorded update that could not be applied
	DeadReply  = "reply"  // a committed reply that could not be sent
)

// deadMax bounds the dead list: beyond it the oldest entries go (XADD
// MAXLEN ~, so it may hold a little more).
const deadMax = 10_000

// attemptsTTL is how long the count of a failing update's or reply's
// attempts is kept: much longer than the few seconds its attempts take,
// short enough that counts of things that later went through vanish.
const attemptsTTL = 24 * time.Hour

// Dead is one entry of the dead list.
type Dead struct {
	ID    string // stream entry id
	Kind  string // DeadUpdate or DeadReply
	Chat  int64
	Body  []byte // the raw update as recorded, or the reply's JSON
	Error string
	At    time.Time
}

// attemptsKey is the key counting the attempts at body in chat.
func (s *Store) attemptsKey(chat int64, body []byte) string {
	sum := sha256.Sum256(body)
	return s.keys.Attempts(chat, hex.EncodeToString(sum[:8]))
}

// Attempt counts one more failed attempt at body (a recorded update or a
// reply's JSON) in chat and returns the count so far.
func (s *Store) Attempt(ctx context.Context, chat int64, body []byte) (int64, error) {
	key := s.attemptsKey(chat, body)
	var n *redis.IntCmd
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		n = p.Incr(ctx, key)
		p.Expire(ctx, key, attemptsTTL)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count attempt in chat %d: %w", chat, err)
	}
	return n.Val(), nil
}

// planSetAside adds to p the move of the commit's head update to the dead
// list with its error (the script takes the raw bytes from its own
// argument), and forgets its attempts.
func (s *Store) planSetAside(p *plan, c Commit) {
	p.D = []string{p.key(s.keys.Dead()), strconv.Itoa(deadMax), DeadUpdate, itoa(c.ChatID), c.SetAside,
		c.Now.UTC().Format(time.RFC3339Nano)}
	p.op("del", s.attemptsKey(c.ChatID, c.Head))
}

// SetAsideReply moves a reply that cannot be sent (its JSON, body) to the
// dead list with the reason — concealed like the chat's replies, which may
// echo answers — and forgets its attempts. The caller then
// removes it from the chat's replies as if sent.
func (s *Store) SetAsideReply(ctx context.Context, chat int64, body []byte, reason string, now time.Time) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XAdd(ctx, &redis.XAddArgs{Stream: s.keys.Dead(), MaxLen: deadMax, Approx: true, Values: []any{
			"kind", DeadReply, "chat", itoa(chat), "body", s.conceal(body), "error", reason, "at", now.UTC().Format(time.RFC3339Nano)}})
		p.Del(ctx, s.attemptsKey(chat, body))
		return nil
	})
	if err != nil {
		return fmt.Errorf("set reply of chat %d aside: %w", chat, err)
	}
	return nil
}

// DeadCount is the length of the dead list.
func (s *Store) DeadCount(ctx context.Context) (int64, error) {
	return s.rdb.XLen(ctx, s.keys.Dead()).Result()
}

// DeadLetters returns up to n entries of the dead list, oldest first, their
// bodies revealed (the dead list keeps them concealed, as the inbox and
// the replies do).
func (s *Store) DeadLetters(ctx context.Context, n int) ([]Dead, error) {
	msgs, err := s.rdb.XRangeN(ctx, s.keys.Dead(), "-", "+", int64(n)).Result()
	if err != nil {
		return nil, fmt.Errorf("dead list: %w", err)
	}
	out := make([]Dead, 0, len(msgs))
	for _, m := range msgs {
		str := func(k string) string { v, _ := m.Values[k].(string); return v }
		at, _ := time.Parse(time.RFC3339Nano, str("at"))
		body, err := s.reveal([]byte(str("body")))
		if err != nil {
			return nil, fmt.Errorf("dead entry %s: %w", m.ID, err)
		}
		out = append(out, Dead{ID: m.ID, Kind: str("kind"), Chat: atoi(str("chat")), Body: body,
			Error: str("error"), At: at})
	}
	return out, nil
}

// replayDeadScript puts one dead entry back, once: removed from the dead
// list, appended to its chat's inbox (an update) or replies (a reply), the
// chat made claimable. KEYS = dead list, ready, target list; ARGV = entry
// id, body, chat. Returns 0 when the entry was gone (replayed already).
var replayDeadScript = redis.NewScript(nowMS + `
if redis.call('XDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[2], 'NX', nowms(), ARGV[3])
return 1
`)

// ErrUnknownDead is returned by ReplayDead for an entry of a kind it
// cannot put back (left in the list).
var ErrUnknownDead = errors.New("dead entry of unknown kind")

// ReplayDead puts up to n entries of the dead list back where they came
// from, oldest first: an update at the end of its chat's inbox (applied
// again, after what the chat received since), a reply at the end of its
// chat's replies. It returns how many it moved.
func (s *Store) ReplayDead(ctx context.Context, n int) (int, error) {
	dead, err := s.DeadLetters(ctx, n)
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, d := range dead {
		var target string
		switch d.Kind {
		case DeadUpdate:
			target = s.keys.InboxChat(d.Chat)
		case DeadReply:
			target = s.keys.Replies(d.Chat)
		default:
			return moved, fmt.Errorf("%w: %s %q", ErrUnknownDead, d.ID, d.Kind)
		}
		ok, err := replayDeadScript.Run(ctx, s.rdb, []string{s.keys.Dead(), s.keys.InboxReady(), target},
			d.ID, s.conceal(d.Body), d.Chat).Int()
		if err != nil {
			return moved, fmt.Errorf("replay %s: %w", d.ID, err)
		}
		moved += ok
	}
	return moved, nil
}
