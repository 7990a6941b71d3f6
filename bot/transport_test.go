package bot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHTTPClientSendsWholeBodies: a body of unknown length (the library's
// multipart form through an io.Pipe) goes out in one piece with a
// Content-Length, not chunked, and arrives intact.
func TestHTTPClientSendsWholeBodies(t *testing.T) {
	type seen struct {
		length   int64
		encoding []string
		body     string
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.ContentLength, r.TransferEncoding, string(b)}
	}))
	defer srv.Close()

	want := strings.Repeat("第 1/7 题 ", 5000)
	pr, pw := io.Pipe()
	go func() {
		for _, part := range strings.SplitAfter(want, " ") {
			io.WriteString(pw, part)
		}
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, pr)
	resp, err := HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	s := <-got
	if s.length != int64(len(want)) || len(s.encoding) != 0 {
		t.Fatalf("Content-Length %d, Transfer-Encoding %v; want %d and none", s.length, s.encoding, len(want))
	}
	if s.body != want {
		t.Fatalf("body changed on the way (%d bytes, want %d)", len(s.body), len(want))
	}
}
