package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"sibu/config"
)

// TestPlaygroundEventsAreMarkedAndUnsigned: the playground started with a
// records URL and secret configured sends its demo events ("李明 joined as
// official of root") as its own source and unsigned, so the records system
// can neither take them for the bot's nor verify them with the production
// key (issue 11, finding 7).
func TestPlaygroundEventsAreMarkedAndUnsigned(t *testing.T) {
	type delivery struct {
		source, signature string
	}
	var (
		mu  sync.Mutex
		got []delivery
	)
	arrived := make(chan struct{}, 1)
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ev struct {
			Source string `json:"source"`
		}
		json.Unmarshal(body, &ev)
		mu.Lock()
		got = append(got, delivery{ev.Source, r.Header.Get("webhook-signature")})
		mu.Unlock()
		select {
		case arrived <- struct{}{}:
		default:
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer sink.Close()

	cfg, err := config.Load("../config.example.yaml", func(k string) (string, bool) {
		v, ok := map[string]string{
			"SIBU_RECORDS_URL":    sink.URL,
			"SIBU_RECORDS_SECRET": "whsec_c2lidS10ZXN0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=",
		}[k]
		return v, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	page := make(chan string, 1)
	go func() {
		done <- RunPlayground(ctx, cfg, slog.New(slog.DiscardHandler), PlaygroundOptions{Listen: "127.0.0.1:0", Ready: func(url string) { page <- url }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunPlayground: %v", err)
		}
	}()
	select {
	case <-arrived:
	case err := <-done:
		t.Fatalf("the playground stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("no records event within 20s")
	}
	time.Sleep(200 * time.Millisecond) // let the first batch finish
	mu.Lock()
	defer mu.Unlock()
	for _, d := range got {
		if d.source != "sibu-playground" || d.signature != "" {
			t.Fatalf("delivered with source %q and signature %q; want source sibu-playground, unsigned", d.source, d.signature)
		}
	}
}

// TestPlaygroundRefusesRebinding: the page served by RunPlayground answers
// only requests whose Host is its own address or loopback (DNS rebinding,
// issue 11, finding 7).
func TestPlaygroundRefusesRebinding(t *testing.T) {
	cfg, err := config.Load("../config.example.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Records.URL = "file://" + t.TempDir() + "/records.jsonl"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	page := make(chan string, 1)
	go func() {
		done <- RunPlayground(ctx, cfg, slog.New(slog.DiscardHandler), PlaygroundOptions{Listen: "127.0.0.1:0", Ready: func(url string) { page <- url }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunPlayground: %v", err)
		}
	}()
	var url string
	select {
	case url = <-page:
	case err := <-done:
		t.Fatalf("the playground stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("not served within 20s")
	}
	for host, want := range map[string]int{"": http.StatusOK, "localhost": http.StatusOK, "rebind.attacker.example": http.StatusForbidden} {
		req, _ := http.NewRequest("GET", url+"/api/state", nil)
		if host != "" {
			req.Host = host + ":" + req.URL.Port()
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET /api/state with Host %q: %d, want %d", req.Host, resp.StatusCode, want)
		}
	}
}
