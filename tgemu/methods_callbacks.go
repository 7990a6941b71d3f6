package tgemu

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// CallbackAnswer is a callback query a user sent by pressing a button, and
// the bot's answer to it.
type CallbackAnswer struct {
	ID        string    `json:"id"`
	UserID    int64     `json:"user_id"`
	ChatID    int64     `json:"chat_id"`
	MessageID int       `json:"message_id"`
	Data      string    `json:"data"`
	PressedAt time.Time `json:"pressed_at"`
	// Forged is true when no button of the message carried Data at the time
	// of the press (stale or forged data, as tests may send on purpose).
	Forged bool `json:"forged,omitempty"`

	Answered   bool      `json:"answered"`
	AnsweredAt time.Time `json:"answered_at,omitzero"`
	Text       string    `json:"text,omitempty"`
	ShowAlert  bool      `json:"show_alert,omitempty"`
	URL        string    `json:"url,omitempty"`
	CacheTime  int       `json:"cache_time,omitempty"`
}

// callbackTimeout is how long Telegram accepts an answer to a callback query.
const callbackTimeout = 15 * time.Minute

// answerCallbackQuery records the bot's answer to a press. A query can be
// answered once, and only within callbackTimeout of the press.
func (s *Server) answerCallbackQuery(_ context.Context, r *request) (any, *APIError) {
	cb := s.callbacks[r.str("callback_query_id")]
	if cb == nil || cb.Answered || s.now().Sub(cb.PressedAt) > callbackTimeout {
		return nil, BadRequest(descQueryTooOld)
	}
	cb.Answered = true
	cb.AnsweredAt = s.now()
	cb.Text = r.str("text")
	cb.ShowAlert = r.bool("show_alert")
	cb.URL = r.str("url")
	cb.CacheTime = r.int("cache_time")
	s.publish(Event{Type: EventCallbackAnswer, ChatID: cb.ChatID, Callback: cb})
	return true, nil
}

// CallbackAnswer returns a callback query by id with the bot's answer, if any.
func (s *Server) CallbackAnswer(callbackID string) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cb := s.callbacks[callbackID]; cb != nil {
		return *cb, true
	}
	return CallbackAnswer{}, false
}

// digits returns a decimal string, used for callback ids and chat instances.
func digits(n int64) string { return strconv.FormatInt(n, 10) }

// chatInstance derives a stable chat_instance for a chat.
func chatInstance(chatID int64) string {
	h := uint64(chatID)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	return fmt.Sprint(h >> 1)
}
