package playground

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// state serves GET /api/state.
func (s *Server) state(w http.ResponseWriter, r *http.Request) {
	bot := s.opt.Emulator.Bot()
	st := stateView{Bot: botView{ID: bot.ID, Username: bot.Username, Name: bot.FirstName}, Clock: s.clockView()}
	for _, p := range s.opt.People {
		pv := s.personNow(r.Context(), p)
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

// chat serves GET /api/chats/{id}.
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
	cv.Description, cv.About = s.opt.Emulator.Description(p.User().LanguageCode)
	writeJSON(w, cv)
}

// maxUserText is Telegram's limit on a message a person sends.
const maxUserText = 4096

// send serves POST /api/chats/{id}/messages: the person sends a text.
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

// press serves POST /api/chats/{id}/press: the person taps a button of
// a message the bot sent them.
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

// contact serves POST /api/chats/{id}/contact: the person shares their
// phone number.
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

// advance serves POST /api/clock: demo time moves forward, the jobs due
// run, and every events stream is told.
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
	s.publishClock(cv.Now)
	s.opt.Log.Info("playground clock advanced", "by", d, "now", cv.Now, "runs", len(runs))
	writeJSON(w, map[string]any{"clock": cv, "jobs": RunCounts(runs)})
}

// file serves GET /api/files/{id}: a file the bot sent, as an attachment
// unless it is a photo.
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

// writeJSON answers v as JSON, never cached.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// readJSON decodes a body of at most 64 KiB into v; on failure it answers
// the error and returns false.
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

// httpError answers {"error": msg} with code.
func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
