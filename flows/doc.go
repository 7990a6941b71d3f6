// Package flows holds the bot's conversations as pure state machines.
//
// A step takes the chat's Session, one Input and the time, and returns the new
// Session, the Outputs to send (replies, edits, callback answers, pushes to
// other people) and the Effects to record (domain changes that become records
// events). It performs no I/O: reads of shared state go through the read-only
// Directory the caller passes in, randomness through Env.NewCode, and time is
// an argument. The package imports no Telegram, Redis or cron package; a test
// enforces it.
//
//	eng := flows.NewEngine(env)
//	res, err := eng.Step(sess, in, now, dir)
//	// commit res.Session + res.Effects atomically, then send res.Outputs.
//
// This package is the engine: it decides which feature handles an input
// (commands, the chat's current flow, callback entries), asks the access
// policy whether the person's role may use a command before it runs, runs
// /help, /start's to-do, /cancel, /back and /status, keeps the chat's
// Session and leaves flows through one hook. The features are packages of their own over a
// shared kit:
//
//	flows/kit/         Step, Input/Output, Effect, Core, catalogs, callback data
//	flows/when/        the one reader of typed dates and times, and dates as people read them
//	flows/access/      the access policy every command and button asks (docs/ACCESS.md)
//	flows/join/        /start <code>, /invite, rosters (/roster), unit links, joining by one's own number
//	flows/survey/      questionnaires (问民情)
//	flows/commitment/  public commitments (定·审·履·评)
//	flows/talk/        talk rounds (谈心谈话, 电话约谈, 全覆盖)
//	flows/retro/       复盘, the four-step review and its document
//	flows/discipline/  四必看·四必训 checklists, 四必谈 coverage, the 四个凡提必 gate
//	flows/tipoff/      the anonymous tip-off line (举报)
//	flows/research/    research campaigns (调研 听·问·访·谈, 意见台账, 调研报告)
//
// Files here:
//
//	engine.go    Engine, Env, Result, NewEngine and the feature list
//	step.go      Step: one input's dispatch, group chats, /cancel, /back, buttons
//	             (a prompt's, a push's, a command's "do:"), stale presses
//	text.go      typed text outside a conversation: "、status", pasted invite
//	             links, the one-line hint
//	help.go      /help: per role, a section per task, /back and /cancel last
//	todo.go      /start for people who joined: their to-do, a button per task
//	digest.go    the daily digest (今日待办): the same tasks, held-over pushes, the week's summary
//	status.go    /status: every feature's block on one screen
//	session.go   Session: kit.Core and every feature's State
//	catalog.go   the engine's messages and the bot's description
//	quiet.go     whoever starts pushes in quiet hours is told when they go
package flows
