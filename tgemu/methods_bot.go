package tgemu

import (
	"context"

	"github.com/go-telegram/bot/models"
)

// getMe answers the bot's user, with what its group settings allow.
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

// getChat answers a ChatFullInfo with the fields the emulator knows.
func (s *Server) getChat(_ context.Context, r *request) (any, *APIError) {
	c, err := s.chatByParam(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	info := map[string]any{
		"id":                  c.chat.ID,
		"type":                c.chat.Type,
		"accent_color_id":     0,
		"max_reaction_count":  11,
		"accepted_gift_types": map[string]bool{"unlimited_gifts": true, "limited_gifts": true, "unique_gifts": true, "premium_subscription": true},
	}
	for k, v := range map[string]string{"title": c.chat.Title, "username": c.chat.Username, "first_name": c.chat.FirstName, "last_name": c.chat.LastName} {
		if v != "" {
			info[k] = v
		}
	}
	return info, nil
}
