package tgemu

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// checkValue checks a decoded JSON value against the accepted types. It
// returns "" when valid, else a description of the first problem.
func (sp *spec) checkValue(v any, types []string, path string, warnings *[]string, depth int) string {
	if depth > 12 {
		return path + ": nesting too deep"
	}
	var first, shaped string
	for _, t := range types {
		var w []string
		p := sp.checkValueType(v, t, path, &w, depth)
		if p == "" {
			*warnings = append(*warnings, w...)
			return ""
		}
		if first == "" {
			first = p
		}
		if shaped == "" && sp.hasShape(v, t) {
			shaped = p
		}
	}
	if shaped != "" {
		return shaped // the error of the type the value was meant to be
	}
	return first
}

// hasShape reports whether an object carries the required fields of type t
// at its top level, i.e. which member of a union it was meant to be.
func (sp *spec) hasShape(v any, t string) bool {
	obj, ok := v.(map[string]any)
	st := sp.Types[t]
	if !ok || st == nil {
		return false
	}
	for _, f := range st.Fields {
		if _, present := obj[f.Name]; f.Required && !present {
			return false
		}
	}
	return true
}

// checkValueType checks a decoded JSON value against one type: an array, a
// scalar, a union (checked as the subtype its discriminator names) or an
// object. It returns "" when valid, else a description of the problem.
func (sp *spec) checkValueType(v any, t, path string, warnings *[]string, depth int) string {
	if elem, ok := strings.CutPrefix(t, "Array of "); ok {
		return sp.checkArray(v, elem, path, warnings, depth)
	}
	if sc, ok := scalarTypes[t]; ok {
		if sc.accepts(v) {
			return ""
		}
		return path + ": expected " + sc.noun
	}
	st := sp.Types[t]
	if st == nil {
		return "" // not described by the spec; accept
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return path + ": expected a " + t + " object"
	}
	if len(st.Subtypes) > 0 {
		if st.discriminator == "" {
			return ""
		}
		d, _ := obj[st.discriminator].(string)
		sub, ok := st.bySubtype[d]
		if !ok {
			return fmt.Sprintf("%s: unsupported %s %q", path, st.discriminator, d)
		}
		return sp.checkValueType(v, sub, path, warnings, depth)
	}
	return sp.checkObject(obj, st, t, path, warnings, depth)
}

// checkArray checks every element of an array against the element type.
func (sp *spec) checkArray(v any, elem, path string, warnings *[]string, depth int) string {
	arr, ok := v.([]any)
	if !ok {
		return path + ": expected an Array"
	}
	for i, e := range arr {
		if p := sp.checkValue(e, []string{elem}, fmt.Sprintf("%s[%d]", path, i), warnings, depth+1); p != "" {
			return p
		}
	}
	return ""
}

// checkObject checks an object of type t: required fields present, every
// field's value of its documented types and length, and for an
// InlineKeyboardButton exactly one action. Unknown fields are warnings.
func (sp *spec) checkObject(obj map[string]any, st *specType, t, path string, warnings *[]string, depth int) string {
	if t == "InlineKeyboardButton" {
		obj = withoutEmptyCopyText(obj)
	}
	known := map[string]bool{}
	for _, f := range st.Fields {
		known[f.Name] = true
		fv, present := obj[f.Name]
		if !present {
			if f.Required {
				return fmt.Sprintf("%s: field %q of %s is required", path, f.Name, t)
			}
			continue
		}
		if p := sp.checkValue(fv, f.Types, path+"."+f.Name, warnings, depth+1); p != "" {
			return p
		}
		if s, ok := fv.(string); ok {
			if err := sp.checkRange(f, t, s); err != nil {
				return err.Description
			}
		}
	}
	for name := range obj {
		if !known[name] {
			*warnings = append(*warnings, fmt.Sprintf("%s: unknown field %q of %s ignored", path, name, t))
		}
	}
	if t == "InlineKeyboardButton" {
		return checkInlineButton(obj, path)
	}
	return ""
}

// scalarType is a spec type whose values are JSON scalars; a string of the
// right form is accepted too.
type scalarType struct {
	noun    string // as in "expected a String"
	accepts func(v any) bool
}

// scalarTypes lists the spec's scalar types.
var scalarTypes = map[string]scalarType{
	"String":    {"a String", isStringValue},
	"InputFile": {"a String", isStringValue},
	"Integer":   {"an Integer", isIntegerValue},
	"Float":     {"a Float", isFloatValue},
	"Boolean":   {"a Boolean", isBooleanValue},
	"True":      {"a Boolean", isBooleanValue},
}

// isStringValue accepts a string or a number.
func isStringValue(v any) bool {
	switch v.(type) {
	case string, json.Number:
		return true
	}
	return false
}

// isIntegerValue accepts a whole number or a string holding one.
func isIntegerValue(v any) bool {
	var n string
	switch x := v.(type) {
	case json.Number:
		n = x.String()
	case string:
		n = x
	default:
		return false
	}
	_, err := strconv.ParseInt(n, 10, 64)
	return err == nil
}

// isFloatValue accepts a number or a string holding one.
func isFloatValue(v any) bool {
	switch x := v.(type) {
	case json.Number:
		return true
	case string:
		_, err := strconv.ParseFloat(x, 64)
		return err == nil
	}
	return false
}

// isBooleanValue accepts true, false or a string parseBool reads.
func isBooleanValue(v any) bool {
	switch x := v.(type) {
	case bool:
		return true
	case string:
		_, ok := parseBool(x)
		return ok
	}
	return false
}

// withoutEmptyCopyText drops an empty copy_text object, which
// go-telegram/bot serializes on every button and Telegram ignores.
func withoutEmptyCopyText(obj map[string]any) map[string]any {
	ct, ok := obj["copy_text"].(map[string]any)
	if !ok || len(ct) != 1 || ct["text"] != "" {
		return obj
	}
	cp := make(map[string]any, len(obj))
	for k, v := range obj {
		if k != "copy_text" {
			cp[k] = v
		}
	}
	return cp
}

// inlineButtonActions are the InlineKeyboardButton fields of which exactly
// one must be set.
var inlineButtonActions = []string{
	"url", "callback_data", "web_app", "login_url", "switch_inline_query",
	"switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
	"copy_text", "callback_game", "pay",
}

// checkInlineButton enforces "exactly one of the fields other than text,
// icon_custom_emoji_id, and style must be used". An empty copy_text object
// counts as absent, because go-telegram/bot always serializes one and
// Telegram ignores it.
func checkInlineButton(obj map[string]any, path string) string {
	n := 0
	for _, name := range inlineButtonActions {
		v, ok := obj[name]
		if !ok {
			continue
		}
		switch x := v.(type) {
		case bool:
			if !x {
				continue
			}
		case map[string]any:
			if name == "copy_text" {
				if s, _ := x["text"].(string); s == "" {
					continue
				}
			}
		}
		n++
	}
	if text, _ := obj["text"].(string); strings.TrimSpace(text) == "" {
		return "Bad Request: BUTTON_TEXT_INVALID"
	}
	switch {
	case n == 0:
		return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
	case n > 1:
		return fmt.Sprintf("Bad Request: can't parse inline keyboard button: %s must use exactly one of the optional fields, found %d", path, n)
	}
	if u, ok := obj["url"].(string); ok && !validButtonURL(u) {
		return "Bad Request: BUTTON_URL_INVALID"
	}
	return ""
}

// validButtonURL reports whether Telegram accepts u as a button's url.
func validButtonURL(u string) bool {
	for _, p := range []string{"http://", "https://", "tg://"} {
		if strings.HasPrefix(strings.ToLower(u), p) && len(u) > len(p) {
			return true
		}
	}
	// Telegram also accepts bare domains such as "t.me/x".
	return strings.Contains(u, ".") && !strings.ContainsAny(u, " \n")
}
