// Package app wires sibu together: configuration → store → flows → bot,
// records relay and scheduler, plus the operations HTTP endpoint. main.go and
// the end-to-end tests both use Run; main uses RunPlayground without a token.
//
// Files:
//
//	app.go         Run, the jobs every replica registers (addJobs, addSweep),
//	               the bot's name, invite codes, instance names
//	run.go         run: one instance wired step by step (clocks, Telegram,
//	               store, flows and bot, relay and jobs, servers), then served
//	               until shutdown
//	playground.go  RunPlayground: the same bot against the built-in emulator
//	anonymity.go   the anonymity key: where it comes from, and that replicas
//	               share it
//	testclock.go   POST /debug/clock with SIBU_TEST_CLOCK=1
package app
