// Package playground lets people try sibu without Telegram: the real bot
// (same flows, store, scheduler and records relay) talks to the tgemu Bot
// API emulator, and a phone-sized web chat page plays the people on the
// other side.
//
// The page (web/, embedded, no build step) talks to Server through a small
// JSON API and one Server-Sent Events stream:
//
//	GET  /api/state                 bot, demo time, demo people
//	GET  /api/chats/{id}            one person's chat: messages, reply keyboard, command menu,
//	                                the bot's description (an empty chat shows it)
//	POST /api/chats/{id}/messages   {"text": "…"}: the person sends a text (or /command)
//	POST /api/chats/{id}/press      {"message_id": 7, "data": "…"}: taps an inline button
//	POST /api/chats/{id}/contact    shares the person's (fake) phone number
//	POST /api/chats/{id}/files      multipart kind=photo|document|voice, caption, file (📎);
//	                                no file: the sample photo or voice note
//	POST /api/clock                 {"advance": "1h"|"24h"|"168h"}: moves demo time, due jobs fire
//	GET  /api/files/{file_id}       a photo, document or voice note in a chat
//	GET  /api/events                text/event-stream of every change
//
// Time in the playground is one Clock (wall clock plus an offset the page
// can only move forward); the bot, store, relay, emulator and scheduler all
// read it, and a Timekeeper fires the scheduler's jobs as demo time passes.
// When the page moves the clock, the Timekeeper stands at each job
// activation until what its jobs pushed is delivered, so every message is
// stamped with the time it fell due, in that order.
//
// The files, by concern:
//
//	server.go      Options, Server, New (the routes) and ServeHTTP (the checks every request passes)
//	security.go    which requests are the playground's own: Host (no DNS rebinding) and Origin
//	api.go         the JSON API's handlers: state, chat, send, press, contact, advance, file
//	uploads.go     📎: photos (kept as Telegram keeps them), files and voice notes a person sends
//	samples.go     the sample photo (drawn) and voice note (samples/voice.ogg) 📎 offers
//	events.go      the Server-Sent Events stream and the clock moves it carries
//	views.go       what the page is sent: messages, chats, people, the clock
//	clock.go       Clock: the wall clock plus an offset that only moves forward
//	timekeeper.go  Timekeeper: runs the scheduler's due jobs as demo time passes
//	people.go      the demo people, Seed, which puts them in the store, and
//	               who they are now (the newcomer once joined)
package playground
