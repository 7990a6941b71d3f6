package commitment

import (
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Opinions is what declaring asks of the collected opinions an item may be
// drawn from (定 draws on collected opinions: 座谈会, 走访, 问卷, 谈话).
// flows/research implements it; commitment never imports research.
type Opinions interface {
	// Drawn is told, in the step that submits it, that item was declared
	// from the opinion item.Opinion: it emits what records the handling
	// (its condition fails the commit when the opinion changed meanwhile).
	Drawn(st *kit.Step, item Item) error
}

// DeclareFrom starts declaring an item drawn from a collected opinion, in
// one tap: its content is the opinion's text (asked when it has none) and
// its source is source; measures and deadline are asked next, then the
// declaration goes on as /promise does. The item is the person's unit's
// own to its members (向党员, 三级双向) when they may declare for their unit
// and a level above reviews it, else their own; the submit tells Opinions.
func (f *Feature) DeclareFrom(s *kit.Step, text, source, opinion string) error {
	st := f.step(s)
	d := Draft{Content: short(text, maxContent), Source: short(source, 20), Opinion: opinion}
	run := &Run{Mode: modeDeclare, Field: "measures", Items: []Draft{d}}
	if strings.TrimSpace(d.Content) == "" {
		run.Field = "content"
	}
	unit := access.Object{Unit: s.Me.Unit}
	switch {
	case access.Allows(s, access.Declare, unit) && f.reviewUnit(Item{Unit: s.Me.Unit, Direction: DirDown}, 1) != "":
		run.Unit, run.Dir = s.Me.Unit, DirDown
	case !access.Check(s, access.Declare, access.Object{}).Allowed:
		return nil
	}
	return st.startDeclaration(run)
}
