package tgemu

import (
	"context"
	"encoding/json"
)

// editTarget resolves the message an edit method addresses.
func (s *Server) editTarget(r *request) (*chatState, *Message, *APIError) {
	if r.has("inline_message_id") {
		return nil, nil, BadRequest("MESSAGE_ID_INVALID")
	}
	if !r.has("chat_id") {
		return nil, nil, violation("Bad Request: chat_id is empty")
	}
	if !r.has("message_id") {
		return nil, nil, violation("Bad Request: message identifier is not specified")
	}
	c, err := s.writableChat(r.str("chat_id"))
	if err != nil {
		return nil, nil, err
	}
	m := s.message(c.chat.ID, r.int("message_id"))
	if m == nil || m.Deleted {
		return nil, nil, BadRequest("message to edit not found")
	}
	if !m.FromBot {
		return nil, nil, BadRequest("message can't be edited")
	}
	return c, m, nil
}

// replaceMessage stores a new state of a message and publishes it.
func (s *Server) replaceMessage(c *chatState, nm Message, typ EventType) *Message {
	p := &nm
	c.msgs[nm.ID-1] = p
	s.publish(Event{Type: typ, ChatID: c.chat.ID, Message: p})
	return p
}

// editing is the message an edit method addresses, in its chat, with the
// reply markup the edit gives it.
type editing struct {
	chat   *chatState
	msg    *Message
	markup markup
}

// editingOf reads the parameters every edit method shares, in Telegram's
// order: reply_markup, then the message. Each method checks its own content
// first.
func (s *Server) editingOf(r *request) (editing, *APIError) {
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return editing{}, err
	}
	c, m, err := s.editTarget(r)
	if err != nil {
		return editing{}, err
	}
	return editing{chat: c, msg: m, markup: mk}, nil
}

// keepsMarkup reports whether the edit leaves the inline keyboard as it is.
func (e editing) keepsMarkup() bool { return sameMarkup(e.msg.ReplyMarkup, e.markup.inline) }

// edited stores nm, the new state of e's message, with e's reply markup and
// the edit date, and answers the edited message.
func (s *Server) edited(e editing, nm Message) (any, *APIError) {
	nm.ReplyMarkup, nm.RawReplyMarkup = e.markup.inline, e.markup.raw
	nm.EditDate = int(s.now().Unix())
	return s.replaceMessage(e.chat, nm, EventEdit).Message, nil
}

// editMessageText replaces the text of a text message.
func (s *Server) editMessageText(_ context.Context, r *request) (any, *APIError) {
	if !r.has("text") && !r.has("rich_message") {
		return nil, violation("Bad Request: text is empty")
	}
	if !r.has("text") {
		return nil, BadRequest("tgemu does not emulate rich_message")
	}
	text, ents, err := messageText(r, "text", "entities")
	if err != nil {
		return nil, err
	}
	e, err := s.editingOf(r)
	if err != nil {
		return nil, err
	}
	if e.msg.Text == "" {
		return nil, BadRequest("there is no text in the message to edit")
	}
	if e.msg.Text == text && sameEntities(e.msg.Entities, ents) && e.keepsMarkup() {
		return nil, BadRequest(descNotModified)
	}
	nm := *e.msg
	nm.Text, nm.Entities = text, ents
	return s.edited(e, nm)
}

// editMessageCaption replaces the caption of a media message.
func (s *Server) editMessageCaption(_ context.Context, r *request) (any, *APIError) {
	caption, ents, err := captionText(r)
	if err != nil {
		return nil, err
	}
	e, err := s.editingOf(r)
	if err != nil {
		return nil, err
	}
	m := e.msg
	if m.Photo == nil && m.Document == nil && m.Voice == nil && m.Video == nil && m.Audio == nil && m.Animation == nil {
		return nil, BadRequest("there is no caption in the message to edit")
	}
	if m.Caption == caption && sameEntities(m.CaptionEntities, ents) && e.keepsMarkup() {
		return nil, BadRequest(descNotModified)
	}
	nm := *m
	nm.Caption, nm.CaptionEntities = caption, ents
	return s.edited(e, nm)
}

// editMessageReplyMarkup replaces only the inline keyboard of a message.
func (s *Server) editMessageReplyMarkup(_ context.Context, r *request) (any, *APIError) {
	e, err := s.editingOf(r)
	if err != nil {
		return nil, err
	}
	if e.keepsMarkup() {
		return nil, BadRequest(descNotModified)
	}
	return s.edited(e, *e.msg)
}

// deleteOne deletes a message, applying Telegram's rule that messages of
// others can only be deleted within 48 hours.
func (s *Server) deleteOne(c *chatState, id int) *APIError {
	m := s.message(c.chat.ID, id)
	if m == nil || m.Deleted {
		return BadRequest("message to delete not found")
	}
	if !m.FromBot && s.now().Unix()-int64(m.Date) > 48*3600 {
		return BadRequest("message can't be deleted")
	}
	nm := *m
	nm.Deleted = true
	s.replaceMessage(c, nm, EventDelete)
	return nil
}

// deleteMessage deletes one message.
func (s *Server) deleteMessage(_ context.Context, r *request) (any, *APIError) {
	c, err := s.chatByParam(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	if err := s.deleteOne(c, r.int("message_id")); err != nil {
		return nil, err
	}
	return true, nil
}

// deleteMessages deletes 1-100 messages of a chat, skipping missing ones.
func (s *Server) deleteMessages(_ context.Context, r *request) (any, *APIError) {
	var ids []int
	if err := json.Unmarshal([]byte(r.str("message_ids")), &ids); err != nil {
		return nil, violation("Bad Request: can't parse message_ids JSON object")
	}
	if len(ids) < 1 || len(ids) > 100 {
		return nil, violation("Bad Request: message_ids must hold 1-100 identifiers")
	}
	c, err := s.chatByParam(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		_ = s.deleteOne(c, id) // missing messages are skipped
	}
	return true, nil
}
