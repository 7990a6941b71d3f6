package tgemu

import (
	"context"
	"strings"

	"github.com/go-telegram/bot/models"
)

// descriptionKind is which of the bot's two descriptions a method sets.
type descriptionKind int

const (
	longDescription  descriptionKind = iota // setMyDescription: an empty chat shows it
	shortDescription                        // setMyShortDescription: the profile page and shared links
)

// param is the kind's parameter of its set method.
func (k descriptionKind) param() string {
	if k == shortDescription {
		return "short_description"
	}
	return "description"
}

// descriptionLang reads language_code: "" (every language without a
// dedicated text) or a language code.
func descriptionLang(r *request) (string, *APIError) {
	lang := r.str("language_code")
	if lang != "" && !langCodeRe.MatchString(lang) {
		return "", violation("Bad Request: LANG_CODE_INVALID")
	}
	return lang, nil
}

// setDescription implements setMyDescription and setMyShortDescription:
// the text for a language ("" for the default); an empty text removes the
// language's dedicated one. The spec check has enforced 0-512 and 0-120
// characters.
func (s *Server) setDescription(kind descriptionKind) methodFunc {
	return func(_ context.Context, r *request) (any, *APIError) {
		lang, err := descriptionLang(r)
		if err != nil {
			return nil, err
		}
		texts := s.descriptions[kind]
		if text := r.str(kind.param()); text == "" {
			delete(texts, lang)
		} else {
			texts[lang] = text
		}
		long, short := s.descriptions[longDescription][lang], s.descriptions[shortDescription][lang]
		s.publish(Event{Type: EventDescription, Description: &BotDescription{LanguageCode: lang, Description: long, ShortDescription: short}})
		return true, nil
	}
}

// getDescription implements getMyDescription and getMyShortDescription: the
// text set for exactly this language, "" when there is none (see
// Description for what a user sees).
func (s *Server) getDescription(kind descriptionKind) methodFunc {
	return func(_ context.Context, r *request) (any, *APIError) {
		lang, err := descriptionLang(r)
		if err != nil {
			return nil, err
		}
		text := s.descriptions[kind][lang]
		if kind == shortDescription {
			return models.BotShortDescription{ShortDescription: text}, nil
		}
		return models.BotDescription{Description: text}, nil
	}
}

// BotDescription is the bot's description and short description for one
// language ("" for every language without its own).
type BotDescription struct {
	LanguageCode     string `json:"language_code,omitempty"`
	Description      string `json:"description,omitempty"`
	ShortDescription string `json:"short_description,omitempty"`
}

// Description returns the description and short description a user whose
// client speaks lang (an IETF tag such as "zh-hans" or "en") sees: each is
// the one set for lang, else for its primary language ("zh"), else the
// default, else "".
func (s *Server) Description(lang string) (description, short string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lang = strings.ToLower(lang)
	primary, _, _ := strings.Cut(lang, "-")
	pick := func(texts map[string]string) string {
		for _, l := range []string{lang, primary, ""} {
			if t, ok := texts[l]; ok {
				return t
			}
		}
		return ""
	}
	return pick(s.descriptions[longDescription]), pick(s.descriptions[shortDescription])
}
