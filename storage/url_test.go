package storage

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
)

func TestParseClusterURL(t *testing.T) {
	opt, err := ParseClusterURL("redis+cluster://u:p%40ss@10.0.0.1:7000,10.0.0.2:7001,10.0.0.3:7002/?dial_timeout=3s")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"10.0.0.1:7000", "10.0.0.2:7001", "10.0.0.3:7002"}; !slices.Equal(opt.Addrs, want) {
		t.Errorf("addrs %v, want %v", opt.Addrs, want)
	}
	if opt.Username != "u" || opt.Password != "p@ss" || opt.Protocol != 2 || opt.DialTimeout.Seconds() != 3 {
		t.Errorf("options %+v", opt)
	}
	if opt.TLSConfig != nil {
		t.Errorf("redis+cluster:// has TLS")
	}
	if opt, err := ParseClusterURL("rediss+cluster://h:1?protocol=3"); err != nil || opt.TLSConfig == nil || opt.Protocol != 3 {
		t.Errorf("rediss+cluster://: %v %+v", err, opt)
	}
	for _, bad := range []string{"redis+cluster://h:1/2", "redis+cluster://h:1,,h:2", "redis+cluster://h", "redis+cluster://h:1?nope=1"} {
		if _, err := ParseClusterURL(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

func TestParseSentinelURL(t *testing.T) {
	opt, err := ParseSentinelURL("redis+sentinel://:secret@s1:26379,s2:26379,s3:26379/mymaster/2?read_timeout=1s")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"s1:26379", "s2:26379", "s3:26379"}; !slices.Equal(opt.SentinelAddrs, want) {
		t.Errorf("sentinels %v, want %v", opt.SentinelAddrs, want)
	}
	if opt.MasterName != "mymaster" || opt.DB != 2 || opt.Password != "secret" || opt.SentinelPassword != "secret" ||
		opt.Protocol != 2 || opt.ReadTimeout.Seconds() != 1 {
		t.Errorf("options %+v", opt)
	}
	opt, err = ParseSentinelURL("redis+sentinel://:data@s1:26379/m?sentinel_password=guard")
	if err != nil || opt.Password != "data" || opt.SentinelPassword != "guard" || opt.DB != 0 {
		t.Errorf("sentinel_password: %v %+v", err, opt)
	}
	if _, err := ParseSentinelURL("redis+sentinel://s1:26379"); err == nil {
		t.Errorf("no master name: accepted")
	}
}

func TestClientForKinds(t *testing.T) {
	for url, want := range map[string]string{
		"redis://127.0.0.1:1/0":                   "*redis.Client",
		"unix:///tmp/x.sock":                      "*redis.Client",
		"redis+cluster://127.0.0.1:1,127.0.0.1:2": "*redis.ClusterClient",
		"redis+sentinel://127.0.0.1:1/mymaster":   "*redis.Client",
		"127.0.0.1:1,127.0.0.1:2":                 "*redis.ClusterClient",
	} {
		rdb, err := clientFor(url)
		if err != nil {
			t.Errorf("%s: %v", url, err)
			continue
		}
		if got := typeName(rdb); got != want {
			t.Errorf("%s: %s, want %s", url, got, want)
		}
		rdb.Close()
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// TestSentinelURLLive connects through a real sentinel (redis-server
// --sentinel) to the master it monitors, and writes and reads there.
func TestSentinelURLLive(t *testing.T) {
	master := redistest.NewServer(t, false)
	sentinel := redistest.NewSentinel(t, master)
	rdb, closer, err := Connect(context.Background(), "redis+sentinel://"+sentinel+"/mymaster", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer closer()
	ctx := context.Background()
	if err := rdb.Set(ctx, "{sentinel-test}:k", "v", time.Minute).Err(); err != nil {
		t.Fatalf("write through the sentinel's master: %v", err)
	}
	direct := redis.NewClient(&redis.Options{Addr: master.Addr()})
	defer direct.Close()
	if got, _ := direct.Get(ctx, "{sentinel-test}:k").Result(); got != "v" {
		t.Errorf("the master has %q, want v", got)
	}
}
