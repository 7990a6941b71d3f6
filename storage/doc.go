// Package storage keeps sibu's state in Redis: the durable inbox of Telegram
// updates, chat sessions, domain records (people, invites, questionnaires),
// committed replies, the push queue and the outbox of records events.
//
// One step of a conversation is committed by one Lua script that checks the
// session version, the inbox head and each effect's condition, then writes
// the session, the records, the outbox events, the pushes and the replies and
// acknowledges the update, all or nothing. Replies are sent only after it.
//
// With no Redis URL, Open serves an embedded in-process Redis (miniredis):
// good for a demo, but nothing survives a restart.
package storage
