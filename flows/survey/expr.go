package survey

import "fmt"

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
