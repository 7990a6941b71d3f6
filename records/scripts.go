package records

// luaEventOf is the Lua function the scripts share to read a stream entry's
// event: the value of its "event" field, the empty string when it has none.
const luaEventOf = `
local function event_of(entry)
  local ev = ''
  local f = entry[2]
  for i = 1, #f, 2 do
    if f[i] == 'event' then ev = f[i + 1] end
  end
  return ev
end
`

// failEntryLua records one failed attempt of an outbox entry atomically. Below
// the limit it schedules the next attempt with full-jitter backoff and takes
// the entry out of the group's pending list (the retry set now owns it, so
// takeover does not race the backoff). At the limit, or when forced, it
// moves the event to the dead-letter stream, counts it in the news the
// officials are told of (storage.Store.DeadLetterNews), and deletes the
// entry. It returns {attempts, dead (0/1), delay ms}, or {0, 0, 0} when the
// entry no longer exists (another relay delivered it).
//
// KEYS: outbox, attempts hash, retry zset, dead stream, dead-letter news.
// ARGV: group, entry id, max attempts, now ms, base ms, max ms, jitter [0,1),
// error, failed_at, force (0/1).
const failEntryLua = luaEventOf + `
local id = ARGV[2]
local e = redis.call('XRANGE', KEYS[1], id, id)
if #e == 0 then
  redis.call('XACK', KEYS[1], ARGV[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {0, 0, 0}
end
local n = redis.call('HINCRBY', KEYS[2], id, 1)
if n >= tonumber(ARGV[3]) or ARGV[10] == '1' then
  redis.call('XADD', KEYS[4], '*', 'event', event_of(e[1]), 'attempts', n, 'error', ARGV[8], 'failed_at', ARGV[9])
  redis.call('HINCRBY', KEYS[5], 'count', 1)
  redis.call('HSETNX', KEYS[5], 'first_error', ARGV[8])
  redis.call('HSETNX', KEYS[5], 'first_at', ARGV[9])
  redis.call('XACK', KEYS[1], ARGV[1], id)
  redis.call('XDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  return {n, 1, 0}
end
local cap = math.min(tonumber(ARGV[6]), tonumber(ARGV[5]) * 4 ^ math.min(n - 1, 20))
local delay = math.floor(tonumber(ARGV[7]) * cap)
redis.call('ZADD', KEYS[3], tonumber(ARGV[4]) + delay, id)
redis.call('XACK', KEYS[1], ARGV[1], id)
return {n, 0, delay}
`

// replayEntryLua moves one dead letter back to the outbox; it returns 1 when
// moved, 0 when the dead letter was already gone.
//
// KEYS: dead stream, outbox. ARGV: dead entry id.
const replayEntryLua = luaEventOf + `
local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #e == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', 'event', event_of(e[1]))
redis.call('XDEL', KEYS[1], ARGV[1])
return 1
`
