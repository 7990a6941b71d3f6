package survey

import (
	"strings"

	"sibu/flows/kit"
)

// notJoined is the figure "未加入 n" of sv's audience within scope ("" for
// the whole campaign): the people on the imported roster of its units and
// roles who have not joined, so the bot could not issue it to them. It is
// shown apart, so a 回收率 over the people who joined is never taken for
// one over everyone; "" when there are none.
func (st step) notJoined(sv *Survey, scope string) (string, error) {
	n, err := kit.CountNotJoined(st.Dir, st.Env.Within(sv.Campaign.Units, scope), sv.Campaign.Roles)
	if err != nil || n == 0 {
		return "", err
	}
	return kit.NotJoinedNote(st.Lang, n), nil
}

// notJoinedLine writes the "未加入 n" line of /stats (nothing when there
// are none, or when the roster cannot be read: the figures above stand).
func (st step) notJoinedLine(b *strings.Builder, sv *Survey, scope string) {
	if note, _ := st.notJoined(sv, scope); note != "" {
		b.WriteString(note + "\n")
	}
}
