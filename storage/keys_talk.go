package storage

// Keys of talk rounds (谈民心). All live under the deployment's hash tag.

// TalkRounds is the set of ids of every round ever opened.
func (k Keys) TalkRounds() string { return k.p + "talks" }

// TalkRound is the hash of one round: "def" (JSON flows.TalkRound),
// "status" (open|closed), "opened_at".
func (k Keys) TalkRound(id string) string { return k.p + "talk:" + id }

// TalkEntries is a hash of user id → JSON flows.TalkEntry (the roster).
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
