package flows

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// status answers /status (officials): one screen with every feature's block
// (questionnaires issued / submitted / response rate / 满意率, commitments,
// talk rounds) and the number of members, of the official's subtree (each
// feature scopes its block by access.Scope).
func (e *Engine) status(st *kit.Step) error {
	d := access.Check(st, access.Status, access.Object{})
	if !d.Allowed {
		return nil
	}
	var b strings.Builder
	b.WriteString(e.t(st, mStatusHeader, st.Now.In(e.env.Location).Format("2006-01-02 15:04")))
	if d.Scope != "" {
		b.WriteString("\n" + d.Text(st.Lang))
	}
	b.WriteString("\n\n")
	for _, f := range e.features {
		if f.Status == nil {
			continue
		}
		more, err := f.Status(st)
		if err != nil {
			return err
		}
		b.WriteString(more)
	}
	scope := e.env.Root
	if d.Scope != "" {
		scope = d.Scope
	}
	count, err := kit.CountMembers(st.Dir, scope)
	if err != nil {
		return fmt.Errorf("members: %w", err)
	}
	b.WriteString("\n")
	b.WriteString(e.t(st, mStatusMembers, count))
	st.Send(b.String())
	return nil
}
