// Package bench is the `sibu bench` command: measured throughput, latency,
// push rate, records relay and Redis footprint against the Bot API emulator,
// a private redis-server and a local records sink, side by side with the
// questionnaire bot a go-telegram/bot user would write (the peer) and a
// bare echo bot, measured in the same run.
//
// It measures; it does not judge: every figure is printed with its goal and
// a verdict, and the command exits 0 whatever the numbers.
//
//	go run . bench -quick                    # about a minute, CI smoke use
//	go run . bench -json                     # the full run, as JSON
//	go run . bench -run push,commitments     # some scenarios only
//	go run . bench -cpuprofile /tmp/c.prof -profile commitments
//
// # Files
//
// The command:
//   - bench.go: Main, the flags (params), the scenario table and running it.
//   - report.go: Row and the report, its table and JSON, and the verdict
//     helpers (verdict, ratio, okIf, ms).
//   - env.go: env, what every scenario shares (configuration, Redis, key
//     prefixes dropped when a scenario ends, seeded people).
//   - redis.go: the private redis-server and what is read from INFO.
//   - sibu.go: the sibu bot wired as app.Run wires it, its limits, the
//     emulator, and the scene a scenario with users runs against.
//
// The simulated users:
//   - users.go: the hub routing emulator events per chat, the scripts, a
//     user's actions, confirmAll, the user id ranges.
//   - loops.go: closedLoop (as fast as the bot answers) and openLoop (a
//     fixed offered rate).
//   - sample.go: latencies and their percentiles.
//
// The scenarios, in the order they run:
//   - intake.go: baseline (a bare echo bot), intake (closed loop through the
//     questionnaire) and load (fixed offered load), and the CPU they use.
//   - webhook.go: the intake closed loop with webhook intake, a forwarder
//     playing Telegram (concurrent POSTs, each answered once stored).
//   - peer.go, peer_bot.go, child.go: sibu beside the peer questionnaire
//     bot, each a child process (Child) with a redis-server of its own.
//   - push.go: reminders drained under the global cap, then with 429s.
//   - drain.go: what push and commitments share: collecting the bot's sends,
//     drain, summarise, and the delivered/rate/peak rows.
//   - outbox.go: the local records sink and the relay's throughput and lag.
//   - footprint.go: Redis bytes per session, response, records event and
//     dedupe mark.
//   - status.go: /status and /stats against a million stored responses.
//   - commitments.go: the reminder job over a million commitment items, and
//     its sender; commitments_seed.go stores the items and their people.
//   - attention.go: a branch of 30 over a quarter on a test clock: pushes
//     per person per day, identical texts, reminders acted on.
//   - pdeath_linux.go, pdeath_other.go: the private redis-server dies with the
//     benchmark where Linux allows.
package bench
