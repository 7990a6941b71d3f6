package reports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"sibu/flows/talk"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Roster headers, compared without spaces and case.
var (
	rosterNameHeaders  = []string{"姓名", "名字", "人员姓名", "党员姓名", "谈话对象", "name", "fullname"}
	rosterUnitHeaders  = []string{"单位", "所在单位", "工作单位", "支部", "所在支部", "党支部", "所在党支部", "部门", "unit", "branch"}
	rosterPhoneHeaders = []string{"电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话号码", "phone", "mobile", "tel"}
	rosterGroupHeaders = []string{"分组", "组别", "类别", "人员类别", "群体", "对象类别", "group", "category"}
	// rosterOtherHeaders mark a header row that has no name column.
	rosterOtherHeaders = []string{"序号", "编号", "职务", "性别", "年龄", "备注", "no", "no.", "id"}
)

// rosterHeaderRows is how far down a header is looked for (title rows such
// as "2026年谈心谈话名单" often come first).
const rosterHeaderRows = 5

// Limits on reading an uploaded workbook. An XLSX is a zip: a file within
// the upload cap (talk.RosterMaxBytes) can unpack to gigabytes, and
// excelize's default limit is 16 GB. A real roster of TalkRosterMaxRows
// names unpacks to a few megabytes.
const (
	// rosterUnzipLimit bounds the unpacked size of all the workbook's
	// parts together; it is also the most kept in memory (no temporary
	// files: excelize would write bigger parts to disk).
	rosterUnzipLimit = 16 * talk.RosterMaxBytes
	// rosterMaxColumns is how many columns of a row are kept: a cell in
	// the last column (XFD) makes excelize return 16,384 strings per row.
	rosterMaxColumns = 64
)

// errRosterTooManyRows stops reading a sheet with more rows than a roster
// may have.
var errRosterTooManyRows = errors.New("roster: too many rows")

// ParseTalkRoster reads an uploaded roster (.xlsx: the first sheet; .csv:
// UTF-8 with or without a byte order mark, or GB18030/GBK as Excel saves it
// on Chinese Windows; comma, semicolon or tab separated). The names are the
// "姓名" column of a header row among the first few rows, or the first
// column when there is no header; "单位", "电话" and "分组" (a checklist's
// group) columns are optional.
// What cannot be used is reported in Problem, never as an error.
func ParseTalkRoster(name string, data []byte) talk.RosterUpload {
	up := talk.RosterUpload{File: name}
	var rows [][]string
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		if len(data) > talk.RosterMaxBytes {
			up.Problem = talk.RosterTooBig
			return up
		}
		rows, err = xlsxRows(data, talk.RosterMaxRows+rosterHeaderRows, rosterUnzipLimit)
	case ".csv", ".txt":
		if len(data) > talk.RosterMaxBytes {
			up.Problem = talk.RosterTooBig
			return up
		}
		rows, err = csvRows(data, talk.RosterMaxRows+rosterHeaderRows)
	default:
		up.Problem = talk.RosterBadType
		return up
	}
	switch {
	case errors.Is(err, errRosterTooManyRows):
		up.Problem = talk.RosterTooMany
		return up
	case err != nil: // damaged, encrypted, or unpacking to more than rosterUnzipLimit
		up.Problem = talk.RosterUnreadable
		return up
	}
	up.Rows, up.Problem = rosterFromRows(rows)
	return up
}

// xlsxRows reads the first sheet's rows (row i at index i-1, empty rows
// nil), at most maxRows that have a cell and rosterMaxColumns columns of
// each, within unzipLimit unpacked.
func xlsxRows(data []byte, maxRows int, unzipLimit int64) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil
	}
	// Row by row rather than GetRows, which holds every row at once.
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out [][]string
	kept := 0
	for n := 0; it.Next(); n++ {
		row, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if len(row) == 0 {
			continue
		}
		if kept++; kept > maxRows {
			return nil, errRosterTooManyRows
		}
		for len(out) < n {
			out = append(out, nil)
		}
		out = append(out, slices.Clone(row[:min(len(row), rosterMaxColumns)])) // not the 16,384-wide original
	}
	return out, it.Error()
}

// csvRows reads CSV rows (row i at index i-1), stopping past maxRows.
func csvRows(data []byte, maxRows int) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, err
		}
		data = d
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	first, _, _ := bytes.Cut(data, []byte("\n"))
	switch {
	case bytes.ContainsRune(first, ','):
	case bytes.ContainsRune(first, '\t'):
		r.Comma = '\t'
	case bytes.ContainsRune(first, ';'):
		r.Comma = ';'
	}
	var rows [][]string
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		for len(rows) < line-1 {
			rows = append(rows, nil) // blank lines keep the row numbers right
		}
		rows = append(rows, rec)
		if n > maxRows {
			return rows, nil // too many either way; stop reading
		}
	}
}

func normHeader(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == ':' || r == '：' {
			return -1
		}
		return r
	}, s))
}

func rosterColumn(row []string, names []string) int {
	for i, c := range row {
		h := normHeader(c)
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// rosterFromRows finds the columns and returns the names with their row
// numbers (1-based, as the spreadsheet shows them).
func rosterFromRows(rows [][]string) ([]talk.RosterRow, talk.RosterProblem) {
	header, nameCol, unitCol, phoneCol, groupCol := -1, 0, -1, -1, -1
	for i := 0; i < len(rows) && i < rosterHeaderRows; i++ {
		if c := rosterColumn(rows[i], rosterNameHeaders); c >= 0 {
			header, nameCol = i, c
			unitCol, phoneCol = rosterColumn(rows[i], rosterUnitHeaders), rosterColumn(rows[i], rosterPhoneHeaders)
			groupCol = rosterColumn(rows[i], rosterGroupHeaders)
			break
		}
	}
	if header < 0 {
		for i := 0; i < len(rows) && i < rosterHeaderRows; i++ {
			if rosterColumn(rows[i], rosterUnitHeaders) >= 0 || rosterColumn(rows[i], rosterPhoneHeaders) >= 0 || rosterColumn(rows[i], rosterOtherHeaders) >= 0 {
				return nil, talk.RosterNoName // a header, but no name column
			}
		}
	}
	var out []talk.RosterRow
	for i := header + 1; i < len(rows); i++ {
		name := rosterCell(rows[i], nameCol)
		if name == "" {
			continue
		}
		if len(out) == talk.RosterMaxRows {
			return nil, talk.RosterTooMany
		}
		out = append(out, talk.RosterRow{Line: i + 1, Name: name, Unit: rosterCell(rows[i], unitCol), Phone: rosterCell(rows[i], phoneCol),
			Group: rosterCell(rows[i], groupCol)})
	}
	if len(out) == 0 {
		return nil, talk.RosterEmpty
	}
	return out, talk.RosterOK
}
