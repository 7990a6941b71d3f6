// Package tgemu is an in-process emulator of the Telegram Bot API, for
// end-to-end tests, benchmarks and a browser playground.
//
// A Server speaks the HTTP Bot API ({URL}/bot{token}/{method}, answers
// {"ok":true,"result":…} or {"ok":false,"error_code":…,"description":…})
// with Telegram's semantics: getUpdates offsets and long polling, 409
// conflicts, webhook delivery with the secret header and retries, message
// ids per chat, edits and "message is not modified", callback query answers
// that expire, command scopes, file uploads and downloads. Every call is
// checked against the embedded Bot API specification (botapi-spec.json):
// unknown methods, missing or mistyped parameters and broken documented
// limits answer 400 as Telegram does and are recorded in Violations, so a
// test can assert that the bot made no invalid call.
//
// Tests play users through the Go API (SendText, Press, ShareContact, …),
// inspect chats (Messages, LastBotMessage, WaitFor) and inject failures
// (Inject, Block, Migrate):
//
//	srv := tgemu.New(tgemu.WithToken("42:TEST"), tgemu.WithBotUser(42, "sibu_demo_bot", "Sibu"))
//	srv.Start()
//	defer srv.Close()
//
//	b, _ := tgbot.New("42:TEST", tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe(),
//		tgbot.WithDefaultHandler(handler))
//	go b.Start(ctx)
//
//	alice := tgemu.User{ID: 1001, FirstName: "Alice"}
//	srv.SendText(alice, "/start")
//	reply, err := srv.WaitFor(ctx, alice.ID, func(m tgemu.Message) bool { return m.FromBot })
//	// … press a button of the reply:
//	upd := srv.Press(alice, alice.ID, reply.ID, "survey:demo:q1=yes")
//	if len(srv.Violations()) > 0 { t.Fatal(srv.Violations()) }
//
// Subscribe streams every change (messages, edits, deletions, callback
// answers, commands) for live views; it never blocks the API.
package tgemu
