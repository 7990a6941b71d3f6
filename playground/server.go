package playground

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"sibu/flows/kit"
	"sibu/scheduler"
	"sibu/tgemu"
)

//go:embed web
var webFS embed.FS

// Advancer moves demo time: *Timekeeper.
type Advancer interface {
	Advance(ctx context.Context, d time.Duration) (time.Time, []scheduler.Run)
}

// Options configure a Server.
type Options struct {
	Emulator *tgemu.Server
	People   []Person
	Clock    *Clock
	Advancer Advancer       // nil: the clock cannot be moved
	Location *time.Location // for the time shown (default Asia/Shanghai as UTC+8)
	Log      *slog.Logger
}

// Server serves the page and its API.
type Server struct {
	opt    Options
	people map[int64]Person
	mux    *http.ServeMux

	mu        sync.Mutex
	clockSubs map[chan time.Time]struct{}
}

// New returns a Server for the emulator and people in opt.
func New(opt Options) *Server {
	if opt.Location == nil {
		opt.Location = time.FixedZone("CST", 8*3600)
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	s := &Server{opt: opt, people: map[int64]Person{}, mux: http.NewServeMux(), clockSubs: map[chan time.Time]struct{}{}}
	for _, p := range opt.People {
		s.people[p.ID] = p
	}
	static, _ := fs.Sub(webFS, "web")
	s.mux.Handle("GET /", http.FileServerFS(static))
	s.mux.HandleFunc("GET /api/state", s.state)
	s.mux.HandleFunc("GET /api/chats/{id}", s.chat)
	s.mux.HandleFunc("POST /api/chats/{id}/messages", s.send)
	s.mux.HandleFunc("POST /api/chats/{id}/press", s.press)
	s.mux.HandleFunc("POST /api/chats/{id}/contact", s.contact)
	s.mux.HandleFunc("POST /api/clock", s.advance)
	s.mux.HandleFunc("GET /api/files/{id}", s.file)
	s.mux.HandleFunc("GET /api/events", s.events)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && !sameOrigin(r) {
		httpError(w, http.StatusForbidden, "cross-origin request refused")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// sameOrigin refuses POSTs from other sites' pages (a page elsewhere must
// not play people or move the clock through a browser on this machine).
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return r.Header.Get("Sec-Fetch-Site") == "" || r.Header.Get("Sec-Fetch-Site") == "same-origin"
	}
	return strings.TrimPrefix(strings.TrimPrefix(origin, "http://"), "https://") == r.Host
}

// Views sent to the page.

type stateView struct {
	Bot    botView      `json:"bot"`
	Clock  clockView    `json:"clock"`
	People []personView `json:"people"`
}

type botView struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
}

type clockView struct {
	Now      time.Time `json:"now"`
	Label    string    `json:"label"`  // e.g. 2026-11-02 周一 09:30
	Offset   int64     `json:"offset"` // seconds ahead of the wall clock
	Settable bool      `json:"settable"`
}

type personView struct {
	Person
	RoleLabel string       `json:"role_label"`
	Last      *messageView `json:"last,omitempty"`
}

type chatView struct {
	ID       int64               `json:"id"`
	Messages []messageView       `json:"messages"`
	Keyboard *replyKeyboard      `json:"keyboard"`
	Commands []models.BotCommand `json:"commands"`
}

type buttonView struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

type fileView struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	MIME   string `json:"mime,omitempty"`
	Size   int64  `json:"size"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

type contactView struct {
	Phone string `json:"phone"`
	Name  string `json:"name"`
}

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
	Contact  *contactView           `json:"contact,omitempty"`
	Other    string                 `json:"other,omitempty"` // sticker emoji, "voice", "location"…
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

type eventView struct {
	Type     string         `json:"type"` // message, edit, delete, callback_answer, commands, clock
	ChatID   int64          `json:"chat_id,omitempty"`
	Message  *messageView   `json:"message,omitempty"`
	Keyboard *replyKeyboard `json:"keyboard,omitempty"`
	Callback *callbackView  `json:"callback,omitempty"`
	Clock    *clockView     `json:"clock,omitempty"`
}

type callbackView struct {
	UserID int64  `json:"user_id"`
	Text   string `json:"text,omitempty"`
	Alert  bool   `json:"alert,omitempty"`
}

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
		v.Other = "voice"
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

var weekdays = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

func (s *Server) clockView() clockView {
	now := s.opt.Clock.Now().In(s.opt.Location)
	return clockView{Now: now.Truncate(time.Second), Label: now.Format("2006-01-02 ") + weekdays[now.Weekday()] + now.Format(" 15:04"),
		Offset: int64(s.opt.Clock.Offset().Seconds()), Settable: s.opt.Advancer != nil}
}

var roleLabels = map[kit.Role]string{kit.RoleOfficial: "组织部门", kit.RoleSupervisor: "支部书记",
	kit.RoleMonitor: "履诺监督员", kit.RoleMember: "成员", "": "访客"}

// Handlers.

func (s *Server) state(w http.ResponseWriter, _ *http.Request) {
	bot := s.opt.Emulator.Bot()
	st := stateView{Bot: botView{ID: bot.ID, Username: bot.Username, Name: bot.FirstName}, Clock: s.clockView()}
	for _, p := range s.opt.People {
		pv := personView{Person: p, RoleLabel: roleLabels[p.Role]}
		if msgs := s.opt.Emulator.Messages(p.ID); len(msgs) > 0 {
			v := view(msgs[len(msgs)-1])
			pv.Last = &v
		}
		st.People = append(st.People, pv)
	}
	writeJSON(w, st)
}

// person resolves {id} to a demo person; only they can be played.
func (s *Server) person(w http.ResponseWriter, r *http.Request) (Person, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, ok := s.people[id]
	if err != nil || !ok {
		httpError(w, http.StatusNotFound, "no such demo person")
		return Person{}, false
	}
	return p, true
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	p, ok := s.person(w, r)
	if !ok {
		return
	}
	cv := chatView{ID: p.ID, Messages: []messageView{}, Keyboard: s.keyboard(p.ID),
		Commands: s.opt.Emulator.CommandsFor(p.ID, p.ID, p.User().LanguageCode)}
	for _, m := range s.opt.Emulator.Messages(p.ID) {
		cv.Messages = append(cv.Messages, view(m))
	}
	if cv.Commands == nil {
		cv.Commands = []models.BotCommand{}
	}
	writeJSON(w, cv)
}

// maxUserText is Telegram's limit on a message a person sends.
const maxUserText = 4096

func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	p, ok := s.person(w, r)
	if !ok {
		return
	}
	var body struct {
		Text string `json:"text"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	text := strings.TrimSpace(body.Text)
	switch {
	case text == "":
		httpError(w, http.StatusBadRequest, "text is empty")
		return
	case utf8.RuneCountInString(text) > maxUserText:
		httpError(w, http.StatusBadRequest, "text is longer than 4096 characters")
		return
	}
	upd := s.opt.Emulator.SendText(p.User(), text)
	writeJSON(w, map[string]any{"message_id": upd.Message.ID})
}

func (s *Server) press(w http.ResponseWriter, r *http.Request) {
	p, ok := s.person(w, r)
	if !ok {
		return
	}
	var body struct {
		MessageID int    `json:"message_id"`
		Data      string `json:"data"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	m, found := s.opt.Emulator.GetMessage(p.ID, body.MessageID)
	if !found || !m.FromBot || m.Deleted || body.Data == "" {
		httpError(w, http.StatusBadRequest, "no such button")
		return
	}
	upd := s.opt.Emulator.Press(p.User(), p.ID, body.MessageID, body.Data)
	writeJSON(w, map[string]any{"callback_id": upd.CallbackQuery.ID})
}

func (s *Server) contact(w http.ResponseWriter, r *http.Request) {
	p, ok := s.person(w, r)
	if !ok {
		return
	}
	upd := s.opt.Emulator.ShareContact(p.User(), p.Phone, p.ID)
	writeJSON(w, map[string]any{"message_id": upd.Message.ID})
}

// advanceSteps are the moves the page offers.
var advanceSteps = map[string]time.Duration{"1h": time.Hour, "24h": 24 * time.Hour, "168h": 7 * 24 * time.Hour}

func (s *Server) advance(w http.ResponseWriter, r *http.Request) {
	if s.opt.Advancer == nil {
		httpError(w, http.StatusConflict, "the clock cannot be changed")
		return
	}
	var body struct {
		Advance string `json:"advance"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	d, ok := advanceSteps[body.Advance]
	if !ok {
		httpError(w, http.StatusBadRequest, `advance must be "1h", "24h" or "168h"`)
		return
	}
	_, runs := s.opt.Advancer.Advance(r.Context(), d)
	cv := s.clockView()
	s.mu.Lock()
	for ch := range s.clockSubs {
		select {
		case ch <- cv.Now:
		default:
		}
	}
	s.mu.Unlock()
	s.opt.Log.Info("playground clock advanced", "by", d, "now", cv.Now, "runs", len(runs))
	writeJSON(w, map[string]any{"clock": cv, "jobs": RunCounts(runs)})
}

func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	f, ok := s.opt.Emulator.File(r.PathValue("id"))
	if !ok {
		httpError(w, http.StatusNotFound, "no such file")
		return
	}
	ct := f.MIMEType
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(f.Name))
	}
	if ct == "" {
		ct = http.DetectContentType(f.Data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if f.Kind != "photo" {
		name := f.Name
		if name == "" {
			name = "file"
		}
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	w.Write(f.Data)
}

// events streams every change as Server-Sent Events, one JSON eventView
// per "data:" line. The page re-reads a chat after reconnecting.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		httpError(w, http.StatusInternalServerError, "streaming unsupported")
		return
	}
	evs, stop := s.opt.Emulator.Subscribe()
	defer stop()
	clk := make(chan time.Time, 4)
	s.mu.Lock()
	s.clockSubs[clk] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clockSubs, clk)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 1000\n\n")
	fl.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	enc := func(ev eventView) {
		b, _ := json.Marshal(ev)
		fmt.Fprintf(w, "data: %s\n\n", b)
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-clk:
			cv := s.clockView()
			enc(eventView{Type: "clock", Clock: &cv})
		case ev, ok := <-evs:
			if !ok {
				return
			}
			out, send := s.translate(ev)
			if !send {
				continue
			}
			enc(out)
		}
		fl.Flush()
	}
}

// translate turns an emulator event into what the page needs; events of
// chats that are not demo people's are dropped.
func (s *Server) translate(ev tgemu.Event) (eventView, bool) {
	out := eventView{Type: string(ev.Type), ChatID: ev.ChatID}
	switch ev.Type {
	case tgemu.EventMessage, tgemu.EventEdit, tgemu.EventDelete:
		if _, ok := s.people[ev.ChatID]; !ok || ev.Message == nil {
			return out, false
		}
		v := view(*ev.Message)
		out.Message = &v
		out.Keyboard = s.keyboard(ev.ChatID)
	case tgemu.EventCallbackAnswer:
		if ev.Callback == nil {
			return out, false
		}
		out.Callback = &callbackView{UserID: ev.Callback.UserID, Text: ev.Callback.Text, Alert: ev.Callback.ShowAlert}
	case tgemu.EventCommands:
	default:
		return out, false
	}
	return out, true
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, "body too large")
		} else {
			httpError(w, http.StatusBadRequest, "bad JSON body")
		}
		return false
	}
	return true
}

func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
