package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// Docx is a small writer of Word documents (Office Open XML, .docx): a
// title, paragraphs and tables with merged cells, in a CJK font, A4 with
// the usual margins. It is the shared writer of sibu's documents (the 复盘
// report; other reports can use it too): what it cannot do (images,
// headers, numbering) is left out on purpose. Build it up, then Bytes.
//
//	d := NewDocx()
//	d.Title("工作复盘模板")
//	d.Table([]int{1200, 1400, 1800, 4600}, rows)
//	b, err := d.Bytes()
type Docx struct {
	body strings.Builder
}

// NewDocx returns an empty document.
func NewDocx() *Docx { return &Docx{} }

// Cell is one table cell: its text (a paragraph per line), how many grid
// columns it spans, and whether it starts (Merge "start") or continues
// (Merge "cont") a vertical merge with the cells above it.
type Cell struct {
	Text  string
	Span  int
	Merge string
	Bold  bool
	// Center centres the text (labels of the template).
	Center bool
}

// Title adds a centred bold title.
func (d *Docx) Title(text string) {
	d.para(text, true, true, 32)
}

// Paragraph adds a paragraph of body text (a paragraph per line).
func (d *Docx) Paragraph(text string) {
	for _, line := range strings.Split(text, "\n") {
		d.para(line, false, false, 0)
	}
}

// para writes one paragraph; size is in half-points (0 for the default).
func (d *Docx) para(text string, bold, center bool, size int) {
	d.body.WriteString(paragraph(text, bold, center, size))
}

// paragraph is the XML of one paragraph.
func paragraph(text string, bold, center bool, size int) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if center {
		b.WriteString(`<w:pPr><w:jc w:val="center"/></w:pPr>`)
	}
	b.WriteString("<w:r>")
	if bold || size > 0 {
		b.WriteString("<w:rPr>")
		if bold {
			b.WriteString("<w:b/>")
		}
		if size > 0 {
			fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size, size)
		}
		b.WriteString("</w:rPr>")
	}
	b.WriteString(`<w:t xml:space="preserve">`)
	b.WriteString(escape(text))
	b.WriteString("</w:t></w:r></w:p>")
	return b.String()
}

// escape escapes text for XML character data.
func escape(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Table adds a table with single borders: widths are the grid columns in
// twentieths of a point (dxa), rows their cells.
func (d *Docx) Table(widths []int, rows [][]Cell) {
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
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
			d.cell(c, span, w)
		}
		b.WriteString("</w:tr>")
	}
	// A paragraph after a table keeps Word from joining it to the next one.
	b.WriteString("</w:tbl><w:p/>")
}

// cell writes one table cell of width w.
func (d *Docx) cell(c Cell, span, w int) {
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
	for _, l := range lines {
		b.WriteString(paragraph(l, c.Bold, c.Center, 0))
	}
	b.WriteString("</w:tc>")
}

// The fixed parts of a .docx package.
const (
	docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`
	docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
	docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>`
	docxHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`
	docxTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
)

// Bytes returns the document as a .docx file.
func (d *Docx) Bytes() ([]byte, error) {
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", docxHead + d.body.String() + docxTail},
	}
	for _, p := range parts {
		w, err := z.Create(p.name)
		if err != nil {
			return nil, fmt.Errorf("docx %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("docx %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return out.Bytes(), nil
}
