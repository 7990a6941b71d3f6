package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
)

// ErrBadSession means a stored session cannot be decoded (e.g. written by
// an incompatible release). ResetSession clears it so the chat is not stuck.
var ErrBadSession = errors.New("undecodable session")

// sessionTTL is how long an idle chat's session is kept.
const sessionTTL = 180 * 24 * time.Hour

// LoadSession returns the session of chat (zero Session, version 0, when new).
func (s *Store) LoadSession(ctx context.Context, chatID int64) (flows.Session, error) {
	vals, err := s.rdb.HMGet(ctx, s.keys.Session(chatID), "v", "d").Result()
	if err != nil {
		return flows.Session{}, fmt.Errorf("load session %d: %w", chatID, err)
	}
	return s.decodeSession(chatID, vals)
}

// decodeSession reads HMGET session v d (d concealed: see anonymity.go).
func (s *Store) decodeSession(chatID int64, vals []any) (flows.Session, error) {
	var sess flows.Session
	if len(vals) != 2 {
		return sess, nil
	}
	if d, ok := vals[1].(string); ok && d != "" {
		raw, err := s.reveal([]byte(d))
		if err == nil {
			err = json.Unmarshal(raw, &sess)
		}
		if err != nil {
			return flows.Session{}, fmt.Errorf("%w: chat %d: %v", ErrBadSession, chatID, err)
		}
	}
	if v, ok := vals[0].(string); ok {
		sess.Version, _ = strconv.ParseInt(v, 10, 64)
	}
	return sess, nil
}

// ResetSession deletes a chat's session (the person starts afresh; their
// domain records are untouched).
func (s *Store) ResetSession(ctx context.Context, chatID int64) error {
	return s.rdb.Del(ctx, s.keys.Session(chatID)).Err()
}

// Replies returns the committed, not yet sent replies of chat (kept
// concealed: see anonymity.go).
func (s *Store) Replies(ctx context.Context, chatID int64) ([]kit.Output, error) {
	out, err := listJSON[kit.Output](ctx, s.rdb, s.keys.Replies(chatID), "reply", s.reveal)
	if err != nil {
		return nil, fmt.Errorf("replies %d: %w", chatID, err)
	}
	return out, nil
}

// Sent removes the first n replies of chat once they were delivered.
func (s *Store) Sent(ctx context.Context, chatID int64, n int) error {
	if n <= 0 {
		return nil
	}
	if err := s.rdb.LTrim(ctx, s.keys.Replies(chatID), int64(n), -1).Err(); err != nil {
		return fmt.Errorf("trim replies %d: %w", chatID, err)
	}
	return nil
}
