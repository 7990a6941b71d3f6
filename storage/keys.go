package storage

import "strconv"

// Keys names every Redis key of one deployment. All keys share the hash tag
// {prefix}, so every multi-key script (the step commit touches the session,
// domain records and the outbox stream at once) runs in one slot and works
// unchanged on Redis Cluster. The price is that one deployment does not shard
// across Cluster nodes; a single Redis node serves far more than one county's
// traffic (see README, Performance).
type Keys struct{ p string }

// NewKeys returns the key namer for prefix (e.g. "sibu").
func NewKeys(prefix string) Keys { return Keys{p: "{" + prefix + "}:"} }

// Prefix is the common start of every key, hash tag included.
func (k Keys) Prefix() string { return k.p }

// Outbox is the stream of records events. Each entry has one field "event":
// a complete CloudEvents 1.0 structured-mode JSON document whose "id" is the
// stable delivery id (webhook-id).
func (k Keys) Outbox() string { return k.p + "outbox" }

// OutboxDead is the dead-letter stream: entries moved out of Outbox after the
// configured number of failed attempts, fields "event", "attempts", "error".
func (k Keys) OutboxDead() string { return k.p + "outbox:dead" }

// OutboxDeadNews is the hash of what the dead-letter stream gained since
// the officials were last told: "count", and "first_error", "first_at" of
// the first of them.
func (k Keys) OutboxDeadNews() string { return k.p + "outbox:dead:news" }

// Push is the stream of pushes the bot starts itself (invitations, reminders,
// notices to officials); field "msg" holds a JSON kit.Output.
func (k Keys) Push() string { return k.p + "push" }

// PushLater is the sorted set of pushes held back (a chat's limit, a 429,
// quiet hours): push id → unix ms at which it is offered again.
func (k Keys) PushLater() string { return k.p + "push:later" }

// PushSent marks how far push id got: "done" once sent, or the number of
// its parts sent (a long text goes in parts). It expires after a day.
func (k Keys) PushSent(id string) string { return k.p + "push:sent:" + id }

// Session holds the JSON session of a chat.
func (k Keys) Session(chatID int64) string { return k.p + "session:" + itoa(chatID) }

// InboxSeen marks an update_id as recorded (dedupe, expires after a day).
func (k Keys) InboxSeen(updateID int64) string { return k.p + "in:seen:" + itoa(updateID) }

// InboxChat is the list of recorded, not yet applied updates of one chat.
func (k Keys) InboxChat(chatID int64) string { return k.p + "in:chat:" + itoa(chatID) }

// InboxReady is the sorted set of chats with work: score = unix ms at which
// the chat may be claimed (now, or the end of a worker's lease).
func (k Keys) InboxReady() string { return k.p + "in:ready" }

// InboxOwner is the hash of chat → the token of the lease that holds it.
func (k Keys) InboxOwner() string { return k.p + "in:owner" }

// Replies is the list of committed, not yet sent replies of one chat.
func (k Keys) Replies(chatID int64) string { return k.p + "replies:" + itoa(chatID) }

// Dead is the dead list: updates that could not be applied and replies that
// could not be sent, set aside so their chat goes on (see dead.go); fields
// "kind", "chat", "body", "error", "at". Trimmed to about deadMax entries.
func (k Keys) Dead() string { return k.p + "dead" }

// Attempts counts the failed attempts at one update or reply of a chat
// (digest: of its bytes); it expires after attemptsTTL.
func (k Keys) Attempts(chatID int64, digest string) string {
	return k.p + "tries:" + itoa(chatID) + ":" + digest
}

// PollOffset is the next getUpdates offset (polling mode).
func (k Keys) PollOffset() string { return k.p + "poll:offset" }

// PollLease is held by the one replica that polls getUpdates.
func (k Keys) PollLease() string { return k.p + "poll:lease" }

// Tick claims one run of a scheduled job at one tick time.
func (k Keys) Tick(job string, unixSec int64) string {
	return k.p + "tick:" + job + ":" + itoa(unixSec)
}

// Keys of delivery (delivery.go).

// Unreachable is the set of user ids that blocked the bot (403).
func (k Keys) Unreachable() string { return k.p + "unreachable" }

// GroupMoves is the hash of group chat id → the supergroup it became
// (Telegram's migrate_to_chat_id), so sends follow it after a restart.
func (k Keys) GroupMoves() string { return k.p + "groups:moved" }

// Keys of people (people.go).

// Member is the hash of one person (by Telegram user id).
func (k Keys) Member(userID int64) string { return k.p + "member:" + itoa(userID) }

// UnitMembers is the set of user ids in a unit.
func (k Keys) UnitMembers(unit string) string { return k.p + "unit:" + unit + ":members" }

// LeadsIndexed marks that UnitLeads was filled from the people stored
// before it existed (see IndexLeads).
func (k Keys) LeadsIndexed() string { return k.p + "leads:indexed" }

// UnitLeads is the set of user ids of a unit's supervisors and officials
// (a subset of UnitMembers).
func (k Keys) UnitLeads(unit string) string { return k.p + "unit:" + unit + ":leads" }

// Members is the set of every joined user id.
func (k Keys) Members() string { return k.p + "members" }

// Invite is the hash of one invite code.
func (k Keys) Invite(code string) string { return k.p + "invite:" + code }

// Keys of questionnaires (survey.go, anonymity.go).

// Survey is the hash of one questionnaire campaign's state (status, opened_at, version).
func (k Keys) Survey(id string) string { return k.p + "survey:" + id }

// SurveysOpen is the set of open questionnaire ids.
func (k Keys) SurveysOpen() string { return k.p + "surveys:open" }

// SurveyIssued is the set of user ids a questionnaire was issued to.
func (k Keys) SurveyIssued(id string) string { return k.p + "survey:" + id + ":issued" }

// SurveySubmitted is the set of user ids that submitted (who, never what).
func (k Keys) SurveySubmitted(id string) string { return k.p + "survey:" + id + ":submitted" }

// SurveyCounts is a hash of counters: "submitted", "satisfied" (anonymous
// responses are counted when released from SurveyPool).
func (k Keys) SurveyCounts(id string) string { return k.p + "survey:" + id + ":counts" }

// SurveyResponses is a hash of response id → JSON document (no respondent
// when anonymous). A hash, not a list: it keeps no submission order.
func (k Keys) SurveyResponses(id string) string { return k.p + "survey:" + id + ":responses" }

// SurveyTallies is a hash of counters: "#q" answered, "q\x1fvalue" chosen.
func (k Keys) SurveyTallies(id string) string { return k.p + "survey:" + id + ":tallies" }

// SurveyUnits is a hash of per-unit counters: "unit\x1fsubmitted|satisfied|answered".
func (k Keys) SurveyUnits(id string) string { return k.p + "survey:" + id + ":units" }

// SurveyUnitIssued is a hash of unit → invitees.
func (k Keys) SurveyUnitIssued(id string) string { return k.p + "survey:" + id + ":unit_issued" }

// SurveyProgress is a hash of user → opened|started|submitted.
func (k Keys) SurveyProgress(id string) string { return k.p + "survey:" + id + ":progress" }

// SurveyReminders is a hash of user → reminders sent, and "<user>@" → unix
// seconds of the last one.
func (k Keys) SurveyReminders(id string) string { return k.p + "survey:" + id + ":reminders" }

// SurveyAnonOut is the set of anonymous response events an earlier release
// held back for the daily release; ReleaseAnonymous empties what is left.
func (k Keys) SurveyAnonOut(id string) string { return k.p + "survey:" + id + ":anon_out" }

// AnonymityRecipient is the public recipient (age1…) of the anonymity key
// the store's data is sealed to (CheckAnonymityKey); never the key.
func (k Keys) AnonymityRecipient() string { return k.p + "anonymity:recipient" }

// SurveyPool is the set of a questionnaire's anonymous responses sealed to
// the anonymity key, waiting for a batch release (a set: no order, and
// nothing in it readable without the key).
func (k Keys) SurveyPool(id string) string { return k.p + "survey:" + id + ":pool" }

// SurveyPoolRounds is the set of the evaluation rounds whose pool
// (CommitmentRoundPool) holds responses to the questionnaire.
func (k Keys) SurveyPoolRounds(id string) string { return k.p + "survey:" + id + ":pool_rounds" }

// SurveysPooled is the set of questionnaire ids whose anonymous responses
// wait in a pool (SurveyPool, or a round's), so the release finds them
// all, also those of a questionnaire no longer configured.
func (k Keys) SurveysPooled() string { return k.p + "surveys:pooled" }

// Keys of public commitments (公开承诺; commitment.go). Every item is a
// hash; the indexes are sorted sets and hashes so that a reminder tick
// reads only the items due, /status reads a few counters, and a unit's
// ledger reads its own ids. The stored names keep their old "pr:"
// (promise) stem so that live data still reads; in code a promise is a
// commitment.

// CommitmentItem is the hash of one item: "rev" (its revision), "d" (its JSON),
// and "r:<deadline>:<stage>:<to>" → unix seconds for each reminder sent.
func (k Keys) CommitmentItem(id string) string { return k.p + "pr:item:" + id }

// CommitmentLog is the list of an item's history entries (JSON), oldest first:
// declaration, reviews, 履诺记实, 督办, extensions, grades.
func (k Keys) CommitmentLog(id string) string { return k.p + "pr:item:" + id + ":log" }

// CommitmentOwner is the sorted set of a person's item ids (score = created ms).
func (k Keys) CommitmentOwner(userID int64) string { return k.p + "pr:owner:" + itoa(userID) }

// CommitmentUnit is the sorted set of a unit's item ids (score = created ms).
func (k Keys) CommitmentUnit(unit string) string { return k.p + "pr:unit:" + unit }

// CommitmentCounts is a hash of status → items of a unit in that status.
func (k Keys) CommitmentCounts(unit string) string { return k.p + "pr:unit:" + unit + ":counts" }

// CommitmentDue is the sorted set of active and rectifying items, score = the
// unix time at which their deadline day starts.
func (k Keys) CommitmentDue() string { return k.p + "pr:due" }

// CommitmentPending is the sorted set of items waiting for review (score =
// submitted ms).
func (k Keys) CommitmentPending() string { return k.p + "pr:pending" }

// Digests is a hash of "<day>:<user>" → unix seconds of the person's
// daily digest sent (its claim; each claim removes the week's before it).
func (k Keys) Digests() string { return k.p + "digests" }

// Budget is a person's count of pushes on day ("n") and, per text sent or
// held over that day, the id of its push ("h:<hash>"); it expires two days
// after it was last written.
func (k Keys) Budget(chatID int64, day string) string {
	return k.p + "budget:" + day + ":" + itoa(chatID)
}

// Folded is the list of a person's pushes held over for their next daily
// digest (the day's budget was spent when they came): JSON kit.Output,
// oldest first, at most 50, expiring 8 days after the last one.
func (k Keys) Folded(chatID int64) string { return k.p + "folded:" + itoa(chatID) }

// CommitmentRounds is a hash of unit → JSON of its open evaluation round.
func (k Keys) CommitmentRounds() string { return k.p + "pr:rounds" }

// CommitmentMarks is the hash of one round's marks: "g:<item>" → grade,
// "o:<item>:<user>" → a monitor's grade, "v:<item>:<user>" → y|n,
// "s:<item>" → 述诺 text.
func (k Keys) CommitmentMarks(round string) string { return k.p + "pr:round:" + round + ":marks" }

// CommitmentRoundSurvey is the hash of a round's satisfaction questionnaire
// (rounds that have one): "open" → 1 while it takes answers, and the
// counters of the round's figure "respondents", "answered" (answered the
// 满意 question) and "satisfied" (anonymous responses are counted when
// released from CommitmentRoundPool). Counters only: nothing in it links
// an answer to a person.
func (k Keys) CommitmentRoundSurvey(round string) string {
	return k.p + "pr:round:" + round + ":survey"
}

// CommitmentRoundResponses is the hash of a round's questionnaire responses
// (random id → response, as SurveyResponses).
func (k Keys) CommitmentRoundResponses(round string) string {
	return k.p + "pr:round:" + round + ":responses"
}

// CommitmentRoundPool is the set of a round's anonymous responses sealed
// to the anonymity key, waiting for a batch release (as SurveyPool).
func (k Keys) CommitmentRoundPool(round string) string {
	return k.p + "pr:round:" + round + ":pool"
}

// CommitmentRoundRespondents is the set of user ids who submitted a round's
// satisfaction questionnaire (who, never what): one response each per round.
func (k Keys) CommitmentRoundRespondents(round string) string {
	return k.p + "pr:round:" + round + ":respondents"
}

// Keys of talk rounds (谈民心; talk.go). All live under the deployment's hash tag.

// TalkRounds is the set of ids of every round ever opened.
func (k Keys) TalkRounds() string { return k.p + "talks" }

// TalkRound is the hash of one round: "def" (JSON talk.Round),
// "status" (open|closed), "opened_at".
func (k Keys) TalkRound(id string) string { return k.p + "talk:" + id }

// TalkEntries is a hash of user id → JSON talk.Entry (the roster).
// Phone numbers and summaries live only here.
func (k Keys) TalkEntries(id string) string { return k.p + "talk:" + id + ":entries" }

// TalkRevs is a hash of user id → revision of the entry; every change is
// committed only if the revision still holds.
func (k Keys) TalkRevs(id string) string { return k.p + "talk:" + id + ":revs" }

// TalkCounts is a hash of counters: "roster", one per coverage bucket, and
// "<unit>\x1f<bucket>" / "<unit>\x1froster" per unit.
func (k Keys) TalkCounts(id string) string { return k.p + "talk:" + id + ":counts" }

// TalkUnreached is the sorted set (score = user id) of the people not yet
// reached (neither talked with nor excused).
func (k Keys) TalkUnreached(id string) string { return k.p + "talk:" + id + ":unreached" }

// TalkIvUnreached is TalkUnreached for one interviewer.
func (k Keys) TalkIvUnreached(id string, iv int64) string {
	return k.p + "talk:" + id + ":unreached:" + itoa(iv)
}

// TalkUnitUnreached is TalkUnreached for the people of one unit, so an
// official of a unit pages through their subtree without a scan.
func (k Keys) TalkUnitUnreached(id, unit string) string {
	return k.p + "talk:" + id + ":unreached:u:" + unit
}

// TalkInterviewers is the set of a round's interviewers.
func (k Keys) TalkInterviewers(id string) string { return k.p + "talk:" + id + ":ivs" }

// TalkSlots is a hash of an interviewer's reserved phone slots in a round:
// unix seconds → user id. A slot is taken with a "field is empty" guard.
func (k Keys) TalkSlots(id string, iv int64) string {
	return k.p + "talk:" + id + ":slots:" + itoa(iv)
}

// TalkSent is a hash of notice keys already sent in a round (reminders per
// slot, daily lists per day, the deadline summary).
func (k Keys) TalkSent(id string) string { return k.p + "talk:" + id + ":sent" }

// TalkAgenda is the sorted set of an interviewer's scheduled talks:
// "<round>|<user>" scored by their time (unix seconds).
func (k Keys) TalkAgenda(iv int64) string { return k.p + "talks:agenda:" + itoa(iv) }

// TalkDue is the sorted set of booked phone slots, "<round>|<user>" scored
// by the slot (unix seconds): the scheduler reads only what is due.
func (k Keys) TalkDue() string { return k.p + "talks:due" }

// Keys of research campaigns (调研 听·问·访·谈; research.go). All live under
// the deployment's hash tag.

// ResearchRecord is the hash of one meeting or visit: "doc" (JSON
// research.Record) and "rev" (its revision, guarded on change).
func (k Keys) ResearchRecord(id string) string { return k.p + "rs:record:" + id }

// ResearchBy is the sorted set of the records a person logged, scored by
// when (unix ms): /meeting and /visit offer the recent ones to change.
func (k Keys) ResearchBy(user int64) string { return k.p + "rs:by:" + itoa(user) }

// ResearchCounts is a unit's hash of day counters: "<kind>|<day>" records,
// "<kind>_people|<day>" people, "opinion|<day>" opinions (days
// 2006-01-02), so a campaign's figures read one hash per unit.
func (k Keys) ResearchCounts(unit string) string { return k.p + "rs:counts:" + unit }

// Opinion is the hash of one opinion of the 意见台账: "doc" (JSON
// research.Opinion) and "rev".
func (k Keys) Opinion(id string) string { return k.p + "rs:opinion:" + id }

// UnitOpinions is the sorted set of a unit's opinions scored by their day
// (unix seconds); unit "" holds anonymous comments released without one.
func (k Keys) UnitOpinions(unit string) string { return k.p + "rs:unit:" + unit + ":opinions" }

// OpinionRefs is the set of the sources imported into the ledger
// (questionnaire comments, talk summaries): each enters it once.
func (k Keys) OpinionRefs() string { return k.p + "rs:refs" }

// FollowUps is the sorted set of the opinions a person follows up and has
// not reported done, scored by the deadline day (unix seconds).
func (k Keys) FollowUps(user int64) string { return k.p + "rs:followups:" + itoa(user) }

// FollowUpsDue is the sorted set of every open follow-up, scored by its
// deadline day (unix seconds): the reminder job reads only the days due.
func (k Keys) FollowUpsDue() string { return k.p + "rs:due" }

// itoa writes an id as keys and hash fields hold it.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// atoi reads an id or counter as itoa wrote it (0 when it is not one).
func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// SendLimitGlobal is the GCRA state of the global cap on pushes, shared by
// every replica: the theoretical arrival time of the next send, unix µs by
// Redis's clock. It expires once that time has passed (see ratelimit.go).
func (k Keys) SendLimitGlobal() string { return k.p + "limit:global" }

// SendLimitChat is the GCRA state of one chat's (or group's) send limit,
// as SendLimitGlobal.
func (k Keys) SendLimitChat(chatID int64) string { return k.p + "limit:chat:" + itoa(chatID) }

// Alive is the hash of the heartbeats of stream's consumers: consumer name
// → unix ms (Redis's clock) until which it is known alive. A consumer whose
// time has passed is dead, and the entries it held are claimed at once by
// a live one (alive.go); its field goes once it holds none.
func (k Keys) Alive(stream string) string { return stream + ":alive" }
