package kit

import (
	"fmt"
	"strings"
)

// Msg is a key of a message catalog.
type Msg string

// Catalog is one package's messages: language → key → text (a
// fmt.Sprintf format when the message takes arguments).
type Catalog map[string]map[Msg]string

// Lang picks the catalog for a Telegram language_code: Chinese unless the
// person's client is set to English.
func Lang(code string) string {
	if strings.HasPrefix(strings.ToLower(code), "en") {
		return "en"
	}
	return "zh"
}

// T formats message key of c in lang: c's own text in lang, else in
// Chinese, else the shared messages of kit (in lang, else Chinese), else
// the key itself.
func (c Catalog) T(lang string, key Msg, args ...any) string {
	lang = Lang(lang)
	s, ok := c[lang][key]
	if !ok {
		s, ok = c["zh"][key]
	}
	if !ok {
		if s, ok = core[lang][key]; !ok {
			s, ok = core["zh"][key]
		}
	}
	if !ok {
		s = string(key)
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// T formats one of the shared messages (see Catalog.T).
func T(lang string, key Msg, args ...any) string { return core.T(lang, key, args...) }
