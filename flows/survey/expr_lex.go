package survey

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

type tokKind int

const (
	tVar tokKind = iota
	tStr
	tNum
	tWord // operators spelled as words, true/false
	tOp   // = != < > <= >= ! && || ( ) [ ] ,
)

type token struct {
	kind tokKind
	text string
	num  float64
}

// lex splits an expression into tokens.
func lex(s string) ([]token, error) {
	var out []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		var t token
		var err error
		switch {
		case unicode.IsSpace(r):
			i++
			continue
		case r == '{':
			t, i, err = lexVar(rs, i)
		case r == '\'' || r == '"':
			t, i, err = lexString(rs, i)
		case unicode.IsDigit(r) || (r == '-' || r == '.') && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) && !prevIsOperand(out):
			t, i, err = lexNumber(rs, i)
		case unicode.IsLetter(r):
			t, i = lexWord(rs, i)
		default:
			t, i, err = lexOp(rs, i)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// lexVar reads {name} at rs[i]; it returns the token and where the next
// one starts.
func lexVar(rs []rune, i int) (token, int, error) {
	j := i + 1
	for j < len(rs) && rs[j] != '}' {
		j++
	}
	if j == len(rs) {
		return token{}, 0, fmt.Errorf("unclosed {")
	}
	name := strings.TrimSpace(string(rs[i+1 : j]))
	if name == "" {
		return token{}, 0, fmt.Errorf("empty {}")
	}
	return token{kind: tVar, text: name}, j + 1, nil
}

// lexString reads a quoted string at rs[i] (\ escapes the next character).
func lexString(rs []rune, i int) (token, int, error) {
	quote := rs[i]
	j := i + 1
	var b strings.Builder
	for j < len(rs) && rs[j] != quote {
		if rs[j] == '\\' && j+1 < len(rs) {
			j++
		}
		b.WriteRune(rs[j])
		j++
	}
	if j == len(rs) {
		return token{}, 0, fmt.Errorf("unclosed string")
	}
	return token{kind: tStr, text: b.String()}, j + 1, nil
}

// lexNumber reads a number at rs[i] (with its sign).
func lexNumber(rs []rune, i int) (token, int, error) {
	j := i + 1
	for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == '.') {
		j++
	}
	f, err := strconv.ParseFloat(string(rs[i:j]), 64)
	if err != nil {
		return token{}, 0, fmt.Errorf("bad number %q", string(rs[i:j]))
	}
	return token{kind: tNum, text: string(rs[i:j]), num: f}, j, nil
}

// lexWord reads a word at rs[i], in lower case.
func lexWord(rs []rune, i int) (token, int) {
	j := i
	for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
		j++
	}
	return token{kind: tWord, text: strings.ToLower(string(rs[i:j]))}, j
}

// lexOp reads an operator or punctuation of one or two characters at rs[i].
func lexOp(rs []rune, i int) (token, int, error) {
	if i+1 < len(rs) {
		switch two := string(rs[i : i+2]); two {
		case "!=", "<>", "<=", ">=", "==", "&&", "||", "*=":
			return token{kind: tOp, text: two}, i + 2, nil
		}
	}
	switch r := rs[i]; r {
	case '=', '<', '>', '!', '(', ')', '[', ']', ',':
		return token{kind: tOp, text: string(r)}, i + 1, nil
	default:
		return token{}, 0, fmt.Errorf("unexpected character %q", r)
	}
}

func prevIsOperand(out []token) bool {
	if len(out) == 0 {
		return false
	}
	t := out[len(out)-1]
	return t.kind == tVar || t.kind == tStr || t.kind == tNum || t.kind == tOp && (t.text == ")" || t.text == "]")
}
