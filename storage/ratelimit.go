package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Rate is one send limit as a GCRA (generic cell rate algorithm): one send
// every Interval on average, up to Burst at once after a quiet spell.
type Rate struct {
	Interval time.Duration
	Burst    int
}

// tolerance is how far ahead of its schedule a send may go: the burst.
func (r Rate) tolerance() time.Duration { return time.Duration(max(r.Burst, 1)-1) * r.Interval }

// SendRequest asks for one send to Chat: under ChatRate, and also under
// Global when it is set (pushes share the global cap; a reply to a
// person's own message does not wait behind them).
type SendRequest struct {
	Chat     int64
	ChatRate Rate
	Global   *Rate
	// MaxWait: a send that would have to wait longer is not booked
	// (Reservation.OK false), so a caller with a deadline wastes no slot.
	MaxWait time.Duration
	// ChatMaxWait, when above zero, refuses too a send whose chat alone
	// would make it wait longer (a push that should be held for later
	// rather than book its chat's slots far ahead of the person's replies).
	ChatMaxWait time.Duration
}

// Reservation is Redis's answer to a SendRequest: the send may go after
// Wait, at At by Redis's clock; when OK is false nothing was booked and
// Wait is how long it would have had to wait.
type Reservation struct {
	OK   bool
	Wait time.Duration
	At   time.Time
}

// reserveScript books one send under several GCRA limits at once, timed
// by Redis's clock so that every replica, whatever its own clock says,
// reads one schedule. Each key holds the theoretical arrival time (TAT,
// unix µs) of its next send. The send goes at the earliest time every
// limit allows — at = max(now, TAT_i − tolerance_i) — and each TAT moves to
// max(TAT_i, at) + interval_i; a key expires once its TAT has passed. When
// at is more than maxwait away, nothing is booked.
//
// KEYS = limit keys; ARGV = maxwait µs, then interval µs, tolerance µs
// and the key's own maxwait µs (-1: none) of each key. Returns {1 booked |
// 0 refused, wait µs, at µs}.
var reserveScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = now
local tats = {}
local refused = false
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0') or 0
  if tat < now then tat = now end
  tats[i] = tat
  local allow = tat - tonumber(ARGV[3 * i])
  if allow > at then at = allow end
  local own = tonumber(ARGV[3 * i + 1])
  if own >= 0 and allow - now > own then refused = true end
end
local wait = at - now
if refused or wait > tonumber(ARGV[1]) then return {0, wait, at} end
for i = 1, #KEYS do
  local tat = tats[i]
  if at > tat then tat = at end
  tat = tat + tonumber(ARGV[3 * i - 1])
  redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
end
return {1, wait, at}
`)

// ReserveSend books one send in the limits every replica shares (one round
// trip) and says how long to wait before sending. The caller sleeps
// Wait and sends; a booked send that is not made wastes its slot, which
// errs on the safe side.
func (s *Store) ReserveSend(ctx context.Context, r SendRequest) (Reservation, error) {
	keys := []string{s.keys.SendLimitChat(r.Chat)}
	chatMax := int64(-1)
	if r.ChatMaxWait > 0 {
		chatMax = r.ChatMaxWait.Microseconds()
	}
	args := []any{r.MaxWait.Microseconds(), micros(r.ChatRate.Interval), r.ChatRate.tolerance().Microseconds(), chatMax}
	if r.Global != nil {
		keys = append(keys, s.keys.SendLimitGlobal())
		args = append(args, micros(r.Global.Interval), r.Global.tolerance().Microseconds(), -1)
	}
	res, err := reserveScript.Run(ctx, s.rdb, keys, args...).Int64Slice()
	if err != nil {
		return Reservation{}, fmt.Errorf("reserve a send to %d: %w", r.Chat, err)
	}
	if len(res) != 3 {
		return Reservation{}, fmt.Errorf("reserve a send to %d: unexpected answer %v", r.Chat, res)
	}
	return Reservation{OK: res[0] == 1, Wait: time.Duration(res[1]) * time.Microsecond, At: time.UnixMicro(res[2])}, nil
}

// micros is d in whole microseconds, rounded up: an interval rounded down
// would let one send too many into a window (30 a second is 33,333.3 µs).
func micros(d time.Duration) int64 { return (d + time.Microsecond - 1).Microseconds() }
