package flows

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
)

// status answers /status (officials): one screen with every feature's block
// (questionnaires issued / submitted / response rate / 满意率, commitments,
// talk rounds) and the number of members.
func (e *Engine) status(st *kit.Step) error {
	if st.Me.Role != kit.RoleOfficial {
		st.Send(kit.T(st.Lang, kit.MsgNoPermission))
		return nil
	}
	var b strings.Builder
	b.WriteString(e.t(st, mStatusHeader, st.Now.In(e.env.Location).Format("2006-01-02 15:04")))
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
	count, err := kit.CountMembers(st.Dir, e.env.Root)
	if err != nil {
		return fmt.Errorf("members: %w", err)
	}
	b.WriteString("\n")
	b.WriteString(e.t(st, mStatusMembers, count))
	st.Send(b.String())
	return nil
}
