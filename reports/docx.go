package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// Docx is sibu's one writer of Word documents (Office Open XML, .docx),
// used by the 复盘 (RetroDOCX) and the 调研报告 (DOCX). No Go DOCX library
// fits (the module proxy this project uses keeps none that is free:
// unioffice needs a paid licence, gooxml is not served), and what sibu's
// documents need — paragraphs in the usual CJK fonts, tables with borders,
// merged cells and a repeated head row, A4 with the 公文 margins — is a
// page of WordprocessingML zipped with archive/zip. Images, headers and
// numbering are left out on purpose. Fonts a machine lacks are replaced by
// the reader (LibreOffice, WPS, Word) with a CJK face. Build it up, then
// Bytes:
//
//	d := NewDocx("工作复盘")
//	d.Para("工作复盘", PStyle{Align: "center", Font: FontSong, Size: 32, Bold: true})
//	d.Table([]int{1200, 1400, 1800, 4600}, rows)
//	b, err := d.Bytes()
type Docx struct {
	title string
	body  strings.Builder
}

// NewDocx returns an empty document whose properties name title.
func NewDocx(title string) *Docx { return &Docx{title: title} }

// Font names (East Asian names first, as 公文 templates use) and sizes in
// half-points.
const (
	FontTitle = "方正小标宋简体"
	FontKai   = "楷体"
	FontFang  = "仿宋"
	FontHei   = "黑体"
	FontSong  = "宋体"
)

// PStyle is how one paragraph is set.
type PStyle struct {
	Align string // "center", "left" … ("" as the style says)
	Font  string
	Size  int // half-points
	Bold  bool
	// Line is the line height in twentieths of a point: exact, or with
	// LineAuto in 240ths of a line (0: single).
	Line     int
	LineAuto bool
	Indent   int // first line, hundredths of a character
	Left     int // left indent, twentieths of a point
	After    int // space after, twentieths of a point
	// Heading marks an outline heading (Heading1), so readers build an
	// outline from 一、二、….
	Heading bool
}

// Para adds a paragraph of text in style st.
func (d *Docx) Para(text string, st PStyle) { d.body.WriteString(paragraph(text, st)) }

// paragraph is the XML of one paragraph of text in st.
func paragraph(text string, st PStyle) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr>")
	if st.Heading {
		b.WriteString(`<w:pStyle w:val="Heading1"/><w:keepNext/>`)
	}
	if st.Line > 0 || st.After > 0 {
		fmt.Fprintf(&b, `<w:spacing w:after="%d"`, st.After)
		switch {
		case st.Line > 0 && st.LineAuto:
			fmt.Fprintf(&b, ` w:line="%d" w:lineRule="auto"`, st.Line)
		case st.Line > 0:
			fmt.Fprintf(&b, ` w:line="%d" w:lineRule="exact"`, st.Line)
		}
		b.WriteString("/>")
	}
	if st.Indent > 0 || st.Left > 0 {
		fmt.Fprintf(&b, `<w:ind w:left="%d" w:firstLineChars="%d"/>`, st.Left, st.Indent)
	}
	if st.Align != "" {
		fmt.Fprintf(&b, `<w:jc w:val="%s"/>`, st.Align)
	}
	b.WriteString("</w:pPr>")
	textRun(&b, text, st.Font, st.Size, st.Bold)
	b.WriteString("</w:p>")
	return b.String()
}

// textRun writes a run of text.
func textRun(b *strings.Builder, text, font string, size int, bold bool) {
	fmt.Fprintf(b, `<w:r><w:rPr><w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/>`, font)
	if bold {
		b.WriteString("<w:b/>")
	}
	fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, size, size, esc(text))
}

// esc escapes text for XML character data.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Cell is one cell of a grid table: its text (a paragraph per line), how
// many grid columns it spans, and whether it starts (Merge "start") or
// continues (Merge "cont") a vertical merge with the cells above it.
type Cell struct {
	Text  string
	Span  int
	Merge string
	Bold  bool
	// Center centres the text (labels of a template).
	Center bool
}

// Table adds a grid table with single borders: widths are the grid
// columns in twentieths of a point (dxa), rows their cells, each
// paragraph of a cell in style st (its Bold and Center from the cell).
func (d *Docx) Table(widths []int, rows [][]Cell, st PStyle) {
	b := &d.body
	tableHead(b, `<w:tblW w:w="0" w:type="auto"/>`, `<w:tblLayout w:type="fixed"/>`)
	b.WriteString("<w:tblGrid>")
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	for _, row := range rows {
		b.WriteString("<w:tr>")
		col := 0
		for _, c := range row {
			span := max(c.Span, 1)
			w := 0
			for i := col; i < col+span && i < len(widths); i++ {
				w += widths[i]
			}
			col += span
			d.cell(c, span, w, st)
		}
		b.WriteString("</w:tr>")
	}
	// A paragraph after a table keeps Word from joining it to the next one.
	b.WriteString("</w:tbl><w:p/>")
}

// tableHead opens a table with single borders around and inside, its
// width and layout (or cell margins) as given.
func tableHead(b *strings.Builder, width, extra string) {
	b.WriteString("<w:tbl><w:tblPr>" + width + "<w:tblBorders>")
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString("</w:tblBorders>" + extra + "</w:tblPr>")
}

// cell writes one grid table cell of width w.
func (d *Docx) cell(c Cell, span, w int, st PStyle) {
	b := &d.body
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
	if span > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch c.Merge {
	case "start":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "cont":
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	lines := strings.Split(c.Text, "\n")
	if c.Merge == "cont" {
		lines = []string{""}
	}
	st.Bold, st.Align = c.Bold, ""
	if c.Center {
		st.Align = "center"
	}
	for _, l := range lines {
		b.WriteString(paragraph(l, st))
	}
	b.WriteString("</w:tc>")
}

// HeadTable adds a table as wide as the page, centred, with borders: its
// head row bold and repeated on every page, the first column left and the
// others centred, every cell in font at size.
func (d *Docx) HeadTable(head []string, rows [][]string, font string, size int) {
	b := &d.body
	tableHead(b, `<w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>`,
		`<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>`)
	row := func(cells []string, isHead bool) {
		b.WriteString("<w:tr>")
		if isHead {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for i, c := range cells {
			align := "center"
			if i == 0 {
				align = "left"
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="%s"/></w:pPr>`, align)
			textRun(b, c, font, size, isHead)
			b.WriteString("</w:p></w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	row(head, true)
	for _, r := range rows {
		row(r, false)
	}
	b.WriteString("</w:tbl>")
}

// The fixed parts of a DOCX package around its document body.
const (
	docxTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`
	docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`
	docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`
	// docxStyles names the one style bodies use by id (Heading1, so
	// readers build an outline from 一、二、…) and the default font (every
	// run names its own).
	docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋" w:hAnsi="仿宋" w:eastAsia="仿宋" w:cs="仿宋"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>`
	docxDocHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	// docxPage is A4 with the 公文 margins (top 37 mm, bottom 35 mm, left
	// 28 mm, right 26 mm).
	docxPage = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
	docxCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title><dc:creator>sibu</dc:creator></cp:coreProperties>`
)

// Bytes returns the document as a .docx file.
func (d *Docx) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", docxTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", docxDocHead + d.body.String() + docxPage},
		{"docProps/core.xml", fmt.Sprintf(docxCore, esc(d.title))},
	}
	for _, p := range parts {
		w, err := z.Create(p.name)
		if err != nil {
			return nil, fmt.Errorf("docx %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, fmt.Errorf("docx %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}
