package talk

import (
	"strings"

	"sibu/flows/kit"
)

// notJoinedLine writes the figure "未加入 n" of round r within scope (""
// for the whole round): the people on the imported roster of its units and
// roles who have not joined, so the round could not reach them. It stands
// apart, so a 覆盖率 over the people who joined is never taken for one over
// everyone. Nothing when there are none, or for a round of listed people.
func (st step) notJoinedLine(b *strings.Builder, r *Round, scope string) error {
	if r.RosterOnly {
		return nil
	}
	n, err := kit.CountNotJoined(st.Dir, st.Env.Within(r.Units, scope), r.Roles)
	if err != nil || n == 0 {
		return err
	}
	b.WriteString(kit.NotJoinedNote(st.Lang, n) + "\n")
	return nil
}
