package storage

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sync"

	"github.com/redis/go-redis/v9"
)

// ErrNotSent marks a commit of a batch that was never sent to Redis.
var ErrNotSent = errors.New("commit not sent")

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
		mu    sync.Mutex
		first error
	)
	inChunks(len(cs), batchSize, func(_, from, to int) {
		if err := s.commitPart(ctx, cs[from:to], errs[from:to]); err != nil {
			mu.Lock()
			first = cmp.Or(first, err)
			mu.Unlock()
		}
	})
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
				c, _ := s.claimOf(part[i].Effects[0])
				errs[i] = fmt.Errorf("%w: %s", ErrConflict, c.why)
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

// claimsScript commits send-once pushes: per entry, if its claim field and
// the next claim of its series are unset (as the commit script's "hnil"
// guard: missing or empty), it sets the field, removes the stale claims of
// its series, and adds the entry's event to the outbox and its pushes to
// the push stream, all in this one atomic call (see claim.go). Returns 1
// (committed) or 0 (claimed before) per entry.
// KEYS = outbox, push stream, then each entry's claim hash; ARGV = per
// entry: field, value, next field ("" for none), stale count, stale
// fields…, event ("" for none), pushes count, pushes….
var claimsScript = redis.NewScript(`
local out = {}
local a = 1
local function unset(k, f)
  if f == '' then return true end
  local v = redis.call('HGET', k, f)
  return not v or v == ''
end
for e = 3, #KEYS do
  local field, val, nxt, ns = ARGV[a], ARGV[a + 1], ARGV[a + 2], tonumber(ARGV[a + 3])
  local ev, np = ARGV[a + 4 + ns], tonumber(ARGV[a + 5 + ns])
  if unset(KEYS[e], field) and unset(KEYS[e], nxt) then
    redis.call('HSET', KEYS[e], field, val)
    for j = 1, ns do redis.call('HDEL', KEYS[e], ARGV[a + 3 + j]) end
    if ev ~= '' then redis.call('XADD', KEYS[1], '*', 'event', ev) end
    for j = 1, np do redis.call('XADD', KEYS[2], '*', 'msg', ARGV[a + 5 + ns + j]) end
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
  a = a + 6 + ns + np
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
	switch ef.(type) {
	case commitment.ReminderSent: // its claim is all it writes
	default:
		return "", nil, false, nil
	}
	cl, _ := s.claimOf(ef)
	for _, o := range c.Outputs {
		if o.Kind != kit.OutPush {
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
	outs := kit.Fit(c.Outputs)
	args = []any{cl.field, itoa(c.Now.Unix()), cl.next, len(cl.stale)}
	for _, f := range cl.stale {
		args = append(args, f)
	}
	args = append(args, ev, len(outs))
	for _, o := range outs {
		b, err := encodeOutput(o)
		if err != nil {
			return "", nil, false, err
		}
		args = append(args, string(b))
	}
	return cl.key, args, true, nil
}
