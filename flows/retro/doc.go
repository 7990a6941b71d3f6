// Package retro is 复盘, the four-step review of the seed's 工作复盘模板:
// 一、回顾目标 (目的或期望, 具体目标) → 二、评估结果 (实际与期望差异, 亮点与不足)
// → 三、分析原因 (成功的因素, 失败的因素) → 四、总结经验 (总结经验规律,
// 有待改进之处, 转化应用), with the event summary, participants, time and
// place as its header.
//
// A supervisor or official (the facilitator) opens a 复盘 with /retro: the
// event (a questionnaire campaign, a talk round or the year's commitments,
// whose measured figures — target against actual — open 实际与期望差异; or
// anything typed), its summary, day, place and the participants among the
// members of their unit and the units below it (📂 to open one, pages).
// /cancel or another command parks what was typed (State.Parked), resumed
// from /retro, the invitation or /start. Each participant is asked the boxes one by one in
// their private chat, in the method's order (goals before results), may
// skip any, and sees the others' answers to a box only once they gave
// their own. The facilitator follows who contributed, reminds the others,
// reads the answers merged box by box, edits any box, and closes it: the
// document (a DOCX laid out as the template, reports.RetroDOCX) goes to the
// facilitator and is offered to every participant, and stays renderable
// from storage. Every line of 有待改进之处 and 转化应用 can become a tracked
// item with an owner and a deadline through Tracker, which the commitment
// feature implements (its reminders and ledger then apply); retro does not
// import commitment.
//
// Files:
//
//	retro.go       Retro, Field, Stages and Labels (the template), Contribution, Text, Lines
//	state.go       State (the session's "rt"), Run, modes and steps
//	feature.go     Feature, Tracker, Kit, /help, the /start to-do, ReportDOCX
//	reader.go      Reader: the reads beyond kit.Directory
//	effects.go     Opened, Contributed, Edited, Closed, Tracked and their records events
//	open.go        /retro: the list, a new 复盘 set up step by step, opening it
//	people.go      choosing the participants (toggles, units below, pages)
//	figures.go     the measured figures of a questionnaire, a talk round or the commitments
//	answer.go      a participant's answers, box by box, and the others' after one's own
//	facilitate.go  the "rt:" buttons: status, reminders, merged text, editing, closing, the document
//	track.go       lines of 有待改进之处 / 转化应用 made tracked items
//	flow.go        the conversation: input, buttons, /back, /cancel by mode
//	catalog.go     message keys; catalog_zh.go, catalog_en.go the texts
package retro
