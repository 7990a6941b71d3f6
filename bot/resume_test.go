package bot_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/bot"
	"sibu/flows"
	"sibu/tgemu"
)

// TestKilledReplicasPushesResumeInSeconds (issue 14): pushes a killed
// replica held (read, one of them sent and marked, none acknowledged;
// its heartbeat ran out) are resumed by a replica within seconds, not
// after the 60 s takeover, and what went out is not sent again; a push a
// live replica holds (its heartbeat current), however long, is left to it.
func TestKilledReplicasPushesResumeInSeconds(t *testing.T) {
	opt := bot.Options{Workers: 1, Limits: bot.Limits{Global: 1000, PerChat: 100, Burst: 10, PerGroupMinute: 600}}
	r := newPushRig(t, 0, flows.Env{}, opt) // PushIdle: the default 60 s
	ctx := context.Background()
	dead, live := tgemu.User{ID: 710, FirstName: "d"}, tgemu.User{ID: 711, FirstName: "l"}
	r.emu.SendText(dead, "/start")
	r.emu.SendText(live, "/start")
	keys := r.store.Keys()
	stream, alive := keys.Push(), keys.Alive(keys.Push())
	r.rdb.XGroupCreateMkStream(ctx, stream, "sender", "0")
	hold := func(consumer string) []redis.XMessage {
		got := r.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "sender", Consumer: consumer, Streams: []string{stream, ">"}, Count: 10, Block: -1}).Val()
		return got[0].Messages
	}
	now := r.rdb.Time(ctx).Val()
	r.push(t, dead.ID, "已发出的提醒", "提醒二", "提醒三")
	held := hold("killed")
	r.rdb.Set(ctx, keys.PushSent(held[0].ID), "done", time.Hour)
	r.rdb.HSet(ctx, alive, "killed", now.Add(-time.Second).UnixMilli())
	r.push(t, live.ID, "活着的副本正在发送")
	hold("living")
	r.rdb.HSet(ctx, alive, "living", now.Add(time.Hour).UnixMilli())

	started := time.Now()
	r.start(t, 1, opt)
	r.waitSent(t, dead.ID, 20*time.Second, "提醒二", "提醒三")
	t.Logf("the killed replica's pushes went out %v after a replica started", time.Since(started).Round(100*time.Millisecond))
	time.Sleep(3 * time.Second) // a wrong claim of the live one's would have gone out by now
	got := r.sent(dead.ID)
	slices.Sort(got)
	if !slices.Equal(got, []string{"提醒三", "提醒二"}) { // sorted
		t.Errorf("the killed replica's chat got %q, want the two pushes not yet sent, once", got)
	}
	if got := r.sent(live.ID); len(got) > 0 {
		t.Errorf("a push a live replica holds was sent by another: %q", got)
	}
}
