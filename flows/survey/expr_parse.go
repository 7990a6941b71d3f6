package survey

import (
	"fmt"
	"strings"
)

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

// or parses "x or y" (also ||), and binds weaker than and.
func (p *parser) or() (node, error) { return p.logic(false, p.and, "or", "||") }

// and parses "x and y" (also &&).
func (p *parser) and() (node, error) { return p.logic(true, p.not, "and", "&&") }

// logic parses operands (each by operand) joined by the word or the
// operator op, left to right.
func (p *parser) logic(and bool, operand func() (node, error), word, op string) (node, error) {
	l, err := operand()
	if err != nil {
		return nil, err
	}
	for p.accept(tWord, word) || p.accept(tOp, op) {
		r, err := operand()
		if err != nil {
			return nil, err
		}
		l = logicNode{and: and, l: l, r: r}
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
