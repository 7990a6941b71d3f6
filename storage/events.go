package storage

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sibu/flows/kit"
	"time"
)

// crockford is the ULID alphabet.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewID returns a 26-character ULID: 48 bits of milliseconds then 80 random
// bits, so ids sort by creation time and never collide across replicas.
func NewID(t time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.UnixMilli())<<16)
	rand.Read(b[6:])
	// 128 bits → 26 base32 digits (the first carries 3 bits).
	var out [26]byte
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}

// cloudEvent is the CloudEvents 1.0 structured-mode envelope.
type cloudEvent struct {
	SpecVersion     string `json:"specversion"`
	ID              string `json:"id"`
	Source          string `json:"source"`
	Type            string `json:"type"`
	Subject         string `json:"subject,omitempty"`
	Time            string `json:"time"`
	DataContentType string `json:"datacontenttype"`
	Data            any    `json:"data"`
}

// renderEvent builds the records event of one effect (see anonymity.go
// for what an anonymous response's event leaves out).
func (s *Store) renderEvent(ef kit.Effect, now time.Time) ([]byte, error) {
	subject, data := ef.EventData()
	at, idTime := eventTime(ef, now)
	ev := cloudEvent{SpecVersion: "1.0", ID: NewID(idTime), Source: s.source, Type: ef.EventType(),
		Subject: subject, Time: at, DataContentType: "application/json", Data: data}
	b, err := json.Marshal(ev)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", ef.EventType(), err)
	}
	return b, nil
}
