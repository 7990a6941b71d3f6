package reports_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"sibu/flows/talk"
	"sibu/reports"
)

// xlsxOf builds a workbook whose first sheet holds rows (and a second
// sheet that must be ignored).
func xlsxOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("其他"); err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("其他", "A1", "姓名")
	f.SetCellValue("其他", "A2", "不该读到")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rowsString(rows []talk.RosterRow) string {
	var parts []string
	for _, r := range rows {
		parts = append(parts, fmt.Sprintf("%d:%s/%s/%s", r.Line, r.Name, r.Unit, r.Phone))
	}
	return strings.Join(parts, " ")
}

func TestParseTalkRoster(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    func(t *testing.T) []byte
		want    string
		problem talk.RosterProblem
	}{
		{"csv with BOM and header", "名单.csv", func(*testing.T) []byte {
			return []byte("\ufeff姓名,单位,电话\n张三,第一支部,13900000021\n\n李 四 ,,\n")
		}, "2:张三/第一支部/13900000021 4:李 四//", talk.RosterOK},
		{"csv without BOM, CRLF, columns reordered", "名单.csv", func(*testing.T) []byte {
			return []byte("序号,联系电话,所在支部,姓名\r\n1,139,第二支部,王五\r\n2,,,赵六\r\n")
		}, "2:王五/第二支部/139 3:赵六//", talk.RosterOK},
		{"csv without header: the first column", "list.CSV", func(*testing.T) []byte {
			return []byte("张三\n李四\n")
		}, "1:张三// 2:李四//", talk.RosterOK},
		{"csv saved by Excel on Chinese Windows (GBK)", "名单.csv", func(t *testing.T) []byte {
			return gbk(t, "姓名,单位\r\n张三,第一支部\r\n")
		}, "2:张三/第一支部/", talk.RosterOK},
		{"tab separated", "名单.txt", func(*testing.T) []byte {
			return []byte("姓名\t电话\n张三\t138 0000 0000\n")
		}, "2:张三//138 0000 0000", talk.RosterOK},
		{"csv with a title row above the header", "名单.csv", func(*testing.T) []byte {
			return []byte("2026年谈心谈话名单,,\n姓名,单位,\n张三,第一支部,\n")
		}, "3:张三/第一支部/", talk.RosterOK},
		{"xlsx: name column B, unit and phone", "名单.xlsx", func(t *testing.T) []byte {
			return xlsxOf(t, [][]any{{"序号", "姓名", "单位", "手机号"}, {1, "张三", "第一支部", "13900000021"}, {2, "王五", "第二支部", nil}, {3, "", "", ""}})
		}, "2:张三/第一支部/13900000021 3:王五/第二支部/", talk.RosterOK},
		{"xlsx without header", "名单.xlsx", func(t *testing.T) []byte {
			return xlsxOf(t, [][]any{{"张三"}, {"李四"}})
		}, "1:张三// 2:李四//", talk.RosterOK},
		{"xlsx header without a name column", "名单.xlsx", func(t *testing.T) []byte {
			return xlsxOf(t, [][]any{{"序号", "职务", "单位"}, {1, "书记", "第一支部"}})
		}, "", talk.RosterNoName},
		{"empty csv", "空.csv", func(*testing.T) []byte { return []byte("\ufeff姓名,单位\n,,\n") }, "", talk.RosterEmpty},
		{"empty xlsx", "空.xlsx", func(t *testing.T) []byte { return xlsxOf(t, nil) }, "", talk.RosterEmpty},
		{"word document", "名单.docx", func(*testing.T) []byte { return []byte("PK\x03\x04") }, "", talk.RosterBadType},
		{"old binary xls", "名单.xls", func(*testing.T) []byte { return []byte{0xd0, 0xcf, 0x11, 0xe0} }, "", talk.RosterBadType},
		{"not really xlsx", "名单.xlsx", func(*testing.T) []byte { return []byte("姓名\n张三\n") }, "", talk.RosterUnreadable},
		{"too big", "名单.csv", func(*testing.T) []byte {
			return bytes.Repeat([]byte("张三\n"), talk.RosterMaxBytes/7+1)
		}, "", talk.RosterTooBig},
		{"too many names", "名单.csv", func(*testing.T) []byte {
			return bytes.Repeat([]byte("张三\n"), talk.RosterMaxRows+1)
		}, "", talk.RosterTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reports.ParseTalkRoster(tt.file, tt.data(t))
			if got.Problem != tt.problem || rowsString(got.Rows) != tt.want || got.File != tt.file {
				t.Errorf("ParseTalkRoster(%s) = %q %q (file %q); want %q %q", tt.file, rowsString(got.Rows), got.Problem, got.File, tt.want, tt.problem)
			}
		})
	}
}
