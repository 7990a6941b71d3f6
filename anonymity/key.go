package anonymity

import (
	"bytes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// Key is the anonymity key. Its methods are safe for concurrent use.
type Key struct {
	id *age.X25519Identity
	// aead and mac conceal conversation state (Conceal): keys derived
	// from the identity, so they are no more in Redis than it is.
	aead cipher.AEAD
	mac  []byte
}

// Generate returns a new random key (the playground's, or the one Load
// creates at first start).
func Generate() (*Key, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("generate anonymity key: %w", err)
	}
	return newKey(id)
}

// Parse reads a key: one age X25519 identity (AGE-SECRET-KEY-1…), alone or
// as age-keygen writes a key file (with "#" comment lines). The error never
// repeats the text it was given.
func Parse(s string) (*Key, error) {
	var found *age.X25519Identity
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if found != nil {
			return nil, errors.New("holds more than one key")
		}
		id, err := age.ParseX25519Identity(line)
		if err != nil {
			return nil, errors.New("is not an age X25519 identity (AGE-SECRET-KEY-1…, as age-keygen writes it)")
		}
		found = id
	}
	if found == nil {
		return nil, errors.New("holds no key")
	}
	return newKey(found)
}

// concealInfo names what the derived symmetric key is for.
const concealInfo = "sibu conversation state v1"

// newKey derives the concealing keys of identity id.
func newKey(id *age.X25519Identity) (*Key, error) {
	sub, err := hkdf.Key(sha256.New, []byte(id.String()), nil, concealInfo, chacha20poly1305.KeySize+32)
	if err != nil {
		return nil, fmt.Errorf("derive anonymity subkey: %w", err)
	}
	aead, err := chacha20poly1305.NewX(sub[:chacha20poly1305.KeySize])
	if err != nil {
		return nil, fmt.Errorf("derive anonymity subkey: %w", err)
	}
	return &Key{id: id, aead: aead, mac: sub[chacha20poly1305.KeySize:]}, nil
}

// Recipient is the key's public half (age1…): safe to log, to show and
// to store, so replicas can check they share one key.
func (k *Key) Recipient() string { return k.id.Recipient().String() }

// file is the key as a key file holds it (age-keygen's layout).
func (k *Key) file() []byte {
	return []byte("# sibu anonymity key: keep it secret, give the same file to every replica.\n" +
		"# Losing it loses the anonymous answers not yet released.\n" +
		"# public key: " + k.Recipient() + "\n" + k.id.String() + "\n")
}

// Seal encrypts plain to the key's recipient (an age file, base64): only
// Open, with the identity, reads it back. Each call gives a different
// text.
func (k *Key) Seal(plain []byte) (string, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, k.id.Recipient())
	if err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	if _, err := w.Write(plain); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	if err := w.Close(); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	return base64.RawStdEncoding.EncodeToString(buf.Bytes()), nil
}

// Open decrypts what Seal gave. It fails for text sealed to another key.
func (k *Key) Open(sealed string) ([]byte, error) {
	raw, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, fmt.Errorf("open: not sealed: %w", err)
	}
	r, err := age.Decrypt(bytes.NewReader(raw), k.id)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	return plain, nil
}

// concealed starts every concealed text; JSON, which is what is concealed,
// never starts with it.
const concealed = "~1"

// Conceal encrypts conversation state (XChaCha20-Poly1305 with a synthetic
// nonce, HMAC-SHA256 of the text): deterministic, so the same text always
// conceals the same way and reveals nothing but that equality. The result
// is printable (base64 after the "~1" mark).
func (k *Key) Conceal(plain []byte) []byte {
	m := hmac.New(sha256.New, k.mac)
	m.Write(plain)
	nonce := m.Sum(nil)[:chacha20poly1305.NonceSizeX]
	sealed := k.aead.Seal(nonce, nonce, plain, nil)
	out := make([]byte, len(concealed)+base64.RawStdEncoding.EncodedLen(len(sealed)))
	copy(out, concealed)
	base64.RawStdEncoding.Encode(out[len(concealed):], sealed)
	return out
}

// ErrNotOurs means concealed state was concealed under another key (a
// replica with its own key file) or altered.
var ErrNotOurs = errors.New("concealed under another anonymity key, or altered")

// Reveal reads what Conceal gave. Anything not concealed (state written
// before sibu concealed it) comes back as it is.
func (k *Key) Reveal(b []byte) ([]byte, error) {
	if !IsConcealed(b) {
		return b, nil
	}
	sealed := make([]byte, base64.RawStdEncoding.DecodedLen(len(b)-len(concealed)))
	n, err := base64.RawStdEncoding.Decode(sealed, b[len(concealed):])
	if err != nil || n < chacha20poly1305.NonceSizeX {
		return nil, ErrNotOurs
	}
	nonce, box := sealed[:chacha20poly1305.NonceSizeX], sealed[chacha20poly1305.NonceSizeX:n]
	plain, err := k.aead.Open(nil, nonce, box, nil)
	if err != nil {
		return nil, ErrNotOurs
	}
	return plain, nil
}

// IsConcealed reports whether b is Conceal's output (by its mark).
func IsConcealed(b []byte) bool { return bytes.HasPrefix(b, []byte(concealed)) }
