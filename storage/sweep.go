package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Every key sibu writes expires, is trimmed, or is deleted by the code that
// ends its use (app/keyspace_test.go lists the rule of each). Sweep is the
// housekeeping no single code path ends: the consumers that processes which
// died left in the push stream's and the outbox's groups, and the
// dead-letter stream of records events, which only replay shrank.

// Sweep's limits.
const (
	// consumerIdle is how long a consumer with nothing pending must have
	// been silent to be removed: a live one reads every second or so.
	consumerIdle = time.Hour
	// deadLetterAge and deadLetterMax bound the dead-letter stream: the
	// officials are told of dead letters at once, and have a month to
	// replay them.
	deadLetterAge = 30 * 24 * time.Hour
	deadLetterMax = 100_000
)

// Swept is what one Sweep removed.
type Swept struct {
	Consumers   int   // consumers of dead processes
	DeadLetters int64 // records events older than a month, or beyond the bound
}

// Sweep removes the consumers of the push stream's and the outbox's groups
// that hold nothing pending and have been silent for an hour (processes
// that died without leaving), and trims the dead-letter stream of records
// events to its last 30 days and at most 100,000 entries (by Redis's
// clock). An hourly job runs it; running it twice does no harm.
func (s *Store) Sweep(ctx context.Context) (Swept, error) {
	var out Swept
	for _, stream := range []string{s.keys.Push(), s.keys.Outbox()} {
		n, err := s.pruneConsumers(ctx, stream, consumerIdle)
		out.Consumers += n
		if err != nil {
			return out, err
		}
	}
	dead := s.keys.OutboxDead()
	before, err := s.rdb.XLen(ctx, dead).Result()
	if err != nil {
		return out, fmt.Errorf("sweep %s: %w", dead, err)
	}
	if before == 0 {
		return out, nil
	}
	now, err := s.rdb.Time(ctx).Result()
	if err != nil {
		return out, fmt.Errorf("sweep: redis time: %w", err)
	}
	minID := strconv.FormatInt(now.Add(-deadLetterAge).UnixMilli(), 10)
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.XTrimMinID(ctx, dead, minID)
		p.XTrimMaxLen(ctx, dead, deadLetterMax)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("sweep %s: %w", dead, err)
	}
	after, err := s.rdb.XLen(ctx, dead).Result()
	out.DeadLetters = before - after
	return out, err
}

// pruneScript removes, in one atomic step (a consumer deleted with
// entries pending would lose them), the consumers of every group of a
// stream that hold nothing pending and have been idle at least ARGV[1]
// ms. KEYS = stream. Returns how many it removed.
var pruneScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('TYPE', KEYS[1]).ok ~= 'stream' then return 0 end
local function field(flat, name)
  for i = 1, #flat, 2 do if flat[i] == name then return flat[i + 1] end end
end
local n = 0
for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
  local group = field(g, 'name')
  for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], group)) do
    if tonumber(field(c, 'pending')) == 0 and tonumber(field(c, 'idle')) >= tonumber(ARGV[1]) then
      redis.call('XGROUP', 'DELCONSUMER', KEYS[1], group, field(c, 'name'))
      n = n + 1
    end
  end
end
return n
`)

// pruneConsumers removes the consumers of stream's groups that have
// nothing pending and have been idle for at least idle.
func (s *Store) pruneConsumers(ctx context.Context, stream string, idle time.Duration) (int, error) {
	n, err := pruneScript.Run(ctx, s.rdb, []string{stream}, idle.Milliseconds()).Int()
	if err != nil {
		return 0, fmt.Errorf("sweep %s: %w", stream, err)
	}
	return n, nil
}
