package storage_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/tipoff"
	"sibu/storage"
)

// What a reporter writes, which no random text contains by chance.
const (
	tipText  = "tipoff_marker_k3 发红包拉票"
	tipExtra = "addition_marker_q9 另有证人"
)

// command sends a command with arguments.
func (c *anonChat) command(name, args string) []kit.Effect {
	c.t.Helper()
	return c.step(kit.Input{Kind: kit.InputCommand, Command: name, Args: args},
		map[string]any{"message": map[string]any{"text": "/" + name + " " + args}})
}

// receipt is the receipt code the chat was shown last.
func (c *anonChat) receipt() string {
	re := regexp.MustCompile(`[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}`)
	for id := c.nextID; id > 0; id-- {
		if code := re.FindString(c.msgs[id].Text); code != "" {
			return code
		}
	}
	c.t.Fatal("no receipt code shown")
	return ""
}

// TestTipoffNeverReachesRedisInTheClear sends a tip-off and an addition as
// the bot does (updates in the inbox, steps committed with sessions and
// replies) under MONITOR: no command Redis receives while the reporter
// writes carries what was written or the receipt code in the clear; the
// release carries neither the reporter nor the code; and what Redis keeps
// of the tip-off — the pool, the sealed record, the daily cap, the
// records events — carries neither the reporter's id nor a time finer
// than the day.
func TestTipoffNeverReachesRedisInTheClear(t *testing.T) {
	m := newMonitored(t)
	ctx := context.Background()
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	s := storage.New(m.rdb, "mon", storage.Options{Units: units, Root: "root", Now: func() time.Time { return now }, Anonymity: testKey(t)})
	n := 0
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Admins: map[int64]bool{anonWho: true}, Location: time.UTC,
		NewCode: func() string { n++; return "k7qm4xpa9trd" + string(rune('a'+n)) }}})
	c := &anonChat{t: t, s: s, eng: eng, msgs: map[int]kit.Output{}}
	m.take(t)
	c.command("tipoff", "new")
	c.press("拉票贿选")
	c.press("区委")
	c.say(tipText)
	c.press("没有材料")
	var sent bool
	for _, ef := range c.press("提交举报") {
		_, sent = ef.(tipoff.Submitted)
	}
	if !sent {
		t.Fatal("the button did not send the tip-off")
	}
	code := c.receipt()
	c.command("tipoff", code)
	c.press("补充情况")
	c.say(tipExtra)
	c.press("提交补充")
	reporting := m.take(t)
	released, err := s.ReleaseTipoffs(ctx, 1, now)
	if err != nil || len(released) != 1 || len(released[0].Thread) != 1 {
		t.Fatalf("release: %+v %v", released, err)
	}
	release := m.take(t)
	codes := []string{code, strings.ReplaceAll(code, "-", "")}
	for _, l := range reporting {
		for _, secret := range append(codes, "tipoff_marker", "addition_marker") {
			if strings.Contains(l, secret) {
				t.Errorf("Redis saw %q in the clear: %.300s", secret, l)
			}
		}
	}
	// The release sends the tip-off to the records system (its event, in
	// the clear like a released answer), never the reporter or the code.
	for _, l := range release {
		for _, secret := range append(codes, "7700123456") {
			if strings.Contains(l, secret) {
				t.Errorf("the release carries %q: %.300s", secret, l)
			}
		}
	}
	assertTipoffUnlinked(t, m.rdb, "{mon}:")
	got, ok, err := s.TipoffByCode(ctx, tipoff.NormalizeCode(code))
	if err != nil || !ok || got.Text != tipText || got.Thread[0].Text != tipExtra {
		t.Fatalf("the code does not find the tip-off: %+v %v %v", got, ok, err)
	}
}

// assertTipoffUnlinked reads every tip-off key and the outbox: none holds
// the reporter's id, and every records event of a tip-off is timed by the
// day only.
func assertTipoffUnlinked(t *testing.T, rdb redis.UniversalClient, prefix string) {
	t.Helper()
	ctx := context.Background()
	keys, err := rdb.Keys(ctx, prefix+"tipoff*").Result()
	if err != nil || len(keys) < 3 {
		t.Fatalf("tip-off keys: %v %v", keys, err)
	}
	for _, k := range keys {
		var dump string
		switch typ := rdb.Type(ctx, k).Val(); typ {
		case "hash":
			dump = strings.Join(flatten(rdb.HGetAll(ctx, k).Val()), " ")
		case "set":
			dump = strings.Join(rdb.SMembers(ctx, k).Val(), " ")
		default:
			t.Errorf("%s is a %s", k, typ)
		}
		if strings.Contains(k+dump, "7700123456") || strings.Contains(dump, tipText) {
			t.Errorf("%s ties the tip-off to its reporter or keeps it in the clear: %.300s", k, dump)
		}
	}
	events := rdb.XRange(ctx, prefix+"outbox", "-", "+").Val()
	tips := 0
	for _, e := range events {
		ev, _ := e.Values["event"].(string)
		if !strings.Contains(ev, "sibu.tipoff.") {
			continue
		}
		tips++
		if strings.Contains(ev, "7700123456") || !strings.Contains(ev, `"time":"2026-11-25T00:00:00Z"`) {
			t.Errorf("a tip-off's records event names the reporter or the time: %s", ev)
		}
	}
	if tips != 2 {
		t.Errorf("%d tip-off events, want received and supplemented", tips)
	}
}

// flatten lists a hash's fields and values.
func flatten(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

// TestTipoffLookUpErrorNamesNoTipoff: a reporter's look-up by code that
// finds a record it cannot open fails without naming the record: the
// error is logged and set aside beside the reporter's chat id, so the
// tip-off's id in it would tie the chat to the tip-off.
func TestTipoffLookUpErrorNamesNoTipoff(t *testing.T) {
	m := newMonitored(t)
	ctx := context.Background()
	units := []kit.Unit{{ID: "root", Name: "区委"}}
	s := storage.New(m.rdb, "mon", storage.Options{Units: units, Root: "root", Now: func() time.Time { return now }, Anonymity: testKey(t)})
	eng := flows.NewEngine(flows.Env{Env: kit.Env{Units: units, Root: "root", Admins: map[int64]bool{anonWho: true}, Location: time.UTC,
		NewCode: func() string { return "k7qm4xpa9trd" }}})
	c := &anonChat{t: t, s: s, eng: eng, msgs: map[int]kit.Output{}}
	c.command("tipoff", "new")
	c.press("拉票贿选")
	c.press("区委")
	c.say(tipText)
	c.press("没有材料")
	c.press("提交举报")
	code := c.receipt()
	released, err := s.ReleaseTipoffs(ctx, 1, now)
	if err != nil || len(released) != 1 {
		t.Fatalf("release: %+v %v", released, err)
	}
	id := released[0].ID
	v := m.rdb.HGet(ctx, "{mon}:tipoffs", id).Val()
	hash, _, ok := strings.Cut(v, "|")
	if !ok {
		t.Fatalf("stored tip-off %q", v)
	}
	m.rdb.HSet(ctx, "{mon}:tipoffs", id, hash+"|damaged")
	_, _, err = s.TipoffByCode(ctx, tipoff.NormalizeCode(code))
	if err == nil || strings.Contains(err.Error(), id) {
		t.Fatalf("the look-up's error names the tip-off %s: %v", id, err)
	}
}
