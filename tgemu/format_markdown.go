package tgemu

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// markdownV2Reserved are the characters MarkdownV2 requires to be escaped
// outside of entities.
const markdownV2Reserved = "_*[]()~`>#+-=|{}.!"

// mdOpen is a MarkdownV2 entity opened and not yet closed.
type mdOpen struct {
	kind  string // "*", "_", "__", "~", "||", "[", "!["
	start int    // UTF-16 offset in output
	at    int    // byte offset in input
}

// mdKind is what a MarkdownV2 delimiter opens: an entity type, and the name
// Telegram gives the entity in its errors.
type mdKind struct {
	typ  models.MessageEntityType
	name string
}

// mdKinds lists the MarkdownV2 delimiters that open an entity.
var mdKinds = map[string]mdKind{
	"*":  {models.MessageEntityTypeBold, "Bold"},
	"_":  {models.MessageEntityTypeItalic, "Italic"},
	"__": {models.MessageEntityTypeUnderline, "Underline"},
	"~":  {models.MessageEntityTypeStrikethrough, "Strikethrough"},
	"||": {models.MessageEntityTypeSpoiler, "Spoiler"},
	"[":  {models.MessageEntityTypeTextLink, "TextUrl"},
	"![": {models.MessageEntityTypeCustomEmoji, "CustomEmoji"},
}

// mdKindEntity returns the entity type a delimiter opens and its name in
// errors; an unknown delimiter has no type and is named as itself.
func mdKindEntity(kind string) (models.MessageEntityType, string) {
	if k, ok := mdKinds[kind]; ok {
		return k.typ, k.name
	}
	return "", kind
}

// errMDReserved is Telegram's error for a reserved character left unescaped.
func errMDReserved(c byte) error {
	return fmt.Errorf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
}

// mdV2Parser is parseMarkdownV2 part way through its input.
type mdV2Parser struct {
	s          string
	i          int // byte offset of the next input
	w          entityWriter
	stack      []mdOpen
	quoteStart int  // UTF-16 offset where the open blockquote began; -1 when none is open
	lineStart  bool // s[i] begins a line
}

// parseMarkdownV2 parses Telegram's MarkdownV2, including its rule that
// reserved characters must be escaped.
func parseMarkdownV2(s string) (string, []models.MessageEntity, error) {
	p := &mdV2Parser{s: s, quoteStart: -1, lineStart: true}
	for p.i < len(s) {
		if p.lineStart {
			p.lineStart = false
			if p.quoteMarker() {
				continue
			}
		}
		if err := p.next(); err != nil {
			return "", nil, err
		}
	}
	p.closeQuote()
	if len(p.stack) > 0 {
		_, name := mdKindEntity(p.stack[0].kind)
		return "", nil, fmt.Errorf("Can't find end of %s entity at byte offset %d", name, p.stack[0].at)
	}
	return p.w.result()
}

// quoteMarker reads the start of a line: a '>' opens or continues a
// blockquote and is consumed (it reports true); any other line ends the open
// blockquote.
func (p *mdV2Parser) quoteMarker() bool {
	if p.s[p.i] == '>' {
		if p.quoteStart < 0 {
			p.quoteStart = p.w.u16
		}
		p.i++
		return true
	}
	p.closeQuote()
	return false
}

// closeQuote ends the open blockquote, if any, at the current output.
func (p *mdV2Parser) closeQuote() {
	if p.quoteStart >= 0 {
		p.w.add(models.MessageEntity{Type: models.MessageEntityTypeBlockquote}, p.quoteStart)
		p.quoteStart = -1
	}
}

// next reads one token at s[i]: an escape, code, the start or end of a link,
// an emphasis delimiter or a plain character.
func (p *mdV2Parser) next() error {
	rest, c := p.s[p.i:], p.s[p.i]
	switch {
	case c == '\\':
		return p.escape()
	case c == '`' && strings.HasPrefix(rest, "```"):
		return p.pre()
	case c == '`':
		return p.code()
	case c == '!' && strings.HasPrefix(rest, "!["):
		p.open("![")
	case c == '[':
		p.open("[")
	case c == ']':
		return p.closeLink()
	case c == '*' || c == '_' || c == '~' || (c == '|' && strings.HasPrefix(rest, "||")):
		p.emphasis()
	case strings.IndexByte(markdownV2Reserved, c) >= 0:
		return errMDReserved(c)
	default:
		p.plain()
	}
	return nil
}

// escape reads a backslash and the ASCII character it escapes.
func (p *mdV2Parser) escape() error {
	s, i := p.s, p.i
	if i+1 < len(s) && s[i+1] > 0 && s[i+1] < 127 {
		p.w.writeRune(rune(s[i+1]))
		p.i += 2
		return nil
	}
	return errMDReserved('\\')
}

// pre reads a ```pre``` block, with an optional language on its first line.
func (p *mdV2Parser) pre() error {
	rest := p.s[p.i+3:]
	lang := ""
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 && !strings.Contains(rest[:nl], "```") {
		lang, rest = strings.TrimSpace(rest[:nl]), rest[nl+1:]
	}
	body, n, ok := mdCode(rest, "```")
	if !ok {
		return fmt.Errorf("Can't find end of Pre entity at byte offset %d", p.i)
	}
	p.w.addText(models.MessageEntity{Type: models.MessageEntityTypePre, Language: lang}, body)
	p.i = len(p.s) - len(rest) + n
	return nil
}

// code reads `inline code`.
func (p *mdV2Parser) code() error {
	body, n, ok := mdCode(p.s[p.i+1:], "`")
	if !ok {
		return fmt.Errorf("Can't find end of Code entity at byte offset %d", p.i)
	}
	p.w.addText(models.MessageEntity{Type: models.MessageEntityTypeCode}, body)
	p.i += 1 + n
	return nil
}

// open reads a delimiter that opens an entity.
func (p *mdV2Parser) open(kind string) {
	p.stack = append(p.stack, mdOpen{kind: kind, start: p.w.u16, at: p.i})
	p.i += len(kind)
}

// closeLink reads the "](url)" that ends a link or custom emoji.
func (p *mdV2Parser) closeLink() error {
	s, i := p.s, p.i
	k := len(p.stack) - 1
	if k < 0 || (p.stack[k].kind != "[" && p.stack[k].kind != "![") {
		return errMDReserved(']')
	}
	if i+1 >= len(s) || s[i+1] != '(' {
		return fmt.Errorf("Can't find end of a url at byte offset %d", i)
	}
	url, n, ok := mdCode(s[i+2:], ")")
	if !ok {
		return fmt.Errorf("Can't find end of a url at byte offset %d", i)
	}
	typ, _ := mdKindEntity(p.stack[k].kind)
	e := models.MessageEntity{Type: typ}
	if typ == models.MessageEntityTypeCustomEmoji {
		e.CustomEmojiID = strings.TrimPrefix(url, "tg://emoji?id=")
	} else if u := mentionedUser(url); u != nil {
		e.Type, e.User = models.MessageEntityTypeTextMention, u
	} else {
		e.URL = url
	}
	p.w.add(e, p.stack[k].start)
	p.stack = p.stack[:k]
	p.i += 2 + n
	return nil
}

// emphasis reads a delimiter of bold, italic, underline, strikethrough or
// spoiler: it closes the innermost open entity of its kind, else opens one.
func (p *mdV2Parser) emphasis() {
	c := p.s[p.i]
	kind := string(c)
	if (c == '_' && strings.HasPrefix(p.s[p.i:], "__")) || c == '|' {
		kind += string(c)
	}
	for k := len(p.stack) - 1; k >= 0; k-- {
		if p.stack[k].kind == kind {
			typ, _ := mdKindEntity(kind)
			p.w.add(models.MessageEntity{Type: typ}, p.stack[k].start)
			p.stack = append(p.stack[:k], p.stack[k+1:]...)
			p.i += len(kind)
			return
		}
	}
	p.open(kind)
}

// plain copies one character to the output.
func (p *mdV2Parser) plain() {
	r, size := utf8.DecodeRuneInString(p.s[p.i:])
	p.w.writeRune(r)
	if r == '\n' {
		p.lineStart = true
	}
	p.i += size
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
			w.addText(models.MessageEntity{Type: typ, Language: lang}, inner)
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
			w.addText(models.MessageEntity{Type: models.MessageEntityTypeTextLink, URL: s[i+closeText+2 : i+closeText+closeURL]}, s[i+1:i+closeText])
			i += closeText + closeURL + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w.writeRune(r)
		i += size
	}
	return w.result()
}
