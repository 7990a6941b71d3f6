// Package bot connects Telegram to the flows and the store.
//
// Intake records every update in Redis before Telegram is told it arrived
// (webhook: before the 2xx; polling: before the next getUpdates offset passes
// it). Workers of every replica lease chats from the store, so one chat's
// updates are applied one at a time and in order while different chats run in
// parallel. Each update is translated to a flows.Input, stepped, committed
// atomically, and only then are its replies sent through the Sender, which
// keeps Telegram's limits and survives 429, 403 and chat migrations.
package bot
