// Package redistest gives tests a real redis-server: the shared one named by
// SIBU_TEST_REDIS_URL (started by scripts/test.sh), or a private one started
// on a free port in a temp dir. It never mocks Redis.
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
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

var seq atomic.Int64

// Client returns a client of the shared test Redis (or a private server when
// SIBU_TEST_REDIS_URL is unset) and a key prefix unique to this test. Keys
// under the prefix are deleted when the test ends.
func Client(t testing.TB) (*redis.Client, string) {
	t.Helper()
	url := os.Getenv("SIBU_TEST_REDIS_URL")
	var addr string
	if url == "" {
		addr = NewServer(t, false).Addr()
		url = "redis://" + addr
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("SIBU_TEST_REDIS_URL: %v", err)
	}
	opt.Protocol = 2 // as storage.ParseURL
	rdb := redis.NewClient(opt)
	prefix := fmt.Sprintf("t%d_%d_%s", os.Getpid(), seq.Add(1), sanitize(t.Name()))
	t.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, "*"+prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
		rdb.Close()
	})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("test redis at %s: %v", url, err)
	}
	return rdb, prefix
}

func sanitize(s string) string {
	s = strings.NewReplacer("/", "_", " ", "_", "{", "", "}", "").Replace(s)
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// Server is a private redis-server process that a test can stop, kill and
// start again on the same port (with AOF persistence when asked for).
type Server struct {
	t       testing.TB
	dir     string
	port    int
	persist bool
	extra   []string // more redis-server arguments (cluster mode)
	cmd     *exec.Cmd
}

// NewServer starts a private redis-server on a free loopback port. With
// persist, it writes an append-only file fsynced on every write, so a restart
// keeps everything acknowledged before it.
func NewServer(t testing.TB, persist bool) *Server {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Fatalf("redis-server not found: run the README's test command (scripts/test.sh), which installs it")
	}
	s := &Server{t: t, dir: t.TempDir(), port: freePort(t), persist: persist}
	s.Start()
	t.Cleanup(s.Kill)
	return s
}

// Addr is host:port of the server.
func (s *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// URL is redis://host:port.
func (s *Server) URL() string { return "redis://" + s.Addr() }

// Start launches the server (again) and waits until it answers PING.
func (s *Server) Start() {
	s.t.Helper()
	args := []string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--daemonize", "no", "--logfile", filepath.Join(s.dir, "redis.log")}
	if s.persist {
		args = append(args, "--appendonly", "yes", "--appendfsync", "always")
	} else {
		args = append(args, "--appendonly", "no")
	}
	s.cmd = exec.Command("redis-server", append(args, s.extra...)...)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start redis-server: %v", err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := rdb.Ping(context.Background()).Err()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
			s.t.Fatalf("redis-server did not start: %v\n%s", err, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Kill stops the server with SIGKILL (no shutdown save).
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
