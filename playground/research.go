package playground

import (
	"context"
	"errors"
	"fmt"
	"time"

	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/storage"
)

// demoRecord is one demo meeting or visit: its record and its opinions
// (text, topic).
type demoRecord struct {
	rec      research.Record
	opinions [][2]string
}

// demoRecords are the demo campaign's meetings and visits, days before the
// day of the seed, in the units of config.example.yaml, logged by 李明 and
// 赵丽 of DemoPeople.
var demoRecords = []demoRecord{
	{research.Record{ID: "mdemo1", Kind: research.KindMeeting, Type: "情况汇报会", Unit: "dongcheng", Place: "东城街道三楼会议室", People: 42, By: 10001, ByName: "李明"},
		[][2]string{{"希望换届时多听听群众对班子成员的评价", "班子建设"}, {"村干部要多到群众中间来，少坐办公室", "干部作风"}}},
	{research.Record{ID: "mdemo2", Kind: research.KindMeeting, Type: "座谈会", Unit: "dc-b1", Place: "东城第一支部活动室", People: 18, By: 10002, ByName: "赵丽"},
		[][2]string{{"严禁拉票贿选，换届纪律要讲在前面", "换届纪律"}, {"老旧小区加装电梯进度太慢", "民生诉求"}}},
	{research.Record{ID: "mdemo3", Kind: research.KindMeeting, Type: "个别听取", Unit: "beiwai", Place: "北外镇党委会议室", People: 3, By: 10001, ByName: "李明"},
		[][2]string{{"镇里产业发展缺少年轻干部带头", "发展建议"}}},
	{research.Record{ID: "vdemo1", Kind: research.KindVisit, Type: "农户", Unit: "dc-b1", Place: "东村三组张大爷家", People: 3, Names: "张大爷 李大妈", FollowUp: true, By: 10002, ByName: "赵丽"},
		[][2]string{{"娃娃上学要走很远的路，盼着村里通班车", "民生诉求"}}},
	{research.Record{ID: "vdemo2", Kind: research.KindVisit, Type: "企业", Unit: "beiwai", Place: "北外镇某食品公司", People: 5, By: 10001, ByName: "李明"},
		[][2]string{{"希望镇里帮助解决用工难", "发展建议"}}},
	{research.Record{ID: "vdemo3", Kind: research.KindVisit, Type: "村居", Unit: "dongcheng", Place: "东城社区居委会", People: 6, By: 10001, ByName: "李明"}, nil},
}

// ResearchDemo is the demo campaign c's meetings, visits and opinions as
// commits (each a list of effects, in order): six records over the days
// before now (within c's period: from its first day when now is outside
// it), seven opinions tagged by topic, and one follow-up given to 张三.
func ResearchDemo(c *research.Campaign, now time.Time, loc *time.Location) [][]kit.Effect {
	base := kit.DayOf(now, loc)
	if !c.Covers(base) && !c.From.IsZero() {
		base = c.From.AddDate(0, 0, len(demoRecords)+1)
	}
	var add []kit.Effect
	var followed research.Opinion
	for i, d := range demoRecords {
		rec := d.rec
		rec.Date = base.AddDate(0, 0, i-len(demoRecords)).Format("2006-01-02")
		rec.Created, rec.Updated, rec.Rev = now, now, 1
		var ops []kit.Effect
		for j, o := range d.opinions {
			op := research.Opinion{ID: fmt.Sprintf("o%s%d", rec.ID, j), Source: rec.Kind, Ref: rec.ID, Title: rec.Type + " · " + rec.Place,
				Unit: rec.Unit, Date: rec.Date, Text: o[0], Topic: o[1], By: rec.By, Rev: 1}
			rec.Opinions = append(rec.Opinions, op.ID)
			ops = append(ops, research.OpinionAdded{Opinion: op})
			if rec.ID == "vdemo1" {
				followed = op
			}
		}
		add = append(append(add, research.Logged{Record: rec}), ops...)
	}
	after := followed
	after.Rev = 2
	after.Handling = research.Handling{Kind: research.HandledFollowUp, Assignee: 10003, AssigneeName: "张三",
		Deadline: base.AddDate(0, 0, 7).Format("2006-01-02"), By: 10002, At: now}
	return [][]kit.Effect{add, {research.FollowUpAssigned{Change: research.Change{Before: followed, After: after, By: 10002, At: now}}}}
}

// SeedResearch commits the demo campaign c's records and opinions (nothing
// when c is nil; a record already stored, from an earlier start, is left).
func SeedResearch(ctx context.Context, store *storage.Store, c *research.Campaign, now time.Time, loc *time.Location) error {
	if c == nil {
		return nil
	}
	for _, effs := range ResearchDemo(c, now, loc) {
		_, err := store.Commit(ctx, storage.Commit{ChatID: 10001, NoSession: true, Now: now, Effects: effs})
		if err != nil && !errors.Is(err, storage.ErrConflict) {
			return fmt.Errorf("seed research campaign %s: %w", c.ID, err)
		}
	}
	return nil
}
