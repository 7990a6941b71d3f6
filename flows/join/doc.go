// Package join is how people come in: /start with an invite code (a t.me
// deep link, or the link pasted as text), the real name and its ✅ 确认
// (the inviter is told), an admin's real name at first contact, and
// /invite, which creates single-use codes with a button to pass them on.
//
// Files:
//
//	feature.go  Feature and what it plugs into the engine
//	state.go    State and Run: a join in progress
//	start.go    /start <code>, an admin's name (AskName), the name's confirmation
//	invite.go   /invite [unit] [role]: names and role words, buttons to choose
//	effects.go  MemberJoined, InviteCreated and their records events
//	catalog.go  messages
package join
