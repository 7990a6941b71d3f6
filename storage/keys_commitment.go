package storage

// Keys of public commitments (公开承诺). Every item is a hash; the indexes
// are sorted sets and hashes so that a reminder tick reads only the items
// due, /status reads a few counters, and a unit's ledger reads its own ids.

// PromiseItem is the hash of one item: "rev" (its revision), "d" (its JSON),
// and "r:<deadline>:<stage>:<to>" → unix seconds for each reminder sent.
func (k Keys) PromiseItem(id string) string { return k.p + "pr:item:" + id }

// PromiseLog is the list of an item's history entries (JSON), oldest first:
// declaration, reviews, 履诺记实, 督办, extensions, grades.
func (k Keys) PromiseLog(id string) string { return k.p + "pr:item:" + id + ":log" }

// PromiseOwner is the sorted set of a person's item ids (score = created ms).
func (k Keys) PromiseOwner(userID int64) string { return k.p + "pr:owner:" + itoa(userID) }

// PromiseUnit is the sorted set of a unit's item ids (score = created ms).
func (k Keys) PromiseUnit(unit string) string { return k.p + "pr:unit:" + unit }

// PromiseCounts is a hash of status → items of a unit in that status.
func (k Keys) PromiseCounts(unit string) string { return k.p + "pr:unit:" + unit + ":counts" }

// PromiseDue is the sorted set of active and rectifying items, score = the
// unix time at which their deadline day starts.
func (k Keys) PromiseDue() string { return k.p + "pr:due" }

// PromisePending is the sorted set of items waiting for review (score =
// submitted ms).
func (k Keys) PromisePending() string { return k.p + "pr:pending" }

// PromiseDigests is a hash of "<monday>:<user>" → unix seconds of the
// weekly digest sent.
func (k Keys) PromiseDigests() string { return k.p + "pr:digests" }

// PromiseRounds is a hash of unit → JSON of its open evaluation round.
func (k Keys) PromiseRounds() string { return k.p + "pr:rounds" }

// PromiseMarks is the hash of one round's marks: "g:<item>" → grade,
// "o:<item>:<user>" → a monitor's grade, "v:<item>:<user>" → y|n,
// "s:<item>" → 述诺 text.
func (k Keys) PromiseMarks(round string) string { return k.p + "pr:round:" + round + ":marks" }

// PromiseRoundSurvey is the hash of a round's satisfaction questionnaire
// (rounds that have one): "open" → 1 while it takes answers, and the
// counters of the round's figure "respondents", "answered" (answered the
// 满意 question) and "satisfied". Counters only: nothing in it links an
// answer to a person.
func (k Keys) PromiseRoundSurvey(round string) string { return k.p + "pr:round:" + round + ":survey" }

// PromiseRoundResponses is the hash of a round's questionnaire responses
// (random id → response, as SurveyResponses).
func (k Keys) PromiseRoundResponses(round string) string {
	return k.p + "pr:round:" + round + ":responses"
}

// PromiseRoundRespondents is the set of user ids who submitted a round's
// satisfaction questionnaire (who, never what): one response each per round.
func (k Keys) PromiseRoundRespondents(round string) string {
	return k.p + "pr:round:" + round + ":respondents"
}
