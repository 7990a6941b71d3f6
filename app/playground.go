package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/config"
	"sibu/playground"
	"sibu/storage"
	"sibu/tgemu"
)

// DefaultPlaygroundListen is where the playground serves without
// SIBU_PLAYGROUND_LISTEN: loopback only.
const DefaultPlaygroundListen = "127.0.0.1:8080"

// PlaygroundOptions configure RunPlayground.
type PlaygroundOptions struct {
	// Listen is the page's address (default DefaultPlaygroundListen).
	Listen string
	// Ready, if set, is called with the page's URL once it is served.
	Ready func(url string)
	// People overrides playground.DemoPeople (tests).
	People []playground.Person
}

// PlaygroundSource is the CloudEvents source of the playground's records
// events: the records system must never take demo events for the bot's.
const PlaygroundSource = "sibu-playground"

// playgroundMode is what run needs to know in the playground.
type playgroundMode struct {
	clock  *playground.Clock
	emu    *tgemu.Server
	people []playground.Person
	listen string
	ready  func(string)
}

// recordsSource is the records events' source: PlaygroundSource in the
// playground (pg != nil), the store's default otherwise.
func (pg *playgroundMode) recordsSource() string {
	if pg == nil {
		return ""
	}
	return PlaygroundSource
}

// Playground bot identity in the emulator.
const (
	playgroundBotID   = 7000000001
	playgroundBotName = "sibu_demo_bot"
)

// RunPlayground runs the whole bot — the same flows, store, scheduler and
// records relay as Run — against the built-in Bot API emulator on loopback,
// with demo people already joined and a web chat page to play them. Time is
// a playground.Clock the page can move forward; it starts at the end of the
// quiet hours when started in them. It blocks until ctx is done.
//
// The store is the embedded one unless cfg.Redis.URL is set; then the
// playground keeps its keys under "<prefix>-playground" and clears them at
// start (the emulator's chats do not outlive the process either). Records go
// to ./sibu-playground-records.jsonl unless cfg.Records.URL is set; they
// carry the source PlaygroundSource and are never signed, whatever
// cfg.Records.Secret says (demo events must not pass for the bot's).
func RunPlayground(ctx context.Context, cfg *config.Config, log *slog.Logger, opt PlaygroundOptions) error {
	if opt.Listen == "" {
		opt.Listen = DefaultPlaygroundListen
	}
	people := opt.People
	if people == nil {
		people = playground.DemoPeople()
	}
	clock := playground.NewClock()
	if now := clock.Now().In(cfg.Location); cfg.Quiet.Contains(now) {
		// A demo at night starts when the quiet hours end, or the demo
		// people would get no invitation until the clock is moved.
		clock.AdvanceTo(cfg.Quiet.End(now))
	}
	var secret [8]byte
	rand.Read(secret[:])
	token := fmt.Sprintf("%d:playground-%s", playgroundBotID, hex.EncodeToString(secret[:]))
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(playgroundBotID, playgroundBotName, "四步"),
		tgemu.WithClock(clock.Now), tgemu.WithLongPollMax(10*time.Second), tgemu.WithEventBuffer(4096))
	emu.Start()
	defer emu.Close()

	c := *cfg
	c.Telegram.Token, c.Telegram.APIURL, c.Telegram.Mode = token, emu.URL(), "polling"
	if c.Records.Secret != "" {
		log.Warn("playground: records events are not signed with SIBU_RECORDS_SECRET and carry the source " + PlaygroundSource)
		c.Records.Secret = ""
	}
	c.Admins = slices.Clone(cfg.Admins)
	for _, p := range people {
		if p.Role == "official" && p.Unit == cfg.Root && !slices.Contains(c.Admins, p.ID) {
			c.Admins = append(c.Admins, p.ID) // officials of the root unit are admins (flows.Env.Admins)
		}
	}

	// The one-line banner says the store is embedded; no need to shout it.
	rdb, closeRedis, err := storage.Connect(ctx, cfg.Redis.URL, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer closeRedis()
	if cfg.Redis.URL != "" {
		c.Redis.Prefix = cfg.Redis.Prefix + "-playground"
		if err := clearPrefix(ctx, rdb, storage.NewKeys(c.Redis.Prefix).Prefix()); err != nil {
			return fmt.Errorf("playground: clear old demo keys: %w", err)
		}
	}
	return run(ctx, &c, log, rdb, &playgroundMode{clock: clock, emu: emu, people: people, listen: opt.Listen, ready: opt.Ready})
}

// clearPrefix deletes every key starting with prefix (the playground's own).
func clearPrefix(ctx context.Context, rdb redis.UniversalClient, prefix string) error {
	iter := rdb.Scan(ctx, 0, escapeGlob(prefix)+"*", 1000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		if batch = append(batch, iter.Val()); len(batch) == 500 {
			if err := rdb.Del(ctx, batch...).Err(); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := iter.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return rdb.Del(ctx, batch...).Err()
	}
	return nil
}

// escapeGlob quotes the characters SCAN MATCH treats specially.
func escapeGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\^`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// defaultRecordsFile is where records go without a records URL.
func defaultRecordsFile(playground bool) string {
	if playground {
		return "sibu-playground-records.jsonl"
	}
	return "sibu-records.jsonl"
}
