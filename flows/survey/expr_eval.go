package survey

import (
	"fmt"
	"strconv"
	"strings"
)

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
