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
// answers, commands, descriptions) for live views; it never blocks the API.
//
// # Files
//
// A call's way through the server, then the methods, then the emulated world
// the tests play in:
//
//   - server.go: Server, its Options, New, Start, URL and Close.
//   - routing.go: the HTTP handler, the token check, do (spec check, Inject
//     hook, method) and the method table; writeAPI answers in the Bot API's
//     envelope.
//   - request.go: a call's parameters read from the query string and a
//     multipart, urlencoded or JSON body.
//   - records.go: what the server saw: Calls, Counts, Violations, Warnings,
//     and the Inject hook.
//   - errors.go: APIError and the answers Telegram gives (429 with
//     retry_after, 400, 403, 401, 404).
//   - spec.go: the embedded botapi-spec.json, loaded once per process.
//   - spec_params.go: a call's parameters checked against its method:
//     required, typed, and within documented lengths.
//   - spec_values.go: a JSON value checked against the spec's types (arrays,
//     scalars, unions, objects) and the one-action rule of inline buttons.
//   - format.go: text and entities as Telegram makes them (parse_mode or
//     entities, trimming, UTF-16 offsets).
//   - format_html.go, format_markdown.go: the HTML, MarkdownV2 and legacy
//     Markdown parse modes.
//   - methods_send.go: sendMessage, sendContact, the five sendMedia methods
//     and sendChatAction, over one path for reply markup, chat and reply.
//   - methods_edit.go: editMessageText, editMessageCaption,
//     editMessageReplyMarkup ("message is not modified"), deleteMessage(s).
//   - markup.go: reply_markup parsed and checked against keyboard limits;
//     the chat's reply keyboard.
//   - files.go: stored files: uploads, file_ids and URLs as InputFile,
//     getFile and downloads.
//   - methods_callbacks.go: answerCallbackQuery and CallbackAnswer.
//   - methods_commands.go: set/get/deleteMyCommands per scope and language,
//     and CommandsFor, the list a user sees.
//   - methods_bot.go: getMe, logOut, close and getChat.
//   - methods_description.go: set/getMyDescription and
//     set/getMyShortDescription per language, and Description, the texts a
//     user sees (an empty chat shows the description).
//   - updates.go: the update queue, allowed_updates, and getUpdates with its
//     offsets, long polling and 409 conflicts.
//   - webhook.go: setWebhook and its delivery: in order, retried, with the
//     secret header and method calls in the answer.
//   - chats.go: AddUser, AddGroup, the chats' histories of Message, and
//     reading them (Messages, LastBotMessage, WaitFor).
//   - users.go: what the people in a test do: send, reply, share a contact
//     or a file, edit, press a button, block the bot; and group migrations.
//   - events.go: Event and Subscribe.
package tgemu
