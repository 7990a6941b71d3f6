package tgemu

import (
	"fmt"
	"net/http"
)

// APIError is an error answer of the Bot API: {"ok":false,"error_code":Code,
// "description":Description,"parameters":{...}}. The HTTP status equals Code.
// Inject hooks return one to make the emulator fail a call.
type APIError struct {
	Code            int
	Description     string
	RetryAfter      int   // parameters.retry_after, for 429
	MigrateToChatID int64 // parameters.migrate_to_chat_id, for 400 after a migration

	violation bool // the bot broke the spec or a documented limit
}

// Error returns the Telegram description with its code.
func (e *APIError) Error() string {
	return fmt.Sprintf("telegram: %d %s", e.Code, e.Description)
}

// TooManyRequests returns the 429 answer Telegram gives to flooding bots.
func TooManyRequests(retryAfter int) *APIError {
	return &APIError{
		Code:        http.StatusTooManyRequests,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		RetryAfter:  retryAfter,
	}
}

// BadRequest returns a 400 answer; desc is prefixed with "Bad Request: ".
func BadRequest(desc string) *APIError {
	return &APIError{Code: http.StatusBadRequest, Description: "Bad Request: " + desc}
}

// Forbidden returns a 403 answer; desc is prefixed with "Forbidden: ".
func Forbidden(desc string) *APIError {
	return &APIError{Code: http.StatusForbidden, Description: "Forbidden: " + desc}
}

// violation returns a 400 answer that is also recorded in Violations.
func violation(format string, args ...any) *APIError {
	return &APIError{Code: http.StatusBadRequest, Description: fmt.Sprintf(format, args...), violation: true}
}

// errUnauthorized is the 401 answer to a wrong token or a logged-out bot.
func errUnauthorized() *APIError {
	return &APIError{Code: http.StatusUnauthorized, Description: "Unauthorized"}
}

// errNotFound is the 404 answer to an unknown path or method.
func errNotFound() *APIError {
	return &APIError{Code: http.StatusNotFound, Description: "Not Found"}
}

// errChatNotFound is the 400 answer to a chat_id the emulator does not know.
func errChatNotFound() *APIError { return BadRequest("chat not found") }

// Telegram's descriptions of errors that depend on state, word for word.
const (
	descTerminatedByOther = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	descWebhookActive     = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
	descNotModified       = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
	descQueryTooOld       = "query is too old and response timeout expired or query ID is invalid"
)
