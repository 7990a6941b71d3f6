package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/anonymity"
	"sibu/config"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/storage"
)

const (
	token       = "424242:BENCH-token-for-the-emulator"
	botUsername = "sibu_bench_bot"
	adminID     = 1
	surveyID    = "demo"
)

// env is what every scenario shares: the Redis, the configuration, the
// report being filled.
type env struct {
	p         params
	cfg       *config.Config
	rdb       *redis.Client
	redisPID  int // 0 when -redis points elsewhere
	redisDesc string
	stop      func()
	runID     string
	prefixes  []string // every prefix of the run, for close
	live      []string // prefixes whose keys are not dropped yet
	rep       *report
	log       *slog.Logger
	baseUPS   float64 // baseline updates/s, for ratios
	baseP50   time.Duration
	baseCPU   time.Duration // baseline CPU per update
	intakeUPS float64       // intake+flow (polling) updates/s, for the webhook's ratio
	// key is the anonymity key, as app.Run gives the store one: sibu
	// conceals every chat's state with it.
	key *anonymity.Key
}

// setup loads the configuration and connects to Redis: the -redis one, or
// a private redis-server it starts.
func setup(ctx context.Context, p params, stderr io.Writer) (*env, error) {
	cfg, err := config.Load(p.configPath, func(k string) (string, bool) {
		if k == "SIBU_TELEGRAM_TOKEN" {
			return token, true
		}
		return "", false
	})
	if err != nil {
		return nil, fmt.Errorf("load %s (run from the repository or pass -config FILE): %w", p.configPath, err)
	}
	if cfg.Surveys[surveyID] == nil {
		return nil, fmt.Errorf("%s has no %q questionnaire", p.configPath, surveyID)
	}
	var b [4]byte
	rand.Read(b[:])
	e := &env{p: p, cfg: cfg, runID: hex.EncodeToString(b[:]), log: slog.New(slog.DiscardHandler)}
	if e.key, err = anonymity.Generate(); err != nil {
		return nil, err
	}
	url := p.redisURL
	if url == "" {
		var pid int
		url, pid, e.stop, err = startRedis(ctx)
		if err != nil {
			return nil, err
		}
		e.redisPID = pid
	} else {
		e.stop = func() {}
	}
	opt, err := storage.ParseURL(url)
	if err != nil {
		e.stop()
		return nil, fmt.Errorf("redis url: %w", err)
	}
	e.rdb = redis.NewClient(opt)
	if err := e.rdb.Ping(ctx).Err(); err != nil {
		e.close()
		return nil, fmt.Errorf("redis at %s: %w", url, err)
	}
	info, _ := e.rdb.Info(ctx, "server").Result()
	ver := infoField(info, "redis_version")
	if e.redisPID != 0 {
		e.redisDesc = "private redis-server " + ver + " on a unix socket"
	} else {
		e.redisDesc = "redis " + ver + " at " + opt.Addr
	}
	return e, nil
}

// close deletes this run's keys (when Redis is not ours) and stops Redis.
func (e *env) close() {
	if e.rdb != nil && e.redisPID == 0 {
		ctx := context.Background()
		for _, p := range e.prefixes {
			deleteKeys(ctx, e.rdb, storage.NewKeys(p).Prefix()+"*")
		}
	}
	if e.rdb != nil {
		e.rdb.Close()
	}
	e.stop()
}

// prefix returns a fresh key prefix for one scenario. Its keys are dropped
// when the scenario ends (see run), or earlier with dropPrefix.
func (e *env) prefix(name string) string {
	p := "bench" + e.runID + name
	e.prefixes = append(e.prefixes, p)
	e.live = append(e.live, p)
	return p
}

// dropPrefix deletes a prefix's keys so what runs next starts from a small
// Redis.
func (e *env) dropPrefix(ctx context.Context, prefix string) {
	deleteKeys(ctx, e.rdb, storage.NewKeys(prefix).Prefix()+"*")
	e.live = slices.DeleteFunc(e.live, func(p string) bool { return p == prefix })
}

// dropLive drops the keys of every prefix not dropped yet.
func (e *env) dropLive(ctx context.Context) {
	for _, p := range slices.Clone(e.live) {
		e.dropPrefix(ctx, p)
	}
}

// peoplePrefix returns a fresh key prefix for the scenario name with n
// members from id first, who have the demo questionnaire issued.
func (e *env) peoplePrefix(ctx context.Context, name string, first int64, n int) (string, []int64, error) {
	prefix, ids := e.prefix(name), userIDs(first, n)
	return prefix, ids, e.seedPeople(ctx, prefix, ids, true)
}

// seedPeople registers users as joined members of the root unit and,
// with issue, issues the demo questionnaire to them (opening it), in the
// key format storage uses.
func (e *env) seedPeople(ctx context.Context, prefix string, ids []int64, issue bool) error {
	k := storage.NewKeys(prefix)
	joined := time.Now().UTC().Format(time.RFC3339)
	for i := 0; i < len(ids); i += 1000 {
		chunk := ids[i:min(i+1000, len(ids))]
		members := make([]any, len(chunk))
		_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for j, id := range chunk {
				p.HSet(ctx, k.Member(id), "name", "用户"+strconv.FormatInt(id, 10), "unit", e.cfg.Root,
					"role", string(kit.RoleMember), "joined_at", joined)
				members[j] = id
			}
			p.SAdd(ctx, k.UnitMembers(e.cfg.Root), members...)
			p.SAdd(ctx, k.Members(), members...)
			if issue {
				p.SAdd(ctx, k.SurveyIssued(surveyID), members...)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("seed people: %w", err)
		}
	}
	if issue {
		return e.rdb.HSet(ctx, k.Survey(surveyID), "status", string(survey.StatusOpen),
			"version", e.cfg.Surveys[surveyID].Version, "opened_at", joined).Err()
	}
	return nil
}
