package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/storage"
)

// deleteKeys unlinks the keys matching pattern, 500 at a time.
func deleteKeys(ctx context.Context, rdb *redis.Client, pattern string) {
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) == 500 {
			rdb.Unlink(ctx, batch...)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		rdb.Unlink(ctx, batch...)
	}
}

// startRedis starts a private redis-server listening only on a unix socket
// in a temp dir, without persistence. stop kills it and removes the dir.
func startRedis(ctx context.Context) (url string, pid int, stop func(), err error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", 0, nil, errors.New("redis-server not found on PATH (install it, e.g. apt-get install redis-server, or pass -redis URL)")
	}
	dir, err := os.MkdirTemp("", "sibu-bench-redis")
	if err != nil {
		return "", 0, nil, err
	}
	sock := filepath.Join(dir, "redis.sock")
	cmd := exec.Command(bin, "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no",
		"--logfile", filepath.Join(dir, "redis.log"), "--maxmemory-policy", "noeviction")
	setPdeathsig(cmd)
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return "", 0, nil, fmt.Errorf("start redis-server: %w", err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Kill()
			cmd.Wait()
			os.RemoveAll(dir)
		})
	}
	url = "unix://" + sock
	opt, _ := storage.ParseURL(url)
	opt.MaxRetries = -1
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if err := rdb.Ping(ctx).Err(); err == nil {
			return url, cmd.Process.Pid, stop, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			log, _ := os.ReadFile(filepath.Join(dir, "redis.log"))
			stop()
			return "", 0, nil, fmt.Errorf("redis-server did not start:\n%s", log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// infoField reads one field of an INFO answer.
func infoField(info, name string) string {
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// usedMemory is INFO used_memory, in bytes.
func (e *env) usedMemory(ctx context.Context) int64 {
	info, _ := e.rdb.Info(ctx, "memory").Result()
	n, _ := strconv.ParseInt(infoField(info, "used_memory"), 10, 64)
	return n
}
