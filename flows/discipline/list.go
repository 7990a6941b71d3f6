package discipline

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// Target groups from an uploaded list: instead of units × roles, an
// official defining a checklist may send an XLSX or CSV of names (姓名,
// optionally 单位 and 手机/电话), read by the transport like a talk
// round's roster (talk.RosterUpload with Other = talk.OtherRoster while
// WantsList). Each row is matched to a joined person of the official's
// subtree: by mobile number through the roster of expected people when the
// row has one (join.Reader), else by name, narrowed by the row's unit; a
// name several people share without a unit to tell them apart, and a name
// nobody has, are listed and left out. The matched people are the
// checklist's targets (Checklist.People); its units are theirs.

// maxListed is how many left-out names the summary lists.
const maxListed = 20

// WantsList reports whether the chat of session s waits for a checklist's
// list file, so the transport should read a document it receives into a
// talk.RosterUpload. s is the engine's *flows.Session.
func WantsList(s kit.Session) bool {
	h, ok := s.(holder)
	if !ok || s.CoreState().Flow != Flow {
		return false
	}
	run := h.DisciplineState().Discipline
	return run != nil && run.Mode == modeDefine && run.Step == stepList
}

// askList asks for the list file.
func (st step) askList() {
	st.run().Step = stepList
	st.Next()
	st.Send(st.t(mAskList))
}

// listInput takes the list file (as the transport read it).
func (st step) listInput() error {
	switch {
	case st.In.Kind == kit.InputOther && st.In.Other == "document":
		st.Send(talk.RosterUpload{File: st.In.FileName, Problem: talk.RosterUnreadable}.ProblemText(st.Lang))
		return nil
	case st.In.Kind != kit.InputOther || st.In.Other != talk.OtherRoster:
		st.Send(st.t(mListNotFile))
		return nil
	}
	var up talk.RosterUpload
	if err := json.Unmarshal([]byte(st.In.Text), &up); err != nil {
		return fmt.Errorf("decode list upload: %w", err)
	}
	if msg := up.ProblemText(st.Lang); msg != "" {
		st.Send(msg)
		return nil
	}
	people, groups, left, err := st.matchList(up.Rows)
	if err != nil {
		return err
	}
	c := st.run().Draft
	c.List, c.People, c.Units, c.Roles, c.Groups = up.File, nil, nil, nil, groups
	for _, p := range people {
		c.People = append(c.People, p.ID)
		if !slices.Contains(c.Units, p.Unit) {
			c.Units = append(c.Units, p.Unit)
		}
	}
	msg := st.t(mListMatched, up.File, len(up.Rows), len(people))
	if len(left) > 0 {
		msg += "\n" + st.t(mListLeft, len(left), listNames(left))
	}
	if len(people) == 0 {
		st.Send(msg + "\n\n" + st.t(mListNobody))
		return nil
	}
	st.Send(msg)
	if c.Kind == KindTrain {
		st.confirmChecklist()
		return nil
	}
	st.run().Step = stepDeadline
	st.Send(st.t(mAskDeadline))
	return nil
}

// matchList matches rows to the joined people of the official's subtree
// (not 履诺监督员): the people found, each once, their 分组 (the first row
// naming one; nil when no row does), and the rows left out as "姓名（第 n
// 行）".
func (st step) matchList(rows []talk.RosterRow) (found []kit.Person, groups map[int64]string, left []string, err error) {
	members, err := st.Dir.Members(st.Me.Unit, true)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("members of %s: %w", st.Me.Unit, err)
	}
	byID, byName := map[int64]kit.Person{}, map[string][]kit.Person{}
	for _, p := range members {
		if p.Role != kit.RoleMonitor {
			byID[p.ID] = p
			byName[normName(p.Name)] = append(byName[normName(p.Name)], p)
		}
	}
	byPhone, err := st.joinedByPhone(rows)
	if err != nil {
		return nil, nil, nil, err
	}
	seen := map[int64]bool{}
	for _, row := range rows {
		p, ok := byID[byPhone[row.Line]]
		if !ok && byPhone[row.Line] != notJoined {
			p, ok = st.byName(byName[normName(row.Name)], row.Unit)
		}
		switch {
		case !ok && byPhone[row.Line] == notJoined:
			left = append(left, st.t(mListLineWaiting, row.Name, row.Line))
			continue
		case !ok:
			left = append(left, st.t(mListLine, row.Name, row.Line))
			continue
		case !seen[p.ID]:
			seen[p.ID] = true
			found = append(found, p)
		}
		if g := strings.TrimSpace(row.Group); g != "" && groups[p.ID] == "" {
			if groups == nil {
				groups = map[int64]string{}
			}
			groups[p.ID] = g
		}
	}
	return found, groups, left, nil
}

// notJoined marks a row whose number is on the roster of expected people
// who have not joined yet (joinedByPhone).
const notJoined = -1

// joinedByPhone maps the rows whose mobile number is on the roster of
// expected people to who joined with it (by row number), or notJoined.
func (st step) joinedByPhone(rows []talk.RosterRow) (map[int]int64, error) {
	jr, ok := st.Dir.(join.Reader)
	if !ok {
		return nil, nil
	}
	lines := map[string][]int{}
	var phones []string
	for _, row := range rows {
		if p, ok := talk.NormalizePhone(row.Phone); ok {
			if len(lines[p]) == 0 {
				phones = append(phones, p)
			}
			lines[p] = append(lines[p], row.Line)
		}
	}
	if len(phones) == 0 {
		return nil, nil
	}
	cur, err := jr.Expected(phones)
	if err != nil {
		return nil, fmt.Errorf("expected people: %w", err)
	}
	out := map[int]int64{}
	for phone, c := range cur {
		for _, l := range lines[phone] {
			out[l] = c.Joined
			if c.Joined == 0 {
				out[l] = notJoined
			}
		}
	}
	return out, nil
}

// byName picks the one person of cands (people of one name) the row
// means: narrowed by its unit cell (a unit by name or id, and the units
// below it) when it has one; ok=false when none or several remain.
func (st step) byName(cands []kit.Person, unitCell string) (kit.Person, bool) {
	if u, ok := st.Env.FindUnit(unitCell, st.Me.Unit); ok {
		cands = slices.DeleteFunc(slices.Clone(cands), func(p kit.Person) bool { return !st.Env.Subtree(u, p.Unit) })
	}
	if len(cands) != 1 {
		return kit.Person{}, false
	}
	return cands[0], true
}

// normName is a name without spaces (a file's "张 三" is 张三).
func normName(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "")
}

// listNames joins names, the first maxListed of them.
func listNames(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, "、")
	}
	return strings.Join(names[:maxListed], "、") + "…"
}
