package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"sibu/flows/retro"
)

// docxParagraphs reads a .docx back: the text of every paragraph of its
// document, in order (a table cell's paragraphs included).
func docxParagraphs(t *testing.T, b []byte) []string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var doc []byte
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var paras []string
	var cur strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inText = e.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if e.Name.Local == "p" {
				paras = append(paras, cur.String())
				cur.Reset()
			}
		case xml.CharData:
			if inText {
				cur.Write(e)
			}
		}
	}
	return paras
}

// TestRetroDOCX renders a 复盘 and reads the file back: the template's
// head, the four step headings in order, every box with its merged text,
// and text that needs escaping kept as it was.
func TestRetroDOCX(t *testing.T) {
	at := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	r := retro.Retro{ID: "r1", Title: "在两周内完成某服务号的开发、测试并正式运行", By: 10, ByName: "王经理", Date: "2026-11-25",
		Place: "公司202会议室", People: []retro.Participant{{ID: 1, Name: "王经理"}, {ID: 2, Name: "李主任"}},
		Figures: "问卷「满意度」：目标发放 10 份，实际回收 9 份（回收率 90.0%）。", Status: retro.StatusClosed,
		Merged: map[retro.Field]string{retro.FieldImprove: "1. 测试要提前 <两天> & 留余量\n2. 上线前演练"}}
	cs := []retro.Contribution{{Retro: "r1", Person: 2, Name: "李主任", At: at,
		Answers: map[retro.Field]string{retro.FieldPurpose: "两周内完成开发调试", retro.FieldTarget: "功能呈现、测试过关、运行稳定"}}}
	b, err := RetroDOCX(r, cs, at, time.FixedZone("CST", 8*3600))
	if err != nil {
		t.Fatal(err)
	}
	paras := docxParagraphs(t, b)
	all := strings.Join(paras, "\n")
	for _, want := range []string{"复盘事件概述", r.Title, "参与人员", "王经理、李主任", "时间", "2026-11-25", "地点", "公司202会议室",
		"李主任：两周内完成开发调试", "李主任：功能呈现、测试过关、运行稳定", r.Figures, "1. 测试要提前 <两天> & 留余量", "2. 上线前演练",
		"组织：王经理　已提交：1 / 2 人　状态：已结束　生成时间：2026-11-25 10:00"} {
		if !strings.Contains(all, want) {
			t.Errorf("the document lacks %q:\n%s", want, all)
		}
	}
	last := -1
	for _, s := range retro.Stages {
		i := indexOf(paras, s.Title)
		if i <= last {
			t.Fatalf("step heading %q at paragraph %d, after %d:\n%s", s.Title, i, last, all)
		}
		last = i
		for _, f := range s.Fields {
			if j := indexOf(paras, retro.Labels[f]); j < i {
				t.Errorf("box %q at %d, not under %q (%d)", retro.Labels[f], j, s.Title, i)
			}
		}
	}
}

// indexOf is the first paragraph equal to s, -1 when none is.
func indexOf(paras []string, s string) int {
	for i, p := range paras {
		if p == s {
			return i
		}
	}
	return -1
}
