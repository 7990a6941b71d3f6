package tgemu

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif" // register decoders for photo dimensions
	_ "image/jpeg"
	_ "image/png"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Documented limits, in UTF-16 code units after entity parsing.
const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
	maxButtons    = 100
	// maxRowButtons is the widest row of an inline keyboard. Telegram does
	// not publish it; its clients show at most 8 buttons side by side and
	// the server refuses wider rows, so a bot must not send them.
	maxRowButtons = 8
	maxDownload   = 20 << 20 // getFile refuses bigger files
)

// markup is a parsed reply_markup parameter.
type markup struct {
	raw      json.RawMessage
	inline   *models.InlineKeyboardMarkup
	keyboard bool // ReplyKeyboardMarkup: shown until removed
	remove   bool // ReplyKeyboardRemove
}

// parseMarkup decodes reply_markup; the spec check has validated it already.
func parseMarkup(v string) (markup, *APIError) {
	if strings.TrimSpace(v) == "" {
		return markup{}, nil
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v), &probe); err != nil {
		return markup{}, violation("Bad Request: can't parse reply keyboard markup JSON object")
	}
	mk := markup{raw: json.RawMessage(v)}
	switch {
	case probe["inline_keyboard"] != nil:
		var ik models.InlineKeyboardMarkup
		if err := json.Unmarshal([]byte(v), &ik); err != nil {
			return markup{}, violation("Bad Request: can't parse inline keyboard markup: %v", err)
		}
		n := 0
		for _, row := range ik.InlineKeyboard {
			n += len(row)
			if len(row) > maxRowButtons {
				return markup{}, violation("Bad Request: REPLY_MARKUP_TOO_LONG: a row of %d inline buttons (at most %d)", len(row), maxRowButtons)
			}
		}
		if n > maxButtons {
			return markup{}, violation("Bad Request: REPLY_MARKUP_TOO_LONG")
		}
		if n > 0 {
			mk.inline = &ik
		}
	case probe["keyboard"] != nil:
		mk.keyboard = true
	case probe["remove_keyboard"] != nil:
		mk.remove = true
	}
	return mk, nil
}

// applyKeyboard updates the chat's reply keyboard from a sent markup.
func (c *chatState) applyKeyboard(mk markup) {
	switch {
	case mk.keyboard:
		c.keyboard = mk.raw
	case mk.remove:
		c.keyboard = nil
	}
}

func sameMarkup(a, b *models.InlineKeyboardMarkup) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func sameEntities(a, b []models.MessageEntity) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

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

func (s *Server) botFrom() *models.User {
	u := s.cfg.bot
	return &u
}

func (s *Server) sendMessage(_ context.Context, r *request) (any, *APIError) {
	text, ents, err := messageText(r, "text", "entities")
	if err != nil {
		return nil, err
	}
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	c, err := s.writableChat(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	reply, err := s.replyTarget(c, r)
	if err != nil {
		return nil, err
	}
	m := models.Message{From: s.botFrom(), Text: text, Entities: ents, ReplyMarkup: mk.inline, ReplyToMessage: reply}
	if r.has("link_preview_options") {
		var lp models.LinkPreviewOptions
		if json.Unmarshal([]byte(r.str("link_preview_options")), &lp) == nil {
			m.LinkPreviewOptions = &lp
		}
	}
	c.applyKeyboard(mk)
	return s.appendMessage(c, m, true, mk.raw).Message, nil
}

func (s *Server) sendPhoto(_ context.Context, r *request) (any, *APIError) {
	return s.sendMedia(r, "photo")
}

func (s *Server) sendDocument(_ context.Context, r *request) (any, *APIError) {
	return s.sendMedia(r, "document")
}

func (s *Server) sendVoice(_ context.Context, r *request) (any, *APIError) {
	return s.sendMedia(r, "voice")
}

func (s *Server) sendAudio(_ context.Context, r *request) (any, *APIError) {
	return s.sendMedia(r, "audio")
}

func (s *Server) sendVideo(_ context.Context, r *request) (any, *APIError) {
	return s.sendMedia(r, "video")
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
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	c, err := s.writableChat(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	reply, err := s.replyTarget(c, r)
	if err != nil {
		return nil, err
	}
	m := models.Message{From: s.botFrom(), ReplyMarkup: mk.inline, ReplyToMessage: reply,
		Contact: &models.Contact{PhoneNumber: phone, FirstName: first, LastName: r.str("last_name"), VCard: r.str("vcard")}}
	c.applyKeyboard(mk)
	return s.appendMessage(c, m, true, mk.raw).Message, nil
}

// sendMedia implements sendPhoto and sendDocument.
func (s *Server) sendMedia(r *request, kind string) (any, *APIError) {
	caption, ents, err := captionText(r)
	if err != nil {
		return nil, err
	}
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	c, err := s.writableChat(r.str("chat_id"))
	if err != nil {
		return nil, err
	}
	reply, err := s.replyTarget(c, r)
	if err != nil {
		return nil, err
	}
	f, err := s.inputFile(r, kind, kind)
	if err != nil {
		return nil, err
	}
	m := models.Message{From: s.botFrom(), Caption: caption, CaptionEntities: ents, ReplyMarkup: mk.inline, ReplyToMessage: reply}
	f.attach(&m)
	c.applyKeyboard(mk)
	return s.appendMessage(c, m, true, mk.raw).Message, nil
}

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
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	c, m, err := s.editTarget(r)
	if err != nil {
		return nil, err
	}
	if m.Text == "" {
		return nil, BadRequest("there is no text in the message to edit")
	}
	if m.Text == text && sameEntities(m.Entities, ents) && sameMarkup(m.ReplyMarkup, mk.inline) {
		return nil, BadRequest(descNotModified)
	}
	nm := *m
	nm.Text, nm.Entities, nm.ReplyMarkup, nm.RawReplyMarkup = text, ents, mk.inline, mk.raw
	nm.EditDate = int(s.now().Unix())
	return s.replaceMessage(c, nm, EventEdit).Message, nil
}

func (s *Server) editMessageCaption(_ context.Context, r *request) (any, *APIError) {
	caption, ents, err := captionText(r)
	if err != nil {
		return nil, err
	}
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	c, m, err := s.editTarget(r)
	if err != nil {
		return nil, err
	}
	if m.Photo == nil && m.Document == nil && m.Voice == nil && m.Video == nil && m.Audio == nil && m.Animation == nil {
		return nil, BadRequest("there is no caption in the message to edit")
	}
	if m.Caption == caption && sameEntities(m.CaptionEntities, ents) && sameMarkup(m.ReplyMarkup, mk.inline) {
		return nil, BadRequest(descNotModified)
	}
	nm := *m
	nm.Caption, nm.CaptionEntities, nm.ReplyMarkup, nm.RawReplyMarkup = caption, ents, mk.inline, mk.raw
	nm.EditDate = int(s.now().Unix())
	return s.replaceMessage(c, nm, EventEdit).Message, nil
}

func (s *Server) editMessageReplyMarkup(_ context.Context, r *request) (any, *APIError) {
	mk, err := parseMarkup(r.str("reply_markup"))
	if err != nil {
		return nil, err
	}
	c, m, err := s.editTarget(r)
	if err != nil {
		return nil, err
	}
	if sameMarkup(m.ReplyMarkup, mk.inline) {
		return nil, BadRequest(descNotModified)
	}
	nm := *m
	nm.ReplyMarkup, nm.RawReplyMarkup = mk.inline, mk.raw
	nm.EditDate = int(s.now().Unix())
	return s.replaceMessage(c, nm, EventEdit).Message, nil
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

// storedFile is a file known to the emulated Telegram servers.
type storedFile struct {
	id, uniqueID  string
	kind          string // photo, document, voice, sticker
	name, mime    string
	path          string // file_path for getFile and downloads
	data          []byte
	width, height int
	duration      int
	emoji         string
}

// fileIDPrefix mimics the type tag at the start of Telegram file ids.
func fileIDPrefix(kind string) string {
	switch kind {
	case "photo":
		return "AgAC"
	case "voice":
		return "AwAC"
	case "sticker":
		return "CAAC"
	}
	return "BQAC"
}

// newFile stores a file and gives it ids. Must hold s.mu.
func (s *Server) newFile(kind, name, mimeType string, data []byte) *storedFile {
	s.nextFile++
	n := s.nextFile
	f := &storedFile{
		id:       fmt.Sprintf("%sAgIAAxkBAAEmu%08d", fileIDPrefix(kind), n),
		uniqueID: fmt.Sprintf("AQAD%08d", n),
		kind:     kind,
		name:     name,
		mime:     mimeType,
		data:     data,
	}
	ext := path.Ext(name)
	switch kind {
	case "photo":
		ext = ".jpg"
	case "voice":
		ext = ".oga"
	case "sticker":
		ext = ".webp"
	}
	dir := map[string]string{"photo": "photos", "document": "documents", "voice": "voice", "sticker": "stickers"}[kind]
	f.path = fmt.Sprintf("%s/file_%d%s", dir, n, ext)
	s.files[f.id] = f
	s.filePaths[f.path] = f
	return f
}

// attach puts the file into a message as its media.
func (f *storedFile) attach(m *models.Message) {
	switch f.kind {
	case "photo":
		m.Photo = []models.PhotoSize{{FileID: f.id, FileUniqueID: f.uniqueID, Width: f.width, Height: f.height, FileSize: len(f.data)}}
	case "document":
		m.Document = &models.Document{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
	case "voice":
		m.Voice = &models.Voice{FileID: f.id, FileUniqueID: f.uniqueID, Duration: f.duration, MimeType: "audio/ogg", FileSize: int64(len(f.data))}
	case "audio":
		m.Audio = &models.Audio{FileID: f.id, FileUniqueID: f.uniqueID, Duration: f.duration, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
	case "video":
		m.Video = &models.Video{FileID: f.id, FileUniqueID: f.uniqueID, Duration: f.duration, Width: 640, Height: 360, FileName: f.name, MimeType: f.mime, FileSize: int64(len(f.data))}
	case "sticker":
		m.Sticker = &models.Sticker{FileID: f.id, FileUniqueID: f.uniqueID, Type: "regular", Width: 512, Height: 512, Emoji: f.emoji, FileSize: len(f.data)}
	}
}

// inputFile resolves an InputFile parameter: an uploaded part, a file_id or
// an HTTP URL. Must hold s.mu.
func (s *Server) inputFile(r *request, field, kind string) (*storedFile, *APIError) {
	up := r.files[field]
	v := r.str(field)
	if name, ok := strings.CutPrefix(v, "attach://"); ok {
		up = r.files[name]
	}
	if up != nil && (v == "" || strings.HasPrefix(v, "attach://")) {
		return s.uploadedFile(up, kind)
	}
	if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
		s.warnf("%s: tgemu does not download %s; a placeholder file is used", r.method, v)
		name := path.Base(v)
		return s.newFile(kind, name, mime.TypeByExtension(path.Ext(name)), nil), nil
	}
	f := s.files[v]
	if f == nil {
		return nil, BadRequest("wrong file identifier/HTTP URL specified")
	}
	// Telegram sends a file_id again only with the method of its kind
	// ("can't use file of type Voice as Document").
	if f.kind != kind {
		return nil, BadRequest("type of file mismatch")
	}
	return f, nil
}

// uploadedFile stores a multipart upload. Must hold s.mu.
func (s *Server) uploadedFile(up *upload, kind string) (*storedFile, *APIError) {
	if len(up.data) == 0 {
		return nil, violation("Bad Request: file must be non-empty")
	}
	mimeType := detectMIME(up.filename, up.data)
	var w, h int
	if kind == "photo" {
		if len(up.data) > 10<<20 {
			return nil, violation("Bad Request: PHOTO_INVALID_DIMENSIONS: photos are limited to 10 MB")
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(up.data))
		switch {
		case err == nil:
			w, h = cfg.Width, cfg.Height
		case len(up.data) > 12 && string(up.data[0:4]) == "RIFF" && string(up.data[8:12]) == "WEBP":
		default:
			return nil, violation("Bad Request: IMAGE_PROCESS_FAILED")
		}
		if w+h > 10000 {
			return nil, violation("Bad Request: PHOTO_INVALID_DIMENSIONS")
		}
	}
	f := s.newFile(kind, up.filename, mimeType, up.data)
	f.width, f.height = w, h
	return f, nil
}

// detectMIME guesses a MIME type from a file name, else from the content.
func detectMIME(name string, data []byte) string {
	t := mime.TypeByExtension(path.Ext(name))
	if t == "" {
		t = http.DetectContentType(data)
	}
	t, _, _ = strings.Cut(t, ";")
	return t
}

func (s *Server) getFile(_ context.Context, r *request) (any, *APIError) {
	f := s.files[r.str("file_id")]
	if f == nil {
		return nil, BadRequest("invalid file_id")
	}
	if len(f.data) > maxDownload {
		return nil, BadRequest("file is too big")
	}
	return models.File{FileID: f.id, FileUniqueID: f.uniqueID, FileSize: int64(len(f.data)), FilePath: f.path}, nil
}

// serveFile serves /file/bot{token}/{file_path}.
func (s *Server) serveFile(w http.ResponseWriter, _ *http.Request, rest string) {
	token, filePath, ok := strings.Cut(rest, "/")
	if !ok || !s.tokenOK(token) {
		writeAPI(w, nil, errUnauthorized())
		return
	}
	s.mu.Lock()
	f := s.filePaths[filePath]
	s.mu.Unlock()
	if f == nil {
		writeAPI(w, nil, errNotFound())
		return
	}
	ct := f.mime
	if ct == "" {
		ct = http.DetectContentType(f.data)
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(f.data)
}

// FileData returns the bytes of a file by file_id, uploaded by the bot or a
// user.
func (s *Server) FileData(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return nil, false
	}
	return f.data, true
}

// FileInfo is a stored file as a client would show it.
type FileInfo struct {
	ID       string
	Kind     string // photo, document, voice, sticker
	Name     string // the upload's file name; "" when the sender gave none
	MIMEType string
	Data     []byte
}

// File returns a file by file_id with its name and MIME type, for a client
// that lets people download what the bot sent (a web playground).
func (s *Server) File(fileID string) (FileInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return FileInfo{}, false
	}
	return FileInfo{ID: f.id, Kind: f.kind, Name: f.name, MIMEType: f.mime, Data: f.data}, true
}
