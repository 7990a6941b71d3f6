package app_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// keyRule is what keeps one family of keys from growing for ever: it
// expires (a TTL), it is trimmed, it is deleted by the code that ends its
// use, or it is bounded by something that does not grow with time (people,
// units, questionnaires, items, rounds). check verifies it on one key.
type keyRule struct {
	pattern string // regexp over the key after the deployment's prefix
	rule    string
	check   func(ctx context.Context, rdb *redis.Client, key string) error
}

// The population the simulated run works with (config.example.yaml and
// the playground's demo people), for the bounds.
const (
	simPeople    = 7
	simItems     = 4 // commitment items declared
	simQuestions = 2 // questionnaires
)

// keyRules names every key sibu writes. A key no pattern matches fails the
// walk: whoever adds a key adds its rule here.
var keyRules = []keyRule{
	{`^session:\d+$`, "expires 180 days after the chat's last step", ttl},
	{`^in:seen:\d+$`, "expires 25 hours after the update was recorded", ttl},
	{`^in:chat:-?\d+$`, "deleted by the commit that applies the chat's last update", gone},
	{`^replies:-?\d+$`, "deleted as the chat's replies are sent", gone},
	{`^in:ready$`, "a chat leaves it when released with nothing left", atMost(simPeople)},
	{`^in:owner$`, "a chat leaves it when its lease is released", atMost(simPeople)},
	{`^tries:-?\d+:[0-9a-f]+$`, "expires a day after a failed attempt", ttl},
	{`^dead$`, "trimmed to about 10,000 entries at each set-aside", atMost(10_100)},
	{`^poll:offset$`, "one value", nil},
	{`^poll:lease$`, "expires unless the poller renews it", ttl},
	{`^limit:(global|chat:-?\d+)$`, "a send limit's schedule: expires once its next slot has passed", ttl},
	{`^tick:[a-z_]+:\d+$`, "expires after the job's claim time", ttl},
	{`^sched:last:[a-z_]+$`, "one per job", nil},
	{`^push:sent:[0-9]+-[0-9]+$`, "expires a day after the push went (or part of it)", ttl},
	{`^push:later$`, "a push leaves it when offered again or gone from the stream", atMost(200)},
	{`^outbox:dead:news$`, "deleted once the admins have been told", nil},
	{`^push$`, "an entry is deleted when delivered; consumers of dead processes are pruned", streamOf(0, 2)},
	{`^outbox$`, "an entry is deleted when delivered or dead-lettered; consumers of dead processes are pruned", streamOf(200, 2)},
	{`^(push|outbox):alive$`, "a replica's heartbeat; its field goes when it stops holding nothing, or once its entries are claimed", atMost(20)},
	{`^outbox:attempts$`, "an entry's field goes with the entry", atMost(200)},
	{`^outbox:retry$`, "an entry's member goes with the entry", atMost(200)},
	{`^outbox:dead$`, "trimmed by the hourly sweep (30 days, 100,000 entries)", atMost(100_100)},
	{`^unreachable$`, "bounded by people", atMost(simPeople)},
	{`^groups:moved$`, "bounded by groups", atMost(20)},
	{`^member:\d+$`, "bounded by people", nil},
	{`^members$`, "bounded by people", atMost(simPeople)},
	{`^unit:[a-z0-9_-]+:(members|leads)$`, "bounded by people", atMost(simPeople)},
	{`^leads:indexed$`, "one value", nil},
	{`^invite:[a-z0-9]+$`, "expires after the invite's end", ttl},
	{`^surveys:open$`, "bounded by questionnaires", atMost(simQuestions)},
	{`^surveys:pooled$`, "a questionnaire leaves it when its pool is released empty", atMost(simQuestions)},
	{`^survey:[a-z0-9_-]+:pool$`, "sealed responses wait for a batch of min_group, then go", atMost(simPeople)},
	{`^survey:[a-z0-9_-]+:pool_rounds$`, "bounded by the questionnaire's rounds", atMost(20)},
	{`^pr:round:[a-z0-9_-]+:pool$`, "sealed responses wait for a batch of min_group, then go", atMost(simPeople)},
	{`^anonymity:recipient$`, "one value: the anonymity key's public half", nil},
	{`^survey:[a-z0-9_-]+$`, "bounded by questionnaires", nil},
	{`^survey:[a-z0-9_-]+:(issued|submitted|progress|responses)$`, "bounded by people", atMost(simPeople)},
	{`^survey:[a-z0-9_-]+:reminders$`, "two fields a person", atMost(2 * simPeople)},
	{`^survey:[a-z0-9_-]+:(counts|tallies|units|unit_issued)$`, "bounded by the questionnaire's questions and units", atMost(200)},
	{`^survey:[a-z0-9_-]+:anon_out$`, "released to the outbox every day", atMost(simPeople)},
	{`^pr:item:[a-z0-9]+$`, "bounded by the stages of its deadline: a daily stage replaces the day before's", atMost(2 + 16)},
	{`^pr:item:[a-z0-9]+:log$`, "bounded by what people did to the item", atMost(20)},
	{`^pr:(owner:\d+|unit:[a-z0-9_-]+)$`, "bounded by items", atMost(simItems)},
	{`^pr:unit:[a-z0-9_-]+:counts$`, "bounded by statuses", atMost(12)},
	{`^pr:(due|pending)$`, "bounded by items", atMost(simItems)},
	{`^digests$`, "about one field a person: a day's digest removes the two weeks' before it", atMost(2 * simPeople)},
	{`^budget:\d{4}-\d\d-\d\d:\d+$`, "expires two days after a person's last push of the day", ttl},
	{`^folded:\d+$`, "at most 50 pushes held over; expires 8 days after the last, emptied by the digest", ttl},
	{`^pr:rounds$`, "bounded by units", atMost(20)},
	{`^pr:round:[a-z0-9_-]+:(marks|survey|responses|respondents)$`, "bounded by rounds and their items", atMost(100)},
	{`^rs:(record|opinion):[a-z0-9]+$`, "one per meeting, visit or opinion logged: the campaign's 台账, kept as records are", nil},
	{`^rs:(by|followups):\d+$`, "bounded by what the person logged or was assigned", atMost(100)},
	{`^rs:due$`, "bounded by the open follow-ups: one leaves it when done", atMost(100)},
	{`^rs:unit:[a-z0-9_-]+:opinions$`, "bounded by the unit's opinions", atMost(100)},
	{`^rs:counts:[a-z0-9_-]+$`, "per-day counters of a campaign's unit: bounded by the campaign's period", atMost(400)},
	{`^talks$`, "bounded by talk rounds", atMost(5)},
	{`^talk:[a-z0-9_-]+(:entries|:revs|:counts|:ivs)?$`, "bounded by the round's roster", atMost(100)},
	{`^talk:[a-z0-9_-]+:unreached(:\d+|:u:[a-z0-9_-]+)?$`, "bounded by the round's roster", atMost(simPeople)},
	{`^talk:[a-z0-9_-]+:slots:\d+$`, "bounded by the round's slots", atMost(100)},
	{`^talk:[a-z0-9_-]+:sent$`, "notices per slot (the interviewer's two, the member's two), two invitation follow-ups a person, and one daily list an interviewer: a day's replaces the day before's", atMost(5*simPeople + simPeople + 1)},
	{`^talks:(agenda:\d+|due)$`, "bounded by the rounds' rosters", atMost(simPeople)},
}

// TestKeyspaceStaysBounded (issue 12, finding 10): after months of use —
// questionnaires (one anonymous) opened, answered and reminded about, a
// talk round open with its daily lists, commitments declared, approved and
// overdue with their daily reminders and weekly digests, a records system
// refusing every event — every key sibu left is covered by a rule that
// keeps it from growing for ever, and holds to it.
func TestKeyspaceStaysBounded(t *testing.T) {
	start := time.Now()
	s := startSim(t)
	t.Logf("started in %v", time.Since(start))
	s.say("李明", "/survey open demo")
	s.say("李明", "/survey open huanjie")
	s.say("李明", "/talks open hj2027")
	s.answer("张三", "乡镇领导班子满意度调查")
	s.answer("张三", "换届风气匿名测评")
	s.declare("张三", "为辖区孤寡老人每月上门服务一次", "后天")
	s.declare("王芳", "帮助小区加装路灯", "后天")
	for _, who := range []string{"赵丽", "李明", "赵丽", "李明"} {
		s.say(who, "/review") // the day's pushes are spent: the requests fold into the digest
		for s.press(who, "通过") {
		}
	}
	s.expect(map[string]func() int64{
		"responses to demo":            func() int64 { return s.rdb.SCard(s.ctx, s.keys.SurveySubmitted("demo")).Val() },
		"anonymous responses pooled":   func() int64 { return s.rdb.SCard(s.ctx, s.keys.SurveyPool("huanjie")).Val() },
		"commitments approved and due": func() int64 { return s.rdb.ZCard(s.ctx, s.keys.CommitmentDue()).Val() },
		"people on the talk round":     func() int64 { return s.rdb.HLen(s.ctx, s.keys.TalkEntries("hj2027")).Val() },
		"invitations and notices sent": func() int64 { return int64(s.sent()) },
		"records events in the outbox": func() int64 { return s.rdb.XLen(s.ctx, s.keys.Outbox()).Val() },
	})
	t.Logf("set up in %v", time.Since(start))
	for day := range 100 {
		s.advance(24 * time.Hour)
		if day%30 == 0 {
			s.say("刘强", "/help") // a chat that goes on
		}
	}
	t.Logf("ran 100 days in %v", time.Since(start))
	s.expect(map[string]func() int64{
		"records events dead-lettered": func() int64 { return s.rdb.XLen(s.ctx, s.keys.OutboxDead()).Val() },
		"digests claimed":              func() int64 { return s.rdb.HLen(s.ctx, s.keys.Digests()).Val() },
	})
	walk(t, s)
}

// declare has who declare two commitments, the first with content and
// deadline, and submit them for review.
func (s *sim) declare(who, content, deadline string) {
	s.say(who, "/promise")
	for i, c := range []string{content, content + "（第二项）"} {
		if i > 0 {
			s.press(who, "再加一项")
		}
		s.say(who, c)
		s.say(who, "按月落实，建立台帐")
		s.say(who, deadline)
		s.press(who, "确认")
		s.press(who, "跳过")
	}
	if !s.press(who, "提交审核") {
		text, buttons := s.last(who)
		s.t.Fatalf("%s could not submit: %q %v", who, text, buttons)
	}
}

// expect fails the test unless each figure is above zero: the run did
// what the walk relies on.
func (s *sim) expect(figures map[string]func() int64) {
	s.t.Helper()
	for what, f := range figures {
		if f() == 0 {
			s.t.Fatalf("the simulated run has no %s", what)
		}
	}
}

// sent counts the bot's messages in every chat.
func (s *sim) sent() int {
	n := 0
	for name := range s.people {
		for _, m := range s.chat(name).Messages {
			if m.FromBot {
				n++
			}
		}
	}
	return n
}

// walk checks every key under the prefix against keyRules.
func walk(t *testing.T, s *sim) {
	t.Helper()
	prefix := s.keys.Prefix()
	rules := make([]*regexp.Regexp, len(keyRules))
	for i, r := range keyRules {
		rules[i] = regexp.MustCompile(r.pattern)
	}
	iter := s.rdb.Scan(s.ctx, 0, "*", 1000).Iterator()
	families := map[string]int{}
	for iter.Next(s.ctx) {
		key := iter.Val()
		name, ok := strings.CutPrefix(key, prefix)
		if !ok {
			t.Errorf("key %q outside the deployment's prefix %q", key, prefix)
			continue
		}
		matched := false
		for i, re := range rules {
			if !re.MatchString(name) {
				continue
			}
			matched = true
			families[keyRules[i].pattern]++
			if c := keyRules[i].check; c != nil {
				if err := c(s.ctx, s.rdb, key); err != nil {
					t.Errorf("%s (%s): %v", name, keyRules[i].rule, err)
				}
			}
			break
		}
		if !matched {
			t.Errorf("%s: no rule says what keeps this key from growing for ever (add one to keyRules)", name)
		}
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("keys walked, by rule: %v", families)
}

// ttl checks that the key expires.
func ttl(ctx context.Context, rdb *redis.Client, key string) error {
	if d := rdb.PTTL(ctx, key).Val(); d <= 0 {
		return fmt.Errorf("no expiry (PTTL %v)", d)
	}
	return nil
}

// gone is for keys that must not exist once the bot has settled.
func gone(context.Context, *redis.Client, string) error {
	return fmt.Errorf("still there after the bot settled")
}

// atMost checks a hash, set, sorted set, list or stream holds at most n.
func atMost(n int64) func(ctx context.Context, rdb *redis.Client, key string) error {
	return func(ctx context.Context, rdb *redis.Client, key string) error {
		if size := size(ctx, rdb, key); size > n {
			return fmt.Errorf("holds %d, more than %d", size, n)
		}
		return nil
	}
}

// streamOf checks a stream holds at most entries, and each of its
// consumer groups at most consumers.
func streamOf(entries, consumers int64) func(ctx context.Context, rdb *redis.Client, key string) error {
	return func(ctx context.Context, rdb *redis.Client, key string) error {
		if err := atMost(entries)(ctx, rdb, key); err != nil {
			return err
		}
		groups, err := rdb.XInfoGroups(ctx, key).Result()
		if err != nil {
			return err
		}
		for _, g := range groups {
			if g.Consumers > consumers {
				return fmt.Errorf("group %s has %d consumers, more than %d", g.Name, g.Consumers, consumers)
			}
		}
		return nil
	}
}

// size is the number of elements of a key of any collection type.
func size(ctx context.Context, rdb *redis.Client, key string) int64 {
	switch rdb.Type(ctx, key).Val() {
	case "hash":
		return rdb.HLen(ctx, key).Val()
	case "set":
		return rdb.SCard(ctx, key).Val()
	case "zset":
		return rdb.ZCard(ctx, key).Val()
	case "list":
		return rdb.LLen(ctx, key).Val()
	case "stream":
		return rdb.XLen(ctx, key).Val()
	}
	return 1
}
