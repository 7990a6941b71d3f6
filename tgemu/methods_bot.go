package tgemu

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
)

func (s *Server) getMe(_ context.Context, _ *request) (any, *APIError) {
	u := struct {
		models.User
		HasMainWebApp bool `json:"has_main_web_app"`
	}{User: s.cfg.bot}
	u.CanJoinGroups = true
	u.CanReadAllGroupMessages = !s.cfg.privacyMode
	return u, nil
}

// logOut logs the bot out of the emulated cloud server: every later call
// answers 401 Unauthorized, as Telegram does for a while after logOut.
func (s *Server) logOut(_ context.Context, _ *request) (any, *APIError) {
	s.loggedOut = true
	return true, nil
}

// closeMethod implements close, which only matters when moving a bot
// between local Bot API servers; the emulator just answers true.
func (s *Server) closeMethod(_ context.Context, _ *request) (any, *APIError) {
	return true, nil
}

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

// Scope types of bot commands, as in BotCommandScope.type.
const (
	ScopeDefault               = "default"
	ScopeAllPrivateChats       = "all_private_chats"
	ScopeAllGroupChats         = "all_group_chats"
	ScopeAllChatAdministrators = "all_chat_administrators"
	ScopeChat                  = "chat"
	ScopeChatAdministrators    = "chat_administrators"
	ScopeChatMember            = "chat_member"
)

// CommandScope is a resolved BotCommandScope: chat ids are numeric.
type CommandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

type commandKey struct {
	scope CommandScope
	lang  string
}

var (
	commandRe  = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	langCodeRe = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// commandKeyOf reads scope and language_code. Must hold s.mu.
func (s *Server) commandKeyOf(r *request) (commandKey, *APIError) {
	key := commandKey{scope: CommandScope{Type: ScopeDefault}, lang: r.str("language_code")}
	if key.lang != "" && !langCodeRe.MatchString(key.lang) {
		return key, violation("Bad Request: LANG_CODE_INVALID")
	}
	if !r.has("scope") {
		return key, nil
	}
	var raw struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID int64           `json:"user_id"`
	}
	if err := json.Unmarshal([]byte(r.str("scope")), &raw); err != nil {
		return key, violation("Bad Request: can't parse BotCommandScope JSON object")
	}
	key.scope.Type = raw.Type
	switch raw.Type {
	case ScopeDefault, ScopeAllPrivateChats, ScopeAllGroupChats, ScopeAllChatAdministrators:
		return key, nil
	case ScopeChat, ScopeChatAdministrators, ScopeChatMember:
	default:
		return key, violation("Bad Request: unsupported scope type %q", raw.Type)
	}
	var chatParam string
	if err := json.Unmarshal(raw.ChatID, &chatParam); err != nil {
		chatParam = string(raw.ChatID)
	}
	c, err := s.chatByParam(chatParam)
	if err != nil {
		return key, err
	}
	key.scope.ChatID = c.chat.ID
	if raw.Type != ScopeChat && c.chat.Type == models.ChatTypePrivate {
		return key, BadRequest("can't change commands in private chats")
	}
	if raw.Type == ScopeChatMember {
		if raw.UserID == 0 {
			return key, violation("Bad Request: user_id is empty")
		}
		key.scope.UserID = raw.UserID
	}
	return key, nil
}

func (s *Server) setMyCommands(_ context.Context, r *request) (any, *APIError) {
	var cmds []models.BotCommand
	if err := json.Unmarshal([]byte(r.str("commands")), &cmds); err != nil {
		return nil, violation("Bad Request: can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, violation("Bad Request: BOT_COMMANDS_TOO_MUCH")
	}
	for _, c := range cmds {
		if !commandRe.MatchString(c.Command) {
			return nil, violation("Bad Request: BOT_COMMAND_INVALID")
		}
		if n := utf16Len(c.Description); n < 1 || n > 256 {
			return nil, violation("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	key, err := s.commandKeyOf(r)
	if err != nil {
		return nil, err
	}
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.publish(Event{Type: EventCommands, ChatID: key.scope.ChatID, Commands: &CommandSet{Scope: key.scope, LanguageCode: key.lang, Commands: slices.Clone(cmds)}})
	return true, nil
}

// getMyCommands returns the list set for exactly this scope and language,
// as Telegram does (no fallback; see CommandsFor for the resolution a user sees).
func (s *Server) getMyCommands(_ context.Context, r *request) (any, *APIError) {
	key, err := s.commandKeyOf(r)
	if err != nil {
		return nil, err
	}
	cmds := s.commands[key]
	if cmds == nil {
		cmds = []models.BotCommand{}
	}
	return cmds, nil
}

func (s *Server) deleteMyCommands(_ context.Context, r *request) (any, *APIError) {
	key, err := s.commandKeyOf(r)
	if err != nil {
		return nil, err
	}
	delete(s.commands, key)
	s.publish(Event{Type: EventCommands, ChatID: key.scope.ChatID, Commands: &CommandSet{Scope: key.scope, LanguageCode: key.lang}})
	return true, nil
}

// CommandsFor returns the command list a user sees in a chat, following
// Telegram's documented order: the first list that is set wins.
//
// In a private chat (chatID > 0): chat, all_private_chats, default.
// In a group: chat_member, chat_administrators (admins only), chat,
// all_chat_administrators (admins only), all_group_chats, default.
// Each scope is tried with lang first, then without a language.
func (s *Server) CommandsFor(chatID, userID int64, lang string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var scopes []CommandScope
	if chatID > 0 {
		scopes = []CommandScope{{Type: ScopeChat, ChatID: chatID}, {Type: ScopeAllPrivateChats}, {Type: ScopeDefault}}
	} else {
		admin := false
		if c := s.chats[chatID]; c != nil {
			admin = c.admins[userID]
		}
		scopes = append(scopes, CommandScope{Type: ScopeChatMember, ChatID: chatID, UserID: userID})
		if admin {
			scopes = append(scopes, CommandScope{Type: ScopeChatAdministrators, ChatID: chatID})
		}
		scopes = append(scopes, CommandScope{Type: ScopeChat, ChatID: chatID})
		if admin {
			scopes = append(scopes, CommandScope{Type: ScopeAllChatAdministrators})
		}
		scopes = append(scopes, CommandScope{Type: ScopeAllGroupChats}, CommandScope{Type: ScopeDefault})
	}
	for _, sc := range scopes {
		langs := []string{""}
		if lang != "" {
			langs = []string{lang, ""}
		}
		for _, l := range langs {
			if cmds := s.commands[commandKey{scope: sc, lang: l}]; len(cmds) > 0 {
				return slices.Clone(cmds)
			}
		}
	}
	return nil
}

// digits returns a decimal string, used for callback ids and chat instances.
func digits(n int64) string { return strconv.FormatInt(n, 10) }

// chatInstance derives a stable chat_instance for a chat.
func chatInstance(chatID int64) string {
	h := uint64(chatID)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	return fmt.Sprint(h >> 1)
}
