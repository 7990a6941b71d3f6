package playground

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"sibu/flows/kit"
	"sibu/tgemu"
)

// stateView is GET /api/state: the bot, the demo time and the demo people.
type stateView struct {
	Bot    botView      `json:"bot"`
	Clock  clockView    `json:"clock"`
	People []personView `json:"people"`
}

// botView is the bot as the page shows it.
type botView struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
}

// clockView is the demo time as the page shows it.
type clockView struct {
	Now      time.Time `json:"now"`
	Label    string    `json:"label"`  // e.g. 2026-11-02 周一 09:30
	Offset   int64     `json:"offset"` // seconds ahead of the wall clock
	Settable bool      `json:"settable"`
}

// personView is a demo person with their role's label and last message.
type personView struct {
	Person
	RoleLabel string       `json:"role_label"`
	Last      *messageView `json:"last,omitempty"`
}

// chatView is GET /api/chats/{id}: one person's chat.
type chatView struct {
	ID       int64               `json:"id"`
	Messages []messageView       `json:"messages"`
	Keyboard *replyKeyboard      `json:"keyboard"`
	Commands []models.BotCommand `json:"commands"`
	// Description is what the bot set with setMyDescription for the
	// person's language: an empty chat shows it, as Telegram does.
	Description string `json:"description,omitempty"`
	// About is the short description (the bot's profile).
	About string `json:"about,omitempty"`
}

// buttonView is an inline button.
type buttonView struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// fileView is a photo, document or voice note; the page fetches it from
// /api/files/{id}.
type fileView struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	MIME     string `json:"mime,omitempty"`
	Size     int64  `json:"size"`
	Width    int    `json:"width,omitempty"`
	Height   int    `json:"height,omitempty"`
	Duration int    `json:"duration,omitempty"` // seconds, of a voice note
}

// contactView is a shared contact.
type contactView struct {
	Phone string `json:"phone"`
	Name  string `json:"name"`
}

// messageView is one message as the page draws it.
type messageView struct {
	ID       int                    `json:"id"`
	ChatID   int64                  `json:"chat_id"`
	FromBot  bool                   `json:"from_bot"`
	Date     int64                  `json:"date"`
	Edited   bool                   `json:"edited,omitempty"`
	Deleted  bool                   `json:"deleted,omitempty"`
	Text     string                 `json:"text,omitempty"` // text or caption
	Entities []models.MessageEntity `json:"entities,omitempty"`
	Photo    *fileView              `json:"photo,omitempty"`
	Document *fileView              `json:"document,omitempty"`
	Voice    *fileView              `json:"voice,omitempty"`
	Contact  *contactView           `json:"contact,omitempty"`
	Other    string                 `json:"other,omitempty"` // sticker emoji, "location"…
	Buttons  [][]buttonView         `json:"buttons,omitempty"`
}

// replyKeyboard is a ReplyKeyboardMarkup as the page needs it.
type replyKeyboard struct {
	Keyboard [][]struct {
		Text           string `json:"text"`
		RequestContact bool   `json:"request_contact,omitempty"`
	} `json:"keyboard"`
	OneTime     bool   `json:"one_time_keyboard,omitempty"`
	Placeholder string `json:"input_field_placeholder,omitempty"`
}

// eventView is one Server-Sent Event of /api/events.
type eventView struct {
	Type     string         `json:"type"` // message, edit, delete, callback_answer, commands, description, clock
	ChatID   int64          `json:"chat_id,omitempty"`
	Message  *messageView   `json:"message,omitempty"`
	Person   *personView    `json:"person,omitempty"` // message: the chat's person as they are now (joined, moved)
	Keyboard *replyKeyboard `json:"keyboard,omitempty"`
	Callback *callbackView  `json:"callback,omitempty"`
	Clock    *clockView     `json:"clock,omitempty"`
}

// callbackView is the bot's answer to a button press.
type callbackView struct {
	UserID int64  `json:"user_id"`
	Text   string `json:"text,omitempty"`
	Alert  bool   `json:"alert,omitempty"`
}

// view returns m as the page draws it: text or caption, the attachment,
// the inline keyboard.
func view(m tgemu.Message) messageView {
	v := messageView{ID: m.ID, ChatID: m.Chat.ID, FromBot: m.FromBot, Date: int64(m.Date), Edited: m.EditDate != 0, Deleted: m.Deleted}
	v.Text, v.Entities = m.Text, m.Entities
	if v.Text == "" {
		v.Text, v.Entities = m.Caption, m.CaptionEntities
	}
	switch {
	case len(m.Photo) > 0:
		p := m.Photo[len(m.Photo)-1]
		v.Photo = &fileView{ID: p.FileID, Size: int64(p.FileSize), Width: p.Width, Height: p.Height}
	case m.Document != nil:
		v.Document = &fileView{ID: m.Document.FileID, Name: m.Document.FileName, MIME: m.Document.MimeType, Size: m.Document.FileSize}
	case m.Contact != nil:
		v.Contact = &contactView{Phone: m.Contact.PhoneNumber, Name: strings.TrimSpace(m.Contact.FirstName + " " + m.Contact.LastName)}
	case m.Sticker != nil:
		v.Other = m.Sticker.Emoji
	case m.Voice != nil:
		v.Voice = &fileView{ID: m.Voice.FileID, MIME: m.Voice.MimeType, Size: m.Voice.FileSize, Duration: m.Voice.Duration}
	case m.Location != nil:
		v.Other = "location"
	}
	if m.ReplyMarkup != nil {
		for _, row := range m.ReplyMarkup.InlineKeyboard {
			r := make([]buttonView, 0, len(row))
			for _, b := range row {
				r = append(r, buttonView{Text: b.Text, Data: b.CallbackData, URL: b.URL})
			}
			v.Buttons = append(v.Buttons, r)
		}
	}
	return v
}

// keyboard returns the reply keyboard the chat shows, or nil.
func (s *Server) keyboard(chatID int64) *replyKeyboard {
	raw := s.opt.Emulator.Keyboard(chatID)
	if raw == nil {
		return nil
	}
	var kb replyKeyboard
	if json.Unmarshal(raw, &kb) != nil {
		return nil
	}
	return &kb
}

// weekdays are the days of the week as the clock label writes them.
var weekdays = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// clockView returns the demo time, in Options.Location.
func (s *Server) clockView() clockView {
	now := s.opt.Clock.Now().In(s.opt.Location)
	return clockView{Now: now.Truncate(time.Second), Label: now.Format("2006-01-02 ") + weekdays[now.Weekday()] + now.Format(" 15:04"),
		Offset: int64(s.opt.Clock.Offset().Seconds()), Settable: s.opt.Advancer != nil}
}

// roleLabels name the roles as the page shows them.
var roleLabels = map[kit.Role]string{kit.RoleOfficial: "组织部门", kit.RoleSupervisor: "支部书记",
	kit.RoleMonitor: "履诺监督员", kit.RoleInspector: "纪检", kit.RoleMember: "成员", "": "访客"}
