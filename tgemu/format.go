package tgemu

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

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

func (w *entityWriter) writeRune(r rune) {
	w.out.WriteRune(r)
	w.u16 += utf16.RuneLen(r)
}

func (w *entityWriter) writeString(s string) {
	for _, r := range s {
		w.writeRune(r)
	}
}

func (w *entityWriter) add(e models.MessageEntity, start int) {
	e.Offset, e.Length = start, w.u16-start
	if e.Length > 0 {
		w.ents = append(w.ents, e)
	}
}

func (w *entityWriter) result() (string, []models.MessageEntity, error) {
	sort.SliceStable(w.ents, func(i, j int) bool {
		if w.ents[i].Offset != w.ents[j].Offset {
			return w.ents[i].Offset < w.ents[j].Offset
		}
		return w.ents[i].Length > w.ents[j].Length
	})
	return w.out.String(), w.ents, nil
}

var htmlAttrRe = regexp.MustCompile(`([a-zA-Z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)

type openTag struct {
	name  string
	start int
	ent   models.MessageEntity
}

// parseHTML parses Telegram's HTML formatting subset.
func parseHTML(s string) (string, []models.MessageEntity, error) {
	var w entityWriter
	var stack []openTag
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", nil, fmt.Errorf("Unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+end]
			if name, ok := strings.CutPrefix(tag, "/"); ok {
				name = strings.ToLower(strings.TrimSpace(name))
				if len(stack) == 0 {
					return "", nil, fmt.Errorf("Unexpected end tag at byte offset %d", i)
				}
				top := stack[len(stack)-1]
				if name != top.name {
					return "", nil, fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top.name, name)
				}
				stack = stack[:len(stack)-1]
				if top.ent.Type != "" {
					w.add(top.ent, top.start)
				}
			} else {
				name, attrs, _ := strings.Cut(strings.TrimSpace(tag), " ")
				name = strings.ToLower(strings.TrimSuffix(name, "/"))
				ent, err := htmlEntity(name, attrs, i, stack)
				if err != nil {
					return "", nil, err
				}
				if ent.Type == "" && name == "code" && len(stack) > 0 && stack[len(stack)-1].name == "pre" {
					// <pre><code class="language-x"> adds the language to pre.
					if lang := htmlAttr(attrs, "class"); strings.HasPrefix(lang, "language-") {
						stack[len(stack)-1].ent.Language = strings.TrimPrefix(lang, "language-")
					}
				}
				stack = append(stack, openTag{name: name, start: w.u16, ent: ent})
			}
			i += end + 1
		case '&':
			semi := strings.IndexByte(s[i:], ';')
			if semi > 1 && semi < 12 {
				if r, ok := htmlCharRef(s[i+1 : i+semi]); ok {
					w.writeRune(r)
					i += semi + 1
					continue
				}
			}
			w.writeRune('&')
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			w.writeRune(r)
			i += size
		}
	}
	if len(stack) > 0 {
		return "", nil, fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	return w.result()
}

func htmlCharRef(ref string) (rune, bool) {
	switch ref {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	}
	if num, ok := strings.CutPrefix(ref, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		n, err := strconv.ParseInt(num, base, 32)
		if err == nil && n > 0 && n <= unicode.MaxRune {
			return rune(n), true
		}
	}
	return 0, false
}

func htmlAttr(attrs, name string) string {
	for _, m := range htmlAttrRe.FindAllStringSubmatch(attrs, -1) {
		if strings.EqualFold(m[1], name) {
			return html.UnescapeString(m[2] + m[3] + m[4])
		}
	}
	return ""
}

func htmlEntity(name, attrs string, offset int, stack []openTag) (models.MessageEntity, error) {
	var e models.MessageEntity
	switch name {
	case "b", "strong":
		e.Type = models.MessageEntityTypeBold
	case "i", "em":
		e.Type = models.MessageEntityTypeItalic
	case "u", "ins":
		e.Type = models.MessageEntityTypeUnderline
	case "s", "strike", "del":
		e.Type = models.MessageEntityTypeStrikethrough
	case "tg-spoiler":
		e.Type = models.MessageEntityTypeSpoiler
	case "span":
		if htmlAttr(attrs, "class") != "tg-spoiler" {
			return e, fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", offset)
		}
		e.Type = models.MessageEntityTypeSpoiler
	case "a":
		href := htmlAttr(attrs, "href")
		if id, ok := strings.CutPrefix(href, "tg://user?id="); ok {
			uid, _ := strconv.ParseInt(id, 10, 64)
			e.Type, e.User = models.MessageEntityTypeTextMention, &models.User{ID: uid}
		} else if href != "" {
			e.Type, e.URL = models.MessageEntityTypeTextLink, href
		}
	case "code":
		if len(stack) > 0 && stack[len(stack)-1].name == "pre" {
			return e, nil
		}
		e.Type = models.MessageEntityTypeCode
	case "pre":
		e.Type = models.MessageEntityTypePre
	case "blockquote":
		e.Type = models.MessageEntityTypeBlockquote
		if strings.Contains(strings.ToLower(attrs), "expandable") {
			e.Type = models.MessageEntityTypeExpandableBlockquote
		}
	case "tg-emoji":
		e.Type, e.CustomEmojiID = models.MessageEntityTypeCustomEmoji, htmlAttr(attrs, "emoji-id")
	case "tg-time":
		e.Type = "date_time"
	default:
		return e, fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, offset)
	}
	return e, nil
}

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
