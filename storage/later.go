package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Later is a sorted set of a stream's entries to be offered again at a
// time of their own (score: unix ms): the records relay's retries, and the
// pushes held back for a chat's limit, a 429 or quiet hours. An entry in it
// is out of the consumer group's pending list, so no takeover races its
// wait; ClaimDue hands it out again when its time comes.
type Later struct {
	// Set is the sorted set; Stream the stream its ids belong to and Field
	// the one field of the stream's entries.
	Set, Stream, Field string
	// Forget, if set, is a hash with a field per entry (the relay's
	// attempt counts), dropped with an entry that left the stream.
	Forget string
}

// ClaimDue leases up to n entries whose time came (score ≤ now) to the
// caller until leaseEnd, by moving their score there: a caller that dies
// lets the lease run out and another claims them. It also says when the
// next entry still waiting falls due (zero when none), so a reader waits no
// longer than that. Entries gone from the stream are forgotten. It fits
// ConsumerOptions.Due.
func (l Later) ClaimDue(ctx context.Context, rdb redis.UniversalClient, now, leaseEnd time.Time, n int) ([]Entry, time.Time, error) {
	keys := []string{l.Set, l.Stream}
	if l.Forget != "" {
		keys = append(keys, l.Forget)
	}
	res, err := claimDueScript.Run(ctx, rdb, keys, now.UnixMilli(), leaseEnd.UnixMilli(), n, l.Field).StringSlice()
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("claim due entries of %s: %w", l.Stream, err)
	}
	var next time.Time
	if len(res) > 0 && res[0] != "" {
		if ms, err := strconv.ParseInt(res[0], 10, 64); err == nil {
			next = time.UnixMilli(ms)
		}
	}
	var out []Entry
	for i := 1; i+1 < len(res); i += 2 {
		e := Entry{ID: res[i], Retaken: true}
		if res[i+1] != "" {
			e.Body = []byte(res[i+1])
		}
		out = append(out, e)
	}
	return out, next, nil
}

// claimDueScript is ClaimDue in one step: it returns the unix ms of the
// next entry still waiting ("" when none), then id, field value pairs (an
// entry without the field comes back with an empty value).
//
// KEYS: the set, the stream, [the hash to forget in]. ARGV: now ms, lease
// end ms, count, field.
var claimDueScript = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {''}
for _, id in ipairs(ids) do
  local e = redis.call('XRANGE', KEYS[2], id, id)
  if #e == 0 then
    redis.call('ZREM', KEYS[1], id)
    if KEYS[3] then redis.call('HDEL', KEYS[3], id) end
  else
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    local v = ''
    local f = e[1][2]
    for i = 1, #f, 2 do
      if f[i] == ARGV[4] then v = f[i + 1] end
    end
    table.insert(out, id)
    table.insert(out, v)
  end
end
local nxt = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #nxt > 0 then out[1] = nxt[2] end
return out
`)
