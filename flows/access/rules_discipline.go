package access

import "sibu/flows/kit"

// The rules of 复盘, the election-discipline checklists, the 四个凡提必
// gate and the tip-off line (see rules.go for the others).

func (r rules) inspector() bool { return r.me.Role == kit.RoleInspector }

// facilitate: a 复盘 is run by the supervisors and officials of its unit
// or above it.
func (r rules) facilitate(o Object) Decision {
	switch {
	case r.monitor():
		return deny(whyMonitor)
	case !r.lead():
		return deny(whyFacilitators)
	case o.Unit == "" || r.within(o.Unit):
		return allow()
	}
	return r.outside(o.Unit)
}

// invited decides Contribute and Confirm: for the people a 复盘 named, or
// a checklist targets.
func (r rules) invited(a Action, o Object) Decision {
	switch {
	case o.Invited:
		return allow()
	case a == Contribute:
		return deny(whyNotParticipant)
	}
	return deny(whyNotTarget)
}

// nominees decides Nominees (officials and inspectors read the gate),
// Nominate (officials add nominees and clear them) and Vet (a check is
// closed by its own office: officials for 档案 and 个人事项, inspectors for
// 纪检意见 and 信访举报), each within the person's subtree.
func (r rules) nominees(a Action, o Object) Decision {
	switch {
	case a == Nominate && !r.official():
		return deny(whyOfficials)
	case a == Vet && o.Office == kit.RoleInspector && !r.inspector():
		return deny(whyVetInspectors)
	case a == Vet && o.Office == kit.RoleOfficial && !r.official():
		return deny(whyVetOfficials)
	case !r.official() && !r.inspector():
		return deny(whyNomineeReaders)
	case o.Unit == "" || r.within(o.Unit):
		return allow()
	}
	return r.outside(o.Unit)
}

// inspect: the tip-offs about a unit are for the inspectors of the units
// above it, never of the unit itself (the root's own, which has none above,
// go to the root's inspectors).
func (r rules) inspect(o Object) Decision {
	switch {
	case !r.inspector():
		return deny(whyInspectors)
	case o.Unit == "":
		return allow()
	case !r.within(o.Unit):
		return deny(whyTipoffOutside, r.name(o.Unit))
	case o.Unit == r.me.Unit && o.Unit != r.env.Root:
		return deny(whyTipoffOwnUnit)
	}
	return allow()
}
