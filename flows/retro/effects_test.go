package retro_test

import (
	"testing"
	"time"

	"sibu/flows/kit"
	"sibu/flows/kit/kittest"
	"sibu/flows/retro"
)

// TestEventMarshaling snapshots the records event of every 复盘 effect
// (testdata/events.golden.json; -update rewrites it).
func TestEventMarshaling(t *testing.T) {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	r := retro.Retro{ID: "mwvh7i80a", Title: "换届调研工作", Unit: "b1", By: 10, ByName: "王书记",
		Event: retro.Event{Kind: retro.EventSurvey, Ref: "demo", Name: "满意度调查"}, Date: "2026-11-25", Place: "党员活动室",
		People:  []retro.Participant{{ID: 10, Name: "王书记"}, {ID: 31, Name: "张三"}},
		Figures: "问卷「满意度调查」：目标发放 7 份，实际回收 1 份（回收率 14.3%）。", Status: retro.StatusOpen, Opened: at}
	edited := r
	edited.Merged = map[retro.Field]string{retro.FieldImprove: "1. 加强宣传"}
	closed := edited
	closed.Status, closed.Closed = retro.StatusClosed, at.Add(time.Hour)
	line := retro.Line{Key: retro.LineKey(retro.FieldImprove, "加强宣传"), Field: retro.FieldImprove, Text: "加强宣传"}
	kittest.AssertEvents(t, []kit.Effect{
		retro.Opened{Retro: r},
		retro.Contributed{Contribution: retro.Contribution{Retro: r.ID, Person: 31, Name: "张三", At: at,
			Answers: map[retro.Field]string{retro.FieldPurpose: "摸清想法", retro.FieldImprove: "加强宣传"}}},
		retro.Edited{Change: retro.Change{Retro: edited, Prev: 1, By: 10}, Field: retro.FieldImprove},
		retro.Urged{Change: retro.Change{Retro: edited, Prev: 2, By: 10}, People: []int64{31}},
		retro.Closed{Change: retro.Change{Retro: closed, Prev: 2, By: 10},
			Document: map[retro.Field]string{retro.FieldPurpose: "张三：摸清想法", retro.FieldImprove: "1. 加强宣传"}, Contributors: []int64{31}},
		retro.Closed{Change: retro.Change{Retro: closed, Prev: 2, By: 10}, Document: map[retro.Field]string{}},
		retro.Tracked{Change: retro.Change{Retro: closed, Prev: 3, By: 10}, Line: line, Item: "amwvh7i80a", Owner: 31, Deadline: "2026-12-25"},
	})
}
