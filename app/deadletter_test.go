package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/app"
	"sibu/config"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/internal/redistest"
	"sibu/storage"
	"sibu/tgemu"
)

const token = "123456:TEST-token-for-the-app-tests"

// TestDeadLettersSummarised: while the records system is down, events are
// dead-lettered by the dozen; the officials get one summary per period
// (how many, the first error, how to replay), not a message per event.
func TestDeadLettersSummarised(t *testing.T) {
	emu := tgemu.New(tgemu.WithToken(token), tgemu.WithBotUser(999, "sibu_demo_bot", "四步"), tgemu.WithLongPollMax(time.Second))
	emu.Start()
	t.Cleanup(emu.Close)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "records system down", http.StatusServiceUnavailable)
	}))
	t.Cleanup(down.Close)
	srv := redistest.NewServer(t, false)
	ops := freePort(t)
	yaml := "units: [{id: root, name: 区委}]\nquiet_hours: \"00:00-00:00\"\nrecords: {max_attempts: 1}\n"
	cfg, err := config.Parse([]byte(yaml), t.TempDir(), func(k string) (string, bool) {
		v, ok := map[string]string{"SIBU_TELEGRAM_TOKEN": token, "SIBU_TELEGRAM_API_URL": emu.URL(), "SIBU_REDIS_URL": srv.URL(),
			"SIBU_RECORDS_URL": down.URL, "SIBU_ADMINS": "1", "SIBU_HTTP_LISTEN": ops, "SIBU_TEST_CLOCK": "1"}[k]
		return v, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	t.Cleanup(func() { cancel(); <-done })

	admin := tgemu.User{ID: 1, FirstName: "组织部"}
	emu.SendText(admin, "/help")
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
	defer wcancel()
	if _, err := emu.WaitFor(wctx, 1, func(m tgemu.Message) bool { return m.FromBot }); err != nil {
		t.Fatal("the bot did not answer /help")
	}

	// Thirty facts are recorded while the records system is down.
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { rdb.Close() })
	store := storage.New(rdb, "sibu", storage.Options{Units: cfg.Units, Root: cfg.Root})
	for i := range 30 {
		p := kit.Person{ID: int64(100 + i), Name: fmt.Sprint("成员", i), Unit: "root", Role: kit.RoleMember}
		if _, err := store.Commit(ctx, storage.Commit{ChatID: p.ID, NoSession: true, Now: time.Now(),
			Effects: []kit.Effect{join.MemberJoined{Person: p}}}); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); rdb.XLen(ctx, store.Keys().OutboxDead()).Val() < 30; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d of 30 events dead-lettered", rdb.XLen(ctx, store.Keys().OutboxDead()).Val())
		}
	}
	advance(t, ops, 15*time.Minute) // one summary period
	notices := func() []string {
		var out []string
		for _, m := range emu.BotMessages(1) {
			if strings.Contains(m.Text, "记录系统") {
				out = append(out, m.Text)
			}
		}
		return out
	}
	for deadline := time.Now().Add(20 * time.Second); len(notices()) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no notice about the dead letters")
		}
	}
	time.Sleep(2 * time.Second) // more would have come by now
	got := notices()
	if len(got) != 1 || !strings.Contains(got[0], "30 条") || !strings.Contains(got[0], "503") || !strings.Contains(got[0], "sibu replay") {
		t.Errorf("%d notices, want one saying 30 events, the first error and how to replay: %q", len(got), got)
	}
}

// advance moves the test clock on the ops listener ops by d.
func advance(t *testing.T, ops string, d time.Duration) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"advance": d.String()})
	resp, err := http.Post("http://"+ops+"/debug/clock", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /debug/clock: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /debug/clock: HTTP %d", resp.StatusCode)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
