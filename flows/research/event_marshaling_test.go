package research_test

import (
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
	"sibu/flows/research"
)

// TestEventMarshaling snapshots the records event of every effect
// (testdata/events.golden.json; -update rewrites it).
func TestEventMarshaling(t *testing.T) {
	kittest.AssertEvents(t, sampleEffects())
}

// sampleEffects is one sample of every effect, with the optional parts of
// their events set somewhere (names, follow-up, evidence, voice, a private
// talk summary, an anonymous comment, each kind of handling).
func sampleEffects() []kit.Effect {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	meeting := research.Record{ID: "m2x1", Kind: research.KindMeeting, Type: "座谈会", Unit: "dongcheng", Date: "2026-11-24",
		Place: "街道三楼会议室", People: 30, Opinions: []string{"o2x1"}, Evidence: []kit.File{{Kind: "photo", ID: "AgAD-sign"}},
		By: 10, ByName: "赵丽", Created: at, Updated: at, Rev: 1}
	visit := research.Record{ID: "v2x1", Kind: research.KindVisit, Type: "农户", Unit: "beiwai", Date: "2026-11-25",
		Place: "东村三组", People: 3, Names: "张大爷 李大妈", FollowUp: true, By: 10, ByName: "赵丽", Created: at, Updated: at, Rev: 1}
	amended := meeting
	amended.People, amended.Rev = 32, 2
	heard := research.Opinion{ID: "o2x1", Source: research.SourceMeeting, Ref: "m2x1", Title: "座谈会 · 街道三楼会议室",
		Unit: "dongcheng", Date: "2026-11-24", Text: "希望尽快修通村道", By: 10, Rev: 1}
	voice := research.Opinion{ID: "o2x2", Source: research.SourceVisit, Ref: "v2x1", Unit: "beiwai", Date: "2026-11-25",
		Voice: "AwAD-voice", By: 10, Rev: 1}
	anon := research.Opinion{ID: "o0x1", Source: research.SourceSurvey, Ref: "survey:huanjie:r9:advice", Title: "换届风气测评",
		Date: "2026-11-25", Text: "选举要公开透明", Anonymous: true, Rev: 1}
	private := research.Opinion{ID: "o0x2", Source: research.SourceTalk, Ref: "talk:hj2026:31", Unit: "dc-b1", Date: "2026-11-20",
		Text: "家里有困难", Private: true, Rev: 1}
	tagged := heard
	tagged.Topic, tagged.Rev = "民生诉求", 2
	committed := tagged
	committed.Rev, committed.Handling = 3, research.Handling{Kind: research.HandledCommitment, Item: "vmwvh7i80a", By: 10, At: at}
	followed := tagged
	followed.Rev, followed.Handling = 3, research.Handling{Kind: research.HandledFollowUp, Assignee: 31, AssigneeName: "张三",
		Deadline: "2026-12-02", By: 10, At: at}
	done := followed
	done.Rev, done.Handling.Done = 4, true
	return []kit.Effect{
		research.Logged{Record: meeting},
		research.Logged{Record: visit},
		research.Amended{Before: meeting, After: amended},
		research.OpinionAdded{Opinion: heard},
		research.OpinionAdded{Opinion: voice},
		research.OpinionAdded{Opinion: anon},
		research.OpinionAdded{Opinion: private},
		research.Tagged{Change: research.Change{Before: heard, After: tagged, By: 10, At: at}},
		research.Committed{Change: research.Change{Before: tagged, After: committed, By: 10, At: at}},
		research.FollowUpAssigned{Change: research.Change{Before: tagged, After: followed, By: 10, At: at}},
		research.FollowUpReminded{OpinionID: "o2x1", Rev: 3, Key: "2026-12-02:d1:31", Stage: research.StageDayBefore, To: 31,
			Deadline: "2026-12-02"},
		research.FollowUpDone{Change: research.Change{Before: followed, After: done, By: 31, At: at}},
	}
}
