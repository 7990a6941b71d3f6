package tgemu

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed botapi-spec.json
var specJSON []byte

// sharedSpec parses the embedded spec once per process. The parsed spec is
// never modified afterwards, so servers share it; parsing 900 KB of JSON for
// every Server would dominate test time.
var sharedSpec = sync.OnceValues(loadSpec)

// specField is one parameter of a method or one field of an object type.
type specField struct {
	Name        string   `json:"name"`
	Types       []string `json:"types"`
	Required    bool     `json:"required"`
	Description string   `json:"description"`

	// Derived from Description by compile.
	minLen, maxLen int  // inclusive length range, when documented
	bytes          bool // the range counts bytes rather than characters
	afterEntities  bool // the range applies after entity parsing (checked by the method)
	hasRange       bool
}

type specMethod struct {
	Name    string      `json:"name"`
	Fields  []specField `json:"fields"`
	Returns []string    `json:"returns"`
}

type specType struct {
	Name      string      `json:"name"`
	Fields    []specField `json:"fields"`
	Subtypes  []string    `json:"subtypes"`
	SubtypeOf []string    `json:"subtype_of"`

	// discriminator names the field that selects a subtype ("type", "status",
	// "source"), and bySubtype maps its documented value to the subtype name.
	discriminator string
	bySubtype     map[string]string
}

// spec is the parsed Bot API specification that every call is checked against.
type spec struct {
	Version string                 `json:"version"`
	Methods map[string]*specMethod `json:"methods"`
	Types   map[string]*specType   `json:"types"`

	lower map[string]string // lowercased method name -> canonical name
}

var (
	rangeRe  = regexp.MustCompile(`(\d+)-(\d+) (characters|bytes)`)
	mustBeRe = regexp.MustCompile(`(?:must be|always) [“"]?([a-z_]+)[”"]?`)
)

// loadSpec parses the embedded botapi-spec.json.
func loadSpec() (*spec, error) {
	var sp spec
	if err := json.Unmarshal(specJSON, &sp); err != nil {
		return nil, fmt.Errorf("parse botapi-spec.json: %w", err)
	}
	sp.lower = make(map[string]string, len(sp.Methods))
	for name, m := range sp.Methods {
		sp.lower[strings.ToLower(name)] = name
		compileFields(m.Fields)
	}
	for _, t := range sp.Types {
		compileFields(t.Fields)
	}
	for _, t := range sp.Types {
		if len(t.Subtypes) == 0 {
			continue
		}
		t.bySubtype = map[string]string{}
		for _, sub := range t.Subtypes {
			st := sp.Types[sub]
			if st == nil || len(st.Fields) == 0 {
				continue
			}
			f := st.Fields[0]
			if m := mustBeRe.FindStringSubmatch(f.Description); m != nil {
				t.discriminator = f.Name
				t.bySubtype[m[1]] = sub
			}
		}
	}
	return &sp, nil
}

func compileFields(fields []specField) {
	for i := range fields {
		f := &fields[i]
		if !hasType(f.Types, "String") {
			continue
		}
		m := rangeRe.FindStringSubmatch(f.Description)
		if m == nil {
			continue
		}
		f.minLen, _ = strconv.Atoi(m[1])
		f.maxLen, _ = strconv.Atoi(m[2])
		f.bytes = m[3] == "bytes"
		f.afterEntities = strings.Contains(f.Description, "after entit")
		f.hasRange = true
	}
}

func hasType(types []string, want string) bool {
	for _, t := range types {
		if t == want {
			return true
		}
	}
	return false
}

// canonical returns the spec's spelling of a method name; Telegram matches
// method names case-insensitively.
func (sp *spec) canonical(method string) (string, bool) {
	name, ok := sp.lower[strings.ToLower(method)]
	return name, ok
}

// checkResult collects what checking one call against the spec found.
type checkResult struct {
	err      *APIError // the first violation, answered as 400
	warnings []string  // unknown parameters and object fields
}

// checkCall checks the parameters of one call: required parameters present,
// values of the documented types, nested objects valid against their type,
// and string lengths documented as "N-M characters|bytes".
func (sp *spec) checkCall(method string, params map[string]string, files map[string]*upload) checkResult {
	var res checkResult
	m := sp.Methods[method]
	known := map[string]bool{}
	for _, f := range m.Fields {
		known[f.Name] = true
		v, present := params[f.Name]
		_, isFile := files[f.Name]
		if !present && !isFile {
			if f.Required && res.err == nil {
				res.err = violation("Bad Request: %s", missingDescription(f.Name))
			}
			continue
		}
		if res.err != nil {
			continue
		}
		if isFile && !present {
			if !hasType(f.Types, "InputFile") {
				res.err = violation("Bad Request: parameter %q can't be a file", f.Name)
			}
			continue
		}
		if err := sp.checkParam(f, v, files, &res.warnings); err != nil {
			res.err = err
		}
	}
	for name := range params {
		if !known[name] {
			res.warnings = append(res.warnings, fmt.Sprintf("%s: unknown parameter %q ignored", method, name))
		}
	}
	return res
}

// missingDescription words a missing required parameter like Telegram does.
func missingDescription(name string) string {
	switch name {
	case "chat_id":
		return "chat_id is empty"
	case "text":
		return "message text is empty"
	case "callback_query_id":
		return "query ID is empty"
	case "commands":
		return "commands is empty"
	}
	return fmt.Sprintf("parameter %q is required", name)
}

// checkParam checks one top-level parameter given as a string.
func (sp *spec) checkParam(f specField, v string, files map[string]*upload, warnings *[]string) *APIError {
	var first, shaped *APIError
	var decoded any
	if json.Unmarshal([]byte(v), &decoded) != nil {
		decoded = nil
	}
	for _, t := range f.Types {
		var w []string
		err := sp.checkParamType(f, t, v, files, &w)
		if err == nil {
			*warnings = append(*warnings, w...)
			return sp.checkRange(f, "", v)
		}
		if first == nil {
			first = err
		}
		if shaped == nil && sp.hasShape(decoded, t) {
			shaped = err
		}
	}
	if shaped != nil {
		return shaped
	}
	return first
}

func (sp *spec) checkParamType(f specField, t, v string, files map[string]*upload, warnings *[]string) *APIError {
	switch t {
	case "String":
		return nil
	case "Integer":
		if _, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil {
			if f.Name == "chat_id" {
				return violation("Bad Request: chat not found")
			}
			return violation("Bad Request: parameter %q must be an Integer, got %q", f.Name, clip(v))
		}
		return nil
	case "Float":
		if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil {
			return violation("Bad Request: parameter %q must be a Float, got %q", f.Name, clip(v))
		}
		return nil
	case "Boolean":
		if _, ok := parseBool(v); !ok {
			return violation("Bad Request: parameter %q must be a Boolean, got %q", f.Name, clip(v))
		}
		return nil
	case "InputFile":
		if name, ok := strings.CutPrefix(v, "attach://"); ok {
			if files[name] == nil {
				return violation("Bad Request: file %q for parameter %q not found in the request", name, f.Name)
			}
			return nil
		}
		if v == "" {
			return violation("Bad Request: parameter %q is empty", f.Name)
		}
		return nil
	}
	// Arrays and objects are passed JSON-serialized.
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	var val any
	if err := dec.Decode(&val); err != nil || dec.More() {
		return violation("Bad Request: can't parse %s JSON object", paramNoun(f.Name))
	}
	if err := sp.checkValue(val, []string{t}, f.Name, warnings, 0); err != "" {
		if strings.HasPrefix(err, "Bad Request: ") {
			return violation("%s", err)
		}
		return violation("Bad Request: can't parse %s JSON object: %s", paramNoun(f.Name), err)
	}
	return nil
}

func paramNoun(name string) string {
	switch name {
	case "reply_markup":
		return "reply keyboard markup"
	case "entities", "caption_entities":
		return "entities"
	}
	return name
}

// checkRange enforces a documented "N-M characters|bytes" range. Ranges
// documented as applying after entity parsing are checked by the method.
func (sp *spec) checkRange(f specField, owner, v string) *APIError {
	if !f.hasRange || f.afterEntities {
		return nil
	}
	n := utf16Len(v)
	if f.bytes {
		n = len(v)
	}
	if n >= f.minLen && n <= f.maxLen {
		return nil
	}
	switch owner + "." + f.Name {
	case "InlineKeyboardButton.callback_data":
		return violation("Bad Request: BUTTON_DATA_INVALID")
	case "BotCommand.command":
		return violation("Bad Request: BOT_COMMAND_INVALID")
	case "BotCommand.description":
		return violation("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
	case ".text":
		return violation("Bad Request: MESSAGE_TOO_LONG")
	case ".secret_token":
		return violation("Bad Request: secret token must be 1-256 characters")
	}
	unit := "characters"
	if f.bytes {
		unit = "bytes"
	}
	return violation("Bad Request: %s must be %d-%d %s, got %d", strings.TrimPrefix(owner+"."+f.Name, "."), f.minLen, f.maxLen, unit, n)
}

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

func (sp *spec) checkValueType(v any, t, path string, warnings *[]string, depth int) string {
	if elem, ok := strings.CutPrefix(t, "Array of "); ok {
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
	switch t {
	case "String", "InputFile":
		switch v.(type) {
		case string, json.Number:
			return ""
		}
		return path + ": expected a String"
	case "Integer":
		switch x := v.(type) {
		case json.Number:
			if _, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
				return ""
			}
		case string:
			if _, err := strconv.ParseInt(x, 10, 64); err == nil {
				return ""
			}
		}
		return path + ": expected an Integer"
	case "Float":
		switch x := v.(type) {
		case json.Number:
			return ""
		case string:
			if _, err := strconv.ParseFloat(x, 64); err == nil {
				return ""
			}
		}
		return path + ": expected a Float"
	case "Boolean", "True":
		switch x := v.(type) {
		case bool:
			return ""
		case string:
			if _, ok := parseBool(x); ok {
				return ""
			}
		}
		return path + ": expected a Boolean"
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

func validButtonURL(u string) bool {
	for _, p := range []string{"http://", "https://", "tg://"} {
		if strings.HasPrefix(strings.ToLower(u), p) && len(u) > len(p) {
			return true
		}
	}
	// Telegram also accepts bare domains such as "t.me/x".
	return strings.Contains(u, ".") && !strings.ContainsAny(u, " \n")
}

func parseBool(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1":
		return true, true
	case "false", "0", "":
		return false, true
	}
	return false, false
}

func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
