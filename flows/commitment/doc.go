// Package commitment is public commitments (公开承诺) 定·审·履·评: members
// and units declare items (定), supervisors review them at one or more
// levels (审), owners record progress, ask for more time and report them
// done while reminders and 督办 keep them on time (履), and officials run
// evaluation rounds whose grades and satisfaction measure close items or
// order rectification (评). The 台账 is /ledger's XLSX and /overdue.
//
// Evaluation rounds may measure satisfaction with a questionnaire: the
// feature then implements survey.Rounds for the questionnaire feature. It
// also implements the retro feature's Tracker (Track): a 复盘's follow-up
// action becomes an active item, reminded and in the ledger like the rest.
//
// Files:
//
//	feature.go         Feature, Kit (commands, the "promise" flow, entries), the step wrapper, /help
//	state.go           State (the session's "pr"), Run, Draft and the modes
//	settings.go        Settings and their defaults (one place), DigestDays
//	item.go            Item, Status, Entry, Round, Satisfaction, Marks, directions, grades
//	reader.go          Reader (commitment reads), loading items
//	access.go          items as the access policy sees them, and who decides them
//	people.go          the supervisors, monitors and owners of an item's unit
//	format.go          cards, dates, labels, ids and the buttons of pushes
//	flow.go            the flow's input, buttons and /back by mode
//	declare.go         /promise: declaring items field by field
//	declare_buttons.go source, add, delete, submit; asking reviewers
//	edit.go            editing and resubmitting a returned item
//	picker.go          the calendar picker (changing in place) and the date's confirmation
//	                   (typed dates are read by flows/when)
//	review.go          the "pr:" buttons, approving (公示), returning, /review
//	fulfil.go          /progress, /done: evidence, progress, fulfilled
//	urge.go            /urge and 督办 notes
//	extend.go          /extend, deciding extensions, 整改 deadlines
//	remind.go          the reminder job: ReminderStage, Reminders
//	digest.go          the supervisors' weekly digest job
//	ledger.go          /overdue, /ledger, /status, and what reports use
//	todo.go            the /start to-do: own items overdue or returned, reviews waiting
//	eval.go            /evaluate (and its buttons), the "pe:" buttons, a round's items
//	                   (its unit's subtree: what /ledger lists) and graders
//	eval_open.go       opening a round: who is asked for what (nobody votes on their own)
//	eval_pass.go       述诺, grading and voting item by item, what was marked and skipped
//	eval_confirm.go    the two decisions asked twice: closing a round, grading 差
//	eval_close.go      closing a round: outcomes (an unfinished item stays kept), owners told, results
//	eval_survey.go     a round's satisfaction questionnaire (survey.Rounds)
//	track.go           Track: a 复盘's follow-up action as an active item (the retro feature's Tracker)
//	effects.go         the item effects (Change) and their records event
//	effects_jobs.go    reminder, digest, round and mark effects
//	catalog.go         message keys; catalog_zh.go, catalog_en.go the texts
package commitment
