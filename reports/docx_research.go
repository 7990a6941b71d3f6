package reports

import (
	"sibu/flows/research"
)

// The 调研报告 as a Word document (DOCX), on the one writer (Docx).
//
// Layout, as such reports are set: the title centred in 小标宋 二号 (22
// pt), the issuer and date in 楷体 三号 under it, body text in 仿宋 三号 (16
// pt) with a first-line indent of two characters and 28-point lines,
// headings 一、… in 黑体, sub-headings （一）… in 楷体 bold, quotes indented,
// the appendix table in 宋体 10.5 pt with borders.

// Sizes of the 调研报告 (half-points, and its line and indent).
const (
	sizeTitle   = 44 // 二号
	sizeBody    = 32 // 三号
	sizeTable   = 21 // 五号
	lineBody    = 560
	indentChars = 200 // first line: two characters (hundredths of a character)
)

// DOCX writes doc as a Word document.
func DOCX(doc research.Doc) ([]byte, error) {
	d := NewDocx(doc.Title)
	d.Para(doc.Title, PStyle{Align: "center", Font: FontTitle, Size: sizeTitle, After: 240})
	d.Para(doc.Subtitle, PStyle{Align: "center", Font: FontKai, Size: sizeBody, After: 240})
	if doc.Lead != "" {
		d.Para(doc.Lead, bodyStyle())
	}
	for _, s := range doc.Sections {
		d.Para(s.Heading, PStyle{Font: FontHei, Size: sizeBody, Line: lineBody, Indent: indentChars, Heading: true})
		for _, p := range s.Paragraphs {
			st := bodyStyle()
			switch p.Style {
			case research.ParaSub:
				st.Font, st.Bold = FontKai, true
			case research.ParaQuote:
				st.Left = 420
			}
			d.Para(p.Text, st)
		}
		if s.Table != nil {
			d.HeadTable(s.Table.Head, s.Table.Rows, FontSong, sizeTable)
		}
	}
	return d.Bytes()
}

// bodyStyle is the body text of the 调研报告.
func bodyStyle() PStyle {
	return PStyle{Font: FontFang, Size: sizeBody, Line: lineBody, Indent: indentChars}
}
