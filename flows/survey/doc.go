// Package survey is the questionnaire feature (问民情): questionnaires
// defined in a SurveyJS subset with a campaign (who receives them, when,
// anonymity, the 满意 rule), issued by officials (/survey open|close) or on
// their own at the campaign's times, answered by chat one question at a
// time, and followed through /status, /stats and /export. An evaluation
// round of the commitment feature may use a questionnaire to measure
// satisfaction: it answers through Rounds and enters runs with Enter.
//
// Files:
//
//	feature.go        Feature, Rounds, Kit (commands, flow, entry, status), Enter, InvitationText
//	state.go          State (the session's s and d), Run, draft keys, End and park (the flow's Leave)
//	reader.go         Reader (the reads beyond kit.Directory), Status, Counts, Stats
//	step.go           the step wrapper: catalog, reader, current run, formatting
//	def.go            Survey, Question, Campaign and the other definition types
//	parse.go          Parse: the questionnaire file, its questions and triggers, the campaign
//	parse_question.go one question: type, choices, conditions, validators, maxLength
//	parse_creator.go  a SurveyJS Creator export: the campaign's defaults, display settings left out
//	expr.go           Expr and ParseExpr (SurveyJS expressions)
//	expr_lex.go       expression tokens
//	expr_parse.go     expression syntax tree and parser
//	expr_eval.go      expression evaluation with SurveyJS semantics
//	logic.go          answers as values: visibility, requirement, triggers, records form
//	run.go            start (the 开始填写 entry), enter, migrate, closing a run
//	question.go       showing the current question and answers
//	buttons.go        a question's buttons, one function per question type
//	answer.go         a question's buttons pressed, one function per verb; record
//	input.go          typed answers and their validation
//	back.go           /back while answering
//	summary.go        the closing summary (long answers shortened) and changing an answer from it
//	submit.go         submitting a response
//	admin.go          /survey open|close, issuing invitations, the /status block
//	pick.go           questionnaires by id or title (Find), and as buttons when not named
//	list.go           /surveys, the /help section and the /start to-do
//	results.go        /stats and /export, the report kinds
//	scope.go          a questionnaire for the access policy, figures of a scope, withheld small groups
//	stats.go          QuestionStats, QuestionTallies, ResponseRow
//	jobs.go           Open, Close, Remind and whether each is due
//	effects.go        the effects and their records events
//	catalog.go        the messages
package survey
