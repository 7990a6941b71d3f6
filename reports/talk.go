package reports

import (
	"errors"
	"fmt"
	"sibu/flows/survey"
	"sibu/flows/talk"
	"time"

	"github.com/xuri/excelize/v2"
)

// Talk rounds (谈民心): the coverage chart and the talk ledger (台账).

// TalkNames resolves ids to names for the talk reports.
type TalkNames struct {
	Unit   func(id string) string
	Person func(id int64) string
	// Units lists unit ids in display order (others follow, sorted).
	Units []string
}

func (n TalkNames) unit(id string) string {
	if n.Unit != nil {
		if s := n.Unit(id); s != "" {
			return s
		}
	}
	return id
}

func (n TalkNames) person(id int64) string {
	if id == 0 {
		return ""
	}
	if n.Person != nil {
		if s := n.Person(id); s != "" {
			return s
		}
	}
	return fmt.Sprint(id)
}

var talkBucketLabels = map[string]string{
	talk.BucketDoneFace: "已谈 · 面谈", talk.BucketDonePhone: "已谈 · 电话约谈", talk.BucketDoneMakeup: "已谈 · 会后补谈",
	talk.BucketScheduled: "已约", talk.BucketPending: "待谈", talk.BucketExcused: "免谈",
}

// TalkChartPNG draws a round's coverage: one bar per status over the whole
// roster, then per unit 已谈 / 已约 / 待谈 / 免谈 over the unit's roster.
func TalkChartPNG(title string, cov talk.Coverage, names TalkNames, opt ChartOptions) ([]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	l := newLayout(fs, opt)
	overall := survey.QuestionStats{Title: "全体谈话对象", Answered: cov.Roster}
	for _, b := range talk.Buckets {
		overall.Options = append(overall.Options, survey.OptionCount{Label: talkBucketLabels[b], Count: cov.Buckets[b]})
	}
	var units []string
	seen := map[string]bool{}
	for _, u := range names.Units {
		if _, ok := cov.Units[u]; ok {
			units, seen[u] = append(units, u), true
		}
	}
	for _, u := range sortedKeysOf(cov.Units) {
		if !seen[u] {
			units = append(units, u)
		}
	}
	qs := []survey.QuestionStats{overall}
	for _, u := range units {
		c := cov.Units[u]
		qs = append(qs, survey.QuestionStats{Title: names.unit(u), Answered: c["roster"], Options: []survey.OptionCount{
			{Label: "已谈", Count: c[talk.BucketDoneFace] + c[talk.BucketDonePhone] + c[talk.BucketDoneMakeup]},
			{Label: "已约", Count: c[talk.BucketScheduled]},
			{Label: "待谈", Count: c[talk.BucketPending]},
			{Label: "免谈", Count: c[talk.BucketExcused]},
		}})
	}
	secs := l.sections(qs)
	for i := range secs {
		if !secs[i].noData && !secs[i].noBars {
			secs[i].meta = fmt.Sprintf("名单 %d 人", qs[i].Answered)
		}
	}
	if opt.Subtitle == "" && cov.Due() > 0 {
		// the coverage /coverage shows: talked with of those due, the
		// excused (免谈) counted on neither side
		opt.Subtitle = fmt.Sprintf("名单 %d 人 · 覆盖率 %.1f%%（已谈 %d / 应谈 %d，免谈 %d 人不计入）", cov.Roster,
			float64(cov.Done())*100/float64(cov.Due()), cov.Done(), cov.Due(), cov.Buckets[talk.BucketExcused])
	}
	return l.render(title+" · 谈话覆盖", opt.Subtitle, secs)
}

func sortedKeysOf(m map[string]map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var talkStatusLabels = map[talk.Status]string{
	talk.EntryPending: "待谈", talk.EntryProposed: "待确认", talk.EntryScheduled: "已约", talk.EntryDone: "已谈",
	talk.EntryMissed: "未接通/爽约，待补谈", talk.EntryExcused: "免谈",
}

var talkHowLabels = map[string]string{talk.ModeFace: "面谈", talk.ModePhone: "电话约谈", "makeup": "会后补谈"}

// TalkLedgerXLSX is the talk ledger (谈话台账) of a round: one row per
// person on the roster — who, unit, status, how, when, by whom, outcome
// summary. Phone numbers are not in it.
func TalkLedgerXLSX(title string, entries []talk.Entry, names TalkNames, loc *time.Location) ([]byte, error) {
	if loc == nil {
		loc = time.UTC
	}
	if title == "" {
		return nil, errors.New("talk ledger: no title")
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "谈话台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("talk ledger: %w", err)
	}
	head := []any{"序号", "姓名", "单位", "状态", "方式", "预约/谈话时间", "地点", "谈话人", "记录时间", "记录人", "结果摘要", "语音", "未接通次数", "免谈原因"}
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return nil, fmt.Errorf("talk ledger: %w", err)
	}
	style, err := headerStyle(f)
	if err != nil {
		return nil, fmt.Errorf("talk ledger: %w", err)
	}
	f.SetCellStyle(sheet, "A1", "N1", style)
	for i, en := range entries {
		how := talkHowLabels[en.How]
		if how == "" && en.Mode != "" {
			how = talkHowLabels[en.Mode]
		}
		when, done := "", ""
		if !en.Slot.IsZero() {
			when = en.Slot.In(loc).Format("2006-01-02 15:04")
		}
		if !en.DoneAt.IsZero() {
			done = en.DoneAt.In(loc).Format("2006-01-02 15:04")
		}
		voice := ""
		if en.Voice != "" {
			voice = "有（file_id " + en.Voice + "）"
		}
		row := []any{i + 1, defuseFormula(en.Name), names.unit(en.Unit), talkStatusLabels[en.Status], how, when, defuseFormula(en.Place),
			names.person(en.Interviewer), done, names.person(en.DoneBy), defuseFormula(en.Summary), voice, en.Attempts, defuseFormula(en.Reason)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("talk ledger: row %d: %w", i+1, err)
		}
	}
	for col, w := range map[string]float64{"A": 6, "B": 10, "C": 14, "D": 16, "E": 10, "F": 17, "G": 14, "H": 10, "I": 17, "J": 10, "K": 48, "L": 12, "M": 10, "N": 24} {
		f.SetColWidth(sheet, col, col, w)
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("talk ledger: write: %w", err)
	}
	return buf.Bytes(), nil
}
