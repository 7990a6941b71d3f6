package records

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// newSecret returns a fresh Standard Webhooks secret and its raw key.
func newSecret(t *testing.T) (string, []byte) {
	t.Helper()
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(key), key
}

func TestParseEvent(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr string
		want    Event
	}{
		{name: "complete",
			body: `{"specversion":"1.0","id":"01J1","source":"sibu","type":"sibu.survey.response.submitted","time":"2026-11-25T10:00:00+08:00","data":{"a":1}}`,
			want: Event{ID: "01J1", Type: "sibu.survey.response.submitted", Time: time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)}},
		{name: "no time", body: `{"specversion":"1.0","id":"x","source":"sibu","type":"t"}`, want: Event{ID: "x", Type: "t"}},
		{name: "not json", body: `event`, wantErr: "parse cloudevent"},
		{name: "empty", body: ``, wantErr: "parse cloudevent"},
		{name: "old spec", body: `{"specversion":"0.3","id":"x","source":"sibu","type":"t"}`, wantErr: "specversion"},
		{name: "no id", body: `{"specversion":"1.0","source":"sibu","type":"t"}`, wantErr: "missing id"},
		{name: "no source", body: `{"specversion":"1.0","id":"x","type":"t"}`, wantErr: "missing source"},
		{name: "no type", body: `{"specversion":"1.0","id":"x","source":"sibu"}`, wantErr: "missing type"},
		{name: "bad time", body: `{"specversion":"1.0","id":"x","source":"sibu","type":"t","time":"yesterday"}`, wantErr: "time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			got, err := ParseEvent(body)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseEvent() error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseEvent() error = %v", err)
			}
			if got.ID != tt.want.ID || got.Type != tt.want.Type || !got.Time.Equal(tt.want.Time) {
				t.Errorf("ParseEvent() = %+v, want %+v", got, tt.want)
			}
			if string(got.Body) != tt.body {
				t.Errorf("Body = %q, want the input bytes", got.Body)
			}
		})
	}
}

func TestHTTPSinkSignsAndDelivers(t *testing.T) {
	secret, key := newSecret(t)
	type request struct {
		method string
		header http.Header
		body   []byte
	}
	got := make(chan request, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- request{r.Method, r.Header.Clone(), body}
	}))
	defer srv.Close()

	sink, err := NewSink(srv.URL+"/records", secret, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if !sink.(*HTTPSink).Signed() {
		t.Error("Signed() = false with a secret")
	}
	// Odd spacing and key order: the sink must not re-encode.
	body := []byte(`{"specversion":"1.0", "id":"01JABC","source":"sibu","type":"sibu.test","data":{"z":1,"a":"四步"}}`)
	ev, err := ParseEvent(body)
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Unix()
	if err := sink.Deliver(context.Background(), ev); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	req := <-got

	if req.method != http.MethodPost {
		t.Errorf("method = %s, want POST", req.method)
	}
	if string(req.body) != string(body) {
		t.Errorf("body = %q, want the stored bytes %q", req.body, body)
	}
	if ct := req.header.Get("Content-Type"); ct != "application/cloudevents+json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if id := req.header.Get("webhook-id"); id != "01JABC" {
		t.Errorf("webhook-id = %q, want 01JABC", id)
	}
	ts, err := strconv.ParseInt(req.header.Get("webhook-timestamp"), 10, 64)
	if err != nil || ts < before || ts > time.Now().Unix() {
		t.Errorf("webhook-timestamp = %q, want unix seconds of the attempt", req.header.Get("webhook-timestamp"))
	}
	if err := Verify(secret, req.header, req.body, time.Minute); err != nil {
		t.Errorf("Verify: %v", err)
	}
	// Independent computation of the Standard Webhooks signature.
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "%s.%d.%s", "01JABC", ts, body)
	want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if sig := req.header.Get("webhook-signature"); sig != want {
		t.Errorf("webhook-signature = %q, want %q", sig, want)
	}

	// Verify rejects what it should.
	other, _ := newSecret(t)
	if err := Verify(other, req.header, req.body, time.Minute); !errors.Is(err, ErrSignature) {
		t.Errorf("Verify(wrong secret) = %v, want ErrSignature", err)
	}
	if err := Verify(secret, req.header, append([]byte{' '}, req.body...), time.Minute); !errors.Is(err, ErrSignature) {
		t.Errorf("Verify(tampered body) = %v, want ErrSignature", err)
	}
	old := req.header.Clone()
	old.Set("webhook-timestamp", strconv.FormatInt(ts-3600, 10))
	if err := Verify(secret, old, req.body, time.Minute); !errors.Is(err, ErrSignature) {
		t.Errorf("Verify(old timestamp) = %v, want ErrSignature", err)
	}
	multi := req.header.Clone()
	multi.Set("webhook-signature", "v1,bm9wZQ== "+req.header.Get("webhook-signature"))
	if err := Verify(secret, multi, req.body, time.Minute); err != nil {
		t.Errorf("Verify(two signatures, second valid) = %v", err)
	}
}

func TestHTTPSinkUnsigned(t *testing.T) {
	got := make(chan http.Header, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got <- r.Header.Clone() }))
	defer srv.Close()
	sink, err := NewSink(srv.URL, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sink.(*HTTPSink).Signed() {
		t.Error("Signed() = true without a secret")
	}
	if err := sink.Deliver(context.Background(), Event{ID: "e1", Body: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	h := <-got
	if h.Get("webhook-signature") != "" || h.Get("webhook-id") != "e1" {
		t.Errorf("headers = %v, want webhook-id and no signature", h)
	}
}

func TestHTTPSinkFailures(t *testing.T) {
	secret, _ := newSecret(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			http.Error(w, "database is on fire", http.StatusInternalServerError)
		case "/slow":
			select {
			case <-time.After(500 * time.Millisecond):
			case <-r.Context().Done():
			}
		case "/redirect":
			w.WriteHeader(http.StatusNotModified)
		}
	}))
	defer srv.Close()
	ev := Event{ID: "e1", Body: []byte(`{}`)}
	client := &http.Client{Timeout: 100 * time.Millisecond}

	for _, tt := range []struct{ path, want string }{
		{"/500", "500"},
		{"/redirect", "304"},
		{"/slow", "Timeout"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			sink, err := NewSink(srv.URL+tt.path, secret, client)
			if err != nil {
				t.Fatal(err)
			}
			err = sink.Deliver(context.Background(), ev)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Deliver() = %v, want an error containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), strings.TrimPrefix(secret, "whsec_")) {
				t.Errorf("error leaks the secret: %v", err)
			}
			if tt.path == "/500" && !strings.Contains(err.Error(), "database is on fire") {
				t.Errorf("error %q lacks the body excerpt", err)
			}
		})
	}
}

func TestNewSinkRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name, url, secret, want string
	}{
		{"secret without prefix", "https://records.example/in", "c3VwZXJzZWNyZXQ=", "whsec_<base64 key>"},
		{"secret not base64", "https://records.example/in", "whsec_not*base64!", "whsec_<base64 key>"},
		{"empty key", "https://records.example/in", "whsec_", "whsec_<base64 key>"},
		{"unknown scheme", "ftp://records.example/in", "", `"ftp"`},
		{"no scheme", "/var/lib/sibu/records.jsonl", "", "missing scheme"},
		{"no host", "https:///in", "", "missing host"},
		{"relative file host", "file://records.jsonl", "", "absolute"},
		{"relative file path", "file://var/lib/records.jsonl", "", "absolute"},
		{"opaque file", "file:records.jsonl", "", "relative"},
		{"file root", "file:///", "", "absolute"},
		{"file directory", "file:///tmp/", "", "absolute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSink(tt.url, tt.secret, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewSink(%q) error = %v, want one containing %q", tt.url, err, tt.want)
			}
			if tt.secret != "" && len(tt.secret) > len("whsec_") && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error leaks the secret: %v", err)
			}
		})
	}
	// Unpadded base64 is accepted.
	if _, err := NewSink("http://localhost/x", "whsec_"+base64.RawStdEncoding.EncodeToString([]byte("k1")), nil); err != nil {
		t.Errorf("unpadded secret: %v", err)
	}
}

func TestFileSinkAppendsConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "records.jsonl")
	sink, err := NewSink("file://"+path, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("NewSink did not create the file: %v", err)
	}
	const writers, each = 20, 10
	want := map[string]bool{}
	var wg sync.WaitGroup
	for w := range writers {
		bodies := make([]string, each)
		for i := range each {
			bodies[i] = fmt.Sprintf(`{"specversion":"1.0","id":"w%d-%d","source":"sibu","type":"t","data":{"pad":%q}}`, w, i, strings.Repeat("x", 4000))
			want[bodies[i]] = true
		}
		wg.Go(func() {
			for _, b := range bodies {
				if err := sink.Deliver(context.Background(), Event{ID: "x", Body: []byte(b)}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// A pretty-printed body becomes one line.
	pretty := "{\n  \"specversion\": \"1.0\",\n  \"id\": \"pretty\"\n}"
	if err := sink.Deliver(context.Background(), Event{ID: "pretty", Body: []byte(pretty)}); err != nil {
		t.Fatal(err)
	}
	want[`{"specversion":"1.0","id":"pretty"}`] = true

	lines := readLines(t, path)
	if len(lines) != writers*each+1 {
		t.Fatalf("file has %d lines, want %d", len(lines), writers*each+1)
	}
	for _, l := range lines {
		if !want[l] {
			t.Fatalf("unexpected line %.80q…", l)
		}
		delete(want, l)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("line is not JSON: %.80q", l)
		}
	}
	return lines
}
