// Package research is the research campaign (调研 听·问·访·谈): the four
// steps the seed's district ran over its townships before the election,
// tied together and measured. 问 (questionnaires) and 谈 (talk rounds) are
// their own features; research adds 听 and 访 — meetings (/meeting:
// 情况汇报会, 座谈会, 个别听取) and visits (/visit: 村居, 站所, 企业, 农户)
// logged by chat with their people, opinions (typed or voice) and photos —,
// one 意见台账 (/opinions) gathering the opinions of all four steps, each
// traceable to its source, tagged by topic and handled (a commitment item
// drawn from it, or a follow-up by someone by a day), a campaign dashboard
// (/campaign: target against done, per step and per unit, within the
// requester's subtree) and the 调研报告 (/report) built from the figures.
//
// Commitments draw on opinions through commitment.Opinions, which this
// package implements (research imports commitment, never the reverse).
//
// Files:
//
//	feature.go         Feature, New, Kit (commands, flow, entries, help, to-do)
//	settings.go        Settings, Campaign, Targets and their defaults
//	record.go          Record (a meeting or visit), Opinion, Handling, ids
//	state.go           State (the session's "rs"), Run, modes and fields
//	reader.go          Reader: the reads beyond kit.Directory
//	effects.go         the effects and their records events (EventData)
//	log.go             /meeting, /visit: starting, the fields asked, changing a record
//	log_input.go       what is typed or sent while logging, the buttons, /back
//	log_submit.go      the summary, submitting and saving
//	opinions.go        /opinions: the ledger a page at a time, filters, export
//	opinion_card.go    an opinion's card and buttons: topic, commitment, done
//	followup.go        assigning a follow-up, the to-do of assignees
//	remind.go          a follow-up's reminders: the day before and on its deadline
//	importer.go        questionnaire comments and talk summaries into the ledger
//	figures.go         Figures: a campaign's figures per unit, what is behind
//	figures_sources.go the questionnaires' and talk rounds' part of them
//	sentences.go       the four steps in the seed's sentences
//	campaign.go        /campaign, its chart, /report
//	document.go        Report: the 调研报告 as content (Doc), its first sections
//	document_next.go   its problems, next steps and appendix table
//	format.go          buttons laid out in rows
//	catalog.go         message keys; catalog_zh.go, catalog_en.go the texts
package research
