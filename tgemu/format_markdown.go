package tgemu

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// markdownV2Reserved are the characters MarkdownV2 requires to be escaped
// outside of entities.
const markdownV2Reserved = "_*[]()~`>#+-=|{}.!"

type mdOpen struct {
	kind  string // "*", "_", "__", "~", "||", "[", "!["
	start int    // UTF-16 offset in output
	at    int    // byte offset in input
}

func mdKindEntity(kind string) (models.MessageEntityType, string) {
	switch kind {
	case "*":
		return models.MessageEntityTypeBold, "Bold"
	case "_":
		return models.MessageEntityTypeItalic, "Italic"
	case "__":
		return models.MessageEntityTypeUnderline, "Underline"
	case "~":
		return models.MessageEntityTypeStrikethrough, "Strikethrough"
	case "||":
		return models.MessageEntityTypeSpoiler, "Spoiler"
	case "[":
		return models.MessageEntityTypeTextLink, "TextUrl"
	case "![":
		return models.MessageEntityTypeCustomEmoji, "CustomEmoji"
	}
	return "", kind
}

// parseMarkdownV2 parses Telegram's MarkdownV2, including its rule that
// reserved characters must be escaped.
func parseMarkdownV2(s string) (string, []models.MessageEntity, error) {
	var w entityWriter
	var stack []mdOpen
	quoteStart := -1
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		if lineStart {
			lineStart = false
			if c == '>' {
				if quoteStart < 0 {
					quoteStart = w.u16
				}
				i++
				continue
			}
			if quoteStart >= 0 {
				w.add(models.MessageEntity{Type: models.MessageEntityTypeBlockquote}, quoteStart)
				quoteStart = -1
			}
		}
		switch {
		case c == '\\':
			if i+1 < len(s) && s[i+1] > 0 && s[i+1] < 127 {
				w.writeRune(rune(s[i+1]))
				i += 2
				continue
			}
			return "", nil, fmt.Errorf("Character '\\' is reserved and must be escaped with the preceding '\\'")
		case c == '`':
			if strings.HasPrefix(s[i:], "```") {
				rest := s[i+3:]
				lang := ""
				if nl := strings.IndexByte(rest, '\n'); nl >= 0 && !strings.Contains(rest[:nl], "```") {
					lang, rest = strings.TrimSpace(rest[:nl]), rest[nl+1:]
				}
				body, n, ok := mdCode(rest, "```")
				if !ok {
					return "", nil, fmt.Errorf("Can't find end of Pre entity at byte offset %d", i)
				}
				start := w.u16
				w.writeString(body)
				w.add(models.MessageEntity{Type: models.MessageEntityTypePre, Language: lang}, start)
				i = len(s) - len(rest) + n
				continue
			}
			body, n, ok := mdCode(s[i+1:], "`")
			if !ok {
				return "", nil, fmt.Errorf("Can't find end of Code entity at byte offset %d", i)
			}
			start := w.u16
			w.writeString(body)
			w.add(models.MessageEntity{Type: models.MessageEntityTypeCode}, start)
			i += 1 + n
			continue
		case c == '!' && strings.HasPrefix(s[i:], "!["):
			stack = append(stack, mdOpen{kind: "![", start: w.u16, at: i})
			i += 2
			continue
		case c == '[':
			stack = append(stack, mdOpen{kind: "[", start: w.u16, at: i})
			i++
			continue
		case c == ']':
			k := len(stack) - 1
			if k < 0 || (stack[k].kind != "[" && stack[k].kind != "![") {
				return "", nil, fmt.Errorf("Character ']' is reserved and must be escaped with the preceding '\\'")
			}
			if i+1 >= len(s) || s[i+1] != '(' {
				return "", nil, fmt.Errorf("Can't find end of a url at byte offset %d", i)
			}
			url, n, ok := mdCode(s[i+2:], ")")
			if !ok {
				return "", nil, fmt.Errorf("Can't find end of a url at byte offset %d", i)
			}
			typ, _ := mdKindEntity(stack[k].kind)
			e := models.MessageEntity{Type: typ}
			if typ == models.MessageEntityTypeCustomEmoji {
				e.CustomEmojiID = strings.TrimPrefix(url, "tg://emoji?id=")
			} else if id, ok := strings.CutPrefix(url, "tg://user?id="); ok {
				uid, _ := strconv.ParseInt(id, 10, 64)
				e.Type, e.User = models.MessageEntityTypeTextMention, &models.User{ID: uid}
			} else {
				e.URL = url
			}
			w.add(e, stack[k].start)
			stack = stack[:k]
			i += 2 + n
			continue
		case c == '*' || c == '_' || c == '~' || (c == '|' && strings.HasPrefix(s[i:], "||")):
			kind := string(c)
			if (c == '_' && strings.HasPrefix(s[i:], "__")) || c == '|' {
				kind += string(c)
			}
			found := -1
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].kind == kind {
					found = k
					break
				}
			}
			if found >= 0 {
				typ, _ := mdKindEntity(kind)
				w.add(models.MessageEntity{Type: typ}, stack[found].start)
				stack = append(stack[:found], stack[found+1:]...)
			} else {
				stack = append(stack, mdOpen{kind: kind, start: w.u16, at: i})
			}
			i += len(kind)
			continue
		case strings.IndexByte(markdownV2Reserved, c) >= 0:
			return "", nil, fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.writeRune(r)
		if r == '\n' {
			lineStart = true
		}
		i += size
	}
	if quoteStart >= 0 {
		w.add(models.MessageEntity{Type: models.MessageEntityTypeBlockquote}, quoteStart)
	}
	if len(stack) > 0 {
		_, name := mdKindEntity(stack[0].kind)
		return "", nil, fmt.Errorf("Can't find end of %s entity at byte offset %d", name, stack[0].at)
	}
	return w.result()
}

// mdCode reads up to the closing delimiter, honouring backslash escapes.
// It returns the unescaped body and the number of input bytes consumed,
// including the delimiter.
func mdCode(s, delim string) (string, int, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if strings.HasPrefix(s[i:], delim) {
			return b.String(), i + len(delim), true
		}
		b.WriteByte(s[i])
	}
	return "", 0, false
}

// parseMarkdown parses the legacy Markdown mode: *bold*, _italic_, `code`,
// ```pre``` and [text](url), without nesting.
func parseMarkdown(s string) (string, []models.MessageEntity, error) {
	var w entityWriter
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && strings.IndexByte("_*`[", s[i+1]) >= 0 {
				w.writeRune(rune(s[i+1]))
				i += 2
				continue
			}
		case '*', '_', '`':
			delim := string(c)
			typ := map[byte]models.MessageEntityType{'*': models.MessageEntityTypeBold, '_': models.MessageEntityTypeItalic, '`': models.MessageEntityTypeCode}[c]
			lang := ""
			if strings.HasPrefix(s[i:], "```") {
				delim, typ = "```", models.MessageEntityTypePre
			}
			body := s[i+len(delim):]
			end := strings.Index(body, delim)
			if end < 0 {
				return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			inner := body[:end]
			if typ == models.MessageEntityTypePre {
				if nl := strings.IndexByte(inner, '\n'); nl >= 0 {
					lang, inner = strings.TrimSpace(inner[:nl]), inner[nl+1:]
				}
			}
			start := w.u16
			w.writeString(inner)
			w.add(models.MessageEntity{Type: typ, Language: lang}, start)
			i += len(delim) + end + len(delim)
			continue
		case '[':
			closeText := strings.IndexByte(s[i:], ']')
			if closeText < 0 || i+closeText+1 >= len(s) || s[i+closeText+1] != '(' {
				return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			closeURL := strings.IndexByte(s[i+closeText:], ')')
			if closeURL < 0 {
				return "", nil, fmt.Errorf("Can't find end of the entity starting at byte offset %d", i)
			}
			start := w.u16
			w.writeString(s[i+1 : i+closeText])
			w.add(models.MessageEntity{Type: models.MessageEntityTypeTextLink, URL: s[i+closeText+2 : i+closeText+closeURL]}, start)
			i += closeText + closeURL + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.writeRune(r)
		i += size
	}
	return w.result()
}
