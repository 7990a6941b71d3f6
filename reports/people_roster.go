package reports

import (
	"errors"
	"path/filepath"
	"strings"

	"sibu/flows/join"
	"sibu/flows/talk"
)

// Headers of a roster of expected people besides the talk rosters' name,
// unit and phone headers, compared without spaces and case.
var (
	rosterRoleHeaders     = []string{"角色", "身份", "类别", "role"}
	rosterPositionHeaders = []string{"职务", "职位", "position", "title"}
)

// RosterLimits bound a roster file: its size in bytes and its rows.
type RosterLimits struct {
	MaxBytes int
	MaxRows  int
}

// ChatRoster are the limits of a roster sent in the chat (/roster).
var ChatRoster = RosterLimits{MaxBytes: talk.RosterMaxBytes, MaxRows: join.MaxRows}

// CLIRoster are the limits of `sibu roster import`.
var CLIRoster = RosterLimits{MaxBytes: join.MaxBytesCLI, MaxRows: join.MaxRowsCLI}

// ParsePeopleRoster reads a roster of the people expected to join (.xlsx:
// the first sheet; .csv: UTF-8 with or without a byte order mark, or
// GB18030; comma, semicolon or tab separated), read as the talk rosters
// are and within the same unpacking limits for its size. A header row
// among the first few rows names the columns, in Chinese (姓名, 单位, 角色,
// 手机, 职务) or English (name, unit, role, phone, position); 姓名 and 手机
// are required. Every row with a name or a number is kept as typed, for
// join.Check to accept or refuse with a reason. What cannot be used is
// reported in Problem, never as an error.
func ParsePeopleRoster(name string, data []byte, lim RosterLimits) join.RosterUpload {
	up := join.RosterUpload{File: name}
	var rows [][]string
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		if len(data) > lim.MaxBytes {
			up.Problem = talk.RosterTooBig
			return up
		}
		rows, err = xlsxRows(data, lim.MaxRows+rosterHeaderRows, int64(16*lim.MaxBytes))
	case ".csv", ".txt":
		if len(data) > lim.MaxBytes {
			up.Problem = talk.RosterTooBig
			return up
		}
		rows, err = csvRows(data, lim.MaxRows+rosterHeaderRows)
	default:
		up.Problem = talk.RosterBadType
		return up
	}
	switch {
	case errors.Is(err, errRosterTooManyRows):
		up.Problem = talk.RosterTooMany
		return up
	case err != nil:
		up.Problem = talk.RosterUnreadable
		return up
	}
	up.Rows, up.Problem = peopleFromRows(rows, lim.MaxRows)
	return up
}

// peopleFromRows finds the header and returns the rows with their row
// numbers (1-based, as the spreadsheet shows them).
func peopleFromRows(rows [][]string, maxRows int) ([]join.RosterRow, talk.RosterProblem) {
	header := -1
	for i := 0; i < len(rows) && i < rosterHeaderRows; i++ {
		if rosterColumn(rows[i], rosterNameHeaders) >= 0 {
			header = i
			break
		}
	}
	if header < 0 {
		return nil, talk.RosterNoName
	}
	h := rows[header]
	name, phone := rosterColumn(h, rosterNameHeaders), rosterColumn(h, rosterPhoneHeaders)
	unit, role, pos := rosterColumn(h, rosterUnitHeaders), rosterColumn(h, rosterRoleHeaders), rosterColumn(h, rosterPositionHeaders)
	if phone < 0 {
		return nil, join.RosterNoPhone
	}
	var out []join.RosterRow
	for i := header + 1; i < len(rows); i++ {
		r := join.RosterRow{Line: i + 1, Name: rosterCell(rows[i], name), Unit: rosterCell(rows[i], unit),
			Role: rosterCell(rows[i], role), Phone: rosterCell(rows[i], phone), Position: rosterCell(rows[i], pos)}
		if r.Name == "" && r.Phone == "" {
			continue
		}
		if len(out) == maxRows {
			return nil, talk.RosterTooMany
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, talk.RosterEmpty
	}
	return out, talk.RosterOK
}

// rosterCell is cell c of row, trimmed ("" when the row is shorter).
func rosterCell(row []string, c int) string {
	if c < 0 || c >= len(row) {
		return ""
	}
	return strings.TrimSpace(strings.Trim(row[c], "\ufeff\u200b"))
}
