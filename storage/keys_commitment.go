package storage

// Keys of public commitments (公开承诺). Every item is a hash; the indexes
// are sorted sets and hashes so that a reminder tick reads only the items
// due, /status reads a few counters, and a unit's ledger reads its own ids.
// The stored names keep their old "pr:" (promise) stem so that live data
// still reads; in code a promise is a commitment.

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

// CommitmentDigests is a hash of "<monday>:<user>" → unix seconds of the
// weekly digest sent.
func (k Keys) CommitmentDigests() string { return k.p + "pr:digests" }

// CommitmentRounds is a hash of unit → JSON of its open evaluation round.
func (k Keys) CommitmentRounds() string { return k.p + "pr:rounds" }

// CommitmentMarks is the hash of one round's marks: "g:<item>" → grade,
// "o:<item>:<user>" → a monitor's grade, "v:<item>:<user>" → y|n,
// "s:<item>" → 述诺 text.
func (k Keys) CommitmentMarks(round string) string { return k.p + "pr:round:" + round + ":marks" }

// CommitmentRoundSurvey is the hash of a round's satisfaction questionnaire
// (rounds that have one): "open" → 1 while it takes answers, and the
// counters of the round's figure "respondents", "answered" (answered the
// 满意 question) and "satisfied". Counters only: nothing in it links an
// answer to a person.
func (k Keys) CommitmentRoundSurvey(round string) string {
	return k.p + "pr:round:" + round + ":survey"
}

// CommitmentRoundResponses is the hash of a round's questionnaire responses
// (random id → response, as SurveyResponses).
func (k Keys) CommitmentRoundResponses(round string) string {
	return k.p + "pr:round:" + round + ":responses"
}

// CommitmentRoundRespondents is the set of user ids who submitted a round's
// satisfaction questionnaire (who, never what): one response each per round.
func (k Keys) CommitmentRoundRespondents(round string) string {
	return k.p + "pr:round:" + round + ":respondents"
}
