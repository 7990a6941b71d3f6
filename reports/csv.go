package reports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"sibu/flows/survey"
	"strconv"
	"strings"
)

// utf8BOM makes Excel on Windows read the file as UTF-8 instead of the
// local code page (GBK on Chinese systems).
const utf8BOM = "\ufeff"

// CSV exports the same table as XLSX's "答卷" sheet as UTF-8 with a BOM,
// quoted per RFC 4180 with CRLF line ends. Free-text answers that begin
// with =, +, -, @ or a tab (and are not plain numbers) get a leading
// apostrophe so that spreadsheet programs show them instead of running them
// as formulas (CSV injection); XLSX needs no such guard because it types
// every cell.
func CSV(sv *survey.Survey, rows []survey.ResponseRow, unit func(string) string) ([]byte, error) {
	if sv == nil {
		return nil, errors.New("csv: no survey")
	}
	t := buildTable(sv, rows, unit)
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(t.header); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	rec := make([]string, len(t.header))
	for _, r := range t.rows {
		for j, c := range r {
			rec[j] = c.text
			if !c.isNum {
				rec[j] = defuseFormula(c.text)
			}
		}
		if err := w.Write(rec); err != nil {
			return nil, fmt.Errorf("csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return buf.Bytes(), nil
}

// defuseFormula prefixes an apostrophe to text a spreadsheet would take as
// a formula (OWASP's advice for CSV injection).
func defuseFormula(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
