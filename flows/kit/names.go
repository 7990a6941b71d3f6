package kit

import "strings"

// FindUnit reads a unit typed by a person: its id, its name, or a part of
// its name that names one unit only (among the units under root, or all
// when root is ""). ok=false when nothing or several units match.
func (e *Env) FindUnit(s, root string) (string, bool) {
	if m := e.MatchUnits(s, root); len(m) == 1 {
		return m[0], true
	}
	return "", false
}

// MatchUnits are the units a typed s may mean (FindUnit): the one whose id
// it is; else those so named; else those whose name has it. Several are
// namesakes for the person to choose among.
func (e *Env) MatchUnits(s, root string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var named, part []string
	for _, u := range e.Units {
		if root != "" && !e.Subtree(root, u.ID) {
			continue
		}
		switch {
		case u.ID == s || strings.EqualFold(u.ID, s):
			return []string{u.ID}
		case u.Name == s:
			named = append(named, u.ID)
		case strings.Contains(u.Name, s):
			part = append(part, u.ID)
		}
	}
	if len(named) > 0 {
		return named
	}
	return part
}

// NamesakeButtons are buttons choosing among the units ids (data
// Data(seq, verb, id)), one a row, each named with the unit above it to
// tell namesakes apart.
func (e *Env) NamesakeButtons(ids []string, seq int, verb string) [][]Button {
	var rows [][]Button
	for _, u := range ids {
		label := e.UnitName(u)
		if p := e.Parent(u); p != "" {
			label = e.UnitName(p) + " · " + label
		}
		if d := Data(seq, verb, u); len(d) <= MaxData {
			rows = append(rows, []Button{{Text: label, Data: d}})
		}
	}
	return rows
}

// roleWords are the words people use for a role, besides its id.
var roleWords = map[string]Role{
	"成员": RoleMember, "党员": RoleMember, "群众": RoleMember, "普通成员": RoleMember,
	"书记": RoleSupervisor, "支部书记": RoleSupervisor, "谈话人": RoleSupervisor, "支委": RoleSupervisor,
	"监督员": RoleMonitor, "履诺监督员": RoleMonitor,
	"纪检": RoleInspector, "纪委": RoleInspector, "纪检监察": RoleInspector, "纪检委员": RoleInspector,
	"组织部门": RoleOfficial, "组织部": RoleOfficial, "党委": RoleOfficial, "组织委员": RoleOfficial,
}

// ParseRole reads a role typed by a person: its id (member, supervisor,
// monitor, official, inspector) or a word for it (成员, 支部书记, 监督员,
// 组织部门, 纪检…).
func ParseRole(s string) (Role, bool) {
	s = strings.TrimSpace(s)
	if r := Role(strings.ToLower(s)); r.Valid() {
		return r, true
	}
	r, ok := roleWords[s]
	return r, ok
}

// MaxData is Telegram's limit on a button's callback data, in bytes.
const MaxData = 64

// CommandData is the callback data of a button that sends command cmd
// with args ("do:<cmd> <args>"), as if typed: the engine runs it through
// the access policy like the command itself. ok=false when it would not
// fit in MaxData (leave the button out).
func CommandData(cmd string, args ...string) (string, bool) {
	d := "do:" + cmd
	if a := strings.TrimSpace(strings.Join(args, " ")); a != "" {
		d += " " + a
	}
	return d, len(d) <= MaxData
}

// CommandButtons are buttons sending cmd with each of args, labelled by
// labels, n to a row; those whose data would not fit are left out.
func CommandButtons(cmd string, args, labels []string, n int) [][]Button {
	var rows [][]Button
	var row []Button
	for i, a := range args {
		d, ok := CommandData(cmd, a)
		if !ok {
			continue
		}
		row = append(row, Button{Text: labels[i], Data: d})
		if len(row) == n {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// UnitButtons are buttons sending cmd (with before and after around the
// unit's id) for root and every unit below it, two to a row.
func (e *Env) UnitButtons(root, cmd, before, after string) [][]Button {
	var args, labels []string
	for _, u := range e.Units {
		if e.Subtree(root, u.ID) {
			args = append(args, strings.TrimSpace(before+" "+u.ID+" "+after))
			labels = append(labels, u.Name)
		}
	}
	return CommandButtons(cmd, args, labels, 2)
}
