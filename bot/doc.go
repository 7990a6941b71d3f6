// Package bot connects Telegram to the flows and the store.
//
// Intake records every update in Redis before Telegram is told it arrived
// (webhook: before the 2xx; polling: before the next getUpdates offset passes
// it). Workers of every replica lease chats from the store, so one chat's
// updates are applied one at a time and in order while different chats run in
// parallel. Each update is translated to a kit.Input, stepped, committed
// atomically, and only then are its replies sent through the Sender, which
// keeps Telegram's limits and survives 429, 403 and chat migrations.
//
// # Files
//
// The files follow an update's path, one direction each:
//
//   - intake.go: Poller (getUpdates) and Webhook, which record raw updates
//     before Telegram is told they arrived.
//   - update.go: a raw update as such: its id and the one chat that owns
//     it (peek, for intake), and the full decode that keeps what it can of
//     fields newer than the library (decodeUpdate, for the worker).
//   - worker.go: workers lease chats and apply each update in order (flow
//     step, atomic commit), then send its replies.
//   - lease.go: a worker keeps its lease (timed by Redis's clock) while it
//     serves a chat, and stops sending the moment the lease is lost or may
//     have run out.
//   - setaside.go: what keeps failing — an update that cannot be applied,
//     a reply Telegram refuses, a panic outside the flow step — is tried a
//     few times, then set aside in the dead list with an apology, so no
//     chat waits for ever.
//   - input.go: Telegram to flows: an update as a kit.Input (command,
//     text, contact, media), and a talk roster document downloaded and read
//     into the input the talk flow waits for.
//   - output.go: flows to Telegram: one kit.Output as Bot API calls
//     (send, sendFile, sendContact), reply markup and inline keyboards cut
//     to Telegram's limits, text split at 4096 UTF-16 units, callback
//     answers, and the command menus per role.
//   - reports.go: OutReport, files rendered at send time from stored data;
//     one table names the renderer of every kind; reports_docs.go has those
//     of 复盘 and the discipline work (a 复盘's DOCX, a checklist's XLSX).
//     one table names the renderer of every kind.
//   - reports_research.go: the research campaign's renderers (the dashboard
//     chart, the 调研报告 as DOCX, the 意见台账 as XLSX), rows of that table.
//   - push.go: the push stream (invitations, reminders, digests), drained
//     under the global cap by every replica through one consumer group:
//     each chat served on its own schedule (a backlog to one chat delays
//     only that chat), a push that cannot go within the delivery deadline
//     held in Redis for later, a sent-mark that keeps a push taken over
//     from being sent twice.
//   - sender.go: Sender, the one way out: per-chat and global limits, 429
//     retry_after, 403 and group migrations.
//   - membership.go: what Telegram says about chats rather than to the
//     flows: a person who blocked the bot, a group that became a supergroup.
//   - bot.go: Bot, its Options, and the HTTP client for the Bot API.
//   - metrics.go: the Prometheus collectors.
//
// No file is about one feature: features live in flows. What bot does for a
// feature is a case of a direction: a feature's reports (the questionnaire
// chart and exports, the commitment 台账, the talk coverage chart and
// ledger) are rows of the renderer table in reports.go, sharing the upload
// and the file naming; the talk roster upload is how a document becomes the
// talk flow's input, so it is in input.go.
package bot
