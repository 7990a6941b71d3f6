package talk_test

import (
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
	"sibu/flows/talk"
)

// eventSamples is one sample of every talk effect (and of the variants
// of an entry change's payload: private or not, 补谈, done, moved).
func eventSamples() []kit.Effect {
	at := time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)
	cst := time.FixedZone("CST", 8*3600)
	round := talk.Round{ID: "hj", Title: "换届谈心谈话", Units: []string{"root"}, Roles: []kit.Role{kit.RoleMember},
		Sessions: []talk.Session{{At: at.Add(19 * time.Hour).In(cst), Place: "党员活动室"}},
		Slots:    []time.Time{at, at.Add(30 * time.Minute)}, Deadline: at.Add(9 * 24 * time.Hour).In(cst)}
	pending := talk.Entry{Round: "hj", User: 22, Name: "李四", Unit: "b1", Interviewer: 11, Status: talk.EntryPending, Rev: 1}
	booked := pending
	booked.Status, booked.Mode, booked.Slot, booked.Phone, booked.Rev = talk.EntryScheduled, talk.ModePhone, at.In(cst), "+8613900000022", 2
	moved := booked
	moved.Slot, moved.Rev = at.Add(30*time.Minute), 3
	missed := moved
	missed.Status, missed.Slot, missed.Makeup, missed.Attempts, missed.Rev = talk.EntryMissed, time.Time{}, true, 1, 4
	done := booked
	done.Status, done.How, done.DoneAt, done.DoneBy, done.Summary, done.Voice = talk.EntryDone, talk.ModePhone, at.Add(time.Hour), 11, "谈了意见", "VOICE-1"
	face := pending
	face.Status, face.Mode, face.Slot, face.Place, face.Rev = talk.EntryScheduled, talk.ModeFace, round.Sessions[0].At, "党员活动室", 2
	excused := pending
	excused.Status, excused.Reason, excused.DoneAt, excused.DoneBy, excused.Rev = talk.EntryExcused, "长期外出务工", at, 1, 2
	proposed := pending
	proposed.Status, proposed.Mode, proposed.Slot, proposed.Phone, proposed.Rev = talk.EntryProposed, talk.ModePhone, at.Add(3*time.Hour), "+862886123456", 2
	makeup := missed
	makeup.Status, makeup.Slot, makeup.Rev = talk.EntryScheduled, at.Add(4*time.Hour), 5
	change := func(before, after talk.Entry, private bool) talk.Change {
		return talk.Change{Before: before, After: after, By: after.User, Private: private}
	}
	return []kit.Effect{
		talk.RoundOpened{Round: round, By: 1},
		talk.RoundOpened{Round: talk.Round{ID: "bz", Title: "补充名单", RosterOnly: true, People: []int64{21}}, By: 2},
		talk.RoundClosed{Round: "hj", By: 1},
		talk.Invited{Round: "hj", Entries: []talk.Entry{pending, {Round: "hj", User: 23, Unit: "b2", Interviewer: 12, Status: talk.EntryPending}}},
		talk.Invited{Round: "bz", Entries: []talk.Entry{{Round: "bz", User: 21, Phone: "+8613800000021", Interviewer: 11}}, By: 2, Source: "名单.xlsx"},
		talk.Scheduled{change(pending, booked, false)},
		talk.Scheduled{change(pending, face, false)},
		talk.Rescheduled{change(booked, moved, true)},
		talk.Missed{change(moved, missed, false)},
		talk.MakeupScheduled{change(missed, makeup, false)},
		talk.Proposed{change(pending, proposed, false)},
		talk.Cancelled{change(proposed, pending, false)},
		talk.Completed{change(booked, done, false)},
		talk.Completed{change(booked, done, true)},
		talk.Excused{change(pending, excused, false)},
		talk.NoticeSent{Round: "hj", Kind: talk.NoticeRemind, Key: talk.SlotNoticeKey(talk.NoticeRemind, booked), To: 11, Entry: &booked},
		talk.NoticeSent{Round: "hj", Kind: talk.NoticeDaily, Key: "daily:11:2026-11-26", To: 11},
		talk.NoticeSent{Round: "hj", Kind: talk.NoticeInviteAfter, Key: talk.MemberNoticeKey(talk.NoticeInviteAfter, pending), To: 22, Entry: &pending},
		talk.NoticeSent{Round: "hj", Kind: talk.NoticeSoon, Key: talk.MemberNoticeKey(talk.NoticeSoon, booked), To: 22, Entry: &booked},
	}
}

// TestEventMarshaling snapshots the records event of every talk effect
// (testdata/events.golden.json; -update rewrites it). The payloads are
// those storage's talkEventData built before the effects carried them
// (same keys and values; checked against it when they moved).
func TestEventMarshaling(t *testing.T) {
	kittest.AssertEvents(t, eventSamples())
}
