package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"sibu/internal/redistest"
)

// clockAnswer is what POST /debug/clock answers.
type clockAnswer struct {
	Now  time.Time                 `json:"now"`
	Jobs map[string]map[string]int `json:"jobs"`
}

// advance moves the test clock of the instance whose ops listener is ops by
// d, and returns the answer once the jobs due in between have run.
func advance(t *testing.T, ops string, d time.Duration) clockAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"advance": d.String()})
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Post("http://"+ops+"/debug/clock", "application/json", bytes.NewReader(body))
		if err != nil {
			if time.Now().After(deadline) {
				t.Fatalf("POST /debug/clock: %v", err)
			}
			continue
		}
		defer resp.Body.Close()
		var a clockAnswer
		if err := json.NewDecoder(resp.Body).Decode(&a); resp.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("POST /debug/clock: HTTP %d, %v", resp.StatusCode, err)
		}
		return a
	}
}

// TestTestClock: with SIBU_TEST_CLOCK=1 and the emulator's Bot API URL,
// POST /debug/clock moves the clock a day and answers once the jobs due in
// between have run, in order; with Telegram's own URL sibu refuses to
// start (exit 2).
func TestTestClock(t *testing.T) {
	emu := newEmu(t)
	rs := redistest.NewServer(t, false)
	sk := newSink(t)
	e := env(emu, rs.URL(), sk.srv.URL)
	ops := freePort(t)
	e["SIBU_HTTP_LISTEN"], e["SIBU_TEST_CLOCK"] = ops, "1"
	start(t, e)
	before := time.Now()
	a := advance(t, ops, 24*time.Hour)
	if d := a.Now.Sub(before); d < 24*time.Hour || d > 25*time.Hour {
		t.Errorf("clock now %s, %v after the wall clock; want a day ahead", a.Now, d)
	}
	// The talk slot job runs every minute: a day is 1440 ticks.
	if n := a.Jobs["talk_slots"]["ran"]; n < 1430 {
		t.Errorf("talk_slots ran %d times in the day, want one per minute (jobs: %v)", n, a.Jobs)
	}

	e["SIBU_TELEGRAM_API_URL"] = "https://api.telegram.org"
	cmd := exec.Command(binary, "-config", "../config.example.yaml")
	for k, v := range e {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "SIBU_TEST_CLOCK") {
		t.Errorf("with Telegram's own API URL: %v, output %q; want exit 2 naming SIBU_TEST_CLOCK", err, out)
	}
}

// startInDaytime starts sibu with the test clock on and, when the wall
// clock is in config.example.yaml's quiet hours (22:00–08:00 in Shanghai),
// moves it on to 09:00, so that the pushes a test expects go out at once
// rather than when the quiet hours end.
func startInDaytime(t *testing.T, e map[string]string) *proc {
	t.Helper()
	ops := freePort(t)
	e["SIBU_HTTP_LISTEN"], e["SIBU_TEST_CLOCK"] = ops, "1"
	p := start(t, e)
	cst := time.FixedZone("CST", 8*3600)
	now := time.Now().In(cst)
	if h := now.Hour(); h >= 22 || h < 8 {
		nine := time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, cst)
		if !nine.After(now) {
			nine = nine.AddDate(0, 0, 1)
		}
		advance(t, ops, nine.Sub(now))
	}
	return p
}
