package survey

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Expr is a compiled SurveyJS expression (the subset sibu supports):
//
//	{q} = 'a'   {q} != 'a'   {q} > 3   {q} <= 2.5   {q} contains 'x'   {q} notcontains 'x'
//	{q} anyof ['a', 'b']   {q} allof ['a', 'b']   {q} empty   {q} notempty
//	… and …   … or …   !…  /  not …   ( … )   {matrix.row}   true  false
//
// Semantics follow SurveyJS: string comparison ignores case and surrounding
// spaces; numeric strings compare as numbers; an unanswered question is
// "empty", equal to nothing and not comparable (so {q} != 'a' is true and
// {q} > 1 is false); = between an array and a scalar is false (use contains
// or anyof); contains tests membership in an array or a substring of text.
type Expr struct {
	src  string
	root node
	vars []string
}

// String returns the source text.
func (e *Expr) String() string { return e.src }

// Vars lists the question names the expression reads ({q.row} reads q).
func (e *Expr) Vars() []string { return e.vars }

// Value is what an expression sees for a question: nil (unanswered), string,
// float64, bool, []any (multi-select, ranking) or map[string]any (matrix).
type Value = any

// Eval evaluates the expression with the answers lookup.
func (e *Expr) Eval(lookup func(name string) Value) bool {
	return truthy(e.root.eval(lookup))
}

// ParseExpr compiles a SurveyJS expression.
func ParseExpr(src string) (*Expr, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.pos].text)
	}
	e := &Expr{src: src, root: n}
	seen := map[string]bool{}
	walkVars(n, func(v string) {
		if !seen[v] {
			seen[v] = true
			e.vars = append(e.vars, v)
		}
	})
	return e, nil
}

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

func lex(s string) ([]token, error) {
	var out []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '{':
			j := i + 1
			for j < len(rs) && rs[j] != '}' {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unclosed {")
			}
			name := strings.TrimSpace(string(rs[i+1 : j]))
			if name == "" {
				return nil, fmt.Errorf("empty {}")
			}
			out = append(out, token{kind: tVar, text: name})
			i = j + 1
		case r == '\'' || r == '"':
			j := i + 1
			var b strings.Builder
			for j < len(rs) && rs[j] != r {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unclosed string")
			}
			out = append(out, token{kind: tStr, text: b.String()})
			i = j + 1
		case unicode.IsDigit(r) || (r == '-' || r == '.') && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) && !prevIsOperand(out):
			j := i + 1
			for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == '.') {
				j++
			}
			f, err := strconv.ParseFloat(string(rs[i:j]), 64)
			if err != nil {
				return nil, fmt.Errorf("bad number %q", string(rs[i:j]))
			}
			out = append(out, token{kind: tNum, text: string(rs[i:j]), num: f})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			out = append(out, token{kind: tWord, text: strings.ToLower(string(rs[i:j]))})
			i = j
		default:
			two := ""
			if i+1 < len(rs) {
				two = string(rs[i : i+2])
			}
			switch two {
			case "!=", "<>", "<=", ">=", "==", "&&", "||", "*=":
				out = append(out, token{kind: tOp, text: two})
				i += 2
				continue
			}
			switch r {
			case '=', '<', '>', '!', '(', ')', '[', ']', ',':
				out = append(out, token{kind: tOp, text: string(r)})
				i++
			default:
				return nil, fmt.Errorf("unexpected character %q", r)
			}
		}
	}
	return out, nil
}

func prevIsOperand(out []token) bool {
	if len(out) == 0 {
		return false
	}
	t := out[len(out)-1]
	return t.kind == tVar || t.kind == tStr || t.kind == tNum || t.kind == tOp && (t.text == ")" || t.text == "]")
}

type node interface {
	eval(func(string) Value) Value
}

type (
	litNode   struct{ v Value }
	varNode   struct{ name, sub string }
	arrayNode struct{ items []node }
	notNode   struct{ x node }
	logicNode struct {
		and  bool
		l, r node
	}
	cmpNode struct {
		op   string
		l, r node // r nil for empty/notempty
	}
)

func walkVars(n node, f func(string)) {
	switch n := n.(type) {
	case varNode:
		f(n.name)
	case arrayNode:
		for _, x := range n.items {
			walkVars(x, f)
		}
	case notNode:
		walkVars(n.x, f)
	case logicNode:
		walkVars(n.l, f)
		walkVars(n.r, f)
	case cmpNode:
		walkVars(n.l, f)
		if n.r != nil {
			walkVars(n.r, f)
		}
	}
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

func (p *parser) accept(kind tokKind, texts ...string) bool {
	t, ok := p.peek()
	if !ok || t.kind != kind {
		return false
	}
	for _, x := range texts {
		if t.text == x {
			p.pos++
			return true
		}
	}
	return false
}

func (p *parser) or() (node, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.accept(tWord, "or") || p.accept(tOp, "||") {
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		l = logicNode{and: false, l: l, r: r}
	}
	return l, nil
}

func (p *parser) and() (node, error) {
	l, err := p.not()
	if err != nil {
		return nil, err
	}
	for p.accept(tWord, "and") || p.accept(tOp, "&&") {
		r, err := p.not()
		if err != nil {
			return nil, err
		}
		l = logicNode{and: true, l: l, r: r}
	}
	return l, nil
}

func (p *parser) not() (node, error) {
	if p.accept(tOp, "!") || p.accept(tWord, "not", "negate") {
		x, err := p.not()
		if err != nil {
			return nil, err
		}
		return notNode{x}, nil
	}
	return p.cmp()
}

var wordOps = map[string]string{
	"equal": "=", "notequal": "!=", "less": "<", "greater": ">", "lessorequal": "<=", "greaterorequal": ">=",
	"contains": "contains", "notcontains": "notcontains", "anyof": "anyof", "allof": "allof",
	"noneof": "noneof",
}

func (p *parser) cmp() (node, error) {
	l, err := p.operand()
	if err != nil {
		return nil, err
	}
	t, ok := p.peek()
	if !ok {
		return l, nil
	}
	op := ""
	switch {
	case t.kind == tWord && (t.text == "empty" || t.text == "notempty"):
		p.pos++
		return cmpNode{op: t.text, l: l}, nil
	case t.kind == tWord && wordOps[t.text] != "":
		op = wordOps[t.text]
	case t.kind == tOp:
		switch t.text {
		case "=", "==":
			op = "="
		case "!=", "<>":
			op = "!="
		case "<", ">", "<=", ">=":
			op = t.text
		case "*=":
			op = "contains"
		}
	}
	if op == "" {
		return l, nil
	}
	p.pos++
	r, err := p.operand()
	if err != nil {
		return nil, err
	}
	return cmpNode{op: op, l: l, r: r}, nil
}

func (p *parser) operand() (node, error) {
	t, ok := p.peek()
	if !ok {
		return nil, fmt.Errorf("unexpected end of expression")
	}
	p.pos++
	switch t.kind {
	case tVar:
		name, sub, _ := strings.Cut(t.text, ".")
		return varNode{name: name, sub: sub}, nil
	case tStr:
		return litNode{t.text}, nil
	case tNum:
		return litNode{t.num}, nil
	case tWord:
		switch t.text {
		case "true":
			return litNode{true}, nil
		case "false":
			return litNode{false}, nil
		}
		return nil, fmt.Errorf("unexpected %q (string values need quotes: '%s')", t.text, t.text)
	case tOp:
		switch t.text {
		case "(":
			n, err := p.or()
			if err != nil {
				return nil, err
			}
			if !p.accept(tOp, ")") {
				return nil, fmt.Errorf("missing )")
			}
			return n, nil
		case "[":
			var items []node
			for !p.accept(tOp, "]") {
				if len(items) > 0 && !p.accept(tOp, ",") {
					return nil, fmt.Errorf("missing , or ] in array")
				}
				x, err := p.operand()
				if err != nil {
					return nil, err
				}
				items = append(items, x)
			}
			return arrayNode{items}, nil
		}
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

func (n litNode) eval(func(string) Value) Value { return n.v }

func (n varNode) eval(lookup func(string) Value) Value {
	v := lookup(n.name)
	if n.sub == "" || v == nil {
		return v
	}
	if m, ok := v.(map[string]any); ok {
		return m[n.sub]
	}
	return nil
}

func (n arrayNode) eval(lookup func(string) Value) Value {
	out := make([]any, len(n.items))
	for i, x := range n.items {
		out[i] = x.eval(lookup)
	}
	return out
}

func (n notNode) eval(lookup func(string) Value) Value { return !truthy(n.x.eval(lookup)) }

func (n logicNode) eval(lookup func(string) Value) Value {
	if n.and {
		return truthy(n.l.eval(lookup)) && truthy(n.r.eval(lookup))
	}
	return truthy(n.l.eval(lookup)) || truthy(n.r.eval(lookup))
}

func (n cmpNode) eval(lookup func(string) Value) Value {
	l := n.l.eval(lookup)
	switch n.op {
	case "empty":
		return isEmpty(l)
	case "notempty":
		return !isEmpty(l)
	}
	r := n.r.eval(lookup)
	switch n.op {
	case "=":
		return equal(l, r)
	case "!=":
		return !equal(l, r)
	case "<", ">", "<=", ">=":
		return compare(n.op, l, r)
	case "contains":
		return contains(l, r)
	case "notcontains":
		return !contains(l, r)
	case "anyof", "allof", "noneof":
		want := asList(r)
		have := asList(l)
		if isEmpty(l) {
			return n.op == "noneof"
		}
		hits := 0
		for _, w := range want {
			for _, h := range have {
				if equal(h, w) {
					hits++
					break
				}
			}
		}
		switch n.op {
		case "anyof":
			return hits > 0
		case "allof":
			return hits == len(want)
		}
		return hits == 0
	}
	return false
}

func truthy(v Value) bool {
	switch v := v.(type) {
	case bool:
		return v
	case nil:
		return false
	case string:
		s := strings.ToLower(strings.TrimSpace(v))
		return s != "" && s != "false"
	case float64:
		return v != 0
	}
	return !isEmpty(v)
}

func isEmpty(v Value) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func asList(v Value) []any {
	switch v := v.(type) {
	case []any:
		return v
	case nil:
		return nil
	}
	return []any{v}
}

func num(v Value) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil
	}
	return 0, false
}

func equal(a, b Value) bool {
	if isEmpty(a) || isEmpty(b) {
		return isEmpty(a) && isEmpty(b)
	}
	la, aList := a.([]any)
	lb, bList := b.([]any)
	if aList || bList {
		if !aList || !bList || len(la) != len(lb) {
			return false
		}
		for _, x := range la { // order-insensitive, like SurveyJS for checkbox values
			found := false
			for _, y := range lb {
				if equal(x, y) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	if ba, ok := a.(bool); ok {
		return ba == truthy(b)
	}
	if bb, ok := b.(bool); ok {
		return bb == truthy(a)
	}
	if fa, ok := num(a); ok {
		if fb, ok := num(b); ok {
			return fa == fb
		}
	}
	return strings.EqualFold(strings.TrimSpace(fmt.Sprint(a)), strings.TrimSpace(fmt.Sprint(b)))
}

func compare(op string, a, b Value) bool {
	if isEmpty(a) || isEmpty(b) {
		return false
	}
	var c int
	fa, okA := num(a)
	fb, okB := num(b)
	switch {
	case okA && okB:
		switch {
		case fa < fb:
			c = -1
		case fa > fb:
			c = 1
		}
	default:
		sa, okA := a.(string)
		sb, okB := b.(string)
		if !okA || !okB {
			return false
		}
		c = strings.Compare(strings.ToLower(sa), strings.ToLower(sb))
	}
	switch op {
	case "<":
		return c < 0
	case ">":
		return c > 0
	case "<=":
		return c <= 0
	}
	return c >= 0
}

func contains(a, b Value) bool {
	switch a := a.(type) {
	case []any:
		for _, x := range a {
			if equal(x, b) {
				return true
			}
		}
		return false
	case string:
		return strings.Contains(strings.ToLower(a), strings.ToLower(fmt.Sprint(b)))
	}
	return false
}
