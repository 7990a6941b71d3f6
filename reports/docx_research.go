package reports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"sibu/flows/research"
)

// The 调研报告 as a Word document (DOCX), written as minimal
// WordprocessingML with archive/zip: no Go DOCX library is kept in the
// module proxy this project uses (the one listed needs a paid licence), and
// the few parts a report needs — paragraphs in the usual 公文 fonts, a
// table, page margins — are a page of XML.
//
// Layout, as such reports are set: the title centred in 小标宋 二号 (22
// pt), the issuer and date in 楷体 三号 under it, body text in 仿宋 三号 (16
// pt) with a first-line indent of two characters and 28-point lines,
// headings 一、… in 黑体, sub-headings （一）… in 楷体 bold, quotes indented,
// the appendix table in 宋体 10.5 pt with borders. Fonts a machine lacks
// are replaced by the reader (LibreOffice, WPS, Word) with a CJK face.

// Font names of the layout (East Asian names first, as 公文 templates use).
const (
	fontTitle   = "方正小标宋简体"
	fontKai     = "楷体"
	fontFang    = "仿宋"
	fontHei     = "黑体"
	fontSong    = "宋体"
	sizeTitle   = 44 // half-points: 二号
	sizeBody    = 32 // 三号
	sizeTable   = 21 // 五号
	lineBody    = 560
	indentChars = 200 // first line: two characters (hundredths of a character)
)

// DOCX writes doc as a Word document.
func DOCX(doc research.Doc) ([]byte, error) {
	var body bytes.Buffer
	para(&body, doc.Title, pStyle{align: "center", font: fontTitle, size: sizeTitle, after: 240})
	para(&body, doc.Subtitle, pStyle{align: "center", font: fontKai, size: sizeBody, after: 240})
	if doc.Lead != "" {
		para(&body, doc.Lead, bodyStyle())
	}
	for _, s := range doc.Sections {
		para(&body, s.Heading, pStyle{font: fontHei, size: sizeBody, line: lineBody, indent: indentChars, heading: true})
		for _, p := range s.Paragraphs {
			st := bodyStyle()
			switch p.Style {
			case research.ParaSub:
				st.font, st.bold = fontKai, true
			case research.ParaQuote:
				st.left = 420
			}
			para(&body, p.Text, st)
		}
		if s.Table != nil {
			docTable(&body, s.Table)
		}
	}
	return pack(body.String(), doc.Title)
}

// pStyle is how one paragraph is set.
type pStyle struct {
	align   string
	font    string
	size    int
	bold    bool
	line    int // exact line height, twentieths of a point (0: single)
	indent  int // first line, hundredths of a character
	left    int // left indent, twentieths of a point
	after   int // space after, twentieths of a point
	heading bool
}

func bodyStyle() pStyle {
	return pStyle{font: fontFang, size: sizeBody, line: lineBody, indent: indentChars}
}

// esc escapes text for XML character data.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// para writes one paragraph of text in st.
func para(w io.Writer, text string, st pStyle) {
	fmt.Fprint(w, "<w:p><w:pPr>")
	if st.heading {
		fmt.Fprint(w, `<w:pStyle w:val="Heading1"/><w:keepNext/>`)
	}
	if st.line > 0 || st.after > 0 {
		fmt.Fprintf(w, `<w:spacing w:after="%d"`, st.after)
		if st.line > 0 {
			fmt.Fprintf(w, ` w:line="%d" w:lineRule="exact"`, st.line)
		}
		fmt.Fprint(w, "/>")
	}
	if st.indent > 0 || st.left > 0 {
		fmt.Fprintf(w, `<w:ind w:left="%d" w:firstLineChars="%d"/>`, st.left, st.indent)
	}
	if st.align != "" {
		fmt.Fprintf(w, `<w:jc w:val="%s"/>`, st.align)
	}
	fmt.Fprint(w, "</w:pPr>")
	run(w, text, st.font, st.size, st.bold)
	fmt.Fprint(w, "</w:p>")
}

// run writes a run of text.
func run(w io.Writer, text, font string, size int, bold bool) {
	fmt.Fprintf(w, `<w:r><w:rPr><w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/>`, font)
	if bold {
		fmt.Fprint(w, "<w:b/>")
	}
	fmt.Fprintf(w, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, size, size, esc(text))
}

// docTable writes t with borders, its head row bold and repeated on every
// page, its caption above it.
func docTable(w io.Writer, t *research.Table) {
	fmt.Fprint(w, `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(w, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	fmt.Fprint(w, `</w:tblBorders><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>`)
	row := func(cells []string, head bool) {
		fmt.Fprint(w, "<w:tr>")
		if head {
			fmt.Fprint(w, `<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for i, c := range cells {
			align := "center"
			if i == 0 {
				align = "left"
			}
			fmt.Fprintf(w, `<w:tc><w:tcPr><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="%s"/></w:pPr>`, align)
			run(w, c, fontSong, sizeTable, head)
			fmt.Fprint(w, "</w:p></w:tc>")
		}
		fmt.Fprint(w, "</w:tr>")
	}
	row(t.Head, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	fmt.Fprint(w, "</w:tbl>")
}
