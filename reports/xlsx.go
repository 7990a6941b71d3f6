package reports

import (
	"errors"
	"fmt"
	"sibu/flows/survey"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook made by XLSX.
const (
	SheetResponses = "答卷"
	SheetStats     = "统计"
)

// XLSX exports the responses as an Excel workbook. Sheet "答卷" has one row
// per response under a frozen header: 答卷人, 单位 (named by unit) and 日期
// (named questionnaires only; an anonymous questionnaire has no identity or
// time columns at all), then one column per question (a matrix question
// gets one per row, "题目 — 行"), and last 编号 (the response's id). Values
// are written for people: choice texts, checkbox items joined with "、",
// rankings as "1.A 2.B", 是/否; ratings and numbers stay numeric. When stats
// is not nil a second sheet "统计" holds every question's distribution with
// counts and percentages of those who answered it.
func XLSX(sv *survey.Survey, rows []survey.ResponseRow, stats []survey.QuestionStats, unit func(string) string) ([]byte, error) {
	if sv == nil {
		return nil, errors.New("xlsx: no survey")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetResponses); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	if err := writeResponses(f, buildTable(sv, rows, unit)); err != nil {
		return nil, fmt.Errorf("xlsx: sheet %s: %w", SheetResponses, err)
	}
	if stats != nil {
		if err := writeStats(f, stats); err != nil {
			return nil, fmt.Errorf("xlsx: sheet %s: %w", SheetStats, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("xlsx: write: %w", err)
	}
	return buf.Bytes(), nil
}

func headerStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "9AA5B1", Style: 1}},
	})
}

func writeResponses(f *excelize.File, t table) error {
	hs, err := headerStyle(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetResponses)
	if err != nil {
		return err
	}
	for j, w := range columnWidths(t) {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	head := make([]any, len(t.header))
	for j, h := range t.header {
		head[j] = excelize.Cell{StyleID: hs, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	vals := make([]any, len(t.header))
	for i, r := range t.rows {
		for j, c := range r {
			if c.isNum {
				vals[j] = c.num
			} else {
				vals[j] = c.text
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// writeStats lays out one block per question: its title with the number
// who answered, then one row per option with count and share.
func writeStats(f *excelize.File, stats []survey.QuestionStats) error {
	if _, err := f.NewSheet(SheetStats); err != nil {
		return err
	}
	hs, err := headerStyle(f)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	pctFmt := "0.0%"
	pct, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetStats)
	if err != nil {
		return err
	}
	for j, w := range []float64{40, 36, 10, 10} {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 1
	put := func(vals ...any) error {
		ref, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(ref, vals)
	}
	if err := put(excelize.Cell{StyleID: hs, Value: "题目"}, excelize.Cell{StyleID: hs, Value: "选项"},
		excelize.Cell{StyleID: hs, Value: "人数"}, excelize.Cell{StyleID: hs, Value: "比例"}); err != nil {
		return err
	}
	for i, q := range stats {
		title := q.Title
		if title == "" {
			title = q.Name
		}
		if err := put(excelize.Cell{StyleID: bold, Value: fmt.Sprintf("%d. %s", i+1, title)},
			"有效作答", q.Answered); err != nil {
			return err
		}
		for _, o := range q.Options {
			share := 0.0
			if q.Answered > 0 {
				share = float64(o.Count) / float64(q.Answered)
			}
			if err := put(nil, o.Label, o.Count, excelize.Cell{StyleID: pct, Value: share}); err != nil {
				return err
			}
		}
		row++ // blank line between questions
	}
	return sw.Flush()
}
