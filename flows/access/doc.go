// Package access is the bot's one access policy: who may run which command
// and press which button, on what, and what they are told when they may
// not. Every command (Commands) and every verb of a button that works
// whatever the session holds (Verbs) names an Action; a handler describes
// what it acts on as an Object and asks Decide, or Check, which also tells
// a refused person why (an alert for a pressed button, else a message).
//
//	d := access.Check(st, access.Review, access.Object{Item: &access.Item{…}})
//	if !d.Allowed {
//		return nil // refused and told; nothing changed
//	}
//
// The rules, in short (docs/ACCESS.md has the whole table, generated from
// this package's test):
//
//   - A person acts from their unit: officials, supervisors and monitors
//     within its subtree (the unit and the units below it), never above it
//     or beside it. Configured admins are officials of the root unit.
//   - Nobody grants a role above their own, nor at a unit outside their
//     subtree; supervisors invite members of their own unit only.
//   - A questionnaire campaign, a talk round or an evaluation round that
//     reaches beyond the requester's subtree is refused (opening, closing);
//     its results, exports, charts and coverage are scoped to the subtree
//     (Decision.Scope), or refused when a scope cannot be honoured (a
//     questionnaire's export).
//   - Inspectors (纪检, kit.RoleInspector) read and answer the tip-offs
//     about the units below theirs and close the 凡提必听 and 凡提必查
//     checks of nominees; officials close the 凡提必审 and 凡提必核 checks.
//   - Separation of duties (on unless kit.Env.NoSeparation): nobody
//     reviews, grades, extends, urges or sets the 整改 deadline of an item
//     they own or declared (a unit's leads own its unit items), a unit's
//     own items are decided by the level above, the two review levels are
//     decided by two people, and evaluation votes come from the round's
//     invited members, once per item. Without it, nobody still decides on
//     their own personal item.
//
// The package lives beside kit rather than in it so that the policy, its
// messages and its table test are one place that every feature imports;
// kit stays the vocabulary (people, steps, outputs) the policy reads.
//
// Files:
//
//	access.go   Action, Object, Item, Decision and Decide
//	rules.go    the rule of each action
//	rules_discipline.go  the rules of 复盘, checklists, the nominee gate and tip-offs
//	uses.go     Commands and Verbs: every command and button verb's action;
//	            CommandEntry: a button that sends a command is decided as the command
//	check.go    Check and Allows on a kit.Step, Scope, Interviewer
//	catalog.go  the reasons people are told, in Chinese and English
package access
