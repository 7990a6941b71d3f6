package tgemu

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Limits of an inline keyboard.
const (
	maxButtons = 100
	// maxRowButtons is the widest row of an inline keyboard. Telegram does
	// not publish it; its clients show at most 8 buttons side by side and
	// the server refuses wider rows, so a bot must not send them.
	maxRowButtons = 8
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

// sameMarkup reports whether two inline keyboards are equal.
func sameMarkup(a, b *models.InlineKeyboardMarkup) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// sameEntities reports whether two entity lists are equal, none and empty
// alike.
func sameEntities(a, b []models.MessageEntity) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}
