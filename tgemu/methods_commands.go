package tgemu

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"

	"github.com/go-telegram/bot/models"
)

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

// commandKey names one command list: a scope and a language ("" for all).
type commandKey struct {
	scope CommandScope
	lang  string
}

// Valid command names and language codes.
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

// setMyCommands sets the command list of a scope and language; an empty
// list deletes it.
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

// deleteMyCommands deletes the command list of a scope and language.
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
