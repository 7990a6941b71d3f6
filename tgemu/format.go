package tgemu

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// utf16Len returns the length of s in UTF-16 code units, the unit Telegram
// uses for text limits and entity offsets.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // invalid UTF-8 decodes as U+FFFD, one unit
	}
	return n
}

// formatText turns a text parameter plus parse_mode or entities into the
// text and entities of the resulting message, as Telegram does: markup is
// parsed, leading and trailing white space is trimmed and entity offsets are
// in UTF-16 code units.
func formatText(text, parseMode, entitiesJSON string) (string, []models.MessageEntity, *APIError) {
	var ents []models.MessageEntity
	var err error
	switch {
	case entitiesJSON != "":
		if e := json.Unmarshal([]byte(entitiesJSON), &ents); e != nil {
			return "", nil, violation("Bad Request: can't parse entities JSON object")
		}
		n := utf16Len(text)
		for _, e := range ents {
			if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > n {
				return "", nil, violation("Bad Request: entity %s at offset %d length %d is out of the text (%d UTF-16 units)", e.Type, e.Offset, e.Length, n)
			}
		}
	case parseMode == "":
	case strings.EqualFold(parseMode, "HTML"):
		text, ents, err = parseHTML(text)
	case parseMode == "MarkdownV2":
		text, ents, err = parseMarkdownV2(text)
	case strings.EqualFold(parseMode, "Markdown"):
		text, ents, err = parseMarkdown(text)
	default:
		return "", nil, violation("Bad Request: unsupported parse_mode")
	}
	if err != nil {
		return "", nil, violation("Bad Request: can't parse entities: %s", err.Error())
	}
	text, ents = trimText(text, ents)
	return text, ents, nil
}

// trimText strips leading and trailing white space and moves entities along.
func trimText(text string, ents []models.MessageEntity) (string, []models.MessageEntity) {
	trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
	shift := utf16Len(text[:len(text)-len(trimmed)])
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	n := utf16Len(trimmed)
	if shift == 0 && n == utf16Len(text) {
		return text, ents
	}
	var out []models.MessageEntity
	for _, e := range ents {
		start, end := e.Offset-shift, e.Offset+e.Length-shift
		start = max(start, 0)
		end = min(end, n)
		if end <= start {
			continue
		}
		e.Offset, e.Length = start, end-start
		out = append(out, e)
	}
	return trimmed, out
}

// entityWriter accumulates output text and entities with UTF-16 offsets.
type entityWriter struct {
	out  strings.Builder
	u16  int
	ents []models.MessageEntity
}

// writeRune writes one character of output text.
func (w *entityWriter) writeRune(r rune) {
	w.out.WriteRune(r)
	w.u16 += utf16.RuneLen(r)
}

// writeString writes output text.
func (w *entityWriter) writeString(s string) {
	for _, r := range s {
		w.writeRune(r)
	}
}

// addText writes text as the content of a new entity e.
func (w *entityWriter) addText(e models.MessageEntity, text string) {
	start := w.u16
	w.writeString(text)
	w.add(e, start)
}

// add records entity e from the UTF-16 offset start to the current output;
// an empty entity is dropped.
func (w *entityWriter) add(e models.MessageEntity, start int) {
	e.Offset, e.Length = start, w.u16-start
	if e.Length > 0 {
		w.ents = append(w.ents, e)
	}
}

// result returns the text and its entities sorted by offset, longer ones
// first where two start together.
func (w *entityWriter) result() (string, []models.MessageEntity, error) {
	sort.SliceStable(w.ents, func(i, j int) bool {
		if w.ents[i].Offset != w.ents[j].Offset {
			return w.ents[i].Offset < w.ents[j].Offset
		}
		return w.ents[i].Length > w.ents[j].Length
	})
	return w.out.String(), w.ents, nil
}

// mentionedUser returns the user a "tg://user?id=" link points to, or nil
// for any other URL.
func mentionedUser(url string) *models.User {
	id, ok := strings.CutPrefix(url, "tg://user?id=")
	if !ok {
		return nil
	}
	uid, _ := strconv.ParseInt(id, 10, 64)
	return &models.User{ID: uid}
}
