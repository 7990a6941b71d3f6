package tgemu

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"
)

// Call is one Bot API request as the server saw it.
type Call struct {
	Method      string            // canonical name, e.g. "sendMessage"; as sent if unknown
	Params      map[string]string // every non-file parameter, JSON values as strings
	Files       []UploadedFile    // multipart file parts
	Time        time.Time         // by the server clock
	Status      int               // HTTP status answered; 0 while an Inject hook runs
	Description string            // error description, "" on success
}

// UploadedFile describes one multipart file part of a call.
type UploadedFile struct {
	Field    string
	Filename string
	Size     int
}

// finish records a finished call.
func (s *Server) finish(call Call, e *APIError, note string) {
	call.Status = http.StatusOK
	if e != nil {
		call.Status, call.Description = e.Code, e.Description
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
	s.counts[call.Method]++
	if e != nil && (e.violation || note != "") {
		if note == "" {
			note = e.Description
		}
		s.violations = append(s.violations, call.Method+": "+note)
	}
}

// Calls returns every call received so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsTo returns the calls of one method (canonical spelling).
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Counts returns the number of calls per method, failed ones included.
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// Violations returns one line per call that broke the Bot API spec or a
// documented limit ("sendMessage: Bad Request: message is too long"). A bot
// under test should leave it empty. Errors that depend on state (message not
// found, not modified, query too old, blocked, migrated) are not violations;
// find them in Calls.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// Warnings returns things Telegram silently tolerates but which hint at a
// bug: unknown parameters or object fields, URLs the emulator cannot fetch.
func (s *Server) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.warnings)
}

// Inject sets a hook consulted before each call that passed the spec checks;
// a non-nil APIError is answered instead of executing the call. Inject(nil)
// removes the hook. The hook runs without locks held and may be called
// concurrently.
func (s *Server) Inject(hook func(call Call) *APIError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inject = hook
}

// warnf records a warning. Must hold s.mu.
func (s *Server) warnf(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}
