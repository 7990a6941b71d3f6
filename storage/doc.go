// Package storage keeps sibu's state in Redis: the durable inbox of Telegram
// updates, chat sessions, domain records (people, invites, questionnaires,
// commitments, talk rounds), committed replies, the push stream and the
// outbox of records events.
//
// One step of a conversation is committed by one Lua script that checks the
// session version, the inbox head and each effect's condition, then writes
// the session, the records, the outbox events, the pushes and the replies and
// acknowledges the update, all or nothing. Replies are sent only after it.
//
// With no Redis URL, Connect serves an embedded in-process Redis
// (miniredis): good for a demo, but nothing survives a restart.
//
// # Files
//
// The mechanism, which knows no feature:
//
//   - store.go: Store and Connect.
//   - keys.go: every key name, one function per key, all under one hash tag.
//   - inbox.go: recording updates (deduped on update_id), chat leases
//     (timed by Redis's clock, TIME, so replicas agree whatever their own
//     clocks say), claiming and loading a chat.
//   - session.go: a chat's session and its committed, unsent replies.
//   - dead.go: the dead list of updates and replies set aside after their
//     attempts, counted per update or reply, and their replay.
//   - sweep.go: the hourly housekeeping no code path ends by itself
//     (consumers of dead processes, old dead letters).
//   - durability.go: the Redis settings checked at start (AOF, eviction).
//   - commit.go: Commit, the commit script and the plan it reads, and the
//     table of per-feature planners.
//   - batch.go: CommitBatch, many independent commits in pipelined round
//     trips; send-once pushes go through one claims script.
//   - claim.go: the claims that make a push go once; a daily or weekly
//     claim replaces the ones before it.
//   - events.go: records events (CloudEvents 1.0) around the data each
//     effect gives itself (kit.Effect.EventData, defined next to the
//     effect in its feature package).
//   - anonymity.go: every rule that keeps an anonymous response unlinkable
//     to its respondent: chat state concealed under the anonymity key,
//     responses sealed into a pool at submit.
//   - release.go: the batch release of pooled anonymous responses (at
//     least min_group at a time) and an evaluation round's figure.
//   - stream.go: Consumer, the one reader of a stream through a consumer
//     group, used for the pushes (Store.Pushes) and by the records relay.
//   - alive.go: consumers' heartbeats, and the claim of what a consumer
//     whose heartbeat ran out held (a killed replica's pushes and events
//     resume in seconds, a live one's are never taken).
//   - ratelimit.go: ReserveSend, the send limits every replica shares (a
//     GCRA in Lua over the global cap and each chat's or group's limit).
//   - later.go: Later, a stream's entries held back to be offered again at
//     a time of their own (the relay's retries, held pushes), and
//     ClaimDue, which leases those whose time came.
//   - pushes.go: PushQueue, the push stream as the bot drains it: held
//     pushes, the delivery deadline, and a sent-mark per push.
//   - attention.go: the attention budget (Admit: pushes a person gets a
//     day, the same text once, the rest folded for the digest) and the
//     digest's claim.
//   - reads.go: helpers the reads share.
//   - directory.go: the read view a step consults (Directory: kit.Directory
//     and every feature's reader).
//
// The features, each with its planner (how its effects are guarded and
// written) and its reads:
//
//   - people.go: joining, invites, members and the leads of units.
//   - survey.go: questionnaires: opening, progress, reminders, responses,
//     figures and export.
//   - commitment.go, commitment_read.go: public commitments (公开承诺) and
//     their evaluation rounds.
//   - talk.go, talk_read.go: talk rounds (谈民心).
//   - retro.go: 复盘 (reviews, contributions, a person's reviews).
//   - discipline.go: the 四必看·四必训 checklists and the nominee gate.
//   - tipoff.go, tipoff_release.go: the anonymous tip-off line: sealed
//     into a pool, released in batches like anonymous answers, found by
//     the keyed hash of a receipt code, a pseudonymous daily cap.
//   - keys_discipline.go: the keys of the three above.
//   - roster.go, roster_read.go: rosters of people expected to join (by
//     normalized number, one hash), unit join links and join requests.
//   - research.go, research_read.go: research campaigns (调研 听·问·访·谈):
//     meetings, visits, their day counters, the 意见台账, follow-ups and
//     the follow-ups due (with their reminders' claims).
//   - delivery.go: chats that blocked the bot and groups that moved.
//   - deadletters.go: what the dead-letter stream gained since the
//     officials were last told.
//
// A new feature adds its planner to planners (commit.go); its effects
// bring their own event data; the commit script stays as it is.
package storage
