package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows/kit"
)

// Attention is a budget (DESIGN, issue 19): a person gets at most a few
// pushes a day besides their daily digest, never the same text twice a
// day, and what comes once the day's are spent is held over for the next
// digest. Admit decides it for each push as it is about to go out, in one
// script, so the budget holds across every replica.

// Bounds of the attention keys: a day's budget lives two days, the folded
// list at most foldMax pushes and foldTTL after the last one.
const (
	budgetTTL = 48 * time.Hour
	foldMax   = 50
	foldTTL   = 8 * 24 * time.Hour
)

// Verdict is what Admit decided for a push.
type Verdict string

// Verdicts of Admit.
const (
	// Send: within the budget (or exempt from it), counted: send it.
	Send Verdict = "send"
	// Duplicate: the same text went (or was held over) for this person
	// today: drop it.
	Duplicate Verdict = "duplicate"
	// Folded: the day's budget is spent; the push is held over for the
	// person's next digest (Folded reads them): drop it from the queue.
	Folded Verdict = "folded"
)

// admitScript decides one push. KEYS[1] the person's budget of the day,
// KEYS[2] their folded list. ARGV: the text's field, the push id, the
// budget, mode ("count": counted and folded once spent; "urgent": counted,
// never folded; "free": the digest, neither), the push's JSON, the budget's
// and the list's TTL (ms), the list's bound. A push handed out again (its
// replica died) gets the verdict it got before.
var admitScript = redis.NewScript(`
local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev then
  if prev == ARGV[2] then return 'send' end
  if prev == 'f:' .. ARGV[2] then return 'folded' end
  return 'duplicate'
end
if ARGV[4] == 'count' then
  local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
  if n >= tonumber(ARGV[3]) then
    redis.call('HSET', KEYS[1], ARGV[1], 'f:' .. ARGV[2])
    redis.call('PEXPIRE', KEYS[1], ARGV[6])
    redis.call('RPUSH', KEYS[2], ARGV[5])
    redis.call('LTRIM', KEYS[2], -tonumber(ARGV[8]), -1)
    redis.call('PEXPIRE', KEYS[2], ARGV[7])
    return 'folded'
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] ~= 'free' then redis.call('HINCRBY', KEYS[1], 'n', 1) end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 'send'
`)

// Admit decides whether push id (o, to a person) goes out on day (the
// person's day, 2006-01-02) within a budget of budget pushes: Send (and
// counts it), Duplicate, or Folded (held over for the digest). The digest
// (o.Digest) is never counted or folded; an urgent push (o.Urgent, or
// o.AnyHour: about a time the person chose) is counted but never folded.
// A push to a group (chat id < 0) or with budget 0 (no budget) is always
// Send.
func (s *Store) Admit(ctx context.Context, id string, o kit.Output, day string, budget int) (Verdict, error) {
	if o.ChatID < 0 || budget <= 0 {
		return Send, nil
	}
	mode := "count"
	switch {
	case o.Digest:
		mode = "free"
	case o.Urgent || o.AnyHour:
		mode = "urgent"
	}
	body, err := json.Marshal(o)
	if err != nil {
		return "", fmt.Errorf("encode push %s: %w", id, err)
	}
	v, err := admitScript.Run(ctx, s.rdb, []string{s.keys.Budget(o.ChatID, day), s.keys.Folded(o.ChatID)},
		"h:"+textHash(o), id, budget, mode, body, budgetTTL.Milliseconds(), foldTTL.Milliseconds(), foldMax).Text()
	if err != nil {
		return "", fmt.Errorf("admit push %s: %w", id, err)
	}
	return Verdict(v), nil
}

// textHash names a push's text (its caption or contact, for a file or a
// card) in a day's budget: the same text to the same person is one push.
func textHash(o kit.Output) string {
	key := o.Text
	if o.File != nil {
		key += "\x00file:" + o.File.ID
	}
	if o.Contact != nil {
		key += "\x00contact:" + o.Contact.Phone
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:12])
}

// Folded returns the pushes held over for person chat's next digest,
// oldest first, and how many entries it read (an undecodable one is
// skipped, and dropped with the others by the digest: kit.DigestSent's
// Folded is read).
func (s *Store) Folded(ctx context.Context, chat int64) (pushes []kit.Output, read int, err error) {
	raw, err := s.rdb.LRange(ctx, s.keys.Folded(chat), 0, -1).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("folded pushes of %d: %w", chat, err)
	}
	out := make([]kit.Output, 0, len(raw))
	for _, r := range raw {
		var o kit.Output
		if err := json.Unmarshal([]byte(r), &o); err != nil {
			continue // an undecodable entry is dropped with the others at the digest
		}
		out = append(out, o)
	}
	return out, len(raw), nil
}

// PushesToday is how many counted pushes person chat got on day.
func (s *Store) PushesToday(ctx context.Context, chat int64, day string) (int, error) {
	v, err := s.rdb.HGet(ctx, s.keys.Budget(chat, day), "n").Result()
	if err == redis.Nil {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("pushes of %d on %s: %w", chat, day, err)
	}
	return strconv.Atoi(v)
}

// planAttention adds the writes and conditions of a digest to a commit
// plan: its claim (once per person and day) and the removal of the pushes
// it held over from the person's folded list; false for any other effect.
func (s *Store) planAttention(p *plan, ef kit.Effect, now time.Time) (bool, error) {
	e, ok := ef.(kit.DigestSent)
	if !ok {
		return false, nil
	}
	c, _ := s.claimOf(e)
	c.plan(p, now)
	if e.Folded > 0 {
		p.op("ltrim", s.keys.Folded(e.To), strconv.Itoa(e.Folded), "-1")
	}
	return true, nil
}
