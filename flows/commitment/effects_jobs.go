package commitment

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sibu/flows/kit"
)

// ReminderSent: a reminder stage of an item went to To. Condition: that
// stage (Key, which names the deadline) was not sent before, so replicas
// and retries send it once. It leaves the item's revision alone.
//
//	{"type":"sibu.commitment.reminder.sent","data":{"item_id":"…","stage":"d7","to":42,"deadline":"2026-12-31"}}
type ReminderSent struct {
	ItemID   string
	Key      string // "<deadline>:<stage>:<to>"
	Stage    string // d7, d1, d0, o3 (3 days overdue), s3 (supervisor), …
	To       int64
	Deadline string
}

// EventType implements kit.Effect.
func (ReminderSent) EventType() string { return "sibu.commitment.reminder.sent" }

// rollNags is how many nag days back an overdue claim clears the claims of
// its series (nag days a job did not run leave theirs for a later one).
const rollNags = 4

// Rolls names the claims an overdue reminder takes over. An overdue stage
// (o<N>, o<N>b: N days overdue; s<N> of old supervisors' reminders) goes
// on the nag days (kit.NagDay), so the claims of the nag days before it
// are stale — removed as it is claimed, or an item overdue for a year
// would pile them up — and once the next nag day's went, this one comes
// too late (a job run again for an old tick) and is not sent. A stage
// sent once per deadline (d7, d1, d0) rolls nothing.
func (e ReminderSent) Rolls() (stale []string, next string) {
	kind, n, suffix, ok := dailyStage(e.Stage)
	if !ok {
		return nil, ""
	}
	key := func(n int) string { return fmt.Sprintf("%s:%s%d%s:%d", e.Deadline, kind, n, suffix, e.To) }
	for _, d := range kit.PrevNags(n, rollNags) {
		stale = append(stale, key(d))
	}
	return stale, key(kit.NextNag(n))
}

// dailyStage splits a daily stage ("o12", "o12b", "s12") into its kind,
// day and suffix; ok is false for a stage sent once per deadline.
func dailyStage(stage string) (kind string, n int, suffix string, ok bool) {
	if stage == "" || (stage[0] != 'o' && stage[0] != 's') {
		return "", 0, "", false
	}
	digits := strings.TrimSuffix(stage[1:], "b")
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return "", 0, "", false
	}
	return stage[:1], n, stage[1+len(digits):], true
}

// reminderEvent is the data of sibu.commitment.reminder.sent.
type reminderEvent struct {
	ItemID   string `json:"item_id"`
	Stage    string `json:"stage"`
	To       int64  `json:"to"`
	Deadline string `json:"deadline"`
}

// EventData implements kit.Effect: the stage without its claim key,
// subject the item id.
func (e ReminderSent) EventData() (string, any) {
	return e.ItemID, reminderEvent{ItemID: e.ItemID, Stage: e.Stage, To: e.To, Deadline: e.Deadline}
}

// RoundOpened: an official opened an evaluation round (评) for a unit.
// Condition: the unit has no open round. With Round.Survey, storage opens
// the round's questionnaire scope (see the survey response's Round).
//
//	{"type":"sibu.commitment.evaluation.opened","data":{"round_id":"b1-20261125100000","unit":"b1",
//	 "period":"2026","by":1,"survey_id":"manyi"}}
type RoundOpened struct{ Round Round }

// EventType implements kit.Effect.
func (RoundOpened) EventType() string { return "sibu.commitment.evaluation.opened" }

// roundEvent is what the round events' data start with.
type roundEvent struct {
	RoundID string `json:"round_id"`
	Unit    string `json:"unit"`
	Period  string `json:"period"`
	By      int64  `json:"by"`
}

// openedEvent is the data of sibu.commitment.evaluation.opened.
type openedEvent struct {
	roundEvent
	SurveyID string `json:"survey_id,omitempty"`
}

// EventData implements kit.Effect: the round, subject its id.
func (e RoundOpened) EventData() (string, any) {
	r := e.Round
	return r.ID, openedEvent{roundEvent{RoundID: r.ID, Unit: r.Unit, Period: r.Period, By: r.OpenedBy}, r.Survey}
}

// RoundClosed: the round was closed (its results are the item effects of
// the same step). Condition: it is still the unit's open round and, with
// Satisfaction, no response arrived since the figure was read (the step is
// run again on a fresh figure otherwise); the questionnaire then takes no
// more answers for the round.
//
//	{"type":"sibu.commitment.evaluation.closed","data":{"round_id":"b1-20261125100000","unit":"b1",
//	 "period":"2026","by":1,"results":{"closed":1},
//	 "satisfaction":{"survey_id":"manyi","respondents":3,"answered":3,"satisfied":2}}}
type RoundClosed struct {
	Round Round
	By    int64
	// Results counts the outcomes: closed, rectify, graded, ungraded.
	Results map[string]int
	// Satisfaction is the figure the results were decided with (rounds
	// with a questionnaire only).
	Satisfaction *Satisfaction `json:",omitempty"`
}

// EventType implements kit.Effect.
func (RoundClosed) EventType() string { return "sibu.commitment.evaluation.closed" }

// closedEvent is the data of sibu.commitment.evaluation.closed: results
// are always there (null when there were none).
type closedEvent struct {
	roundEvent
	Results      map[string]int     `json:"results"`
	Satisfaction *satisfactionEvent `json:"satisfaction,omitempty"`
}

// EventData implements kit.Effect: the round and its results, subject its
// id.
func (e RoundClosed) EventData() (string, any) {
	r := e.Round
	return r.ID, closedEvent{roundEvent{RoundID: r.ID, Unit: r.Unit, Period: r.Period, By: e.By}, e.Results, e.Satisfaction.event()}
}

// Marked: a mark in a round: a grade (Kind "g", by a supervisor; "o", an
// opinion of a monitor), a vote ("v": 满意 or 不满意) or a self-report ("s",
// 述诺). A later mark of the same kind by the same person replaces it.
type Marked struct {
	Round string
	Item  string
	Kind  string
	By    int64
	Value string
	At    time.Time
}

// EventType implements kit.Effect: grades and 述诺 are records facts;
// votes are kept without a records event (a vote is not published per
// person).
func (m Marked) EventType() string {
	if m.Kind == "v" {
		return ""
	}
	return "sibu.commitment.evaluation.marked"
}

// markEvent is the data of sibu.commitment.evaluation.marked.
type markEvent struct {
	RoundID string `json:"round_id"`
	ItemID  string `json:"item_id"`
	Kind    string `json:"kind"`
	By      int64  `json:"by"`
	Value   string `json:"value"`
}

// EventData implements kit.Effect: the mark, subject the item id.
func (m Marked) EventData() (string, any) {
	return m.Item, markEvent{RoundID: m.Round, ItemID: m.Item, Kind: m.Kind, By: m.By, Value: m.Value}
}
