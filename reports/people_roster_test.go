package reports

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"sibu/flows/join"
	"sibu/flows/talk"
)

// TestParsePeopleRoster reads the roster in its forms: an XLSX with a
// title row and Chinese headers, a CSV with a byte order mark and English
// headers, and files the import must refuse.
func TestParsePeopleRoster(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"2026年东城街道党员名单"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"序号", "姓名", "单位", "角色", "手机", "职务"})
	f.SetSheetRow("Sheet1", "A3", &[]any{1, "张三", "东城第一支部", "成员", "13800138001", "宣传委员"})
	f.SetSheetRow("Sheet1", "A5", &[]any{2, "", "东城第一支部", "", "13800138002"})
	buf, _ := f.WriteToBuffer()
	up := ParsePeopleRoster("名单.xlsx", buf.Bytes(), ChatRoster)
	want := []join.RosterRow{{Line: 3, Name: "张三", Unit: "东城第一支部", Role: "成员", Phone: "13800138001", Position: "宣传委员"},
		{Line: 5, Unit: "东城第一支部", Phone: "13800138002"}}
	if up.Problem != talk.RosterOK || len(up.Rows) != 2 || up.Rows[0] != want[0] || up.Rows[1] != want[1] {
		t.Errorf("xlsx: %+v", up)
	}
	csv := "\ufeffname,unit,role,phone,position\n李四,b1,supervisor,138 0013 8003,\n"
	up = ParsePeopleRoster("roster.csv", []byte(csv), ChatRoster)
	if up.Problem != talk.RosterOK || len(up.Rows) != 1 || up.Rows[0] != (join.RosterRow{Line: 2, Name: "李四", Unit: "b1", Role: "supervisor", Phone: "138 0013 8003"}) {
		t.Errorf("csv: %+v", up)
	}
	for _, tt := range []struct {
		name, file, data string
		want             talk.RosterProblem
	}{
		{"no phone column", "a.csv", "姓名,单位\n张三,b1\n", join.RosterNoPhone},
		{"no name column", "a.csv", "手机,单位\n13800138001,b1\n", talk.RosterNoName},
		{"header only", "a.csv", "姓名,手机\n", talk.RosterEmpty},
		{"not a roster", "a.docx", "x", talk.RosterBadType},
		{"damaged", "a.xlsx", "PK not a zip", talk.RosterUnreadable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if up := ParsePeopleRoster(tt.file, []byte(tt.data), ChatRoster); up.Problem != tt.want {
				t.Errorf("problem %q, want %q", up.Problem, tt.want)
			}
		})
	}
	big := make([]byte, ChatRoster.MaxBytes+1)
	if up := ParsePeopleRoster("big.csv", big, ChatRoster); up.Problem != talk.RosterTooBig {
		t.Errorf("a file over the limit: %q", up.Problem)
	}
}

// TestImportXLSXCanBeSentAgain: the rejected rows' sheet keeps the
// roster's header, so once fixed it is read as a roster again, and its
// last column says why each row was refused.
func TestImportXLSXCanBeSentAgain(t *testing.T) {
	rej := []join.Rejected{{RosterRow: join.RosterRow{Line: 6, Name: "钱七", Unit: "东城第一支部", Role: "成员", Phone: "1380013"},
		Reason: "「1380013」不是有效的大陆手机号"}}
	missing := []join.Entry{{Expected: join.Expected{Name: "李四", Unit: "b1", Role: "supervisor"}, Phone: "+8613800138002", Joined: true}}
	data, err := ImportXLSX(rej, missing, RosterNames{Unit: func(string) string { return "东城第一支部" }})
	if err != nil {
		t.Fatal(err)
	}
	up := ParsePeopleRoster("未接受.xlsx", data, ChatRoster)
	if up.Problem != talk.RosterOK || len(up.Rows) != 1 || up.Rows[0].Name != "钱七" || up.Rows[0].Phone != "1380013" {
		t.Fatalf("sent again: %+v", up)
	}
	f, err := excelize.OpenReader(bytesReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(SheetRejected)
	if rows[0][6] != "原因" || rows[1][6] != rej[0].Reason {
		t.Errorf("reason column: %v", rows)
	}
	if rows, _ := f.GetRows(SheetMissing); len(rows) != 2 || rows[1][5] != "138 0013 8002" || rows[1][6] != "已加入" {
		t.Errorf("missing sheet: %v", rows)
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
