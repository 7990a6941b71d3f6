package tgemu

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// htmlAttrRe matches one attribute of a tag: name, optionally = and a
// double-quoted, single-quoted or bare value.
var htmlAttrRe = regexp.MustCompile(`([a-zA-Z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)

// openTag is an HTML tag opened and not yet closed.
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

// htmlCharRef decodes a character reference between & and ; (lt, gt, amp,
// quot, or a decimal or hex number).
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

// htmlAttr returns the unescaped value of one attribute, or "".
func htmlAttr(attrs, name string) string {
	for _, m := range htmlAttrRe.FindAllStringSubmatch(attrs, -1) {
		if strings.EqualFold(m[1], name) {
			return html.UnescapeString(m[2] + m[3] + m[4])
		}
	}
	return ""
}

// htmlEntity returns the entity a start tag opens; an empty type means the
// tag adds no entity of its own (<a> without href, <code> inside <pre>).
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
		if u := mentionedUser(href); u != nil {
			e.Type, e.User = models.MessageEntityTypeTextMention, u
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
