package tgemu

import (
	"bytes"
	"fmt"
	"image"
	"strings"

	"github.com/go-telegram/bot/models"
)

// User is a person played by a test. Phone is used by ShareContact when no
// other number is given.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
	Phone        string
}

// model returns the user as Telegram's User object.
func (u User) model() models.User {
	return models.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, LanguageCode: u.LanguageCode}
}

// resolveUser fills in a user's name from the registry. Must hold s.mu.
func (s *Server) resolveUser(u User) User {
	if u.FirstName == "" {
		if known := s.users[u.ID]; known != nil {
			return *known
		}
		u.FirstName = fmt.Sprintf("User%d", u.ID)
	}
	return u
}

// Post adds a message from u to a chat (a private chat when chatID == u.ID,
// else a group added with AddGroup) and queues the update the bot receives.
// The emulator fills in message_id, from, chat and date (if zero). In groups
// with privacy mode on, only commands, replies to the bot and mentions of it
// reach the bot; other messages are stored but the returned update has ID 0,
// as it has when allowed_updates filters messages out.
func (s *Server) Post(chatID int64, u User, m models.Message) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.post(chatID, u, m)
}

// post is Post with s.mu held.
func (s *Server) post(chatID int64, u User, m models.Message) models.Update {
	var c *chatState
	if chatID == u.ID {
		c = s.privateChat(u)
		if c.blocked {
			s.setBlocked(c, u, false)
		}
		c.started = true
	} else {
		c = s.chats[chatID]
		if c == nil || c.chat.Type == models.ChatTypePrivate {
			panic(fmt.Sprintf("tgemu: no group %d; call AddGroup first", chatID))
		}
		if c.migratedTo != 0 {
			panic(fmt.Sprintf("tgemu: group %d migrated to %d", chatID, c.migratedTo))
		}
	}
	u = s.resolveUser(u)
	from := u.model()
	m.From = &from
	msg := s.appendMessage(c, m, false, nil)
	cp := msg.Message
	if c.chat.Type != models.ChatTypePrivate && !s.groupDelivers(&cp) {
		return models.Update{Message: &cp}
	}
	return s.enqueue(models.Update{Message: &cp})
}

// groupDelivers applies privacy mode to a group message. Must hold s.mu.
func (s *Server) groupDelivers(m *models.Message) bool {
	if !s.cfg.privacyMode {
		return true
	}
	if m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == s.cfg.bot.ID {
		return true
	}
	text := m.Text + m.Caption
	if s.cfg.bot.Username != "" && strings.Contains(strings.ToLower(text), "@"+strings.ToLower(s.cfg.bot.Username)) {
		return true
	}
	for _, e := range append(m.Entities, m.CaptionEntities...) {
		if e.Type == models.MessageEntityTypeBotCommand && e.Offset == 0 {
			cmd := text[:min(len(text), e.Length)] // commands are ASCII
			_, target, ok := strings.Cut(cmd, "@")
			return !ok || strings.EqualFold(target, s.cfg.bot.Username)
		}
	}
	return false
}

// commandEntities returns the bot_command entity of a text starting with a
// command ("/start", "/start@bot"), measured in UTF-16 units.
func commandEntities(text string) []models.MessageEntity {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	isWord := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	i := 1
	for i < len(text) && i <= 64 && isWord(text[i]) {
		i++
	}
	if i == 1 {
		return nil
	}
	if i < len(text) && text[i] == '@' {
		j := i + 1
		for j < len(text) && isWord(text[j]) {
			j++
		}
		if j > i+1 {
			i = j
		}
	}
	if i < len(text) && !strings.ContainsRune(" \n\t", rune(text[i])) {
		return nil // "/cmd-x" or "/команда" is not a command
	}
	return []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: utf16Len(text[:i])}}
}

// SendText sends a text message from u to the bot in their private chat.
// Text starting with a command gets its bot_command entity.
func (s *Server) SendText(u User, text string) models.Update {
	return s.Post(u.ID, u, models.Message{Text: text, Entities: commandEntities(text)})
}

// SendGroupText sends a text message from u in a group.
func (s *Server) SendGroupText(groupID int64, u User, text string) models.Update {
	return s.Post(groupID, u, models.Message{Text: text, Entities: commandEntities(text)})
}

// ReplyText sends a text from u in a chat as a reply to message replyTo.
func (s *Server) ReplyText(chatID int64, u User, replyTo int, text string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := models.Message{Text: text, Entities: commandEntities(text)}
	if target := s.message(chatID, replyTo); target != nil {
		cp := target.Message
		cp.ReplyToMessage = nil
		m.ReplyToMessage = &cp
	}
	return s.post(chatID, u, m)
}

// ShareContact sends a contact from u, as a request_contact keyboard button
// does when contactUserID == u.ID. An empty phone uses u.Phone.
func (s *Server) ShareContact(u User, phone string, contactUserID int64) models.Update {
	if phone == "" {
		phone = u.Phone
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	owner := s.resolveUser(User{ID: contactUserID})
	if contactUserID == u.ID {
		owner = s.resolveUser(u)
	}
	return s.post(u.ID, u, models.Message{Contact: &models.Contact{
		PhoneNumber: phone, FirstName: owner.FirstName, LastName: owner.LastName, UserID: contactUserID,
	}})
}

// SendSticker sends a sticker showing emoji from u.
func (s *Server) SendSticker(u User, emoji string) models.Update {
	return s.postFile(u, storedFile{kind: "sticker", name: "sticker.webp", mime: "image/webp",
		data: []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), emoji: emoji}, "")
}

// SendPhoto sends a photo with an optional caption from u. Dimensions are
// read from data when it is a JPEG, PNG or GIF.
func (s *Server) SendPhoto(u User, data []byte, caption string) models.Update {
	f := storedFile{kind: "photo", name: "photo.jpg", mime: "image/jpeg", data: data}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		f.width, f.height = cfg.Width, cfg.Height
	}
	return s.postFile(u, f, caption)
}

// SendDocument sends a file named name with an optional caption from u.
func (s *Server) SendDocument(u User, name string, data []byte, caption string) models.Update {
	return s.postFile(u, storedFile{kind: "document", name: name, mime: detectMIME(name, data), data: data}, caption)
}

// SendVoice sends a voice note of the given duration in seconds from u.
func (s *Server) SendVoice(u User, data []byte, duration int) models.Update {
	return s.postFile(u, storedFile{kind: "voice", name: "voice.oga", mime: "audio/ogg", data: data, duration: duration}, "")
}

// SendVideo sends a video of the given duration in seconds from u.
func (s *Server) SendVideo(u User, name string, data []byte, duration int, caption string) models.Update {
	return s.postFile(u, storedFile{kind: "video", name: name, mime: detectMIME(name, data), data: data, duration: duration}, caption)
}

// postFile stores a new file from u, described by f (kind, name, MIME type,
// data, and the dimensions, duration or emoji of its media; ids and path are
// given here), and posts it with caption in u's private chat.
func (s *Server) postFile(u User, f storedFile, caption string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored := s.newFile(f.kind, f.name, f.mime, f.data)
	stored.width, stored.height, stored.duration, stored.emoji = f.width, f.height, f.duration, f.emoji
	m := models.Message{Caption: caption}
	stored.attach(&m)
	return s.post(u.ID, u, m)
}

// SendLocation sends a location from u.
func (s *Server) SendLocation(u User, latitude, longitude float64) models.Update {
	return s.Post(u.ID, u, models.Message{Location: &models.Location{Latitude: latitude, Longitude: longitude}})
}

// EditText edits a text message u sent in their private chat and queues the
// edited_message update. It panics if the message is not u's text message.
func (s *Server) EditText(u User, messageID int, text string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[u.ID]
	m := s.message(u.ID, messageID)
	if c == nil || m == nil || m.FromBot || m.From == nil || m.From.ID != u.ID || m.Text == "" {
		panic(fmt.Sprintf("tgemu: user %d has no text message %d to edit", u.ID, messageID))
	}
	nm := *m
	nm.Text, nm.Entities = text, commandEntities(text)
	nm.EditDate = int(s.now().Unix())
	p := s.replaceMessage(c, nm, EventEdit)
	cp := p.Message
	return s.enqueue(models.Update{EditedMessage: &cp})
}

// Press makes u press an inline button with callback data on a message and
// queues the callback_query update; the bot's answer is then available from
// CallbackAnswer(update.CallbackQuery.ID). Data that no button of the message
// carries is sent anyway, to test stale or forged buttons, and the press is
// marked Forged.
func (s *Server) Press(u User, chatID int64, messageID int, data string) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	if chatID == u.ID {
		s.privateChat(u)
	}
	u = s.resolveUser(u)
	s.nextCallback++
	id := digits(4_000_000_000_000_000_000 + s.nextCallback)
	cq := &models.CallbackQuery{ID: id, From: u.model(), ChatInstance: chatInstance(chatID), Data: data}
	forged := true
	m := s.message(chatID, messageID)
	if m != nil && !m.Deleted {
		cp := m.Message
		cq.Message = models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &cp}
		if m.ReplyMarkup != nil {
			for _, row := range m.ReplyMarkup.InlineKeyboard {
				for _, b := range row {
					if b.CallbackData == data {
						forged = false
					}
				}
			}
		}
	} else {
		chat := models.Chat{ID: chatID, Type: models.ChatTypePrivate}
		if c := s.chats[chatID]; c != nil {
			chat = c.chat
		}
		cq.Message = models.MaybeInaccessibleMessage{
			Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
			InaccessibleMessage: &models.InaccessibleMessage{Chat: chat, MessageID: messageID},
		}
	}
	s.callbacks[id] = &CallbackAnswer{ID: id, UserID: u.ID, ChatID: chatID, MessageID: messageID, Data: data, PressedAt: s.now(), Forged: forged}
	return s.enqueue(models.Update{CallbackQuery: cq})
}

// Block makes a user block the bot: sends to their private chat answer 403
// "Forbidden: bot was blocked by the user" and the bot receives a
// my_chat_member update (member → kicked).
func (s *Server) Block(userID int64) models.Update {
	return s.MyChatMember(User{ID: userID}, true)
}

// Unblock makes a user unblock the bot (my_chat_member kicked → member).
func (s *Server) Unblock(userID int64) models.Update {
	return s.MyChatMember(User{ID: userID}, false)
}

// MyChatMember sets whether u blocked the bot and queues the my_chat_member
// update Telegram sends for it.
func (s *Server) MyChatMember(u User, blocked bool) models.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.privateChat(s.resolveUser(u))
	return s.setBlocked(c, s.resolveUser(u), blocked)
}

// setBlocked must hold s.mu.
func (s *Server) setBlocked(c *chatState, u User, blocked bool) models.Update {
	c.blocked = blocked
	bot := s.cfg.bot
	member := models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{User: &bot}}
	kicked := models.ChatMember{Type: models.ChatMemberTypeBanned, Banned: &models.ChatMemberBanned{User: &bot}}
	upd := &models.ChatMemberUpdated{Chat: c.chat, From: u.model(), Date: int(s.now().Unix()), OldChatMember: member, NewChatMember: kicked}
	if !blocked {
		upd.OldChatMember, upd.NewChatMember = kicked, member
	}
	s.publish(Event{Type: EventBlock, ChatID: c.chat.ID, Blocked: blocked})
	return s.enqueue(models.Update{MyChatMember: upd})
}

// Migrate upgrades a group to a supergroup with a new id, as Telegram does:
// the old group gets a service message with migrate_to_chat_id, the new one
// a message with migrate_from_chat_id (both delivered to the bot), and sends
// to the old id answer 400 with parameters.migrate_to_chat_id.
func (s *Server) Migrate(groupID, newSupergroupID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.chats[groupID]
	if old == nil || old.chat.Type == models.ChatTypePrivate {
		panic(fmt.Sprintf("tgemu: no group %d to migrate", groupID))
	}
	var admins []int64
	for id := range old.admins {
		admins = append(admins, id)
	}
	nc := s.addGroup(Group{ID: newSupergroupID, Title: old.chat.Title, Supergroup: true, Username: old.chat.Username, Admins: admins})
	from := s.cfg.bot // the service messages' sender is the migrating admin; the bot stands in
	m1 := s.appendMessage(old, models.Message{From: &from, MigrateToChatID: newSupergroupID}, false, nil)
	old.migratedTo = newSupergroupID
	m2 := s.appendMessage(nc, models.Message{From: &from, MigrateFromChatID: groupID}, false, nil)
	c1, c2 := m1.Message, m2.Message
	s.enqueue(models.Update{Message: &c1})
	s.enqueue(models.Update{Message: &c2})
	s.publish(Event{Type: EventMigrate, ChatID: groupID, NewID: newSupergroupID})
}
