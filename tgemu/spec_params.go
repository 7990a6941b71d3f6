package tgemu

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

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

// checkParamType checks a parameter value, as sent, against one of its
// types; arrays and objects come JSON-serialized and are checked as values.
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

// paramNoun names a parameter in "can't parse … JSON object" as Telegram does.
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

// parseBool reads a Boolean as form encodings send it: true/false or 1/0
// (any case), "" for false. ok is false for anything else.
func parseBool(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1":
		return true, true
	case "false", "0", "":
		return false, true
	}
	return false, false
}

// clip shortens a value quoted in an error to 40 bytes, at a rune boundary.
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
