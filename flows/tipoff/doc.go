// Package tipoff is the anonymous tip-off line (举报) of the seed's
// 换届风气 work: 拉票贿选, 跑官要官, 说情打招呼, 违规用人 and anything else.
//
// Any joined person reports with /tipoff: the kind, the unit it is about,
// what happened (who, where, when) and photos or files; they get a receipt
// code (12 characters) and can later read the inspectors' answers and add
// information only with that code. Nothing ties a tip-off to its reporter:
// storage seals what the reporter sends to the anonymity key into a pool
// (Submitted, Added: no records fact at the submit), keeps no user or chat
// id with it and no time but the day, releases the pool in batches like
// anonymous answers (Received, Supplemented are the facts then), finds a
// tip-off by the keyed hash of its code without naming it in any read,
// and counts a person's reports of the day under a pseudonym, apart from
// the reports (the abuse cap). The session that holds a draft or a code
// is concealed like every session, and pushes (which are not) carry no
// content.
//
// Released tip-offs are read by the inspectors (纪检, kit.RoleInspector) of
// the units above the one reported — never its own — who answer them
// (Answered), mark them 处理中 or 已办结 (Marked) and link them to a nominee
// (Linked), which reopens that nominee's 信访举报凡提必查 check through
// Nominees, implemented by the discipline feature.
//
// Files:
//
//	tipoff.go   Tipoff, Kind, Status, Note, receipt codes
//	state.go    State (the session's "tf"), Run, modes and steps
//	feature.go  Feature, Settings, Nominees, Kit, /help
//	reader.go   Reader: the reads beyond kit.Directory
//	effects.go  Submitted, Added (pooled), Received, Supplemented (at release), Answered, Marked, Linked
//	report.go   /tipoff and writing a tip-off: kind, unit, account, files, receipt code
//	follow.go   following up with the code: the state, the answers, additions
//	inspect.go  the inspectors' list, reading, answering, marking, linking ("tf:" buttons)
//	notices.go  Released: the inspectors told of a release
//	flow.go     the conversation: input, buttons, /back, /cancel by mode
//	catalog.go  message keys; catalog_zh.go, catalog_en.go the texts
package tipoff
