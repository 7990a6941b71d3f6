package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheetXLSX writes one sheet named name: a bold head row frozen at the top,
// then rows, columns widths wide.
func sheetXLSX(name string, head []any, rows [][]any, widths []float64) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := f.SetSheetRow(name, "A1", &head); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	style, err := headerStyle(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	f.SetCellStyle(name, "A1", last, style)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(name, cell, &r); err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", name, i+1, err)
		}
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(name, col, col, w)
	}
	f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("%s: write: %w", name, err)
	}
	return buf.Bytes(), nil
}
