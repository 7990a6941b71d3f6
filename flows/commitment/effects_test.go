package commitment_test

import (
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
)

// sampleEffects is one sample of every effect, with the optional parts of
// their events set somewhere (evidence, extension, satisfaction, a
// satisfaction withheld, unit direction, level, percent, new deadline,
// grade, source).
func sampleEffects() []kit.Effect {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	item := commitment.Item{ID: "vmwvh7i80a", Owner: 31, OwnerName: "张三", Unit: "b1", DeclaredBy: 31, Period: "2026",
		Content: "为辖区孤寡老人每月上门服务一次", Measures: "每月第一个周六上门", Source: "意见箱", Deadline: "2026-12-31",
		Status: commitment.StatusReview, Level: 1, Created: at, Updated: at}
	unitItem := item
	unitItem.ID, unitItem.Owner, unitItem.OwnerName, unitItem.Direction, unitItem.Source = "vmwvh7i80b", 0, "第一支部", commitment.DirUp, ""
	change := func(c commitment.Item, status commitment.Status, from commitment.Status, what, text string) commitment.Change {
		c.Status = status
		if status != commitment.StatusReview {
			c.Level = 0
		}
		return commitment.Change{Item: c, Prev: 1, From: from, Entry: commitment.Entry{At: at, By: 10, ByName: "王书记", What: what, Text: text}}
	}
	progress := change(item, commitment.StatusActive, commitment.StatusActive, "progress", "已走访 3 户")
	progress.Item.Percent, progress.Entry.Percent = 50, 50
	progress.Entry.File = &kit.File{Kind: "photo", ID: "AgAD-photo"}
	requested := change(item, commitment.StatusActive, commitment.StatusActive, "extension_requested", "天气原因")
	requested.Item.Ext = &commitment.Extension{Date: "2027-01-31", Reason: "天气原因", At: at}
	requested.Entry.Deadline = "2027-01-31"
	extended := change(item, commitment.StatusActive, commitment.StatusActive, "extended", "天气原因")
	extended.Item.Deadline, extended.Entry.Deadline = "2027-01-31", "2027-01-31"
	sat := &commitment.Satisfaction{Survey: "manyi", Respondents: 3, Answered: 3, Satisfied: 2}
	graded := change(item, commitment.StatusGraded, commitment.StatusFulfilled, "graded", "好（满意 2 / 不满意 1）")
	graded.Item.Grade, graded.Satisfaction = "好", sat
	closed := graded
	closed.Item.Status, closed.From, closed.Prev, closed.Follows = commitment.StatusClosed, commitment.StatusGraded, 2, true
	rectify := change(unitItem, commitment.StatusRectify, commitment.StatusGraded, "rectification_ordered", "差（满意 0 / 不满意 2）")
	rectify.Item.Grade, rectify.Item.Deadline, rectify.Entry.Deadline = "差", "2027-01-24", "2027-01-24"
	withheld := &commitment.Satisfaction{Survey: "anon", Respondents: 1, Answered: 1, Satisfied: 1, Withheld: true}
	gradedSmall := graded
	gradedSmall.Satisfaction = withheld
	assigned := change(item, commitment.StatusActive, "", "assigned", "复盘：换届调研工作")
	assigned.Prev, assigned.Item.Source, assigned.Item.Measures = 0, "复盘：换届调研工作", ""
	round := commitment.Round{ID: "b1-20261125100000", Unit: "b1", Period: "2026", OpenedBy: 20, OpenedAt: at, Survey: "manyi"}
	return []kit.Effect{
		commitment.Declared{Change: commitment.Change{Item: item, Entry: commitment.Entry{At: at, By: 31, ByName: "张三", What: "declared"}}},
		commitment.Declared{Change: change(unitItem, commitment.StatusReview, commitment.StatusReturned, "resubmitted", "")},
		commitment.Returned{Change: change(item, commitment.StatusReturned, commitment.StatusReview, "returned", "措施不具体")},
		commitment.Approved{Change: change(item, commitment.StatusActive, commitment.StatusReview, "approved", "第 1 级审核通过（王书记）")},
		commitment.Published{Change: change(item, commitment.StatusActive, commitment.StatusActive, "published", "")},
		commitment.Assigned{Change: assigned},
		commitment.Progress{Change: progress},
		commitment.Urged{Change: change(item, commitment.StatusActive, commitment.StatusActive, "urged", "请抓紧")},
		commitment.ExtensionRequested{Change: requested},
		commitment.Extended{Change: extended},
		commitment.ExtensionRejected{Change: change(item, commitment.StatusActive, commitment.StatusActive, "extension_rejected", "天气原因")},
		commitment.Fulfilled{Change: change(item, commitment.StatusFulfilled, commitment.StatusActive, "fulfilled", "已完成")},
		commitment.Graded{Change: graded},
		commitment.Graded{Change: gradedSmall},
		commitment.Closed{Change: closed},
		commitment.RectificationOrdered{Change: rectify},
		commitment.ReminderSent{ItemID: "vmwvh7i80a", Key: "2026-12-31:d7:31", Stage: "d7", To: 31, Deadline: "2026-12-31"},
		commitment.RoundOpened{Round: round},
		commitment.RoundOpened{Round: commitment.Round{ID: "b2-20261125100000", Unit: "b2", Period: "2026", OpenedBy: 20, OpenedAt: at}},
		commitment.RoundClosed{Round: round, By: 20, Results: map[string]int{"closed": 1, "rectify": 1}, Satisfaction: sat},
		commitment.RoundClosed{Round: round, By: 20},
		commitment.RoundClosed{Round: round, By: 20, Results: map[string]int{"graded": 1}, Satisfaction: withheld},
		commitment.Marked{Round: round.ID, Item: "vmwvh7i80a", Kind: "g", By: 10, Value: "好", At: at},
		commitment.Marked{Round: round.ID, Item: "vmwvh7i80a", Kind: "v", By: 32, Value: "y", At: at},
	}
}
