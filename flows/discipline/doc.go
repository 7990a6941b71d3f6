// Package discipline is the election-discipline work of the seed's 换届
// chapters that sibu carries by chat: the checklists of 四必看 and 四必训
// with proof, 四必谈 as talk rounds' coverage per pair, and the 四个凡提必
// gate before a nomination. (The anonymous tip-off line is flows/tipoff:
// its trust rule, unlinkable reports, sets it apart; this package
// implements its Nominees, by which a tip-off feeds a nominee's
// 信访举报凡提必查 check.) Checklists and the gate share a package because
// they share their people (officials define and follow, inspectors close
// their checks) and their shape: something officials set up, that named
// people prove, that officials follow per unit.
//
// 四必看: an official defines a material (a link or a file: the seed's
// "一片一书") for units × roles, or for an uploaded list of names matched to
// the people who joined (list.go), by a deadline; each person confirms with
// 看完了 and an optional one-line 心得. 四必训: a training with a time and
// place; people check in at the session with the code shown there, or
// their location within 500 m. Reminders follow the attention cadence
// (day 1, 3, 7, then weekly, once each across replicas). /checklist shows
// completion per group (the list's 分组, else the role) and unit with the
// names still missing, and exports it (ReportChecklist). 四必谈: the talk rounds (flows/talk) whose
// interviewers are the named leaders, their coverage per pair (the unit's
// interviewers and its people).
//
// 四个凡提必: an official adds a nominee (who need not have joined); four
// checks are assigned to their offices and each closed by them with a
// verdict (通过 / 有问题 with its reason) and evidence: 档案凡提必审 and
// 个人有关事项报告凡提必核 by the organisation department (officials),
// 纪检监察机关意见凡提必听 and 信访举报凡提必查 by the discipline inspectors
// (kit.RoleInspector). Only when all four passed may an official mark the
// nominee 可提名; a linked tip-off opens 凡提必查 again. The gate is seen by
// officials and inspectors only, and every decision is a records event.
//
// Files:
//
//	checklist.go          Checklist, Target, Confirmation
//	nominee.go            Nominee, Check, CheckKind (and its office), Verdict
//	state.go              State (the session's "dc"), Run, modes and steps
//	feature.go            Feature, Kit, /help, ReportChecklist
//	reader.go             Reader: the reads beyond kit.Directory
//	effects_checklist.go  ChecklistOpened, Confirmed, ChecklistClosed, ChecklistReminded
//	effects_nominee.go    NomineeAdded, CheckClosed, Cleared, TipoffLinked
//	checklists.go         /checklist, the "ck:" buttons
//	define.go             defining a checklist: title, material or session, units, roles, deadline
//	list.go               the target group as an uploaded list (XLSX or CSV), matched to people
//	proof.go              publishing it; 看完了 with a 心得; a training's check-in
//	completion.go         completion per group and unit, export, closing, 四必谈 per pair
//	remind.go             the reminder job's cadence and pushes; the /start to-do
//	nominees.go           /nominees, the "nm:" buttons, 可提名, tipoff.Nominees
//	vet.go                adding a nominee; closing a check with verdict, note and evidence
//	flow.go               the conversation: input, buttons, /back, /cancel by mode
//	catalog.go            message keys; catalog_zh.go, catalog_en.go the texts
package discipline
