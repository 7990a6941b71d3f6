package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/redis/go-redis/v9"

	"sibu/flows/commitment"
	"sibu/flows/survey"
)

// Released is what a release did: responses released, responses left
// waiting for more (too few for a batch), and responses it could not open
// (sealed to another anonymity key: one was lost or replaced).
type Released struct {
	Released, Waiting, Unreadable int
}

// Add adds o's counts to r.
func (r *Released) Add(o Released) {
	r.Released += o.Released
	r.Waiting += o.Waiting
	r.Unreadable += o.Unreadable
}

// ReleaseAnonymous releases the pooled anonymous responses of
// questionnaire id and of its evaluation rounds, in batches of at least
// minGroup (releasable): each response is counted, stored with neither
// person nor time, and its records event sent — in random order, in one
// atomic write per batch, so no two reads of the figures differ by fewer
// than minGroup responses. The scheduler runs it every minute and daily.
// It also sends the events earlier releases held back (SurveyAnonOut).
func (s *Store) ReleaseAnonymous(ctx context.Context, id string, minGroup int) (Released, error) {
	var out Released
	if _, err := drainHeldScript.Run(ctx, s.rdb, []string{s.keys.SurveyAnonOut(id), s.keys.Outbox()}).Result(); err != nil {
		return out, fmt.Errorf("release held events of %s: %w", id, err)
	}
	r, err := s.releasePool(ctx, id, "", minGroup)
	if err != nil {
		return out, err
	}
	out.Add(r)
	rounds, err := s.rdb.SMembers(ctx, s.keys.SurveyPoolRounds(id)).Result()
	if err != nil {
		return out, fmt.Errorf("pooled rounds of %s: %w", id, err)
	}
	sort.Strings(rounds)
	for _, round := range rounds {
		r, err := s.releasePool(ctx, id, round, minGroup)
		if err != nil {
			return out, err
		}
		out.Add(r)
	}
	if out.Waiting == 0 && out.Unreadable == 0 {
		// Nothing left to release: off the list of pooled questionnaires
		// (a response pooled meanwhile puts it back; a configured
		// questionnaire is released whether listed or not).
		if err := s.rdb.SRem(ctx, s.keys.SurveysPooled(), id).Err(); err != nil {
			return out, fmt.Errorf("unlist pool of %s: %w", id, err)
		}
	}
	return out, nil
}

// PooledSurveys lists the questionnaires with anonymous responses waiting
// in a pool, also those no longer configured.
func (s *Store) PooledSurveys(ctx context.Context) ([]string, error) {
	ids, err := s.rdb.SMembers(ctx, s.keys.SurveysPooled()).Result()
	if err != nil {
		return nil, fmt.Errorf("pooled questionnaires: %w", err)
	}
	sort.Strings(ids)
	return ids, nil
}

// drainHeldScript moves every event an earlier release held back to the
// outbox, in the random order SPOP gives. KEYS = held set, outbox.
var drainHeldScript = redis.NewScript(`
local n = 0
while true do
  local ev = redis.call('SPOP', KEYS[1])
  if not ev then return n end
  redis.call('XADD', KEYS[2], '*', 'event', ev)
  n = n + 1
end
`)

// openedResponse is a pooled response opened: as stored in the pool, and
// as sealed.
type openedResponse struct {
	member string
	rec    pooled
}

// releasePool releases one pool: the questionnaire's (round "") or a
// round's.
func (s *Store) releasePool(ctx context.Context, id, round string, minGroup int) (Released, error) {
	pool := s.keys.SurveyPool(id)
	if round != "" {
		pool = s.keys.CommitmentRoundPool(round)
	}
	if n, err := s.rdb.SCard(ctx, pool).Result(); err != nil || n < int64(minGroup) {
		return Released{Waiting: int(n)}, wrap(err, "pool of %s", id)
	}
	members, err := s.rdb.SMembers(ctx, pool).Result()
	if err != nil {
		return Released{}, fmt.Errorf("pool of %s: %w", id, err)
	}
	opened, unreadable := s.openPool(members)
	closed, err := s.poolClosed(ctx, id, round)
	if err != nil {
		return Released{}, err
	}
	batch := releasable(opened, minGroup, closed)
	res := Released{Released: len(batch), Waiting: len(opened) - len(batch), Unreadable: unreadable}
	if len(batch) == 0 {
		return res, nil
	}
	rand.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
	arg, keys, err := s.releasePlan(id, round, pool, batch)
	if err != nil {
		return Released{}, err
	}
	n, err := releasePoolScript.Run(ctx, s.rdb, keys, arg).Int()
	if err != nil {
		return Released{}, fmt.Errorf("release pool of %s: %w", id, err)
	}
	if n == 0 {
		return Released{Waiting: len(opened), Unreadable: unreadable}, nil // released meanwhile by another replica
	}
	return res, nil
}

// wrap is fmt.Errorf with %w, or nil for no error.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// openPool opens the pooled responses it can, and counts those it
// cannot.
func (s *Store) openPool(members []string) (opened []openedResponse, unreadable int) {
	for _, m := range members {
		if s.key == nil {
			unreadable++
			continue
		}
		doc, err := s.key.Open(m)
		var rec pooled
		if err == nil {
			err = json.Unmarshal(doc, &rec)
		}
		if err != nil {
			unreadable++
			continue
		}
		opened = append(opened, openedResponse{member: m, rec: rec})
	}
	return opened, unreadable
}

// poolClosed reports whether a pool's questionnaire (or round) takes no
// more answers.
func (s *Store) poolClosed(ctx context.Context, id, round string) (bool, error) {
	key, field, open := s.keys.Survey(id), "status", string(survey.StatusOpen)
	if round != "" {
		key, field, open = s.keys.CommitmentRoundSurvey(round), "open", "1"
	}
	v, err := s.rdb.HGet(ctx, key, field).Result()
	if err != nil && err != redis.Nil {
		return false, fmt.Errorf("status of %s: %w", id, err)
	}
	return v != open, nil
}

// releasable chooses the responses of one batch so that no figure moves by
// fewer than m responses: not the total, and not a named unit's. A unit's
// responses go when it has at least m in the pool; fewer wait for more,
// unless the questionnaire (or round) closed: then they go without their
// unit. Responses already without a unit go with the rest. Nothing goes
// when fewer than m would.
func releasable(opened []openedResponse, m int, closed bool) []openedResponse {
	byUnit := map[string][]openedResponse{}
	for _, o := range opened {
		byUnit[o.rec.Unit] = append(byUnit[o.rec.Unit], o)
	}
	var batch []openedResponse
	for unit, group := range byUnit {
		switch {
		case unit == "" || len(group) >= m:
			batch = append(batch, group...)
		case closed:
			for _, o := range group {
				o.rec.Unit = ""
				batch = append(batch, o)
			}
		}
	}
	if len(batch) < m {
		return nil
	}
	return batch
}

// releasePlan is the release script's argument and keys for a batch: its
// members (all must still be pooled), then the writes — the counters
// summed over the batch, each response stored, each event sent, in the
// batch's (random) order, and the members removed.
func (s *Store) releasePlan(id, round, pool string, batch []openedResponse) (arg []byte, keys []string, err error) {
	p := &plan{idx: map[string]int{}}
	p.key(pool)
	counts := map[[2]string]int64{}
	members := make([]string, len(batch))
	for i, o := range batch {
		members[i] = o.member
		e := o.rec.response(id)
		for _, c := range s.keys.responseCounts(e) {
			counts[c]++
		}
		rid, doc, err := responseRecord(e)
		if err != nil {
			return nil, nil, err
		}
		p.op("hset", s.keys.responsesOf(e), rid, string(doc))
		ev, err := s.renderEvent(e, s.now())
		if err != nil {
			return nil, nil, err
		}
		p.op("xadd", s.keys.Outbox(), "event", string(ev))
	}
	fields := make([][2]string, 0, len(counts))
	for c := range counts {
		fields = append(fields, c)
	}
	sort.Slice(fields, func(a, b int) bool { return fields[a][0]+"\x00"+fields[a][1] < fields[b][0]+"\x00"+fields[b][1] })
	for _, c := range fields {
		p.op("hincrby", c[0], c[1], itoa(counts[c]))
	}
	p.opChunked("srem", pool, members)
	if round != "" {
		// Forget the round once its pool is empty (checked by the script).
		p.op("forget", s.keys.SurveyPoolRounds(id), "1", round)
	}
	arg, err = json.Marshal(struct {
		M []string   `json:"m"`
		O [][]string `json:"o"`
	}{members, p.O})
	if err != nil {
		return nil, nil, fmt.Errorf("encode release: %w", err)
	}
	return arg, p.keys, nil
}

// releasePoolScript writes a batch (releasePlan) if every member is still
// pooled, else nothing (another replica released it). KEYS[1] is the pool.
// "forget" removes a member (o[4]) from a set when the set at key index
// o[3] is empty. Returns 1 when written.
var releasePoolScript = redis.NewScript(`
local p = cjson.decode(ARGV[1])
for _, m in ipairs(p.m) do
  if redis.call('SISMEMBER', KEYS[1], m) == 0 then return 0 end
end
for _, o in ipairs(p.o) do
  local k = KEYS[tonumber(o[2])]
  local args = {}
  for i = 3, #o do args[#args+1] = o[i] end
  if o[1] == 'xadd' then
    redis.call('XADD', k, '*', unpack(args))
  elseif o[1] == 'forget' then
    if redis.call('SCARD', KEYS[tonumber(args[1])]) == 0 then redis.call('SREM', k, args[2]) end
  else
    redis.call(o[1], k, unpack(args))
  end
end
return 1
`)

// roundSatisfaction is an evaluation round's figure: who answered (its
// respondents), and the answers counted plus those still pooled (opened
// here, read only: nothing is released), read in one transaction so a
// release meanwhile counts nothing twice.
func (s *Store) roundSatisfaction(ctx context.Context, round string) (commitment.Satisfaction, error) {
	var fig *redis.MapStringStringCmd
	var who *redis.IntCmd
	var pool *redis.StringSliceCmd
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		fig = p.HGetAll(ctx, s.keys.CommitmentRoundSurvey(round))
		who = p.SCard(ctx, s.keys.CommitmentRoundRespondents(round))
		pool = p.SMembers(ctx, s.keys.CommitmentRoundPool(round))
		return nil
	})
	if err != nil {
		return commitment.Satisfaction{}, fmt.Errorf("satisfaction of %s: %w", round, err)
	}
	m := fig.Val()
	f := commitment.Satisfaction{Respondents: who.Val(), Answered: atoi(m["answered"]), Satisfied: atoi(m["satisfied"])}
	opened, _ := s.openPool(pool.Val())
	for _, o := range opened {
		if o.rec.SatisfiedAnswered {
			f.Answered++
		}
		if o.rec.Satisfied {
			f.Satisfied++
		}
	}
	return f, nil
}
