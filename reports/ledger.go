package reports

import (
	"fmt"
	"sibu/flows/commitment"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the 台账 workbook made by Ledger.
const (
	SheetLedger  = "承诺台账"
	SheetHistory = "履诺记实"
)

// LedgerNames turns ids into what people read: unit names, owner labels,
// status and history kinds.
type LedgerNames struct {
	Unit   func(id string) string
	Owner  func(c commitment.Item) string
	Status func(s commitment.Status) string
	What   func(what string) string
}

// Ledger renders the 台账 of public commitments as an Excel workbook. Sheet
// "承诺台账" has one row per item under a frozen header: 单位, 承诺人,
// 承诺事项, 落实措施, 意见来源, 完成时限, 状态 (逾期 appended when overdue), 进度,
// 等次, 申报时间, 更新时间, and last 编号 (the item's id, for a records
// system). Sheet "履诺记实" has the history of every item, one row per entry:
// 承诺事项, 时间, 类别, 经办人, 内容, 进度, 新时限, 佐证 (the Telegram file id of
// the evidence), 编号. Times are shown in loc. Pure: no I/O.
func Ledger(rows []commitment.LedgerRow, names LedgerNames, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetLedger); err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	if _, err := f.NewSheet(SheetHistory); err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	hs, err := headerStyle(f)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format("2006-01-02 15:04")
	}
	items := [][]any{{"单位", "承诺人", "承诺事项", "落实措施", "意见来源", "完成时限", "状态", "进度", "等次", "申报时间", "更新时间", "编号"}}
	hist := [][]any{{"承诺事项", "时间", "类别", "经办人", "内容", "进度", "新时限", "佐证", "编号"}}
	for _, r := range rows {
		c := r.Item
		status := names.Status(c.Status)
		if r.Overdue {
			status += "（逾期）"
		}
		pct := any("")
		if c.Percent > 0 {
			pct = c.Percent
		}
		items = append(items, []any{names.Unit(c.Unit), names.Owner(c), c.Content, c.Measures, c.Source, c.Deadline,
			status, pct, c.Grade, ts(c.Created), ts(c.Updated), c.ID})
		for _, e := range r.Log {
			ev := ""
			if e.File != nil {
				ev = e.File.Kind + ":" + e.File.ID
			}
			p := any("")
			if e.Percent > 0 {
				p = e.Percent
			}
			hist = append(hist, []any{c.Content, ts(e.At), names.What(e.What), e.ByName, e.Text, p, e.Deadline, ev, c.ID})
		}
	}
	widths := map[string][]float64{
		SheetLedger:  {16, 14, 36, 36, 10, 12, 14, 8, 8, 17, 17, 14},
		SheetHistory: {30, 17, 14, 10, 40, 8, 12, 24, 14},
	}
	for sheet, data := range map[string][][]any{SheetLedger: items, SheetHistory: hist} {
		if err := writeSheet(f, sheet, data, widths[sheet], hs); err != nil {
			return nil, fmt.Errorf("ledger: sheet %s: %w", sheet, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("ledger: write: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, sheet string, data [][]any, widths []float64, headStyle int) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for j, w := range widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	for i, row := range data {
		cells := make([]any, len(row))
		for j, v := range row {
			if i == 0 {
				cells[j] = excelize.Cell{StyleID: headStyle, Value: v}
				continue
			}
			if s, ok := v.(string); ok {
				v = strings.TrimSpace(s)
			}
			cells[j] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
