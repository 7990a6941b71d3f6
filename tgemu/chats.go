package tgemu

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Message is one message of a chat's history in its current state: edits are
// applied and deleted messages stay, flagged. The embedded models.Message is
// what Telegram would serialize; pointer fields are shared and must not be
// modified.
type Message struct {
	models.Message
	FromBot bool `json:"from_bot"`          // sent by the bot under test
	Deleted bool `json:"deleted,omitempty"` // deleted by deleteMessage

	// RawReplyMarkup is reply_markup exactly as the bot sent it, of any kind
	// (inline keyboard, reply keyboard, remove, force reply).
	RawReplyMarkup json.RawMessage `json:"raw_reply_markup,omitempty"`
}

// chatState is one chat and its history.
type chatState struct {
	chat       models.Chat
	admins     map[int64]bool
	msgs       []*Message // msgs[i].ID == i+1
	keyboard   json.RawMessage
	started    bool // private: the user has written to the bot
	blocked    bool // private: the user blocked the bot
	migratedTo int64
}

// Group describes a group or supergroup for AddGroup.
type Group struct {
	ID         int64  // negative; supergroups conventionally -100…
	Title      string // defaults to "Group <id>"
	Supergroup bool
	Username   string  // public @username, optional
	Admins     []int64 // user ids that administer the group
}

// AddUser registers a user who has not started the bot yet: the bot's sends
// to them answer 403 "bot can't initiate conversation with a user" until the
// user writes (any Send… helper). Helpers register unknown users themselves.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.privateChat(u)
}

// AddGroup creates a group or supergroup the bot is a member of.
func (s *Server) AddGroup(g Group) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addGroup(g)
}

// addGroup creates or updates a group from g. Must hold s.mu.
func (s *Server) addGroup(g Group) *chatState {
	if g.ID >= 0 {
		panic("tgemu: group ids are negative")
	}
	if g.Title == "" {
		g.Title = "Group " + strconv.FormatInt(g.ID, 10)
	}
	typ := models.ChatTypeGroup
	if g.Supergroup {
		typ = models.ChatTypeSupergroup
	}
	c := s.chats[g.ID]
	if c == nil {
		c = &chatState{admins: map[int64]bool{}}
		s.chats[g.ID] = c
	}
	c.chat = models.Chat{ID: g.ID, Type: typ, Title: g.Title, Username: g.Username}
	for _, id := range g.Admins {
		c.admins[id] = true
	}
	if g.Username != "" {
		s.usernames[strings.ToLower(g.Username)] = g.ID
	}
	return c
}

// privateChat returns the private chat with u, registering both. Must hold s.mu.
func (s *Server) privateChat(u User) *chatState {
	if u.ID <= 0 {
		panic("tgemu: user ids are positive")
	}
	known := s.users[u.ID]
	if known == nil || u.FirstName != "" {
		cp := u
		if cp.FirstName == "" {
			cp.FirstName = "User" + strconv.FormatInt(u.ID, 10)
		}
		s.users[u.ID] = &cp
		known = &cp
	}
	c := s.chats[u.ID]
	if c == nil {
		c = &chatState{admins: map[int64]bool{}}
		s.chats[u.ID] = c
	}
	c.chat = models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: known.FirstName, LastName: known.LastName, Username: known.Username}
	if known.Username != "" {
		s.usernames[strings.ToLower(known.Username)] = u.ID
	}
	return c
}

// chatByParam resolves a chat_id parameter. Must hold s.mu.
func (s *Server) chatByParam(v string) (*chatState, *APIError) {
	v = strings.TrimSpace(v)
	var id int64
	if name, ok := strings.CutPrefix(v, "@"); ok {
		id = s.usernames[strings.ToLower(name)]
	} else {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, errChatNotFound()
		}
		id = n
	}
	c := s.chats[id]
	if c == nil {
		return nil, errChatNotFound()
	}
	if c.migratedTo != 0 {
		return nil, &APIError{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateToChatID: c.migratedTo}
	}
	return c, nil
}

// writableChat resolves a chat the bot wants to send to or edit in.
func (s *Server) writableChat(v string) (*chatState, *APIError) {
	c, err := s.chatByParam(v)
	if err != nil {
		return nil, err
	}
	if c.chat.Type == models.ChatTypePrivate {
		if c.blocked {
			return nil, Forbidden("bot was blocked by the user")
		}
		if !c.started {
			return nil, Forbidden("bot can't initiate conversation with a user")
		}
	}
	return c, nil
}

// appendMessage gives m the next id of its chat, stores it and publishes
// it. Must hold s.mu.
func (s *Server) appendMessage(c *chatState, m models.Message, fromBot bool, rawMarkup json.RawMessage) *Message {
	m.ID = len(c.msgs) + 1
	m.Chat = c.chat
	if m.Date == 0 {
		m.Date = int(s.now().Unix())
	}
	msg := &Message{Message: m, FromBot: fromBot, RawReplyMarkup: rawMarkup}
	c.msgs = append(c.msgs, msg)
	s.publish(Event{Type: EventMessage, ChatID: c.chat.ID, Message: msg})
	return msg
}

// message returns a stored message, deleted or not. Must hold s.mu.
func (s *Server) message(chatID int64, id int) *Message {
	c := s.chats[chatID]
	if c == nil || id < 1 || id > len(c.msgs) {
		return nil
	}
	return c.msgs[id-1]
}

// Messages returns the history of a chat, user and bot messages in order, in
// their current state, deleted ones included.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, len(c.msgs))
	for i, m := range c.msgs {
		out[i] = *m
	}
	return out
}

// BotMessages returns the messages the bot sent to a chat, deleted ones
// included.
func (s *Server) BotMessages(chatID int64) []Message {
	return slices.DeleteFunc(s.Messages(chatID), func(m Message) bool { return !m.FromBot })
}

// Button finds the newest inline button labelled text in the bot's
// messages to a chat: the message it is on and its callback data.
func (s *Server) Button(chatID int64, text string) (msgID int, data string, ok bool) {
	msgs := s.BotMessages(chatID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if kb := msgs[i].ReplyMarkup; kb != nil {
			for _, row := range kb.InlineKeyboard {
				for _, b := range row {
					if b.Text == text {
						return msgs[i].ID, b.CallbackData, true
					}
				}
			}
		}
	}
	return 0, "", false
}

// LastBotMessage returns the most recent message the bot sent to a chat.
func (s *Server) LastBotMessage(chatID int64) (Message, bool) {
	msgs := s.BotMessages(chatID)
	if len(msgs) == 0 {
		return Message{}, false
	}
	return msgs[len(msgs)-1], true
}

// GetMessage returns one message of a chat by id.
func (s *Server) GetMessage(chatID int64, id int) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.message(chatID, id); m != nil {
		return *m, true
	}
	return Message{}, false
}

// Keyboard returns the reply keyboard (ReplyKeyboardMarkup JSON) the bot
// last showed in a chat, or nil if none is shown.
func (s *Server) Keyboard(chatID int64) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		return slices.Clone(c.keyboard)
	}
	return nil
}

// WaitFor returns the first message of the chat, in history order, for which
// match is true, waiting for new messages and edits until ctx is done. To
// wait for a new message only, match on an id greater than the last seen.
func (s *Server) WaitFor(ctx context.Context, chatID int64, match func(Message) bool) (Message, error) {
	for {
		s.mu.Lock()
		wake := s.changed
		var msgs []Message
		if c := s.chats[chatID]; c != nil {
			for _, m := range c.msgs {
				msgs = append(msgs, *m)
			}
		}
		s.mu.Unlock()
		for _, m := range msgs {
			if match(m) {
				return m, nil
			}
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return Message{}, ctx.Err()
		}
	}
}
