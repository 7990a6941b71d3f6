package tgemu

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Documented limits, in UTF-16 code units after entity parsing.
const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
)

// messageText formats and checks a message text parameter.
func messageText(r *request, field, entitiesField string) (string, []models.MessageEntity, *APIError) {
	text, ents, err := formatText(r.str(field), r.str("parse_mode"), r.str(entitiesField))
	if err != nil {
		return "", nil, err
	}
	switch n := utf16Len(text); {
	case n == 0:
		return "", nil, violation("Bad Request: message text is empty")
	case n > maxTextLen:
		return "", nil, violation("Bad Request: message is too long")
	}
	return text, ents, nil
}

// captionText formats and checks a caption parameter.
func captionText(r *request) (string, []models.MessageEntity, *APIError) {
	text, ents, err := formatText(r.str("caption"), r.str("parse_mode"), r.str("caption_entities"))
	if err != nil {
		return "", nil, err
	}
	if utf16Len(text) > maxCaptionLen {
		return "", nil, violation("Bad Request: message caption is too long")
	}
	return text, ents, nil
}

// replyTarget resolves reply_parameters (or the legacy reply_to_message_id).
func (s *Server) replyTarget(c *chatState, r *request) (*models.Message, *APIError) {
	var rp models.ReplyParameters
	switch {
	case r.has("reply_parameters"):
		if err := json.Unmarshal([]byte(r.str("reply_parameters")), &rp); err != nil {
			return nil, violation("Bad Request: can't parse reply parameters JSON object")
		}
	case r.has("reply_to_message_id"):
		rp.MessageID = r.int("reply_to_message_id")
		rp.AllowSendingWithoutReply = r.bool("allow_sending_without_reply")
	default:
		return nil, nil
	}
	chatID := c.chat.ID
	if rp.ChatID != nil {
		other, err := s.chatByParam(fmt.Sprint(rp.ChatID))
		if err != nil {
			return nil, err
		}
		chatID = other.chat.ID
	}
	m := s.message(chatID, rp.MessageID)
	if m == nil || m.Deleted {
		if rp.AllowSendingWithoutReply {
			return nil, nil
		}
		return nil, BadRequest("message to be replied not found")
	}
	cp := m.Message
	cp.ReplyToMessage = nil
	return &cp, nil
}

// botFrom returns a copy of the bot's user, the sender of its messages.
func (s *Server) botFrom() *models.User {
	u := s.cfg.bot
	return &u
}

// outgoing is where a message the bot sends goes: its chat, its reply
// markup and the message it replies to.
type outgoing struct {
	chat   *chatState
	markup markup
	reply  *models.Message
}

// outgoingOf reads the parameters every send method shares, in Telegram's
// order: reply_markup, then chat_id, then the reply target. Each method
// checks its own content first.
func (s *Server) outgoingOf(r *request) (outgoing, *APIError) {
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return outgoing{}, err
	}
	c, err := s.writableChat(r.str("chat_id"))
	if err != nil {
		return outgoing{}, err
	}
	reply, err := s.replyTarget(c, r)
	if err != nil {
		return outgoing{}, err
	}
	return outgoing{chat: c, markup: mk, reply: reply}, nil
}

// send stores m as the bot's message in o's chat, with o's markup and reply
// target, and shows or removes the chat's reply keyboard as the markup says.
func (s *Server) send(o outgoing, m models.Message) (any, *APIError) {
	m.From = s.botFrom()
	m.ReplyMarkup, m.ReplyToMessage = o.markup.inline, o.reply
	o.chat.applyKeyboard(o.markup)
	return s.appendMessage(o.chat, m, true, o.markup.raw).Message, nil
}

// sendMessage sends a text message.
func (s *Server) sendMessage(_ context.Context, r *request) (any, *APIError) {
	text, ents, err := messageText(r, "text", "entities")
	if err != nil {
		return nil, err
	}
	o, err := s.outgoingOf(r)
	if err != nil {
		return nil, err
	}
	m := models.Message{Text: text, Entities: ents}
	if r.has("link_preview_options") {
		var lp models.LinkPreviewOptions
		if json.Unmarshal([]byte(r.str("link_preview_options")), &lp) == nil {
			m.LinkPreviewOptions = &lp
		}
	}
	return s.send(o, m)
}

// sendContact sends a contact card. Telegram refuses an empty phone number
// or first name (after trimming), which the spec's types alone allow.
func (s *Server) sendContact(_ context.Context, r *request) (any, *APIError) {
	phone, first := strings.TrimSpace(r.str("phone_number")), strings.TrimSpace(r.str("first_name"))
	switch {
	case phone == "":
		return nil, violation("Bad Request: phone number is empty")
	case first == "":
		return nil, violation("Bad Request: first_name is empty")
	}
	o, err := s.outgoingOf(r)
	if err != nil {
		return nil, err
	}
	return s.send(o, models.Message{
		Contact: &models.Contact{PhoneNumber: phone, FirstName: first, LastName: r.str("last_name"), VCard: r.str("vcard")},
	})
}

// sendMedia returns the method that sends a file of one kind with an
// optional caption: sendPhoto ("photo"), sendDocument, sendVoice, sendAudio
// and sendVideo. The file parameter is named after its kind.
func (s *Server) sendMedia(kind string) methodFunc {
	return func(_ context.Context, r *request) (any, *APIError) {
		caption, ents, err := captionText(r)
		if err != nil {
			return nil, err
		}
		o, err := s.outgoingOf(r)
		if err != nil {
			return nil, err
		}
		f, err := s.inputFile(r, kind, kind)
		if err != nil {
			return nil, err
		}
		m := models.Message{Caption: caption, CaptionEntities: ents}
		f.attach(&m)
		return s.send(o, m)
	}
}

// sendChatAction shows an action ("typing") in a chat the bot may write to.
func (s *Server) sendChatAction(_ context.Context, r *request) (any, *APIError) {
	action := r.str("action")
	switch action {
	case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
		"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
	default:
		return nil, violation("Bad Request: wrong parameter action in request")
	}
	c, err := s.writableChat(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	s.publish(Event{Type: EventChatAction, ChatID: c.chat.ID, Action: action})
	return true, nil
}
