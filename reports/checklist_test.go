package reports

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sibu/flows/discipline"
	"sibu/flows/kit"
)

// TestChecklistXLSX: one row per person asked, done or not, read back.
func TestChecklistXLSX(t *testing.T) {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	c := discipline.Checklist{ID: "c1", Kind: discipline.KindWatch, Title: "镜鉴"}
	targets := []discipline.Target{{Person: 32, Name: "李四", Unit: "b1", Role: kit.RoleMember, Group: "换届工作机构人员"}, {Person: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember}}
	done := map[int64]discipline.Confirmation{31: {Checklist: "c1", Person: 31, How: discipline.HowWatched, Note: "深受教育", At: at}}
	b, err := ChecklistXLSX(c, targets, done, func(string) string { return "第一支部" }, func(kit.Role) string { return "成员" }, time.FixedZone("CST", 8*3600))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(SheetChecklist)
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows: %v %v", rows, err)
	}
	if got := rows[1]; got[1] != "张三" || got[2] != "成员" || got[3] != "已完成" || got[5] != "深受教育" || got[6] != "2026-11-25 10:00" {
		t.Errorf("row of 张三: %q", got)
	}
	if got := rows[2]; got[1] != "李四" || got[2] != "换届工作机构人员" || got[3] != "未完成" {
		t.Errorf("row of 李四: %q", got)
	}
}
