package kit

// People on an imported roster (flows/join) who have not joined yet are
// expected: a questionnaire, a talk round or a checklist that reaches their
// unit reaches them too, but the bot cannot write to them until they join.
// Figures therefore show them apart ("未加入 n"), so that a rate is never
// silently computed over the people who joined only.

// NotJoinedCounter is an optional Directory method: how many people on the
// roster of units (each with the units below it) whose role is one of roles
// (RoleIn: empty means everyone but monitors) have not joined yet.
type NotJoinedCounter interface {
	CountNotJoined(units []string, roles []Role) (int64, error)
}

// CountNotJoined returns the number of expected people of units and roles
// who have not joined, or 0 when dir keeps no roster.
func CountNotJoined(dir Directory, units []string, roles []Role) (int64, error) {
	if c, ok := dir.(NotJoinedCounter); ok {
		return c.CountNotJoined(units, roles)
	}
	return 0, nil
}

// Within lists the units of reach (each standing for its subtree; empty
// is the root) as seen from scope: reach itself when scope is "" or the
// root, [scope] when scope lies inside reach, else the units of reach
// inside scope's subtree.
func (e *Env) Within(reach []string, scope string) []string {
	if len(reach) == 0 {
		reach = []string{e.Root}
	}
	if scope == "" || scope == e.Root {
		return reach
	}
	var out []string
	for _, u := range reach {
		switch {
		case e.Subtree(u, scope):
			return []string{scope}
		case e.Subtree(scope, u):
			out = append(out, u)
		}
	}
	return out
}

// NotJoinedNote is the figure "未加入 n" told beside a rate, in lang (""
// when n is 0, so nothing changes where no roster was imported).
func NotJoinedNote(lang string, n int64) string {
	if n <= 0 {
		return ""
	}
	return expectedCatalog.T(lang, msgNotJoined, n)
}

const msgNotJoined Msg = "not_joined"

var expectedCatalog = Catalog{
	"zh": {msgNotJoined: "未加入 %d 人（在名单上、尚未加入，不在以上人数内）"},
	"en": {msgNotJoined: "not joined: %d (on the roster, not yet joined; not counted above)"},
}
