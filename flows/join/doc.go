// Package join is how people come in: /start with an invite code (a t.me
// deep link), the real name and its ✅ 确认, and /invite, which creates
// single-use codes.
//
// Files:
//
//	feature.go  Feature and what it plugs into the engine
//	state.go    State and Run: a join in progress
//	start.go    /start <code>, the name and its confirmation
//	invite.go   /invite [unit] [role]
//	effects.go  MemberJoined, InviteCreated and their records events
//	catalog.go  messages
package join
