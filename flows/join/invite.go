package join

import (
	"slices"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// invite answers /invite [unit] [role] with a single-use t.me link, when
// the access policy lets the person grant role at unit; units by id or
// name, roles by id or word (成员, 支部书记, 监督员, 组织部门). Without
// arguments it invites a member of the person's own unit and offers a
// button for the unit's join link, and an official buttons for another
// unit or role; "选择" (or "?") asks with buttons for what is not given;
// "链接" (link) answers with the unit's join link instead (link.go).
func (st step) invite() error {
	unit, role, link, ok := st.inviteArgs()
	if ok && link {
		return st.unitLink(unit)
	}
	if !ok || !access.Check(st.Step, access.Invite, access.Object{Unit: unit, Role: role}).Allowed {
		return nil
	}
	env := st.Env
	inv := kit.Invite{Code: env.NewCode(), Unit: unit, Role: role, By: st.Me.ID, ExpiresAt: st.Now.Add(env.InviteTTL)}
	st.Emit(InviteCreated{Invite: inv})
	deep := st.f.DeepLink(inv.Code)
	rows := [][]kit.Button{{{Text: st.t(mBtnShare), URL: shareURL(deep, catalog.T("zh", mShareText, st.UnitName(unit)))}}}
	if _, reads := st.reader(); reads && role == kit.RoleMember {
		if b := st.linkButton(unit); b != nil {
			rows = append(rows, b)
		}
	}
	if st.In.Args == "" && st.Me.Role == kit.RoleOfficial {
		if d, ok := kit.CommandData("invite", pick); ok {
			rows = append(rows, []kit.Button{{Text: st.t(mBtnOtherInvite), Data: d}})
		}
	}
	st.Send(st.t(mInviteCreated, st.UnitName(unit), st.RoleName(role), st.when(inv.ExpiresAt), deep), rows...)
	return nil
}

// pick is the argument that asks for the unit and role with buttons.
const pick = "选择"

// inviteArgs reads /invite's unit and role (defaults: own unit, member)
// and whether the unit's join link is asked for; ok=false when it answered
// instead (a picker, a bad unit or role).
func (st step) inviteArgs() (unit string, role kit.Role, link, ok bool) {
	unit, role = st.Me.Unit, kit.RoleMember
	var gotUnit, gotRole, picking bool
	for _, a := range strings.Fields(st.In.Args) {
		if slices.Contains(linkWords, strings.ToLower(a)) {
			link = true
			continue
		}
		if r, isRole := kit.ParseRole(a); isRole {
			role, gotRole = r, true
			continue
		}
		if u, isUnit := st.Env.FindUnit(a, ""); isUnit {
			unit, gotUnit = u, true
			continue
		}
		switch a {
		case pick, "?", "？", "help":
			picking = true
		default:
			st.Send(st.t(mInviteBadArg, a, st.Env.UnitListUnder(st.Me.Unit)))
			return "", "", false, false
		}
	}
	switch {
	case picking && !gotUnit && st.Me.Role == kit.RoleOfficial:
		st.Send(st.t(mPickUnit), st.Env.UnitButtons(st.Me.Unit, "invite", "", pick)...)
		return "", "", false, false
	case picking && !gotRole && !link:
		st.Send(st.t(mPickRole, st.UnitName(unit)), st.roleButtons(unit)...)
		return "", "", false, false
	}
	return unit, role, link, true
}

// roleButtons offer the roles the person may grant at unit.
func (st step) roleButtons(unit string) [][]kit.Button {
	var args, labels []string
	for _, r := range []kit.Role{kit.RoleMember, kit.RoleSupervisor, kit.RoleMonitor, kit.RoleInspector, kit.RoleOfficial} {
		if access.Allows(st.Step, access.Invite, access.Object{Unit: unit, Role: r}) {
			args = append(args, unit+" "+string(r))
			labels = append(labels, st.RoleName(r))
		}
	}
	return kit.CommandButtons("invite", args, labels, 2)
}
