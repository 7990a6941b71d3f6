package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// Sheets of the roster workbooks.
const (
	SheetRejected = "未接受"
	SheetMissing  = "文件中没有的人"
	SheetRoster   = "名单"
)

// RosterNames names units and roles in the roster workbooks.
type RosterNames struct {
	Unit func(id string) string
	Role func(r kit.Role) string
}

func (n RosterNames) unit(id string) string {
	if n.Unit != nil {
		return n.Unit(id)
	}
	return id
}

func (n RosterNames) role(r kit.Role) string {
	if n.Role != nil {
		return n.Role(r)
	}
	return string(r)
}

// ImportXLSX is the workbook of an import's report: sheet 未接受 has the
// rejected rows as they were typed, under the roster's own header (姓名,
// 单位, 角色, 手机, 职务: fixed, the sheet can be sent again as it is) with
// the row number first and the reason last (原因); sheet 文件中没有的人 has
// the people on the roster of the file's units whom it no longer lists
// (kept on the roster), with whether they joined.
func ImportXLSX(rejected []join.Rejected, missing []join.Entry, names RosterNames) ([]byte, error) {
	rej := [][]any{{"行号", "姓名", "单位", "角色", "手机", "职务", "原因"}}
	for _, r := range rejected {
		rej = append(rej, []any{r.Line, defuseFormula(r.Name), defuseFormula(r.Unit), defuseFormula(r.Role),
			defuseFormula(r.Phone), defuseFormula(r.Position), r.Reason})
	}
	sheets := []rosterSheet{{SheetRejected, rej, []float64{8, 12, 18, 12, 16, 14, 48}}}
	if len(missing) > 0 {
		sheets = append(sheets, rosterSheet{SheetMissing, entryRows(missing, names), entryWidths})
	}
	return rosterBook(sheets)
}

// RosterXLSX is the roster of a unit and the units below it: one row per
// person, those not joined first, with their numbers (the file goes to
// officials of the unit only).
func RosterXLSX(entries []join.Entry, names RosterNames) ([]byte, error) {
	return rosterBook([]rosterSheet{{SheetRoster, entryRows(entries, names), entryWidths}})
}

var entryWidths = []float64{6, 12, 18, 14, 14, 16, 10}

// entryRows are the header and one row per entry.
func entryRows(entries []join.Entry, names RosterNames) [][]any {
	rows := [][]any{{"序号", "姓名", "单位", "身份", "职务", "手机", "状态"}}
	for i, e := range entries {
		state := "未加入"
		if e.Joined {
			state = "已加入"
		}
		rows = append(rows, []any{i + 1, defuseFormula(e.Name), names.unit(e.Unit), names.role(e.Role),
			defuseFormula(e.Position), talk.PhoneDisplay(e.Phone), state})
	}
	return rows
}

// rosterSheet is one sheet of a roster workbook: its rows (the first is
// the header) and its column widths.
type rosterSheet struct {
	name   string
	rows   [][]any
	widths []float64
}

// rosterBook writes sheets as one workbook, each under a frozen, styled
// header.
func rosterBook(sheets []rosterSheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	hs, err := headerStyle(f)
	if err != nil {
		return nil, fmt.Errorf("roster xlsx: %w", err)
	}
	for i, sh := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sh.name)
		} else {
			_, err = f.NewSheet(sh.name)
		}
		if err != nil {
			return nil, fmt.Errorf("roster xlsx: %w", err)
		}
		if err := writeSheet(f, sh.name, sh.rows, sh.widths, hs); err != nil {
			return nil, fmt.Errorf("roster xlsx: sheet %s: %w", sh.name, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("roster xlsx: write: %w", err)
	}
	return buf.Bytes(), nil
}
