// Package talk is talk rounds (谈民心): one-to-one talks (交心谈心) with
// everyone on a round's roster until 全覆盖. Officials open a round from
// configuration or an uploaded list and follow coverage; members take part
// in person (面谈) or book a phone talk (电话约谈) at a slot of their
// interviewer, or propose a time; interviewers are reminded before a phone
// slot, record the outcome (已谈 with a summary, 未接通 → 补谈, 改为面谈)
// and get a daily list of the people not yet reached.
//
// Files:
//
//	feature.go     Feature, Settings, Kit (commands, flow, entries, help, status)
//	state.go       State (the session's "tk"), Run, the conversation's steps, WantsRoster
//	round.go       Round, Session, Entry and its Status, Coverage and its buckets
//	reader.go      Reader: the reads beyond kit.Directory
//	effects.go     the effects and their records events (EventData)
//	format.go      times, entry lines and names as people read them
//	phone.go       NormalizePhone, PhoneDisplay
//	member.go      the invitation's buttons: 面谈, 电话约谈, change, cancel
//	book.go        booking a phone talk: number, slot or proposal, confirmation
//	flow.go        the conversation: input, buttons, /back, /cancel
//	interviewer.go the interviewer's buttons: record, call, missed, 改为面谈, accept
//	outcome.go     the summary and 已谈
//	mytalks.go     /mytalks
//	admin.go       /talks open|close, the roster and its interviewers
//	pick.go        rounds by id or title, and as buttons (with people to excuse) when not named
//	excuse.go      /talks excuse (免谈)
//	roster.go      /talks roster: the uploaded file
//	match.go       matching an uploaded roster to members, namesakes, confirmation
//	coverage.go    /coverage, its chart and ledger, the /status block
//	todo.go        the /start to-do: the person's own talk, an interviewer's people
//	scope.go       a round for the access policy, scoped views, the fallback interviewer
//	notices.go     the scheduler's notices and when they are due
//	catalog.go     message keys; catalog_zh.go, catalog_en.go the texts
package talk
