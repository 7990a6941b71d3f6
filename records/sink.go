package records

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ContentType is the media type of a CloudEvents structured-mode JSON body.
const ContentType = "application/cloudevents+json"

// Standard Webhooks header names.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// secretPrefix starts every Standard Webhooks signing secret.
const secretPrefix = "whsec_"

// defaultHTTPTimeout bounds one HTTP delivery when NewSink gets no client.
const defaultHTTPTimeout = 30 * time.Second

// excerptLen is how much of a receiver's answer goes into an error.
const excerptLen = 200

// ErrSignature is wrapped by every error Verify returns for a request that
// does not carry a valid, fresh signature.
var ErrSignature = errors.New("records: invalid webhook signature")

// Event is one records event as stored in the outbox. Body is the complete
// CloudEvents 1.0 structured-mode JSON document exactly as it was committed;
// ID, Type and Time are read from it and never written back.
type Event struct {
	ID   string    // CloudEvents "id": the stable delivery id (webhook-id)
	Type string    // CloudEvents "type", e.g. sibu.survey.response.submitted
	Time time.Time // CloudEvents "time"; zero when absent
	Body []byte    // the stored bytes, delivered unchanged
}

// ParseEvent reads the attributes the relay needs from a CloudEvents 1.0
// structured-mode JSON document. It returns an error when body is not a JSON
// object, specversion is not "1.0", or id, source or type is missing. The
// returned Event keeps body itself, not a re-encoding.
func ParseEvent(body []byte) (Event, error) {
	var ce struct {
		SpecVersion string `json:"specversion"`
		ID          string `json:"id"`
		Source      string `json:"source"`
		Type        string `json:"type"`
		Time        string `json:"time"`
	}
	if err := json.Unmarshal(body, &ce); err != nil {
		return Event{Body: body}, fmt.Errorf("parse cloudevent: %w", err)
	}
	switch {
	case ce.SpecVersion != "1.0":
		return Event{Body: body}, fmt.Errorf("parse cloudevent: specversion %q, want \"1.0\"", ce.SpecVersion)
	case ce.ID == "":
		return Event{Body: body}, errors.New("parse cloudevent: missing id")
	case ce.Source == "":
		return Event{Body: body}, errors.New("parse cloudevent: missing source")
	case ce.Type == "":
		return Event{Body: body}, errors.New("parse cloudevent: missing type")
	}
	ev := Event{ID: ce.ID, Type: ce.Type, Body: body}
	if ce.Time != "" {
		t, err := time.Parse(time.RFC3339Nano, ce.Time)
		if err != nil {
			return Event{Body: body}, fmt.Errorf("parse cloudevent %s: time: %w", ce.ID, err)
		}
		ev.Time = t
	}
	return ev, nil
}

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

// parseSecret decodes a "whsec_<base64>" signing secret; "" gives a nil key.
func parseSecret(secret string) ([]byte, error) {
	if secret == "" {
		return nil, nil
	}
	const form = `records secret must have the form "whsec_<base64 key>"`
	enc, ok := strings.CutPrefix(secret, secretPrefix)
	if !ok {
		return nil, errors.New(form + ": missing whsec_ prefix")
	}
	key, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		// Standard Webhooks secrets are padded, but accept unpadded keys too.
		key, err = base64.RawStdEncoding.DecodeString(enc)
	}
	if err != nil {
		return nil, errors.New(form + ": the part after whsec_ is not standard base64")
	}
	if len(key) == 0 {
		return nil, errors.New(form + ": empty key")
	}
	return key, nil
}

// sign returns the v1 signature of one delivery attempt.
func sign(key []byte, id string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id))
	mac.Write([]byte{'.'})
	mac.Write([]byte(strconv.FormatInt(ts, 10)))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// HTTPSink POSTs events to a webhook endpoint of the records system. Create
// it with NewSink.
type HTTPSink struct {
	url    string
	key    []byte // nil: unsigned
	client *http.Client
	now    func() time.Time
}

var _ Sink = (*HTTPSink)(nil)

// Signed reports whether requests carry a webhook-signature header. The
// caller logs a warning at startup when they do not.
func (s *HTTPSink) Signed() bool { return s.key != nil }

// Deliver POSTs ev.Body unchanged with Content-Type
// application/cloudevents+json and the headers webhook-id (ev.ID),
// webhook-timestamp (unix seconds of this attempt) and, when a secret is
// set, webhook-signature. A 2xx answer is success; any other status, a
// transport error or a timeout is an error naming the status and the start
// of the answer.
func (s *HTTPSink) Deliver(ctx context.Context, ev Event) error {
	if ev.ID == "" {
		return errors.New("deliver: event has no id")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(ev.Body))
	if err != nil {
		return fmt.Errorf("deliver %s: %w", ev.ID, err)
	}
	ts := s.now().Unix()
	req.Header.Set("Content-Type", ContentType)
	req.Header.Set("User-Agent", "sibu-records/1")
	req.Header.Set(HeaderID, ev.ID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	if s.key != nil {
		req.Header.Set(HeaderSignature, sign(s.key, ev.ID, ts, ev.Body))
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("deliver %s: %w", ev.ID, err)
	}
	defer resp.Body.Close()
	excerpt, _ := io.ReadAll(io.LimitReader(resp.Body, excerptLen))
	// Drain a little more so the connection can be reused.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("deliver %s: records system answered %s: %q", ev.ID, resp.Status, bytes.TrimSpace(excerpt))
	}
	return nil
}

// Verify checks a Standard Webhooks request as a receiver would: header must
// carry webhook-id, a webhook-timestamp within tolerance of now (tolerance
// <= 0 means five minutes) and a webhook-signature list holding at least one
// v1 signature of id.timestamp.body under secret ("whsec_<base64 key>").
// Failures wrap ErrSignature.
func Verify(secret string, header http.Header, body []byte, tolerance time.Duration) error {
	key, err := parseSecret(secret)
	if err != nil {
		return err
	}
	if key == nil {
		return errors.New("verify: empty secret")
	}
	if tolerance <= 0 {
		tolerance = 5 * time.Minute
	}
	id := header.Get(HeaderID)
	if id == "" {
		return fmt.Errorf("%w: missing %s", ErrSignature, HeaderID)
	}
	ts, err := strconv.ParseInt(header.Get(HeaderTimestamp), 10, 64)
	if err != nil {
		return fmt.Errorf("%w: bad %s", ErrSignature, HeaderTimestamp)
	}
	if d := time.Since(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: timestamp %d outside tolerance %s", ErrSignature, ts, tolerance)
	}
	sigs := header.Get(HeaderSignature)
	if sigs == "" {
		return fmt.Errorf("%w: missing %s", ErrSignature, HeaderSignature)
	}
	want := []byte(sign(key, id, ts, body))
	for _, sig := range strings.Fields(sigs) {
		if hmac.Equal([]byte(sig), want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no matching v1 signature", ErrSignature)
}

// FileSink appends events to a local JSON Lines file, one event per line,
// fsynced before Deliver returns. It is the local stand-in for a records
// system. Create it with NewSink.
type FileSink struct {
	path string
	mu   sync.Mutex // one writer at a time keeps lines whole
}

var _ Sink = (*FileSink)(nil)

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
