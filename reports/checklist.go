package reports

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"sibu/flows/discipline"
	"sibu/flows/kit"
)

// SheetChecklist is the sheet of ChecklistXLSX.
const SheetChecklist = "完成情况"

// ChecklistXLSX renders a checklist's completion (四必看 or 四必训) as an
// Excel workbook: one row per person asked, by unit, under a frozen
// header: 单位, 姓名, 身份 (or the uploaded list's 分组), 状态 (已完成 / 未完成), 方式 (看完了, 签到码,
// 位置), 心得, 完成时间, and last the checklist's 编号. unit and role name
// ids as people read them; times are shown in loc. Pure: no I/O.
func ChecklistXLSX(c discipline.Checklist, targets []discipline.Target, done map[int64]discipline.Confirmation,
	unit func(string) string, role func(kit.Role) string, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetChecklist); err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	hs, err := headerStyle(f)
	if err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	slices.SortFunc(targets, func(a, b discipline.Target) int {
		return cmp.Or(cmp.Compare(unit(a.Unit), unit(b.Unit)), cmp.Compare(a.Person, b.Person))
	})
	how := map[string]string{discipline.HowWatched: "看完了", discipline.HowCode: "签到码", discipline.HowLocation: "位置签到"}
	rows := [][]any{{"单位", "姓名", "身份", "状态", "方式", "心得", "完成时间", "编号"}}
	for _, t := range targets {
		group := role(t.Role)
		if t.Group != "" {
			group = t.Group // the uploaded list's 分组
		}
		row := []any{unit(t.Unit), t.Name, group, "未完成", "", "", "", c.ID}
		if d, ok := done[t.Person]; ok {
			row[3], row[4], row[5], row[6] = "已完成", how[d.How], d.Note, d.At.In(loc).Format("2006-01-02 15:04")
		}
		rows = append(rows, row)
	}
	if err := writeSheet(f, SheetChecklist, rows, []float64{16, 10, 10, 8, 10, 36, 17, 14}, hs); err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("checklist: write: %w", err)
	}
	return buf.Bytes(), nil
}
