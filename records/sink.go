package records

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Sink delivers records events to the organisation's records system.
//
// Deliver returns nil only once the receiver has durably accepted ev; any
// error means "not delivered, try again later". It may be called
// concurrently, and it may be called more than once with the same event (the
// relay delivers at least once), so receivers dedupe on ev.ID.
type Sink interface {
	Deliver(ctx context.Context, ev Event) error
}

// NewSink returns the sink named by rawURL (SIBU_RECORDS_URL):
//
//   - http://… or https://… POSTs each event with Standard Webhooks headers,
//     signed with secret (SIBU_RECORDS_SECRET, "whsec_<base64 key>"); an
//     empty secret sends no signature. client nil means a client with a 30 s
//     timeout.
//   - file:///abs/path.jsonl appends one line per event and fsyncs; secret and
//     client are ignored. The file is created if needed (mode 0600) and must be
//     writable now.
//
// Any other scheme, a relative file path or a malformed secret is a
// configuration error; the error never contains the secret.
func NewSink(rawURL, secret string, client *http.Client) (Sink, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("records url: %w", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return nil, fmt.Errorf("records url %q: missing host", u.Redacted())
		}
		key, err := parseSecret(secret)
		if err != nil {
			return nil, err
		}
		if client == nil {
			client = &http.Client{Timeout: defaultHTTPTimeout}
		}
		return &HTTPSink{url: u.String(), key: key, client: client, now: time.Now}, nil
	case "file":
		path, err := filePath(u)
		if err != nil {
			return nil, err
		}
		return newFileSink(path)
	case "":
		return nil, fmt.Errorf("records url %q: missing scheme (want http://, https:// or file:///abs/path.jsonl)", u.Redacted())
	default:
		return nil, fmt.Errorf("records url: unsupported scheme %q (want http, https or file)", u.Scheme)
	}
}

// filePath checks that u is file:///absolute/path (or file://localhost/…).
func filePath(u *url.URL) (string, error) {
	const want = "want file:///absolute/path.jsonl"
	if u.Opaque != "" {
		return "", fmt.Errorf("records url %q: relative file path (%s)", u.String(), want)
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("records url %q: file path must be absolute, %q reads as a host (%s)", u.String(), u.Host, want)
	}
	if u.Path == "" || !filepath.IsAbs(u.Path) || strings.HasSuffix(u.Path, "/") {
		return "", fmt.Errorf("records url %q: file path must be an absolute file name (%s)", u.String(), want)
	}
	return filepath.Clean(u.Path), nil
}

// FileSink appends events to a local JSON Lines file, one event per line,
// fsynced before Deliver returns. It is the local stand-in for a records
// system. Create it with NewSink.
type FileSink struct {
	path string
	mu   sync.Mutex // one writer at a time keeps lines whole
}

var _ Sink = (*FileSink)(nil)

// newFileSink checks that path can be created and appended to now.
func newFileSink(path string) (*FileSink, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("records file sink: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("records file sink: %w", err)
	}
	return &FileSink{path: path}, nil
}

// Deliver appends ev.Body and a newline, then fsyncs. A body that spans
// several lines (pretty-printed JSON) is compacted first so the file stays
// one event per line; any other body is written byte for byte. The file is
// opened for each event, so it may be rotated while the relay runs.
func (s *FileSink) Deliver(ctx context.Context, ev Event) error {
	line := ev.Body
	if bytes.ContainsAny(line, "\r\n") {
		var buf bytes.Buffer
		if err := json.Compact(&buf, line); err != nil {
			return fmt.Errorf("deliver %s: %w", ev.ID, err)
		}
		line = buf.Bytes()
	}
	line = append(line[:len(line):len(line)], '\n')

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("deliver %s: %w", ev.ID, err)
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("deliver %s: %w", ev.ID, err)
	}
	_, werr := f.Write(line)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("deliver %s: %w", ev.ID, werr)
	}
	return nil
}
