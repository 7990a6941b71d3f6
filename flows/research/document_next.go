package research

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
)

// handled counts opinions not handled, with an open follow-up, and of
// those overdue at now.
func (f *Feature) handled(ops []Opinion, now time.Time) (none, open, overdue int) {
	today := kit.DayOf(now, f.Env.Location).Format(dayLayout)
	for _, o := range ops {
		switch {
		case o.Handling.Kind == HandledNone:
			none++
		case o.Open():
			open++
			if o.Handling.Deadline < today {
				overdue++
			}
		}
	}
	return none, open, overdue
}

// problems is 三、存在的问题, drawn from the figures: the steps units are
// behind in, and the opinions not yet handled.
func (f *Feature) problems(fig Figures, ops []Opinion, now time.Time) Section {
	t, tg := fig.Total, fig.Campaign.Targets
	var list []string
	if us := f.behindUnits(fig, StepListen); len(us) > 0 {
		list = append(list, fmt.Sprintf("听取意见覆盖不均衡：%s召开的会议未达到每单位 %d 次的目标。", strings.Join(us, "、"), tg.Meetings))
	}
	if us := f.behindUnits(fig, StepAsk); len(us) > 0 {
		list = append(list, fmt.Sprintf("问卷回收不够充分：%s尚有问卷未收回，全部回收率 %s（%d/%d）。", strings.Join(us, "、"),
			kit.Percent(t.Submitted, t.Issued), t.Submitted, t.Issued))
	}
	if tg.Responses > 0 && t.Submitted < tg.Responses {
		list = append(list, fmt.Sprintf("问卷回收数量未达目标：回收 %d 份，目标 %d 份。", t.Submitted, tg.Responses))
	}
	if us := f.behindUnits(fig, StepVisit); len(us) > 0 {
		list = append(list, fmt.Sprintf("走访深度不够：%s走访未达到每单位 %d 次的目标。", strings.Join(us, "、"), tg.Visits))
	}
	if us := f.behindUnits(fig, StepTalk); len(us) > 0 {
		list = append(list, fmt.Sprintf("谈心谈话尚未全覆盖：尚有 %d 人未谈（%s），覆盖率 %s，目标 %d%%。", t.Due()-t.Done,
			strings.Join(us, "、"), kit.Percent(t.Done, t.Due()), tg.coverage()))
	}
	if none, open, overdue := f.handled(ops, now); none+open > 0 {
		list = append(list, fmt.Sprintf("意见办理有待加强：%d 条意见尚未明确办理方式，%d 条跟进事项尚未办结（其中 %d 条已超过期限）。", none, open, overdue))
	}
	s := Section{Heading: HeadProblems}
	if len(list) == 0 {
		s.Paragraphs = []Para{{Text: "各项调研任务均已达到目标，收集的意见均已明确办理方式。"}}
	}
	for i, p := range list {
		s.Paragraphs = append(s.Paragraphs, Para{Text: fmt.Sprintf("%d. %s", i+1, p)})
	}
	return s
}

// maxNextItems bounds the follow-ups and items 四、下一步工作 lists.
const maxNextItems = 10

// nextSteps is 四、下一步工作: what is still to do for the steps behind,
// the opinions without handling, the open follow-ups and the commitment
// items drawn from opinions.
func (f *Feature) nextSteps(fig Figures, ops []Opinion, items map[string]commitment.Item) Section {
	s := Section{Heading: HeadNext}
	add := func(format string, args ...any) {
		s.Paragraphs = append(s.Paragraphs, Para{Text: fmt.Sprintf("%d. ", len(s.Paragraphs)+1) + fmt.Sprintf(format, args...)})
	}
	var behind []string
	for _, r := range fig.Rows {
		if len(fig.Behind(r)) > 0 {
			behind = append(behind, f.Env.UnitName(r.Unit))
		}
	}
	if len(behind) > 0 {
		add("督促%s对照目标补齐听取、问卷、走访和谈话任务，确保调研全覆盖。", strings.Join(behind, "、"))
	}
	if none, _, _ := f.handled(ops, time.Time{}); none > 0 {
		add("对尚未处理的 %d 条意见逐条研究，转为公开承诺事项或明确专人跟进。", none)
	}
	n := 0
	for _, o := range ops {
		if !o.Open() || n == maxNextItems {
			continue
		}
		add("跟进办理：%s（%s负责，%s前办结）。", kit.Short(o.Text, 40), o.Handling.AssigneeName, o.Handling.Deadline)
		n++
	}
	n = 0
	for _, o := range ops {
		it, ok := items[o.Handling.Item]
		if o.Handling.Kind != HandledCommitment || !ok || n == maxNextItems {
			continue
		}
		add("落实公开承诺：%s（%s，%s前完成，目前%s）。", kit.Short(it.Content, 40), it.OwnerName, it.Deadline, commitment.StatusName(it.Status))
		n++
	}
	if len(s.Paragraphs) == 0 {
		add("巩固调研成果，把收集的意见建议作为换届工作和公开承诺的重要依据。")
	}
	return s
}

// appendix is the table of every unit's figures, with the total last.
func (f *Feature) appendix(fig Figures) Section {
	tbl := &Table{Caption: HeadAppendix, Head: []string{"单位", "会议（次）", "参与（人次）", "问卷发放", "回收", "满意率",
		"走访（次）", "交谈（人次）", "应谈", "已谈", "覆盖率", "意见（条）"}}
	line := func(name string, r Row) []string {
		sat, back := kit.Percent(r.Satisfied, r.SatisfiedAnswered), fmt.Sprint(r.Submitted)
		if r.Withheld && r.Submitted == 0 {
			sat, back = "—", "—"
		}
		return []string{name, fmt.Sprint(r.Meetings), fmt.Sprint(r.MeetingPeople), fmt.Sprint(r.Issued), back, sat,
			fmt.Sprint(r.Visits), fmt.Sprint(r.VisitPeople), fmt.Sprint(r.Due()), fmt.Sprint(r.Done), kit.Percent(r.Done, r.Due()),
			fmt.Sprint(r.Opinions)}
	}
	for _, r := range fig.Rows {
		tbl.Rows = append(tbl.Rows, line(f.Env.UnitName(r.Unit), r))
	}
	tbl.Rows = append(tbl.Rows, line("合计", fig.Total))
	return Section{Heading: HeadAppendix, Table: tbl}
}
