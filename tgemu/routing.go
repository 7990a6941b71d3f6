package tgemu

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// methodFunc executes one Bot API method. Unless noted in methodTable it runs
// with s.mu held.
type methodFunc func(ctx context.Context, r *request) (any, *APIError)

// errCanceled marks a call whose client went away; nothing is written.
var errCanceled = &APIError{Code: 499, Description: "client closed request"}

// serveHTTP routes /file/bot{token}/{path} to serveFile and
// /bot{token}/{method} to do, and writes the answer.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		writeAPI(w, nil, errNotFound())
		return
	}
	token, method, ok := strings.Cut(rest, "/")
	if !ok || method == "" {
		writeAPI(w, nil, errNotFound())
		return
	}
	if !s.tokenOK(token) {
		writeAPI(w, nil, errUnauthorized())
		return
	}
	params, files, err := parseRequest(r)
	if err != nil {
		writeAPI(w, nil, violation("Bad Request: %s", err.Error()))
		return
	}
	res, apiErr := s.do(r.Context(), method, params, files)
	if apiErr == errCanceled {
		return
	}
	writeAPI(w, res, apiErr)
}

// tokenOK reports whether token may call the API: one of WithToken's (any
// non-empty token without it), and the bot has not logged out.
func (s *Server) tokenOK(token string) bool {
	s.mu.Lock()
	out := s.loggedOut
	s.mu.Unlock()
	if out {
		return false
	}
	if len(s.cfg.tokens) == 0 {
		return token != ""
	}
	return slices.Contains(s.cfg.tokens, token)
}

// do checks and executes one call and records it.
func (s *Server) do(ctx context.Context, method string, params map[string]string, files map[string]*upload) (any, *APIError) {
	call := Call{Method: method, Params: params, Time: s.now()}
	for _, field := range slices.Sorted(maps.Keys(files)) {
		call.Files = append(call.Files, UploadedFile{Field: field, Filename: files[field].filename, Size: len(files[field].data)})
	}
	name, known := s.spec.canonical(method)
	if !known {
		e := errNotFound()
		s.finish(call, e, "unknown method "+strconv.Quote(method))
		return nil, e
	}
	call.Method = name
	check := s.spec.checkCall(name, params, files)
	s.mu.Lock()
	s.warnings = append(s.warnings, check.warnings...)
	hook := s.inject
	s.mu.Unlock()
	if check.err != nil {
		s.finish(call, check.err, "")
		return nil, check.err
	}
	if hook != nil {
		probe := call
		probe.Params = maps.Clone(params)
		if e := hook(probe); e != nil {
			s.finish(call, e, "")
			return nil, e
		}
	}
	fn := s.methods[name]
	if fn == nil {
		e := &APIError{Code: http.StatusNotImplemented, Description: "Not Implemented: tgemu does not emulate " + name}
		s.finish(call, e, "")
		return nil, e
	}
	res, e := fn(ctx, &request{method: name, params: params, files: files})
	s.finish(call, e, "")
	return res, e
}

// writeAPI writes a Bot API answer with the matching HTTP status.
func writeAPI(w http.ResponseWriter, result any, e *APIError) {
	w.Header().Set("Content-Type", "application/json")
	if e != nil {
		body := map[string]any{"ok": false, "error_code": e.Code, "description": e.Description}
		switch {
		case e.RetryAfter > 0:
			body["parameters"] = map[string]any{"retry_after": e.RetryAfter}
		case e.MigrateToChatID != 0:
			body["parameters"] = map[string]any{"migrate_to_chat_id": e.MigrateToChatID}
		}
		w.WriteHeader(e.Code)
		_ = json.NewEncoder(w).Encode(body)
		return
	}
	raw, err := json.Marshal(result)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"ok":false,"error_code":500,"description":"Internal Server Error: %s"}`, strings.ReplaceAll(err.Error(), `"`, `'`))
		return
	}
	var b bytes.Buffer
	b.WriteString(`{"ok":true,"result":`)
	b.Write(raw)
	b.WriteString("}\n")
	_, _ = w.Write(b.Bytes())
}

// methodTable maps canonical method names to their implementations.
func (s *Server) methodTable() map[string]methodFunc {
	locked := func(fn methodFunc) methodFunc {
		return func(ctx context.Context, r *request) (any, *APIError) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return fn(ctx, r)
		}
	}
	return map[string]methodFunc{
		"getUpdates":             s.getUpdates, // manages s.mu itself
		"setWebhook":             locked(s.setWebhook),
		"deleteWebhook":          locked(s.deleteWebhook),
		"getWebhookInfo":         locked(s.getWebhookInfo),
		"getMe":                  locked(s.getMe),
		"logOut":                 locked(s.logOut),
		"close":                  locked(s.closeMethod),
		"sendMessage":            locked(s.sendMessage),
		"sendPhoto":              locked(s.sendMedia("photo")),
		"sendDocument":           locked(s.sendMedia("document")),
		"sendVoice":              locked(s.sendMedia("voice")),
		"sendAudio":              locked(s.sendMedia("audio")),
		"sendVideo":              locked(s.sendMedia("video")),
		"sendContact":            locked(s.sendContact),
		"sendChatAction":         locked(s.sendChatAction),
		"editMessageText":        locked(s.editMessageText),
		"editMessageCaption":     locked(s.editMessageCaption),
		"editMessageReplyMarkup": locked(s.editMessageReplyMarkup),
		"deleteMessage":          locked(s.deleteMessage),
		"deleteMessages":         locked(s.deleteMessages),
		"answerCallbackQuery":    locked(s.answerCallbackQuery),
		"setMyCommands":          locked(s.setMyCommands),
		"getMyCommands":          locked(s.getMyCommands),
		"deleteMyCommands":       locked(s.deleteMyCommands),
		"setMyDescription":       locked(s.setDescription(longDescription)),
		"getMyDescription":       locked(s.getDescription(longDescription)),
		"setMyShortDescription":  locked(s.setDescription(shortDescription)),
		"getMyShortDescription":  locked(s.getDescription(shortDescription)),
		"getChat":                locked(s.getChat),
		"getFile":                locked(s.getFile),
	}
}
