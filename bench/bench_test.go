package bench

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestMain lets the peer scenario run its bots as children of the test
// binary, as it does of the sibu binary.
func TestMain(m *testing.M) {
	if code, ok := Child(); ok {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// TestQuickRun runs `sibu bench -quick` end to end, shrunk further so it
// stays fast under -race, against a private redis-server. It checks that
// every scenario printed its rows; it never asserts speed.
func TestQuickRun(t *testing.T) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Skip("redis-server not on PATH: the benchmark needs a real Redis (scripts/test.sh installs it)")
	}
	// Generous: under -race on two cores shared with the rest of the suite
	// the quick run has taken over two minutes; it checks rows, not speed.
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	args := []string{"-quick", "-users", "40", "-pushes", "200", "-events", "300", "-responses", "5000",
		"-people", "400", "-load-for", "1s", "-steady-for", "500ms"}
	if code := Main(ctx, args, &out, &errOut); code != 0 {
		t.Fatalf("sibu bench exited %d\nstderr:\n%s\nstdout:\n%s", code, errOut.String(), out.String())
	}
	got := out.String()
	for _, want := range []string{
		"baseline ", "intake+flow ", "peer: sibu ", "peer: go-telegram/bot ", "peer: sibu / peer", "intake+flow, webhook", "intake+flow @ fixed load", "push ", "push, 10% answered 429",
		"outbox ", "outbox, steady load", "outbox, sink failing 20%", "footprint ", "status ",
		"/status p50", "Redis bytes per active session", "Redis bytes per stored response",
		"attention ", "pushes per person per day", "identical messages per person per day",
		"3 replicas, shared cap: most sent in any 1-s window", "intake+flow throughput, 3 replica(s)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q row in the output:\n%s", want, got)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[1] == "error" {
			t.Errorf("a scenario failed: %s", line)
		}
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", errOut.String())
	}
}

func TestMaxInWindow(t *testing.T) {
	base := time.Unix(0, 0)
	at := func(ms ...int) []time.Time {
		var ts []time.Time
		for _, m := range ms {
			ts = append(ts, base.Add(time.Duration(m)*time.Millisecond))
		}
		return ts
	}
	if got := maxInWindow(at(0, 100, 999, 1000, 1500, 1999), time.Second); got != 3 {
		t.Errorf("maxInWindow = %d, want 3", got)
	}
	now := time.UnixMilli(1764000000123)
	id, _ := eventJSON(now, 1)
	if tm, ok := ulidTime(id); !ok || !tm.Equal(now) {
		t.Errorf("ulidTime(%s) = %v, %v; want %v", id, tm, ok, now)
	}
}
