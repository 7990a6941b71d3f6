package access

import "sibu/flows/kit"

// Action is what a person asks to do. Every command and button verb maps
// to one (Commands, Verbs); several may share one.
type Action string

// Actions, in the order of docs/ACCESS.md.
const (
	// Open is for everyone who joined: /help, /cancel, /back, /surveys,
	// /mytalks (each shows the person's own things only).
	Open Action = "open"
	// Status is /status: officials, with the figures of their subtree.
	Status Action = "status"
	// Invite is /invite: Object.Unit and Object.Role are what it grants.
	Invite Action = "invite"
	// Launch opens or closes what reaches people: /survey open|close,
	// /talks open|close, /evaluate open|close, a roster that opens a talk
	// round. Object.Reach (or Unit) is what it reaches.
	Launch Action = "launch"
	// Results shows figures of a campaign or round: /stats, /coverage and
	// its chart and ledger. Object.Reach is what the campaign reaches;
	// the decision may scope them to the requester's subtree.
	Results Action = "results"
	// Export sends a questionnaire's responses: like Results, but a
	// campaign reaching beyond the requester's subtree is refused (its
	// responses cannot be cut to a subtree).
	Export Action = "export"
	// Roster adds people to an open talk round from an uploaded list:
	// scoped to the requester's subtree.
	Roster Action = "roster"
	// Answer starts a questionnaire: Object.Invited says it was issued to
	// the person.
	Answer Action = "answer"
	// Declare is /promise: the person's own items, or with Object.Unit the
	// unit's own items (三级双向) by its supervisors and officials.
	Declare Action = "declare"
	// Keep is what an owner does with an item (履): progress, done, ask
	// for an extension, edit a returned item.
	Keep Action = "keep"
	// Review approves or returns an item at its level (审).
	Review Action = "review"
	// Urge sends a 督办 note about an item.
	Urge Action = "urge"
	// Deadline approves or refuses an extension, or sets the 整改
	// deadline.
	Deadline Action = "deadline"
	// Ledger reads the 台账: /ledger, /overdue of Object.Unit.
	Ledger Action = "ledger"
	// Report is the owners' 述诺 in the evaluation round of Object.Unit.
	Report Action = "report"
	// Grade grades in the evaluation round of Object.Unit (the item, when
	// Object.Item is set).
	Grade Action = "grade"
	// Vote is the satisfaction vote or questionnaire of the evaluation
	// round of Object.Unit, by the members of that unit and below (on the
	// item, when Object.Item is set: an item of their own unit).
	Vote Action = "vote"
	// Interview sees and records a talk: Object.Unit is the person's
	// unit, Object.Interviewer their interviewer.
	Interview Action = "interview"
	// Excuse marks a person 免谈 in a talk round (/talks excuse).
	Excuse Action = "excuse"
	// Book is a member's own booking buttons in a talk round: Object.Person
	// is whose entry it is.
	Book Action = "book"
	// Facilitate runs a 复盘 of Object.Unit: starts it, names its
	// participants, follows, merges, edits and closes it, and turns its
	// lines into tracked items.
	Facilitate Action = "facilitate"
	// Contribute is a participant's part of a 复盘 (answering its steps,
	// its document): Object.Invited says they were named in it.
	Contribute Action = "contribute"
	// Confirm is a person's confirmation of a checklist (看完了, a
	// training's check-in): Object.Invited says they are one of its targets.
	Confirm Action = "confirm"
	// Nominees reads the 四个凡提必 gate of the nominees of Object.Unit.
	Nominees Action = "nominees"
	// Nominate adds a nominee of Object.Unit and marks them 可提名.
	Nominate Action = "nominate"
	// Vet closes one check of a nominee of Object.Unit; Object.Office is
	// the role whose office the check belongs to.
	Vet Action = "vet"
	// Inspect reads, answers and links the anonymous tip-offs about
	// Object.Unit.
	Inspect Action = "inspect"
	// People is /roster: the roster of expected people of Object.Unit
	// (importing it, who has not joined, its table with their numbers).
	// Each imported row is decided as an Invite of its unit and role.
	People Action = "people"
	// Log logs a meeting (听) or a visit (访) of Object.Unit: its leads and
	// those above; changing a logged one (Object.Person, its author) is the
	// author's alone.
	Log Action = "log"
	// Opinions reads and handles the 意见台账 of Object.Unit (or Reach):
	// tags, commitment items, follow-ups. Object.Private (a talk's summary)
	// is for officials; Object.Person, a follow-up's assignee, may report it
	// done.
	Opinions Action = "opinions"
)

// Object is what an action acts on, as far as the policy needs to know.
// A zero Object asks only whether the person's role may use the command at
// all (the engine asks this before a command's handler runs).
type Object struct {
	// Unit is the unit acted on: an invite's, a ledger's, an evaluation
	// round's, a roster entry's person's.
	Unit string
	// Reach lists the units (each with its sub-units) a questionnaire
	// campaign or a talk round reaches.
	Reach []string
	// Name names the campaign or round in reasons ("" uses the unit's).
	Name string
	// Role is the role an invite grants.
	Role kit.Role
	// SupervisorsSee: the questionnaire's results are for supervisors too
	// (campaign results: supervisors).
	SupervisorsSee bool
	// Item is the commitment item acted on; nil for none.
	Item *Item
	// Invited: the questionnaire was issued to the person, or the round
	// invited them to vote.
	Invited bool
	// Done: the person already did this once (voted on the item).
	Done bool
	// Person is whose talk entry it is (Book); Interviewer its
	// interviewer (Interview); the author of a meeting or visit (Log); the
	// assignee of an opinion's follow-up (Opinions).
	Person, Interviewer int64
	// Office is the role whose office closes a nominee's check (Vet):
	// officials (组织部门) or inspectors (纪检).
	Office kit.Role
	// Private: an opinion from a talk's summary (officials only).
	Private bool
}

// Item is what the policy knows of a commitment item.
type Item struct {
	// Owner is the member who committed; 0 for a unit's own item.
	Owner int64
	// Unit is the owner's unit, or the committing unit.
	Unit string
	// Declarer is who declared it.
	Declarer int64
	// Decider is the unit whose supervisors and officials decide the item
	// now: the unit of its review level (审), or of its first level for
	// extensions, 整改 deadlines and grades. A unit's own items are
	// decided by the level above.
	Decider string
	// Earlier are the people who approved the item's earlier review
	// levels since it was last submitted.
	Earlier []int64
}

// Decision is the policy's answer.
type Decision struct {
	Allowed bool
	// Scope, when allowed, is the unit whose subtree the answer is
	// limited to; "" means the object as a whole.
	Scope string
	// Why is the reason told to the person: why they were refused, or
	// why the answer is scoped ("" when allowed in full).
	Why  kit.Msg
	args []any
}

// Text is the reason of d in lang ("" when there is none).
func (d Decision) Text(lang string) string {
	if d.Why == "" {
		return ""
	}
	return catalog.T(lang, d.Why, d.args...)
}

// Decide is the policy: may me do a on o, under env's organisation tree
// and settings? It reads nothing but its arguments.
func Decide(env *kit.Env, me kit.Person, a Action, o Object) Decision {
	r := rules{env: env, me: me, sep: !env.NoSeparation}
	switch a {
	case Open:
		return allow()
	case Status:
		return r.status()
	case Invite:
		return r.invite(o)
	case Launch:
		return r.launch(o)
	case Results, Export, Roster:
		return r.results(a, o)
	case Answer:
		return r.answer(o)
	case Declare:
		return r.declare(o)
	case Keep:
		return r.keep(o)
	case Review, Urge, Deadline:
		return r.decide(a, o)
	case Ledger:
		return r.ledger(o)
	case Report:
		return r.report(o)
	case Grade:
		return r.grade(o)
	case Vote:
		return r.vote(o)
	case Interview, Excuse:
		return r.interview(a, o)
	case Book:
		return r.book(o)
	case Facilitate:
		return r.facilitate(o)
	case Contribute, Confirm:
		return r.invited(a, o)
	case Nominees, Nominate, Vet:
		return r.nominees(a, o)
	case Inspect:
		return r.inspect(o)
	case People:
		return r.people(o)
	case Log:
		return r.log(o)
	case Opinions:
		return r.opinions(o)
	}
	return deny(whyNoPermission)
}

func allow() Decision { return Decision{Allowed: true} }

func deny(why kit.Msg, args ...any) Decision { return Decision{Why: why, args: args} }
