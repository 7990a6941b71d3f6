package reports

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sibu/flows/survey"
)

func TestFormatAnswer(t *testing.T) {
	sv := testSurvey(false)
	q := func(name string) *survey.Question {
		for i := range sv.Questions {
			if sv.Questions[i].Name == name {
				return &sv.Questions[i]
			}
		}
		t.Fatalf("no question %s", name)
		return nil
	}
	numChoice := &survey.Question{Type: survey.QRadio, Choices: []survey.Choice{{Value: "1", Text: "一般"}, {Value: "2", Text: "好"}}}
	tests := []struct {
		name    string
		q       *survey.Question
		v       any
		other   string
		want    string
		wantNum bool
	}{
		{name: "radio shows choice text", q: q("overall"), v: "b", want: "基本满意"},
		{name: "unknown choice value kept", q: q("overall"), v: "zz", want: "zz"},
		{name: "missing answer", q: q("overall"), v: nil, want: ""},
		{name: "checkbox joined", q: q("channels"), v: []string{"meeting", "board"}, want: "支部会议、公示栏"},
		{name: "checkbox from JSON", q: q("channels"), v: []any{"wx"}, want: "微信群"},
		{name: "checkbox other with text", q: q("channels"), v: []any{"wx", "other"}, other: "远程教育", want: "微信群、其他：远程教育"},
		{name: "radio other with text", q: q("overall"), v: "other", other: "说不清", want: "其他：说不清"},
		{name: "other text without other value", q: q("overall"), v: "a", other: "补充", want: "满意；其他：补充"},
		{name: "none item", q: q("channels"), v: []string{"none"}, want: "无"},
		{name: "ranking numbered", q: q("prio"), v: []string{"svc", "edu", "org"}, want: "1.为民服务 2.学习教育 3.组织建设"},
		{name: "boolean true", q: q("attended"), v: true, want: "是"},
		{name: "boolean false", q: q("attended"), v: false, want: "否"},
		{name: "boolean as string", q: q("attended"), v: "false", want: "否"},
		{name: "rating float is a number", q: q("score"), v: 4.0, want: "4", wantNum: true},
		{name: "rating int is a number", q: q("score"), v: 5, want: "5", wantNum: true},
		{name: "decimal number", q: q("age"), v: 12.5, want: "12.5", wantNum: true},
		{name: "numeric choice value shows text", q: numChoice, v: 2.0, want: "好"},
		{name: "text kept", q: q("advice"), v: "多开展活动", want: "多开展活动"},
		{name: "matrix map on a plain column", q: q("advice"), v: map[string]any{"r2": "b", "r10": "c", "r1": "a"}, want: "r1：a；r2：b；r10：c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatAnswer(tt.q, tt.v, tt.other)
			if got.text != tt.want || got.isNum != tt.wantNum {
				t.Errorf("formatAnswer(%v) = %q (number %v), want %q (number %v)", tt.v, got.text, got.isNum, tt.want, tt.wantNum)
			}
		})
	}
}

func TestMatrixCells(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want map[string]string
	}{
		{name: "map", v: map[string]any{"公开": "满意", "公正": "一般"}, want: map[string]string{"公开": "满意", "公正": "一般"}},
		{name: "row=col list", v: []string{"公开=满意", "公正=一般"}, want: map[string]string{"公开": "满意", "公正": "一般"}},
		{name: "row=col from JSON", v: []any{"公开=满意"}, want: map[string]string{"公开": "满意"}},
		{name: "nothing", v: nil, want: map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matrixCells(tt.v); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("matrixCells(%v) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
}

func TestNaturalLess(t *testing.T) {
	got := []string{"r10", "r2", "r1", "b", "a2", "a10", "行3", "行12"}
	sort.Slice(got, func(i, j int) bool { return naturalLess(got[i], got[j]) })
	want := []string{"a2", "a10", "b", "r1", "r2", "r10", "行3", "行12"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("natural order = %q, want %q", got, want)
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{{"", 0}, {"abc", 3}, {"满意", 4}, {"满意（是）", 10}, {"长行内容\nab", 8}}
	for _, tt := range tests {
		if got := displayWidth(tt.in); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// unitNames names the units of the fixture's responses.
func unitNames(id string) string {
	return map[string]string{"b1": "第一党支部", "b2": "第二党支部"}[id]
}

var wantQuestionHeaders = []string{
	"您对本次换届工作的总体评价", "您通过哪些渠道了解换届政策", "请为组织工作打分", "是否参加了选举大会",
	"党龄（年）", "请按重要性排序", "分项评价 — 公开", "分项评价 — 公正", "意见建议", "oldq",
}

func TestXLSX(t *testing.T) {
	tests := []struct {
		name       string
		anonymous  bool
		stats      []survey.QuestionStats
		wantHeader []string
	}{
		{name: "named", wantHeader: append(append([]string{"答卷人", "单位", "日期"}, wantQuestionHeaders...), "编号"), stats: testStats()},
		{name: "anonymous", anonymous: true, wantHeader: append(append([]string{}, wantQuestionHeaders...), "编号")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := XLSX(testSurvey(tt.anonymous), testRows(), tt.stats, unitNames)
			if err != nil {
				t.Fatalf("XLSX: %v", err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer f.Close()
			rows, err := f.GetRows(SheetResponses)
			if err != nil {
				t.Fatalf("GetRows: %v", err)
			}
			if len(rows) != 3 {
				t.Fatalf("got %d rows, want header + 2", len(rows))
			}
			if !reflect.DeepEqual(rows[0], tt.wantHeader) {
				t.Errorf("header = %q\nwant     %q", rows[0], tt.wantHeader)
			}
			flat := strings.Join(append(rows[1], rows[2]...), "|")
			for _, who := range []string{"张三", "李四", "第一党支部"} {
				if got := strings.Contains(flat, who); got == tt.anonymous {
					t.Errorf("identity %q present = %v, want %v", who, got, !tt.anonymous)
				}
			}
			if tt.anonymous && strings.Contains(flat, "1001") {
				t.Error("anonymous export holds a user ID")
			}
			col := func(title string) int {
				for j, h := range rows[0] {
					if h == title {
						return j
					}
				}
				t.Fatalf("no column %q", title)
				return -1
			}
			checks := []struct {
				row       int
				col, want string
			}{
				{1, "您对本次换届工作的总体评价", "满意"},
				{1, "您通过哪些渠道了解换届政策", "支部会议、微信群"},
				{2, "您通过哪些渠道了解换届政策", "公示栏、其他：党员干部现代远程教育"},
				{1, "请按重要性排序", "1.为民服务 2.学习教育 3.组织建设"},
				{1, "是否参加了选举大会", "是"},
				{2, "是否参加了选举大会", "否"},
				{1, "分项评价 — 公开", "满意"},
				{2, "分项评价 — 公开", "不满意"},
				{2, "分项评价 — 公正", "满意"},
				{2, "意见建议", `=HYPERLINK("http://x")`}, // a string cell, never a formula
				{2, "oldq", "旧版本问题的回答"},
			}
			for _, c := range checks {
				if got := rows[c.row][col(c.col)]; got != c.want {
					t.Errorf("row %d %s = %q, want %q", c.row, c.col, got, c.want)
				}
			}
			ref, _ := excelize.CoordinatesToCellName(col("请为组织工作打分")+1, 2)
			if typ, _ := f.GetCellType(SheetResponses, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("rating cell %s type = %v, want a number", ref, typ)
			}
			if v, _ := f.GetCellValue(SheetResponses, ref); v != "5" {
				t.Errorf("rating cell %s = %q, want 5", ref, v)
			}
			formula, _ := f.GetCellFormula(SheetResponses, "A3")
			if formula != "" {
				t.Errorf("A3 has formula %q", formula)
			}
			panes, err := f.GetPanes(SheetResponses)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
			}
			if w, _ := f.GetColWidth(SheetResponses, "B"); w < 8 {
				t.Errorf("column B width = %v, want a set width", w)
			}

			if i := f.GetActiveSheetIndex(); i != 0 {
				t.Errorf("active sheet = %d, want %s first", i, SheetResponses)
			}
			sheets := f.GetSheetList()
			if hasStats := len(sheets) == 2 && sheets[1] == SheetStats; hasStats != (tt.stats != nil) {
				t.Fatalf("sheets = %q, stats given = %v", sheets, tt.stats != nil)
			}
			if tt.stats == nil {
				return
			}
			st, err := f.GetRows(SheetStats)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(st[0], []string{"题目", "选项", "人数", "比例"}) || st[1][0] != "1. 您对本次换届工作的总体评价" {
				t.Errorf("stats sheet starts %q / %q", st[0], st[1])
			}
			if got := st[2]; len(got) != 4 || got[1] != "满意" || got[2] != "5390" || got[3] != "98.0%" {
				t.Errorf("stats option row = %q, want 满意 5390 98.0%%", got)
			}
		})
	}
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name       string
		anonymous  bool
		wantHeader []string
	}{
		{name: "named", wantHeader: append(append([]string{"答卷人", "单位", "日期"}, wantQuestionHeaders...), "编号")},
		{name: "anonymous", anonymous: true, wantHeader: append(append([]string{}, wantQuestionHeaders...), "编号")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := CSV(testSurvey(tt.anonymous), testRows(), unitNames)
			if err != nil {
				t.Fatalf("CSV: %v", err)
			}
			if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
				t.Fatalf("CSV starts % x, want the UTF-8 BOM", b[:3])
			}
			if !bytes.Contains(b, []byte("\r\n")) {
				t.Error("CSV lines do not end in CRLF")
			}
			recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if len(recs) != 3 || !reflect.DeepEqual(recs[0], tt.wantHeader) {
				t.Fatalf("got %d records, header %q\nwant 3, header %q", len(recs), recs[0], tt.wantHeader)
			}
			advice := len(tt.wantHeader) - 3 // before oldq and 编号
			if got, want := recs[1][advice], `希望多开展"主题党日"活动, 形式多样些`; got != want {
				t.Errorf("quoted text = %q, want %q", got, want)
			}
			if got, want := recs[2][advice], `'=HYPERLINK("http://x")`; got != want {
				t.Errorf("formula-like text = %q, want it defused as %q", got, want)
			}
			if tt.anonymous && bytes.Contains(b, []byte("张三")) {
				t.Error("anonymous CSV names a respondent")
			}
		})
	}
}

func TestDefuseFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"满意", "满意"}, {"=1+1", "'=1+1"}, {"+86 123", "'+86 123"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"-5", "-5"}, {"-tail", "'-tail"}, {"\tx", "'\tx"},
	}
	for _, tt := range tests {
		if got := defuseFormula(tt.in); got != tt.want {
			t.Errorf("defuseFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNilSurvey(t *testing.T) {
	if _, err := XLSX(nil, nil, nil, nil); err == nil {
		t.Error("XLSX(nil) succeeded")
	}
	if _, err := CSV(nil, nil, nil); err == nil {
		t.Error("CSV(nil) succeeded")
	}
}

func BenchmarkExport5500(b *testing.B) {
	sv := testSurvey(false)
	base := testRows()
	rows := make([]survey.ResponseRow, 5500)
	for i := range rows {
		rows[i] = base[i%len(base)]
	}
	b.Run("xlsx", func(b *testing.B) {
		for b.Loop() {
			if _, err := XLSX(sv, rows, testStats(), unitNames); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			if _, err := CSV(sv, rows, unitNames); err != nil {
				b.Fatal(err)
			}
		}
	})
}
