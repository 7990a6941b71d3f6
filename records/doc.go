// Package records relays the bot's records events from the Redis outbox to
// the organisation's records system.
//
// Every fact the bot records is appended, in the same atomic commit as the
// state change, to the stream storage.Keys.Outbox() as an entry with one
// field "event": a complete CloudEvents 1.0 structured-mode JSON document. A
// Relay reads the stream through a consumer group and hands each event to a
// Sink, which delivers the stored bytes unchanged:
//
//   - NewSink("https://…", "whsec_…", client) POSTs them as
//     application/cloudevents+json with Standard Webhooks headers
//     (webhook-id = the event id, webhook-timestamp, webhook-signature =
//     "v1,<base64 HMAC-SHA256 of id.timestamp.body>"). Receivers check a
//     request with Verify.
//   - NewSink("file:///abs/path.jsonl", "", nil) appends one line per event
//     and fsyncs: the local sink.
//
// # Delivery guarantees
//
// Delivery is at least once. The event id never changes, across retries,
// takeovers and replays, so the receiver dedupes on webhook-id. Order is not
// guaranteed: up to Parallel deliveries run at once, a failed event waits
// for its backoff while later events go ahead, and replicas deliver side by
// side. A receiver that needs order sorts by the CloudEvents "time".
//
// # How an entry moves
//
// A relay reads new entries with XREADGROUP into its pending list, only as
// many as it has free delivery slots. A delivered entry is acknowledged and
// deleted from the stream (XACK + XDEL), so the outbox holds exactly what is
// not yet delivered.
//
// A failed attempt is recorded by one Lua script: it increments the entry's
// count in the hash Outbox()+":attempts", schedules the next attempt in the
// sorted set Outbox()+":retry" (score = unix ms, exponential backoff with
// full jitter) and acknowledges the entry, which stays in the stream. The
// retry set, not the pending list, owns it from then on, so no other relay
// takes it over during its backoff. When a retry falls due, a relay leases
// it by moving its score MinIdle into the future; a relay that dies holding
// the lease lets it run out and another relay retries. Attempt counts live
// in Redis, so a restart neither resets them (a poison event still reaches
// the limit) nor inflates them: takeovers and shutdowns are not attempts.
//
// After MaxAttempts failed attempts the same script moves the event to
// storage.Keys.OutboxDead() (fields event, attempts, error, failed_at),
// counts it in storage.Keys.OutboxDeadNews() (from which the scheduler's
// dead_letters job tells the officials, once per period, how many and the
// first error) and deletes it from the outbox; the relay then logs a
// warning and calls RelayOptions.OnDeadLetter. An entry that is not a valid
// CloudEvent is dead-lettered at once. Relay.Replay moves dead letters back
// to the outbox (same bytes, same id, fresh attempt count) for an operator
// command.
//
// A relay that crashes mid-delivery leaves entries in its pending list;
// another relay takes them over with XAUTOCLAIM once they have been idle for
// MinIdle. A single delivery is bounded by MinIdle/2, so a live relay's slow
// delivery is not taken over while it runs.
//
// The reading itself (the consumer group, takeovers, backoff after Redis
// errors, the grace on shutdown) is storage.Consumer, which also reads the
// bot's push stream; the relay adds its retry set (a storage.Later, offered
// through storage.ConsumerOptions.Due) and its bookkeeping.
//
// # Wiring
//
//	sink, err := records.NewSink(cfg.RecordsURL, cfg.RecordsSecret, nil)
//	if err != nil { return err }
//	if hs, ok := sink.(*records.HTTPSink); ok && !hs.Signed() {
//		log.Warn("records: SIBU_RECORDS_SECRET is empty; deliveries are not signed")
//	}
//	relay := records.NewRelay(rdb, keys, sink, records.RelayOptions{}, log)
//	reg.MustRegister(relay.Collectors()...)
//	go relay.Run(ctx)
//
// # Files
//
//   - event.go: Event and ParseEvent, the CloudEvents attributes the relay reads.
//   - sink.go: the Sink interface, NewSink (which sink a URL names) and FileSink.
//   - webhook.go: HTTPSink, the Standard Webhooks signature (sign, parseSecret)
//     and Verify for receivers.
//   - relay.go: Relay: NewRelay, its metrics, Run, and the outcome of each
//     delivery (recordSuccess, recordFailure) and Replay.
//   - options.go: RelayOptions and their defaults.
//   - stats.go: Stats, the backlog read for /status, and the gauges Run refreshes.
//   - scripts.go: the Lua scripts that claim retries, record a failed attempt
//     and replay a dead letter, each one atomic step.
package records
