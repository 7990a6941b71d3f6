// Package join is how people come in: /start with an invite code (a t.me
// deep link, or the link pasted as text), the real name and its ✅ 确认
// (the inviter is told), an admin's real name at first contact, and
// /invite, which creates single-use codes with a button to pass them on.
//
// At scale people come in through a roster and a unit's link: an official
// imports the roster of the people expected to join (/roster, or `sibu
// roster import FILE`), each row checked and the rejected ones reported
// with their reason; /invite 链接 gives the unit's multi-use, expiring,
// revocable join link and its QR poster; whoever opens it shares their own
// contact (a typed number never claims a roster entry) and joins as the
// roster says after a ✅ 确认 of the name, or, not on the roster, asks to
// join and the unit's secretary approves or refuses with one tap. /roster
// shows who has not joined; Digest gives the daily digest the count.
//
// Files:
//
//	feature.go         Feature and what it plugs into the engine
//	state.go           State and Run: a join in progress
//	start.go           /start <code>, an admin's name (AskName), the name's confirmation
//	invite.go          /invite [unit] [role] [链接]: names and role words, buttons to choose
//	effects.go         MemberJoined, InviteCreated and their records events
//	roster.go          Expected, RosterRow, UnitLink, Request and Reader: the roster's vocabulary
//	check.go           Check: a roster file validated row by row (Import)
//	effects_roster.go  the roster's, links' and requests' effects and records events
//	roster_cmd.go      /roster: overview, names not joined (paged), the import conversation
//	link.go            a unit's join link: shown, its poster, stopped
//	contact.go         joining through a link: one's own contact, the roster match
//	request.go         join requests and their decision, the to-do, Digest, the /status line
//	catalog.go         messages; catalog_roster.go and catalog_link.go the roster's and links'
package join
