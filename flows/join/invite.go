package join

import (
	"fmt"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// invite answers /invite [unit] [role] with a single-use t.me link, when
// the access policy lets the person grant role at unit.
func (st step) invite() error {
	unit, role, ok := st.inviteArgs()
	if !ok || !access.Check(st.Step, access.Invite, access.Object{Unit: unit, Role: role}).Allowed {
		return nil
	}
	env := st.Env
	inv := kit.Invite{Code: env.NewCode(), Unit: unit, Role: role, By: st.Me.ID, ExpiresAt: st.Now.Add(env.InviteTTL)}
	st.Emit(InviteCreated{Invite: inv})
	link := fmt.Sprintf("https://t.me/%s?start=%s", env.BotUsername, inv.Code)
	st.Send(st.t(mInviteCreated, st.UnitName(unit), st.RoleName(role),
		inv.ExpiresAt.In(env.Location).Format("2006-01-02 15:04"), link))
	return nil
}

// inviteArgs reads /invite's unit and role (defaults: own unit, member);
// ok=false when it answered instead (usage, a bad unit or role).
func (st step) inviteArgs() (unit string, role kit.Role, ok bool) {
	unit, role = st.Me.Unit, kit.RoleMember
	for _, a := range strings.Fields(st.In.Args) {
		switch r := kit.Role(strings.ToLower(a)); {
		case r.Valid():
			role = r
		case st.Env.UnitExists(a):
			unit = a
		case a == "help" || a == "?":
			st.Send(st.t(mInviteUsage, st.Env.UnitListUnder(st.Me.Unit)))
			return "", "", false
		default:
			if la := strings.ToLower(a); strings.Contains(la, "member") || strings.Contains(la, "official") ||
				strings.Contains(la, "supervisor") || strings.Contains(la, "monitor") {
				st.Send(st.t(mInviteBadRole, a))
				return "", "", false
			}
			st.Send(kit.T(st.Lang, kit.MsgInviteBadUnit, a, st.Env.UnitListUnder(st.Me.Unit)))
			return "", "", false
		}
	}
	return unit, role, true
}
