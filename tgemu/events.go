package tgemu

import (
	"time"

	"github.com/go-telegram/bot/models"
)

// EventType names a kind of Event.
type EventType string

// The kinds of Event.
const (
	EventMessage        EventType = "message"         // a message was added, by the bot or a user
	EventEdit           EventType = "edit"            // the bot or a user edited a message
	EventDelete         EventType = "delete"          // the bot deleted a message
	EventCallbackAnswer EventType = "callback_answer" // the bot answered a callback query
	EventChatAction     EventType = "chat_action"     // the bot sent a chat action ("typing")
	EventCommands       EventType = "commands"        // the bot set or deleted its commands
	EventMigrate        EventType = "migrate"         // a group became a supergroup
	EventBlock          EventType = "block"           // a user blocked or unblocked the bot
	EventDescription    EventType = "description"     // the bot set its description or short description
)

// Event is one change in the emulated world, for live views such as a web
// page fed by server-sent events.
type Event struct {
	Type        EventType       `json:"type"`
	Time        time.Time       `json:"time"`
	ChatID      int64           `json:"chat_id,omitempty"`
	Message     *Message        `json:"message,omitempty"`     // message, edit, delete: the message's new state
	Callback    *CallbackAnswer `json:"callback,omitempty"`    // callback_answer
	Action      string          `json:"action,omitempty"`      // chat_action
	Commands    *CommandSet     `json:"commands,omitempty"`    // commands
	NewID       int64           `json:"new_id,omitempty"`      // migrate: the supergroup's id
	Blocked     bool            `json:"blocked,omitempty"`     // block
	Description *BotDescription `json:"description,omitempty"` // description: the language's texts after the change
}

// CommandSet is a list of commands for one scope and language.
type CommandSet struct {
	Scope        CommandScope        `json:"scope"`
	LanguageCode string              `json:"language_code,omitempty"`
	Commands     []models.BotCommand `json:"commands"`
}

// Subscribe returns a channel receiving every Event from now on, and a
// function ending the subscription and closing the channel. The server never
// blocks on a subscriber: when a subscriber's buffer (WithEventBuffer, 1024
// by default) is full, further events are dropped for that subscriber, which
// can re-read the state through Messages. Close closes all channels.
func (s *Server) Subscribe() (<-chan Event, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan Event, s.cfg.eventBuffer)
	if s.closed {
		close(ch)
		return ch, func() {}
	}
	id := s.nextSub
	s.nextSub++
	s.subs[id] = ch
	return ch, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if c, ok := s.subs[id]; ok {
			close(c)
			delete(s.subs, id)
		}
	}
}

// publish sends ev to every subscriber that has room and wakes WaitFor
// callers. Must hold s.mu. A message in ev is copied so later changes do not
// alter it.
func (s *Server) publish(ev Event) {
	ev.Time = s.now()
	if ev.Message != nil {
		cp := *ev.Message
		ev.Message = &cp
	}
	if ev.Callback != nil {
		cp := *ev.Callback
		ev.Callback = &cp
	}
	for _, ch := range s.subs {
		select {
		case ch <- ev:
		default:
		}
	}
	close(s.changed)
	s.changed = make(chan struct{})
}
