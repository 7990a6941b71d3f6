package records

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
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
