package storage

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"sibu/anonymity"
	"sibu/flows/kit"
	"strings"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Store is sibu's Redis store.
type Store struct {
	rdb    redis.UniversalClient
	keys   Keys
	source string // CloudEvents source
	units  []kit.Unit
	root   string
	now    func() time.Time
	// key is the anonymity key (see anonymity.go); nil in tests that
	// need none: chat state is then kept as it is, and anonymous
	// responses are refused.
	key *anonymity.Key
	// statuses caches questionnaire statuses briefly (survey id →
	// cachedStatus) for the answering steps: see SurveyStatus.
	statuses sync.Map
}

// Options configure a Store.
type Options struct {
	// Source is the CloudEvents "source" of records events (default "sibu").
	Source string
	// Units is the organisation tree, for unit subtrees.
	Units []kit.Unit
	Root  string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Anonymity is the anonymity key: it seals anonymous responses and
	// conceals every chat's session, inbox and replies (see
	// anonymity.go). Without it anonymous responses are refused.
	Anonymity *anonymity.Key
}

// New returns a store over rdb with keys under prefix.
func New(rdb redis.UniversalClient, prefix string, opt Options) *Store {
	if opt.Source == "" {
		opt.Source = "sibu"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Store{rdb: rdb, keys: NewKeys(prefix), source: opt.Source, units: opt.Units, root: opt.Root, now: opt.Now,
		key: opt.Anonymity}
}

// Keys returns the store's key namer.
func (s *Store) Keys() Keys { return s.keys }

// Ping reports whether Redis answers.
func (s *Store) Ping(ctx context.Context) error { return s.rdb.Ping(ctx).Err() }

// Connect opens a Redis client for url: redis://, rediss:// or unix:// (one
// server), redis+cluster:// (Redis Cluster), redis+sentinel:// (a master
// found through Sentinel; see url.go for every form), or bare host:port
// addresses, comma-separated. An empty url starts an embedded in-process
// Redis and returns a closer that stops it.
func Connect(ctx context.Context, url string, log *slog.Logger) (redis.UniversalClient, func(), error) {
	if strings.TrimSpace(url) == "" {
		return embedded(log)
	}
	rdb, err := clientFor(url)
	if err != nil {
		return nil, nil, fmt.Errorf("redis url: %w", err)
	}
	return rdb, func() { rdb.Close() }, nil
}

// ParseURL is redis.ParseURL speaking RESP2 unless the URL asks for
// ?protocol=3. sibu uses no RESP3 feature, and with RESP3 go-redis peeks
// the socket for push notifications around every command: a read syscall
// per round trip, about 6% of the bot's CPU under load.
func ParseURL(url string) (*redis.Options, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(url, "protocol=") {
		opt.Protocol = 2
	}
	return opt, nil
}

// embedded starts miniredis, dialled in-process (no TCP port), with a ticker
// that advances its TTL clock (miniredis expires keys only when told).
func embedded(log *slog.Logger) (redis.UniversalClient, func(), error) {
	m := miniredis.NewMiniRedis()
	if err := m.Start(); err != nil {
		return nil, nil, fmt.Errorf("embedded redis: %w", err)
	}
	log.Warn("SIBU_REDIS_URL is empty: using an EMBEDDED in-memory Redis. NOTHING SURVIVES A RESTART — sessions, answers and the outbox are lost when the process stops. Set SIBU_REDIS_URL for real use.")
	rdb := redis.NewClient(&redis.Options{
		Addr: m.Addr(),
		Dialer: func(context.Context, string, string) (net.Conn, error) {
			c, err := m.Dial()
			if err != nil {
				return nil, err
			}
			return newBufferedConn(c), nil
		},
	})
	stop := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		last := time.Now()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				m.FastForward(now.Sub(last))
				last = now
			}
		}
	}()
	return rdb, func() {
		once.Do(func() {
			close(stop)
			rdb.Close()
			m.Close()
		})
	}, nil
}
