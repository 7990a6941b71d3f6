package flows

import "time"

// CommitmentChange is what every commitment transition carries: the item as
// it is after the transition, the revision it was read at and one history
// entry. Condition: the stored item is still at Prev (0 = it must not exist
// yet), unless Follows says an earlier effect of the same step already
// checked it. Storage writes the item at Prev+1, moves its indexes
// (status counts, due set, pending reviews) and appends Entry to its history.
type CommitmentChange struct {
	Item    Commitment
	Prev    int64
	Follows bool
	From    CommitmentStatus
	Entry   CommitmentEntry
	// Satisfaction is the round's questionnaire figure the result of an
	// evaluation was decided with (graded, closed, rectification ordered);
	// nil otherwise and when the round used the per-item vote.
	Satisfaction *Satisfaction `json:",omitempty"`
}

// Change implements CommitmentEffect.
func (c CommitmentChange) Change() CommitmentChange { return c }

// CommitmentEffect is implemented by every effect that changes an item.
type CommitmentEffect interface {
	Effect
	Change() CommitmentChange
}

// CommitmentDeclared: an item was declared (定) or resubmitted after a
// return; it now waits for review at level 1.
//
//	{"type":"sibu.commitment.declared","data":{"item_id":"…","owner":42,"unit":"b1","status":"review",…}}
type CommitmentDeclared struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentDeclared) EventType() string { return "sibu.commitment.declared" }

// CommitmentReturned: a reviewer returned an item with a comment (审 退回).
type CommitmentReturned struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentReturned) EventType() string { return "sibu.commitment.returned" }

// CommitmentApproved: a reviewer approved an item at a level; at the last
// level the item becomes active (it enters the ledger's 履 part).
type CommitmentApproved struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentApproved) EventType() string { return "sibu.commitment.approved" }

// CommitmentPublished: an approved item was posted to the unit's group (公示).
// It changes nothing but the history.
type CommitmentPublished struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentPublished) EventType() string { return "sibu.commitment.published" }

// CommitmentProgress: a 履诺记实 entry (text, optional evidence and percent).
type CommitmentProgress struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentProgress) EventType() string { return "sibu.commitment.progress" }

// CommitmentUrged: a supervisor sent a 督办 note.
type CommitmentUrged struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentUrged) EventType() string { return "sibu.commitment.urged" }

// CommitmentExtensionRequested: the owner asked to move the deadline (申请延期).
type CommitmentExtensionRequested struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentExtensionRequested) EventType() string {
	return "sibu.commitment.extension.requested"
}

// CommitmentExtended: a supervisor approved the extension; the deadline moved.
type CommitmentExtended struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentExtended) EventType() string { return "sibu.commitment.extended" }

// CommitmentExtensionRejected: a supervisor refused the extension.
type CommitmentExtensionRejected struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentExtensionRejected) EventType() string {
	return "sibu.commitment.extension.rejected"
}

// CommitmentFulfilled: the owner marked the item done, with evidence (/done).
type CommitmentFulfilled struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentFulfilled) EventType() string { return "sibu.commitment.fulfilled" }

// CommitmentGraded: an evaluation round gave the item its grade (好/较好/一般/差).
type CommitmentGraded struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentGraded) EventType() string { return "sibu.commitment.graded" }

// CommitmentClosed: graded 好 with a satisfied majority: 销号.
type CommitmentClosed struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentClosed) EventType() string { return "sibu.commitment.closed" }

// CommitmentRectificationOrdered: 差 or an unsatisfied majority: 限期整改 by
// a new deadline (also when the supervisor sets another date).
type CommitmentRectificationOrdered struct{ CommitmentChange }

// EventType implements Effect.
func (CommitmentRectificationOrdered) EventType() string {
	return "sibu.commitment.rectification.ordered"
}

// CommitmentReminderSent: a reminder stage of an item went to To. Condition:
// that stage (Key, which names the deadline) was not sent before, so
// replicas and retries send it once. It leaves the item's revision alone.
//
//	{"type":"sibu.commitment.reminder.sent","data":{"item_id":"…","stage":"d7","to":42,"deadline":"2026-12-31"}}
type CommitmentReminderSent struct {
	ItemID   string
	Key      string // "<deadline>:<stage>"
	Stage    string // d7, d1, d0, o3 (3 days overdue), s3 (supervisor), …
	To       int64
	Deadline string
}

// EventType implements Effect.
func (CommitmentReminderSent) EventType() string { return "sibu.commitment.reminder.sent" }

// CommitmentDigestSent: a supervisor's weekly digest. Condition: not sent
// to them for that week before. No records event.
type CommitmentDigestSent struct {
	Week string // date of the Monday
	To   int64
}

// EventType implements Effect.
func (CommitmentDigestSent) EventType() string { return "" }

// EvalRoundOpened: an official opened an evaluation round (评) for a unit.
// Condition: the unit has no open round. With Round.Survey, storage opens
// the round's questionnaire scope (see ResponseSubmitted.Round).
//
//	{"type":"sibu.commitment.evaluation.opened","data":{"round_id":"b1-20261125100000","unit":"b1",
//	 "period":"2026","by":1,"survey_id":"manyi"}}
type EvalRoundOpened struct{ Round EvalRound }

// EventType implements Effect.
func (EvalRoundOpened) EventType() string { return "sibu.commitment.evaluation.opened" }

// EvalRoundClosed: the round was closed (its results are the item effects
// of the same step). Condition: it is still the unit's open round and,
// with Satisfaction, no response arrived since the figure was read (the
// step is run again on a fresh figure otherwise); the questionnaire then
// takes no more answers for the round.
//
//	{"type":"sibu.commitment.evaluation.closed","data":{"round_id":"b1-20261125100000","unit":"b1",
//	 "period":"2026","by":1,"results":{"closed":1},
//	 "satisfaction":{"survey_id":"manyi","respondents":3,"answered":3,"satisfied":2}}}
type EvalRoundClosed struct {
	Round EvalRound
	By    int64
	// Results counts the outcomes: closed, rectify, graded, ungraded.
	Results map[string]int
	// Satisfaction is the figure the results were decided with (rounds
	// with a questionnaire only).
	Satisfaction *Satisfaction `json:",omitempty"`
}

// EventType implements Effect.
func (EvalRoundClosed) EventType() string { return "sibu.commitment.evaluation.closed" }

// EvalMarked: a mark in a round: a grade (Kind "g", by a supervisor; "o",
// an opinion of a monitor), a vote ("v": 满意 or 不满意) or a self-report
// ("s", 述诺). A later mark of the same kind by the same person replaces it.
type EvalMarked struct {
	Round string
	Item  string
	Kind  string
	By    int64
	Value string
	At    time.Time
}

// EventType implements Effect: grades and 述诺 are records facts; votes are
// kept without a records event (a vote is not published per person).
func (m EvalMarked) EventType() string {
	if m.Kind == "v" {
		return ""
	}
	return "sibu.commitment.evaluation.marked"
}
