package access

import "sibu/flows/kit"

// The table of the policy: every command and button verb, for every role,
// on an object in every relation to the person, with the verdict it must
// get. TestTable checks it against Decide and docs/ACCESS.md is written
// from it (go test ./flows/access -update).

// rel is how an object relates to the person, who sits at unit "u" of
//
//	root 区委 ── p 街道党工委 ── u 第一支部 (the person's) ── c 第一小组
//	                         └── s 第二支部
type rel int

// The relations, in the order of a verdict string.
const (
	ownUnit      rel = iota // the person's unit (an item: another member's there)
	parentUnit              // the unit above it
	childUnit               // a unit below it
	siblingUnit             // a unit beside it
	ownItem                 // the person's own item (or talk entry)
	declaredItem            // their unit's own item, which they declared
)

var relNames = []string{"own unit", "parent", "child", "sibling", "own item", "declared item"}

var tableEnv = kit.Env{Root: "root", Units: []kit.Unit{
	{ID: "root", Name: "区委"}, {ID: "p", Name: "街道党工委", Parent: "root"}, {ID: "u", Name: "第一支部", Parent: "p"},
	{ID: "c", Name: "第一小组", Parent: "u"}, {ID: "s", Name: "第二支部", Parent: "p"}}}

// me and other are the person and someone else.
const me, other = 7, 99

var roles = []kit.Role{kit.RoleMember, kit.RoleSupervisor, kit.RoleOfficial, kit.RoleMonitor, kit.RoleInspector}

// unitOf is the unit of a unit relation ("" for an item relation).
func unitOf(r rel) string {
	return map[rel]string{ownUnit: "u", parentUnit: "p", childUnit: "c", siblingUnit: "s"}[r]
}

// up is unit's ancestor n levels up ("" above the root).
func up(unit string, n int) string {
	for ; n > 0; n-- {
		unit = tableEnv.Parent(unit)
	}
	return unit
}

// item is the item of relation r at review level (its decider), with
// earlier approvers.
func item(r rel, level int, earlier ...int64) *Item {
	switch r {
	case ownItem:
		return &Item{Owner: me, Unit: "u", Declarer: me, Decider: up("u", level-1), Earlier: earlier}
	case declaredItem:
		return &Item{Unit: "u", Declarer: me, Decider: up("u", level), Earlier: earlier}
	}
	u := unitOf(r)
	return &Item{Owner: other, Unit: u, Declarer: other, Decider: up(u, level-1), Earlier: earlier}
}

// An object builder gives the object of a row for a role and relation;
// ok=false: the relation does not apply to the row.
type builder func(role kit.Role, r rel) (o Object, ok bool)

// whole: the command takes no object (the own-unit column only).
func whole(o Object) builder {
	return func(_ kit.Role, r rel) (Object, bool) { return o, r == ownUnit }
}

// onUnit: an object of the relation's unit (unit relations only).
func onUnit(o Object) builder {
	return func(_ kit.Role, r rel) (Object, bool) {
		o.Unit = unitOf(r)
		return o, o.Unit != ""
	}
}

// reaching: a campaign or round reaching the relation's unit.
func reaching(supervisorsSee bool) builder {
	return func(_ kit.Role, r rel) (Object, bool) {
		return Object{Reach: []string{unitOf(r)}, SupervisorsSee: supervisorsSee}, unitOf(r) != ""
	}
}

// onItem: the item of the relation at level, with earlier approvers.
func onItem(level int, earlier ...int64) builder {
	return func(_ kit.Role, r rel) (Object, bool) {
		c := item(r, level, earlier...)
		return Object{Unit: c.Unit, Item: c}, true
	}
}

// inRound: the item of the relation in the evaluation round of its unit;
// invited to vote are the members of the round's unit (its supervisors and
// officials grade it); done: the person rated the item already.
func inRound(done bool) builder {
	return func(role kit.Role, r rel) (Object, bool) {
		c := item(r, 1)
		return Object{Unit: c.Unit, Item: c, Done: done, Invited: c.Unit == "u" && role == kit.RoleMember}, true
	}
}

// row is one line of the table: how people use it, the action, the object
// by relation and the verdicts by role, one letter per relation (Y
// allowed, S allowed for the person's units only, N refused, · not
// applicable); off holds the verdicts that differ with separation of
// duties off.
type row struct {
	uses   string
	action Action
	object builder
	want   map[kit.Role]string
	off    map[kit.Role]string
}

// by gives every role the same verdicts but those named.
func by(all string, some ...any) map[kit.Role]string {
	m := map[kit.Role]string{}
	for _, r := range roles {
		m[r] = all
	}
	for i := 0; i+1 < len(some); i += 2 {
		m[some[i].(kit.Role)] = some[i+1].(string)
	}
	return m
}

const (
	member     = kit.RoleMember
	supervisor = kit.RoleSupervisor
	official   = kit.RoleOfficial
	monitor    = kit.RoleMonitor
	inspector  = kit.RoleInspector
)

var table = []row{
	{"/help, /start, /cancel, /back, /surveys, /mytalks, /retro (the person's own), /checklist (the person's own), /tipoff (report; follow up by receipt code)",
		Open, whole(Object{}), by("Y·····"), nil},
	{"/status", Status, whole(Object{}), by("N·····", official, "S·····"), nil},
	{"/invite <unit> member", Invite, onUnit(Object{Role: member}),
		by("NNNN··", supervisor, "YNNN··", official, "YNYN··"), nil},
	{"/invite <unit> 链接 (the unit's join link), ul:<code>:qr|off|offy, jq:<request>:ok|no (a join request)", Invite,
		onUnit(Object{Role: member}), by("NNNN··", supervisor, "YNNN··", official, "YNYN··"), nil},
	{"a roster row of <unit> as member (/roster import)", Invite, onUnit(Object{Role: member}),
		by("NNNN··", supervisor, "YNNN··", official, "YNYN··"), nil},
	{"a roster row of <unit> as official (/roster import)", Invite, onUnit(Object{Role: official}),
		by("NNNN··", official, "YNYN··"), nil},
	{"/roster [unit], rs:<unit>:p|x", People, onUnit(Object{}), by("NNNN··", official, "YNYN··"), nil},
	{"/invite <unit> supervisor|monitor|official", Invite, onUnit(Object{Role: official}),
		by("NNNN··", official, "YNYN··"), nil},
	{"/survey open|close <id>, /talks open|close <round>, /talks roster <unopened round>", Launch, reaching(false),
		by("NNNN··", official, "YNYN··"), nil},
	{"/evaluate open|close <unit>", Launch, onUnit(Object{}), by("NNNN··", official, "YNYN··"), nil},
	{"/stats <id>, /coverage [round], tc:<round>:p|chart|xlsx, /report [campaign]", Results, reaching(false),
		by("NNNN··", official, "YSYN··"), nil},
	{"/stats <id> (campaign results: supervisors), /campaign [campaign], rc:<campaign>:chart", Results, reaching(true),
		by("NNNN··", supervisor, "YSYN··", official, "YSYN··"), nil},
	{"/export <id>", Export, reaching(false), by("NNNN··", official, "YNYN··"), nil},
	{"/export <id> (campaign results: supervisors)", Export, reaching(true),
		by("NNNN··", supervisor, "YNYN··", official, "YNYN··"), nil},
	{"/talks roster <open round>", Roster, reaching(false), by("NNNN··", official, "YSYN··"), nil},
	{"/talks excuse <round> <person>", Excuse, onUnit(Object{}), by("NNNN··", official, "YNYN··"), nil},
	{"sv:<id> (issued to the person)", Answer, whole(Object{Invited: true}), by("Y·····"), nil},
	{"sv:<id> (not issued to the person)", Answer, whole(Object{}), by("N·····"), nil},
	{"/promise", Declare, whole(Object{}), by("Y·····", monitor, "N·····"), nil},
	{"/promise up|down", Declare, onUnit(Object{}),
		by("NNNN··", supervisor, "YNNN··", official, "YNNN··"), nil},
	{"/progress, /done, /extend, pr:<item>:pg|dn|ex|ed", Keep, onItem(1),
		by("NNNNYN", supervisor, "NNNNYY", official, "NNNNYY", monitor, "NNNNNN"), nil},
	{"/review, pr:<item>:ok|rt (level 1)", Review, onItem(1),
		by("NNNNNN", supervisor, "YNYNNN", official, "YNYNNN"), nil},
	{"pr:<item>:ok|rt (level 2, the person approved level 1)", Review, onItem(2, me),
		by("NNNNNN"), by("NNNNNN", supervisor, "NNYNNN", official, "NNYNNN")},
	{"/urge, pr:<item>:ur", Urge, onItem(1),
		by("NNNNNN", supervisor, "YNYNNN", official, "YNYNNN"), by("NNNNNN", supervisor, "YNYNNY", official, "YNYNNY")},
	{"pr:<item>:xa|xr|rd", Deadline, onItem(1),
		by("NNNNNN", supervisor, "YNYNNN", official, "YNYNNN"), by("NNNNNN", supervisor, "YNYNNY", official, "YNYNNY")},
	{"/overdue [unit], /ledger [unit]", Ledger, onUnit(Object{}), by("YNYN··", member, "NNNN··", inspector, "NNNN··"), nil},
	{"pe:<unit>:sr, a 述诺", Report, inRound(false),
		by("NNNNYY", member, "NNNNYN", monitor, "NNNNNN", inspector, "NNNNYN"), nil},
	{"pe:<unit>:gr, a grade", Grade, inRound(false), by("YNYNNN", member, "NNNNNN", inspector, "NNNNNN"),
		by("YNYNNY", member, "NNNNNN", inspector, "NNNNNN")},
	{"pe:<unit>:vt|sq, a vote", Vote, inRound(false), by("NNNNNN", member, "YNNNNN"),
		by("YNNNNN", member, "YNNNNY", monitor, "NNNNNN", inspector, "YNNNNY")},
	{"a vote on an item the person rated already", Vote, inRound(true), by("NNNNNN"),
		by("YNNNNN", member, "YNNNNY", monitor, "NNNNNN", inspector, "YNNNNY")},
	{"tk:<round>:face|phone|chg|cxl (own item: the person's entry)", Book, bookEntry, by("N···Y·"), nil},
	{"ti:<round>:<user>:rec|done|miss|face|ok|no|call", Interview, onUnit(Object{Interviewer: other}),
		by("NNNN··", official, "YNYN··"), nil},
	{"ti:… (the person is the interviewer)", Interview, onUnit(Object{Interviewer: me}), by("YYYY··"), nil},
	{"/retro (a new 复盘), rt:<id>:st|mg|ed|cl|cf|tr|tl|ur", Facilitate, onUnit(Object{}),
		by("NNNN··", supervisor, "YNYN··", official, "YNYN··"), nil},
	{"rt:<id>:go|doc (a participant)", Contribute, whole(Object{Invited: true}), by("Y·····"), nil},
	{"rt:<id>:go|doc (not a participant)", Contribute, whole(Object{}), by("N·····"), nil},
	{"/checklist (a new 四必看 or 四必训), ck:<id>:cl", Launch, reaching(false), by("NNNN··", official, "YNYN··"), nil},
	{"ck:<id>:v|x, ck:<round>:tk", Results, reaching(false), by("NNNN··", official, "YSYN··"), nil},
	{"ck:<id>:ok|in (the person is a target)", Confirm, whole(Object{Invited: true}), by("Y·····"), nil},
	{"ck:<id>:ok|in (not a target)", Confirm, whole(Object{}), by("N·····"), nil},
	{"/nominees, nm:<id>:v", Nominees, onUnit(Object{}), by("NNNN··", official, "YNYN··", inspector, "YNYN··"), nil},
	{"/nominees (a new nominee), nm:<id>:ok", Nominate, onUnit(Object{}), by("NNNN··", official, "YNYN··"), nil},
	{"nm:<id>:ck (档案凡提必审, 个人事项凡提必核)", Vet, onUnit(Object{Office: official}), by("NNNN··", official, "YNYN··"), nil},
	{"nm:<id>:ck (纪检意见凡提必听, 信访举报凡提必查)", Vet, onUnit(Object{Office: inspector}), by("NNNN··", inspector, "YNYN··"), nil},
	{"tf:<id>:v|an|st|nm (a tip-off about the unit)", Inspect, onUnit(Object{}), by("NNNN··", inspector, "NNYN··"), nil},
	{"/meeting [unit], /visit [unit]", Log, onUnit(Object{}), by("NNNN··", supervisor, "YNYN··", official, "YNYN··"), nil},
	{"rr:<record>:ed (own item: a meeting or visit the person logged)", Log, authored, by("N···Y·"), nil},
	{"/opinions [unit] [topic], ro:<opinion>:v|t|c|f, rl:<unit>:<topic>:p|x|i", Opinions, onUnit(Object{}),
		by("NNNN··", supervisor, "YNYN··", official, "YNYN··"), nil},
	{"ro:<opinion>:v|t|c|f (from a talk's summary)", Opinions, onUnit(Object{Private: true}),
		by("NNNN··", official, "YNYN··"), nil},
	{"ro:<opinion>:dn (own item: the person follows it up)", Opinions, authored,
		by("N···Y·", supervisor, "Y···Y·", official, "Y···Y·"), nil},
}

// authored: a record of the person's unit logged by someone else, or one
// they logged (an opinion's follow-up: someone else's, or theirs).
func authored(_ kit.Role, r rel) (Object, bool) {
	switch r {
	case ownUnit:
		return Object{Unit: "u", Person: other}, true
	case ownItem:
		return Object{Unit: "u", Person: me}, true
	}
	return Object{}, false
}

// bookEntry: someone's talk entry of the person's unit, or their own.
func bookEntry(_ kit.Role, r rel) (Object, bool) {
	switch r {
	case ownUnit:
		return Object{Person: other}, true
	case ownItem:
		return Object{Person: me}, true
	}
	return Object{}, false
}
