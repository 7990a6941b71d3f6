package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cluster is a private Redis Cluster of three masters (no replicas) on
// loopback ports, made with redis-cli --cluster create.
type Cluster struct {
	Nodes []*Server
}

// NewCluster starts three redis-server processes with cluster-enabled yes,
// joins them into one cluster covering all 16384 slots and waits until
// every node says cluster_state:ok. It skips the test, saying why, when
// redis-cli (Debian package redis-tools) is missing.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	if _, err := exec.LookPath("redis-cli"); err != nil {
		t.Skip("redis-cli not found (Debian package redis-tools): the Redis Cluster test needs it to create the cluster")
	}
	c := &Cluster{}
	args := []string{"--cluster", "create"}
	for range 3 {
		s := &Server{t: t, dir: t.TempDir(), port: clusterPort(t)}
		s.extra = []string{"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"}
		s.Start()
		t.Cleanup(s.Kill)
		c.Nodes = append(c.Nodes, s)
		args = append(args, s.Addr())
	}
	out, err := exec.Command("redis-cli", append(args, "--cluster-replicas", "0", "--cluster-yes")...).CombinedOutput()
	if err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for _, n := range c.Nodes {
		rdb := redis.NewClient(&redis.Options{Addr: n.Addr()})
		for {
			info, _ := rdb.ClusterInfo(ctx).Result()
			if strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				rdb.Close()
				t.Fatalf("cluster node %s not ok after 20s:\n%s", n.Addr(), info)
			}
			time.Sleep(50 * time.Millisecond)
		}
		rdb.Close()
	}
	return c
}

// URL is the cluster's redis+cluster:// URL, listing every node.
func (c *Cluster) URL() string {
	var addrs []string
	for _, n := range c.Nodes {
		addrs = append(addrs, n.Addr())
	}
	return "redis+cluster://" + strings.Join(addrs, ",")
}

// Client is a cluster client; it is closed when the test ends.
func (c *Cluster) Client(t testing.TB) *redis.ClusterClient {
	var addrs []string
	for _, n := range c.Nodes {
		addrs = append(addrs, n.Addr())
	}
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs, Protocol: 2})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// NodeOf is the address of the master serving key's slot.
func (c *Cluster) NodeOf(t testing.TB, key string) (slot int64, addr string) {
	t.Helper()
	ctx := context.Background()
	rdb := c.Client(t)
	slot, err := rdb.ClusterKeySlot(ctx, key).Result()
	if err != nil {
		t.Fatalf("cluster keyslot %s: %v", key, err)
	}
	slots, err := rdb.ClusterSlots(ctx).Result()
	if err != nil {
		t.Fatalf("cluster slots: %v", err)
	}
	for _, r := range slots {
		if int64(r.Start) <= slot && slot <= int64(r.End) && len(r.Nodes) > 0 {
			return slot, r.Nodes[0].Addr
		}
	}
	t.Fatalf("no node serves slot %d", slot)
	return 0, ""
}

// clusterPort is a free loopback port whose cluster bus port (port+10000)
// is free too.
func clusterPort(t testing.TB) int {
	for range 50 {
		p := freePort(t)
		if p+10000 > 65535 {
			continue
		}
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p+10000))
		if err == nil {
			l.Close()
			return p
		}
	}
	t.Fatalf("no free port pair (port, port+10000) for a cluster node")
	return 0
}

// NewSentinel starts a redis-server in sentinel mode monitoring master
// under the name "mymaster" (quorum 1) and returns its host:port once it
// knows the master.
func NewSentinel(t testing.TB, master *Server) string {
	t.Helper()
	dir, port := t.TempDir(), freePort(t)
	conf := filepath.Join(dir, "sentinel.conf")
	body := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor mymaster 127.0.0.1 %d 1\n", port, dir, master.port)
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("redis-server", conf, "--sentinel")
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis sentinel: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := "127.0.0.1:" + strconv.Itoa(port)
	s := redis.NewSentinelClient(&redis.Options{Addr: addr})
	defer s.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if got, err := s.GetMasterAddrByName(context.Background(), "mymaster").Result(); err == nil && len(got) == 2 {
			return addr
		} else if time.Now().After(deadline) {
			t.Fatalf("sentinel at %s does not know mymaster: %v", addr, err)
		}
	}
}
