package access

import (
	"slices"

	"sibu/flows/kit"
)

// rules decides for one person under one organisation tree; sep is
// separation of duties.
type rules struct {
	env *kit.Env
	me  kit.Person
	sep bool
}

func (r rules) official() bool { return r.me.Role == kit.RoleOfficial }

// lead: supervisors and officials lead their unit.
func (r rules) lead() bool { return r.me.Role == kit.RoleSupervisor || r.me.Role == kit.RoleOfficial }

func (r rules) monitor() bool { return r.me.Role == kit.RoleMonitor }

// within reports whether unit is the person's unit or below it.
func (r rules) within(unit string) bool {
	return r.me.Unit != "" && unit != "" && r.env.Subtree(r.me.Unit, unit)
}

// under reports whether the person's unit is unit or below it.
func (r rules) under(unit string) bool {
	return r.me.Unit != "" && unit != "" && r.env.Subtree(unit, r.me.Unit)
}

func (r rules) name(unit string) string { return r.env.UnitName(unit) }

// outside refuses an action on unit, outside the person's subtree.
func (r rules) outside(unit string) Decision {
	return deny(whyOutside, r.name(unit), r.name(r.me.Unit))
}

// scoped allows an answer limited to the person's subtree.
func (r rules) scoped() Decision {
	return Decision{Allowed: true, Scope: r.me.Unit, Why: whyScoped, args: []any{r.name(r.me.Unit)}}
}

// keeps reports whether the person keeps c as its owner: their own item,
// or an item of the unit they lead.
func (r rules) keeps(c *Item) bool {
	if c.Owner != 0 {
		return c.Owner == r.me.ID
	}
	return r.lead() && r.me.Unit == c.Unit
}

// reach is what o reaches: Reach, else Unit; nil for a zero Object.
func (o Object) reach() []string {
	if len(o.Reach) > 0 {
		return o.Reach
	}
	if o.Unit != "" {
		return []string{o.Unit}
	}
	return nil
}

// label names o in reasons: Name, else its first unit's name.
func (r rules) label(o Object) string {
	if o.Name != "" {
		return o.Name
	}
	if reach := o.reach(); len(reach) > 0 {
		return r.name(reach[0])
	}
	return ""
}

func (r rules) status() Decision {
	switch {
	case !r.official():
		return deny(whyOfficials)
	case r.me.Unit == r.env.Root:
		return allow()
	}
	return r.scoped()
}

// rank orders the roles an invite grants; a monitor and an inspector are
// invited by officials only.
var rank = map[kit.Role]int{kit.RoleMember: 1, kit.RoleSupervisor: 2, kit.RoleMonitor: 3, kit.RoleInspector: 3, kit.RoleOfficial: 3}

func (r rules) invite(o Object) Decision {
	switch {
	case !r.lead():
		return deny(whyInviteLeads)
	case o.Unit == "":
		return allow()
	case r.me.Role == kit.RoleSupervisor && o.Unit != r.me.Unit:
		return deny(whyInviteOwnUnit, r.name(r.me.Unit))
	case r.me.Role == kit.RoleSupervisor && o.Role != kit.RoleMember:
		return deny(whyInviteOnlyMember)
	case !r.within(o.Unit):
		return r.outside(o.Unit)
	case rank[o.Role] > rank[r.me.Role]:
		return deny(whyRoleAbove, o.Role)
	}
	return allow()
}

func (r rules) launch(o Object) Decision {
	if !r.official() {
		return deny(whyOfficials)
	}
	for _, u := range o.reach() {
		if !r.within(u) {
			if len(o.Reach) == 0 {
				return r.outside(u)
			}
			return deny(whyBeyond, r.label(o), r.name(r.me.Unit))
		}
	}
	return allow()
}

// results decides Results, Export and Roster: whole when the campaign
// lies within the person's subtree, scoped when they overlap.
func (r rules) results(a Action, o Object) Decision {
	switch {
	case r.official():
	case r.me.Role == kit.RoleSupervisor && a != Roster && (o.SupervisorsSee || len(o.reach()) == 0):
	case r.me.Role == kit.RoleSupervisor && a != Roster:
		return deny(whyResultsOfficials, r.label(o))
	default:
		return deny(whyOfficials)
	}
	reach := o.reach()
	whole, overlap := len(reach) > 0, false
	for _, u := range reach {
		whole = whole && r.within(u)
		overlap = overlap || r.within(u) || r.under(u)
	}
	switch {
	case len(reach) == 0 || whole:
		return allow()
	case overlap && a == Export:
		return deny(whyExportWhole, r.label(o), r.name(r.me.Unit))
	case overlap:
		return r.scoped()
	}
	return deny(whyNotInReach, r.label(o), r.name(r.me.Unit))
}

func (r rules) answer(o Object) Decision {
	if o.Invited {
		return allow()
	}
	return deny(kit.MsgSurveyNotForYou)
}

func (r rules) declare(o Object) Decision {
	switch {
	case r.monitor():
		return deny(whyMonitor)
	case o.Unit == "":
		return allow()
	case !r.lead():
		return deny(whyLeads)
	case o.Unit != r.me.Unit:
		return deny(whyDeclareOwnUnit, r.name(r.me.Unit))
	}
	return allow()
}

func (r rules) keep(o Object) Decision {
	switch {
	case r.monitor():
		return deny(whyMonitor)
	case o.Item == nil || r.keeps(o.Item):
		return allow()
	}
	return deny(whyNotYours)
}

// decide decides Review, Urge and Deadline: a supervisor or official at or
// above the deciding unit (for 督办, the item's unit), without a conflict
// of duties (said first: it is the reason that holds wherever they sit).
func (r rules) decide(a Action, o Object) Decision {
	c := o.Item
	switch {
	case r.monitor():
		return deny(whyMonitor)
	case !r.lead():
		return deny(whyLeads)
	case c == nil:
		return allow()
	}
	if d := r.conflict(a, c); !d.Allowed {
		return d
	}
	switch {
	case a == Urge && !r.within(c.Unit):
		return r.outside(c.Unit)
	case a == Urge, r.within(c.Decider):
		return allow()
	case a == Deadline && !r.sep && r.within(c.Unit):
		return allow() // without separation, the committing unit's own leads decide too
	}
	return deny(whyNotDecider, r.name(c.Decider))
}

// conflict applies the duties: nobody decides on their own item; with
// separation, nor on their unit's own items or items they declared, and a
// review level is decided by someone who did not approve an earlier one.
func (r rules) conflict(a Action, c *Item) Decision {
	switch {
	case c.Owner != 0 && c.Owner == r.me.ID:
		return deny(whyOwnItem)
	case r.sep && c.Owner == 0 && r.lead() && r.me.Unit == c.Unit:
		return deny(whyUnitItem)
	case (r.sep || a == Review) && c.Declarer == r.me.ID:
		return deny(whyDeclared)
	case r.sep && a == Review && slices.Contains(c.Earlier, r.me.ID):
		return deny(whySecondLevel)
	}
	return allow()
}

func (r rules) ledger(o Object) Decision {
	switch {
	case !r.lead() && !r.monitor():
		return deny(whyLedgerReaders)
	case o.Unit == "" || r.within(o.Unit):
		return allow()
	}
	return r.outside(o.Unit)
}

// report is 述诺: the owners of the round's items, who are at or below
// its unit.
func (r rules) report(o Object) Decision {
	switch {
	case r.monitor():
		return deny(whyMonitor)
	case o.Unit == "":
		return allow()
	case !r.under(o.Unit):
		return deny(whyNotInRound, r.name(o.Unit))
	case o.Item != nil && !r.keeps(o.Item):
		return deny(whyNotYours)
	}
	return allow()
}

func (r rules) grade(o Object) Decision {
	switch {
	case !r.lead() && !r.monitor():
		return deny(whyGraders)
	case o.Unit == "":
		return allow()
	case !r.within(o.Unit):
		return r.outside(o.Unit)
	case o.Item == nil:
		return allow()
	case r.monitor():
		// a 履诺监督员's grade is an opinion beside the deciding one:
		// no deciding unit, only the duties
	case r.sep && !r.within(o.Item.Decider):
		return deny(whyLevelAbove, r.name(o.Item.Decider))
	}
	return r.conflict(Grade, o.Item)
}

func (r rules) vote(o Object) Decision {
	switch {
	case r.monitor():
		return deny(whyMonitor)
	case o.Unit == "":
		return allow()
	case !r.under(o.Unit):
		return deny(whyNotVoter, r.name(o.Unit))
	case r.sep && !o.Invited:
		return deny(whyNotInvited, r.name(o.Unit))
	case o.Item == nil:
		return allow()
	case o.Item.Unit != r.me.Unit:
		return deny(whyOtherUnitVote, r.name(o.Item.Unit))
	case r.keeps(o.Item) || r.sep && o.Item.Declarer == r.me.ID:
		return deny(whyOwnVote)
	case r.sep && o.Done:
		return deny(whyVoted)
	}
	return allow()
}

// interview decides Interview (the entry's interviewer, or an official
// above the person) and Excuse (officials above the person).
func (r rules) interview(a Action, o Object) Decision {
	switch {
	case a == Interview && o.Interviewer != 0 && o.Interviewer == r.me.ID:
		return allow()
	case !r.official() && a == Excuse:
		return deny(whyOfficials)
	case !r.official():
		return deny(whyNotInterviewer)
	case o.Unit == "" || r.within(o.Unit):
		return allow()
	case a == Excuse:
		return r.outside(o.Unit)
	}
	return deny(whyNotInterviewer)
}

func (r rules) book(o Object) Decision {
	if o.Person != 0 && o.Person == r.me.ID {
		return allow()
	}
	return deny(whyNotYourTalk)
}

// people decides /roster: officials at the unit or above (roster numbers
// are for the officials of the unit only).
func (r rules) people(o Object) Decision {
	switch {
	case !r.official():
		return deny(whyOfficials)
	case o.Unit == "" || r.within(o.Unit):
		return allow()
	}
	return r.outside(o.Unit)
}

// log decides Log: a unit's leads log its meetings and visits (and those
// of the units below); a logged one is changed by its author only.
func (r rules) log(o Object) Decision {
	switch {
	case o.Person != 0 && o.Person == r.me.ID:
		return allow()
	case o.Person != 0:
		return deny(whyNotAuthor)
	case !r.lead():
		return deny(whyLeads)
	}
	return r.inReach(o)
}

// opinions decides Opinions: the leads of the opinion's unit or above; a
// talk's summary for officials only; a follow-up's assignee reports it
// done.
func (r rules) opinions(o Object) Decision {
	switch {
	case o.Person != 0 && o.Person == r.me.ID:
		return allow()
	case !r.lead():
		return deny(whyLeads)
	case o.Private && !r.official():
		return deny(whyPrivateOpinion)
	}
	return r.inReach(o)
}

// inReach allows an object whose units (Reach, else Unit) all lie in the
// person's subtree, and a zero one.
func (r rules) inReach(o Object) Decision {
	for _, u := range o.reach() {
		if !r.within(u) {
			return r.outside(u)
		}
	}
	return allow()
}
