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
package flows
