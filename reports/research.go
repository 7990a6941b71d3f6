package reports

import (
	"fmt"

	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/survey"
)

// Research campaigns (调研 听·问·访·谈): the dashboard chart and the 意见台账.

// ResearchChartPNG draws a campaign's figures: for every unit (and the
// whole first) four bars, each against its own denominator — 听 meetings
// against the target, 问 responses against those issued, 访 visits against
// the target, 谈 talks against those due.
func ResearchChartPNG(fig research.Figures, unit func(string) string, opt ChartOptions) ([]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	l := newLayout(fs, opt)
	tg := fig.Campaign.Targets
	rows := append([]research.Row{fig.Total}, fig.Rows...)
	qs := make([]survey.QuestionStats, len(rows))
	ofs := make([][]int64, len(rows))
	for i, r := range rows {
		name := unit(r.Unit)
		if i == 0 {
			name = "合计"
			if fig.Scope != "" {
				name += "（" + unit(fig.Scope) + "）"
			}
		}
		meetings, visits := tg.Meetings, tg.Visits
		if i == 0 { // the whole: the targets of every unit
			meetings, visits = tg.Meetings*int64(len(fig.Rows)), tg.Visits*int64(len(fig.Rows))
		}
		qs[i] = survey.QuestionStats{Title: name, Answered: 1, Options: []survey.OptionCount{
			{Label: "听 · 会议（次）", Count: r.Meetings}, {Label: "问 · 问卷回收（份）", Count: r.Submitted},
			{Label: "访 · 走访（次）", Count: r.Visits}, {Label: "谈 · 已谈（人）", Count: r.Done}}}
		ofs[i] = []int64{meetings, r.Issued, visits, r.Due()}
	}
	secs := l.sections(qs)
	for i := range secs {
		r := rows[i]
		secs[i].of = ofs[i]
		secs[i].meta = fmt.Sprintf("参与 %d 人次 · 满意率 %s · 见面 %d 人次 · 覆盖率 %s · 意见 %d 条", r.MeetingPeople,
			kit.Percent(r.Satisfied, r.SatisfiedAnswered), r.VisitPeople, kit.Percent(r.Done, r.Due()), r.Opinions)
	}
	if opt.Subtitle == "" {
		opt.Subtitle = fmt.Sprintf("%s — %s · 每条横条：完成 / 目标（问卷：回收 / 发放；谈话：已谈 / 应谈）",
			fig.Campaign.From.Format("2006-01-02"), fig.Campaign.To.Format("2006-01-02"))
	}
	return l.render(fig.Campaign.Title+" · 调研进度", opt.Subtitle, secs)
}

// OpinionNames names what the 意见台账 export shows by name: units, and an
// opinion's source as people read it.
type OpinionNames struct {
	Unit   func(id string) string
	Source func(o research.Opinion) string
}

// OpinionsXLSX is the 意见台账 as XLSX: one row per opinion, newest
// first, with its source, unit, day, topic, text and handling; its id in a
// last 编号 column. An anonymous comment shows 匿名 and no person.
func OpinionsXLSX(ops []research.Opinion, names OpinionNames) ([]byte, error) {
	head := []any{"序号", "日期", "单位", "来源", "主题", "意见内容", "语音", "办理方式", "跟进人", "期限", "办结", "承诺事项编号", "编号"}
	rows := make([][]any, len(ops))
	for i, o := range ops {
		unit := names.Unit(o.Unit)
		if o.Anonymous {
			unit = "匿名"
		}
		voice := ""
		if o.Voice != "" {
			voice = "有（file_id " + o.Voice + "）"
		}
		how, done := map[string]string{research.HandledCommitment: "转为承诺", research.HandledFollowUp: "专人跟进"}[o.Handling.Kind], ""
		if o.Handling.Kind == research.HandledFollowUp {
			done = map[bool]string{true: "已办结", false: "未办结"}[o.Handling.Done]
		}
		if how == "" {
			how = "未处理"
		}
		rows[i] = []any{i + 1, o.Date, unit, names.Source(o), o.Topic, defuseFormula(o.Text), voice, how,
			o.Handling.AssigneeName, o.Handling.Deadline, done, o.Handling.Item, o.ID}
	}
	return sheetXLSX("意见台账", head, rows, []float64{6, 12, 16, 22, 10, 60, 14, 10, 10, 12, 8, 14, 16})
}
