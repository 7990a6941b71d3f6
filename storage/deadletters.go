package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// DeadLetterNews is what the dead-letter stream gained since the officials
// were last told (Store.DeadLettersTold).
type DeadLetterNews struct {
	Count      int64     // events dead-lettered since
	FirstError string    // why the first of them failed
	FirstAt    time.Time // when it was dead-lettered
	Waiting    int64     // dead letters in all, waiting for a replay
}

// DeadLetterNews reads what the dead-letter stream gained since the
// officials were last told: the records relay counts every event it
// dead-letters (with the first one's error) in Keys.OutboxDeadNews.
func (s *Store) DeadLetterNews(ctx context.Context) (DeadLetterNews, error) {
	var news *redis.MapStringStringCmd
	var waiting *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		news = p.HGetAll(ctx, s.keys.OutboxDeadNews())
		waiting = p.XLen(ctx, s.keys.OutboxDead())
		return nil
	})
	if err != nil {
		return DeadLetterNews{}, fmt.Errorf("dead-letter news: %w", err)
	}
	m := news.Val()
	n, _ := strconv.ParseInt(m["count"], 10, 64)
	at, _ := time.Parse(time.RFC3339Nano, m["first_at"])
	return DeadLetterNews{Count: n, FirstError: m["first_error"], FirstAt: at, Waiting: waiting.Val()}, nil
}

// deadLettersToldScript takes n told dead letters off the news; the news
// is gone (its first error with it) when nothing is left to tell. KEYS:
// the news hash. ARGV: n.
var deadLettersToldScript = redis.NewScript(`
if redis.call('HINCRBY', KEYS[1], 'count', -tonumber(ARGV[1])) <= 0 then
  redis.call('DEL', KEYS[1])
end
return 1
`)

// DeadLettersTold records that the officials were told of n dead letters
// (the Count of the news they were told); any dead-lettered since stay
// news for the next summary.
func (s *Store) DeadLettersTold(ctx context.Context, n int64) error {
	if err := deadLettersToldScript.Run(ctx, s.rdb, []string{s.keys.OutboxDeadNews()}, n).Err(); err != nil {
		return fmt.Errorf("dead letters told: %w", err)
	}
	return nil
}
