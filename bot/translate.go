package bot

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"sibu/flows"
)

// chatOf returns the chat whose order an update belongs to: the chat of its
// message, or the user for updates without one. 0 means the update has no
// conversation (it is acknowledged and ignored).
func chatOf(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil {
			return m.Chat.ID
		}
		if m := u.CallbackQuery.Message.InaccessibleMessage; m != nil {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.ChatMember != nil:
		return u.ChatMember.Chat.ID
	case u.ChatJoinRequest != nil:
		return u.ChatJoinRequest.Chat.ID
	case u.ChannelPost != nil:
		return u.ChannelPost.Chat.ID
	case u.EditedChannelPost != nil:
		return u.EditedChannelPost.Chat.ID
	case u.BusinessMessage != nil:
		return u.BusinessMessage.Chat.ID
	case u.InlineQuery != nil:
		return u.InlineQuery.From.ID
	case u.ChosenInlineResult != nil:
		return u.ChosenInlineResult.From.ID
	case u.PollAnswer != nil && u.PollAnswer.User != nil:
		return u.PollAnswer.User.ID
	case u.MessageReaction != nil:
		return u.MessageReaction.Chat.ID
	}
	return 0
}

// peekUpdate holds only what intake needs of an update (decoding the full
// models.Update on the intake path costs more than the rest of intake).
type peekUpdate struct {
	ID            int64     `json:"update_id"`
	Message       *peekChat `json:"message"`
	EditedMessage *peekChat `json:"edited_message"`
	ChannelPost   *peekChat `json:"channel_post"`
	CallbackQuery *struct {
		From    peekUser  `json:"from"`
		Message *peekChat `json:"message"`
	} `json:"callback_query"`
	MyChatMember *peekChat `json:"my_chat_member"`
	ChatMember   *peekChat `json:"chat_member"`
	JoinRequest  *peekChat `json:"chat_join_request"`
	InlineQuery  *struct {
		From peekUser `json:"from"`
	} `json:"inline_query"`
}

type peekChat struct {
	Chat struct {
		ID int64 `json:"id"`
	} `json:"chat"`
}

type peekUser struct {
	ID int64 `json:"id"`
}

func (p *peekUpdate) chat() (int64, bool) {
	for _, c := range []*peekChat{p.Message, p.EditedMessage, p.ChannelPost, p.MyChatMember, p.ChatMember, p.JoinRequest} {
		if c != nil {
			return c.Chat.ID, true
		}
	}
	switch {
	case p.CallbackQuery != nil && p.CallbackQuery.Message != nil && p.CallbackQuery.Message.Chat.ID != 0:
		return p.CallbackQuery.Message.Chat.ID, true
	case p.CallbackQuery != nil:
		return p.CallbackQuery.From.ID, true
	case p.InlineQuery != nil:
		return p.InlineQuery.From.ID, true
	}
	return 0, false
}

// peek decodes what intake needs of a raw update: its id and chat. Common
// kinds are read from a small struct; anything else falls back to the full
// model (chatOf).
func peek(raw []byte) (id, chat int64, err error) {
	var p peekUpdate
	if err := json.Unmarshal(raw, &p); err == nil {
		if c, ok := p.chat(); ok {
			return p.ID, c, nil
		}
	}
	var u models.Update
	if err := decodeUpdate(raw, &u); err != nil {
		var only struct {
			ID int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &only) == nil && only.ID != 0 {
			return only.ID, 0, nil // valid id, fields we cannot decode: chat 0
		}
		return 0, 0, fmt.Errorf("decode update: %w", err)
	}
	return u.ID, chatOf(&u), nil
}

// decodeUpdate decodes a raw update into the library's model. The model
// refuses values it does not know in its unions (a forward_origin, paid
// media, chat member status or reaction type newer than the library), and
// one such field would lose the whole update: the person who forwarded a
// message would get no answer at all. So when the whole does not decode,
// the fields that do not are left out, deepest first, and the rest is kept.
func decodeUpdate(raw []byte, u *models.Update) error {
	err := json.Unmarshal(raw, u)
	if err == nil {
		return nil
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil {
		return err
	}
	for k, v := range top {
		if k == "update_id" {
			continue // without a valid id the update is not decodable at all
		}
		wrap := func(x json.RawMessage) []byte { return wrapField(k, x) }
		if pruned, ok := prune(v, wrap, 0); ok {
			top[k] = pruned
		} else {
			delete(top, k)
		}
	}
	fixed, merr := json.Marshal(top)
	if merr != nil {
		return err
	}
	*u = models.Update{}
	if json.Unmarshal(fixed, u) != nil {
		return err
	}
	return nil
}

// prune returns v, or v without the fields (at any depth) the update model
// refuses; ok=false when nothing of v can be kept. wrap places a value at
// v's position in an otherwise empty update.
func prune(v json.RawMessage, wrap func(json.RawMessage) []byte, depth int) (json.RawMessage, bool) {
	var probe models.Update
	if json.Unmarshal(wrap(v), &probe) == nil {
		return v, true
	}
	var obj map[string]json.RawMessage
	if depth > 8 || json.Unmarshal(v, &obj) != nil {
		return nil, false // a refused array or scalar: left out whole
	}
	for k, fv := range obj {
		inner := func(x json.RawMessage) []byte { return wrap(wrapField(k, x)) }
		if pv, ok := prune(fv, inner, depth+1); ok {
			obj[k] = pv
		} else {
			delete(obj, k)
		}
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return nil, false
	}
	if json.Unmarshal(wrap(out), &probe) != nil {
		return nil, false
	}
	return out, true
}

func wrapField(name string, v json.RawMessage) []byte {
	key, _ := json.Marshal(name)
	b := make([]byte, 0, len(key)+len(v)+3)
	b = append(b, '{')
	b = append(b, key...)
	b = append(b, ':')
	b = append(b, v...)
	return append(b, '}')
}

// toInput translates an update into a flow input. ok=false: nothing for the
// flows (edits, channel posts, reactions…), acknowledged without a step.
func toInput(u *models.Update, botUsername string) (flows.Input, bool) {
	switch {
	case u.Message != nil:
		return messageInput(u.Message, botUsername)
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in := flows.Input{Kind: flows.InputCallback, UserID: q.From.ID, Lang: q.From.LanguageCode,
			UserName: fullName(&q.From), CallbackID: q.ID, Data: q.Data, ChatID: q.From.ID, Private: true}
		if m := q.Message.Message; m != nil {
			in.ChatID, in.MessageID, in.Private = m.Chat.ID, m.ID, m.Chat.Type == models.ChatTypePrivate
		} else if m := q.Message.InaccessibleMessage; m != nil {
			in.ChatID, in.MessageID, in.Private = m.Chat.ID, m.MessageID, m.Chat.Type == models.ChatTypePrivate
		}
		return in, true
	}
	return flows.Input{}, false
}

func fullName(u *models.User) string {
	if u == nil {
		return ""
	}
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}

func messageInput(m *models.Message, botUsername string) (flows.Input, bool) {
	in := flows.Input{ChatID: m.Chat.ID, Private: m.Chat.Type == models.ChatTypePrivate}
	if m.From == nil {
		return in, false // channel or anonymous admin posts
	}
	in.UserID, in.Lang, in.UserName = m.From.ID, m.From.LanguageCode, fullName(m.From)
	switch {
	case m.Text != "":
		if cmd, args, target, ok := command(m); ok {
			if target != "" && !strings.EqualFold(target, botUsername) {
				return in, false // a command for another bot in a group
			}
			in.Kind, in.Command, in.Args = flows.InputCommand, cmd, args
			in.Addressed = target != ""
			return in, true
		}
		in.Kind, in.Text = flows.InputText, m.Text
	case m.Contact != nil:
		in.Kind, in.ContactPhone, in.ContactUserID = flows.InputContact, m.Contact.PhoneNumber, m.Contact.UserID
	default:
		in.Kind, in.Other = flows.InputOther, otherKind(m)
		if in.Other == "" {
			return in, false // service messages: joins, pins, title changes…
		}
		in.FileID, in.FileName = fileOf(m)
		in.Caption = m.Caption
	}
	return in, true
}

// fileOf returns the file_id (and name) of a message's photo (largest size),
// document, voice note, audio or video, for keeping as evidence.
func fileOf(m *models.Message) (string, string) {
	switch {
	case len(m.Photo) > 0:
		return m.Photo[len(m.Photo)-1].FileID, ""
	case m.Document != nil:
		return m.Document.FileID, m.Document.FileName
	case m.Voice != nil:
		return m.Voice.FileID, ""
	case m.Audio != nil:
		return m.Audio.FileID, m.Audio.FileName
	case m.Video != nil:
		return m.Video.FileID, m.Video.FileName
	}
	return "", ""
}

// command parses a bot_command entity at offset 0. Entity offsets count
// UTF-16 code units (the library's MatchTypeCommand gets this wrong after
// non-ASCII text), so they are converted before slicing.
func command(m *models.Message) (cmd, args, target string, ok bool) {
	for _, e := range m.Entities {
		if e.Type != models.MessageEntityTypeBotCommand || e.Offset != 0 {
			continue
		}
		u := utf16.Encode([]rune(m.Text))
		if e.Length > len(u) || e.Length < 2 {
			return "", "", "", false
		}
		word := string(utf16.Decode(u[:e.Length]))
		rest := string(utf16.Decode(u[e.Length:]))
		word = strings.TrimPrefix(word, "/")
		word, target, _ = strings.Cut(word, "@")
		return strings.ToLower(word), strings.TrimSpace(rest), target, true
	}
	// Clients always send the entity; accept a bare "/cmd" typed without one too.
	if strings.HasPrefix(m.Text, "/") && len(m.Text) > 1 {
		word, rest, _ := strings.Cut(m.Text[1:], " ")
		word, target, _ = strings.Cut(word, "@")
		if word != "" && isASCIIWord(word) {
			return strings.ToLower(word), strings.TrimSpace(rest), target, true
		}
	}
	return "", "", "", false
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// otherKind names the content of a message that is neither text nor a
// contact, or "" for a service message (joins, pins, timers…), which gets
// no answer. Telegram sends an animation with a document beside it and a
// venue with its location, so those are looked at first.
func otherKind(m *models.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case m.Photo != nil:
		return "photo"
	case m.Animation != nil:
		return "animation"
	case m.Document != nil:
		return "document"
	case m.Voice != nil:
		return "voice"
	case m.Audio != nil:
		return "audio"
	case m.Video != nil:
		return "video"
	case m.VideoNote != nil:
		return "video_note"
	case m.Venue != nil:
		return "venue"
	case m.Location != nil:
		return "location"
	case m.Poll != nil:
		return "poll"
	case m.Dice != nil:
		return "dice"
	case m.Game != nil:
		return "game"
	case m.Story != nil:
		return "story"
	case m.PaidMedia != nil:
		return "paid_media"
	case m.Checklist != nil:
		return "checklist"
	case m.Invoice != nil:
		return "invoice"
	case m.Giveaway != nil || m.GiveawayWinners != nil:
		return "giveaway"
	case m.Caption != "":
		return "media"
	}
	return ""
}

// markup is the reply_markup of an output: its inline buttons, else its
// reply keyboard, else a keyboard removal, else none.
func markup(o flows.Output) models.ReplyMarkup {
	switch {
	case len(o.Buttons) > 0:
		return keyboard(o.Buttons)
	case len(o.Keyboard) > 0:
		rows := make([][]models.KeyboardButton, 0, len(o.Keyboard))
		for _, row := range o.Keyboard {
			r := make([]models.KeyboardButton, 0, len(row))
			for _, b := range row {
				r = append(r, models.KeyboardButton{Text: b.Text, RequestContact: b.RequestContact})
			}
			rows = append(rows, r)
		}
		return &models.ReplyKeyboardMarkup{Keyboard: rows, ResizeKeyboard: true, OneTimeKeyboard: true}
	case o.RemoveKeyboard:
		return &models.ReplyKeyboardRemove{RemoveKeyboard: true}
	}
	return nil
}

// Telegram's (unpublished) inline keyboard limits: at most 8 buttons side
// by side and 100 in all. A markup beyond them is refused with the whole
// message.
const (
	maxRowButtons = 8
	maxButtons    = 100
)

// keyboard converts flow buttons into an inline keyboard (nil when none).
// A row wider than Telegram allows (a 0–10 rating) is folded into even rows,
// and buttons beyond the total limit are left off rather than lose the
// message — from the end of the rows before the last, which carries the
// way on (完成, 提交, 下一页) and is kept whole.
func keyboard(rows [][]flows.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	total := 0
	for _, row := range rows {
		total += len(row)
	}
	var last []flows.Button
	if l := rows[len(rows)-1]; total > maxButtons && len(rows) > 1 && len(l) <= maxRowButtons {
		rows, last = rows[:len(rows)-1], l
	}
	budget := maxButtons - len(last)
	kb := make([][]models.InlineKeyboardButton, 0, len(rows)+1)
	n := 0
	for _, row := range rows {
		per := len(row)
		if per > maxRowButtons {
			lines := (len(row) + maxRowButtons - 1) / maxRowButtons
			per = (len(row) + lines - 1) / lines
		}
		for len(row) > 0 && n < budget {
			k := min(per, len(row), budget-n)
			kb = append(kb, inlineRow(row[:k]))
			row, n = row[k:], n+k
		}
	}
	if len(last) > 0 {
		kb = append(kb, inlineRow(last))
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: kb}
}

func inlineRow(row []flows.Button) []models.InlineKeyboardButton {
	r := make([]models.InlineKeyboardButton, 0, len(row))
	for _, b := range row {
		r = append(r, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data, URL: b.URL})
	}
	return r
}

// maxAnswerText is Telegram's limit on a callback answer's text.
const maxAnswerText = 200

// answerText fits a callback answer's text into Telegram's 200 characters
// (a longer one is refused, and the person would see nothing at all).
func answerText(s string) string {
	if utf16Len(s) <= maxAnswerText {
		return s
	}
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > maxAnswerText-1 {
			return s[:i] + "…"
		}
		n += w
	}
	return s
}

// maxText is Telegram's limit on message text, in UTF-16 code units.
const maxText = 4096

// splitText cuts text into pieces Telegram accepts, at line breaks when it
// can. Blank text gives no piece.
func splitText(text string) []string {
	var out []string
	for utf16Len(text) > maxText {
		cut := 0
		n := 0
		for i, r := range text {
			w := 1
			if r >= 0x10000 {
				w = 2
			}
			if n+w > maxText {
				break
			}
			n += w
			_, size := utf8.DecodeRuneInString(text[i:]) // 1 for an invalid byte
			cut = i + size
		}
		if nl := strings.LastIndex(text[:cut], "\n"); nl > cut/2 {
			cut = nl + 1
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	out = append(out, text)
	// Telegram trims a message and refuses one left empty: a piece of
	// nothing but whitespace (after a cut, or the whole text) is not sent.
	return slices.DeleteFunc(out, func(p string) bool { return strings.TrimSpace(p) == "" })
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
