package reports

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sibu/flows/survey"
)

// cell is one exported value: text for people, and the number behind it
// when there is one, so spreadsheets can sum ratings and numeric answers.
type cell struct {
	text  string
	num   float64
	isNum bool
}

func textCell(s string) cell { return cell{text: s} }

func numCell(f float64) cell {
	return cell{text: strconv.FormatFloat(f, 'f', -1, 64), num: f, isNum: true}
}

// table is the response table shared by XLSX and CSV.
type table struct {
	header []string
	rows   [][]cell
}

// column says where one table column takes its value from.
type column struct {
	title string
	value func(r survey.ResponseRow) cell
}

// buildTable lays out one row per response: 答卷人, 单位 (by name) and 日期
// (named questionnaires only: an anonymous response keeps no time), then
// one column per question in survey order
// (a matrix question gets one column per row, "题目 — 行"), then any answers
// to questions the current definition no longer has, under their names,
// so that responses to an older version lose nothing, and last 编号, the
// response's id for a records system. unit names a unit id (nil: the id).
func buildTable(sv *survey.Survey, rows []survey.ResponseRow, unit func(string) string) table {
	if unit == nil {
		unit = func(id string) string { return id }
	}
	var cols []column
	if !sv.Campaign.Anonymous {
		cols = append(cols,
			column{"答卷人", func(r survey.ResponseRow) cell { return textCell(respondent(r)) }},
			column{"单位", func(r survey.ResponseRow) cell { return textCell(unit(r.Unit)) }},
			column{"日期", func(r survey.ResponseRow) cell { return textCell(r.Day) }},
		)
	}

	known := map[string]bool{}
	for i := range sv.Questions {
		q := &sv.Questions[i]
		known[q.Name] = true
		title := q.Title
		if title == "" {
			title = q.Name
		}
		if q.Type != qMatrix {
			cols = append(cols, column{title, func(r survey.ResponseRow) cell {
				return formatAnswer(q, r.Answers[q.Name], otherText(r.Answers, q.Name))
			}})
			continue
		}
		mrows := matrixRows(q.Name, rows)
		if len(mrows) == 0 {
			cols = append(cols, column{title, func(survey.ResponseRow) cell { return cell{} }})
		}
		for _, row := range mrows {
			cols = append(cols, column{title + " — " + row, func(r survey.ResponseRow) cell {
				return textCell(matrixCells(r.Answers[q.Name])[row])
			}})
		}
	}

	var extra []string
	seen := map[string]bool{}
	for _, r := range rows {
		for k := range r.Answers {
			base, isComment := strings.CutSuffix(k, commentSuffix)
			if known[k] || isComment && known[base] || seen[k] {
				continue
			}
			seen[k] = true
			extra = append(extra, k)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return naturalLess(extra[i], extra[j]) })
	for _, k := range extra {
		q := &survey.Question{Name: k}
		cols = append(cols, column{k, func(r survey.ResponseRow) cell {
			return formatAnswer(q, r.Answers[k], "")
		}})
	}

	cols = append(cols, column{"编号", func(r survey.ResponseRow) cell { return textCell(r.ID) }})
	t := table{header: make([]string, len(cols)), rows: make([][]cell, len(rows))}
	for i, c := range cols {
		t.header[i] = c.title
	}
	for i, r := range rows {
		t.rows[i] = make([]cell, len(cols))
		for j, c := range cols {
			t.rows[i][j] = c.value(r)
		}
	}
	return t
}

func respondent(r survey.ResponseRow) string {
	if r.Respondent != "" {
		return r.Respondent
	}
	if r.UserID != 0 {
		return "#" + strconv.FormatInt(r.UserID, 10)
	}
	return ""
}

// SurveyJS stores the text typed after "其他" under "<name>-Comment", and
// uses the values "other" and "none" for showOtherItem and showNoneItem.
const (
	commentSuffix = "-Comment"
	otherValue    = "other"
	noneValue     = "none"
)

func otherText(answers map[string]any, name string) string {
	s, _ := answers[name+commentSuffix].(string)
	return strings.TrimSpace(s)
}

// formatAnswer renders one answer for people: choice values as their
// choice text, checkbox items joined with "、", rankings as "1.A 2.B",
// booleans as 是/否, numbers as numbers, and the "其他" text after "其他：".
func formatAnswer(q *survey.Question, v any, other string) cell {
	otherUsed := false
	choice := func(s string) string {
		if t, ok := choiceText(q, s); ok {
			return t
		}
		switch s {
		case otherValue:
			if other != "" {
				otherUsed = true
				return "其他：" + other
			}
			return "其他"
		case noneValue:
			return "无"
		}
		return s
	}
	var c cell
	switch x := v.(type) {
	case nil:
	case string:
		if q.Type == survey.QBoolean {
			if b, err := strconv.ParseBool(x); err == nil {
				c = textCell(yesNo(b))
				break
			}
		}
		c = textCell(choice(x))
	case bool:
		c = textCell(yesNo(x))
	case float64, float32, int, int32, int64, json.Number:
		f, _ := strconv.ParseFloat(fmt.Sprint(x), 64)
		c = numCell(f)
		if t, ok := choiceText(q, c.text); ok { // numeric choice values
			c = textCell(t)
		}
	case []string, []any:
		items := stringItems(x)
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = choice(it)
			if q.Type == qRanking {
				parts[i] = strconv.Itoa(i+1) + "." + parts[i]
			}
		}
		sep := "、"
		if q.Type == qRanking {
			sep = " "
		}
		c = textCell(strings.Join(parts, sep))
	case map[string]any, map[string]string:
		m := matrixCells(x)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return naturalLess(keys[i], keys[j]) })
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "：" + m[k]
		}
		c = textCell(strings.Join(parts, "；"))
	default:
		c = textCell(fmt.Sprint(x))
	}
	if other != "" && !otherUsed {
		if c.text == "" {
			c = textCell("其他：" + other)
		} else {
			c = textCell(c.text + "；其他：" + other)
		}
	}
	return c
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func choiceText(q *survey.Question, v string) (string, bool) {
	for _, c := range q.Choices {
		if c.Value == v {
			if c.Text == "" {
				return c.Value, true
			}
			return c.Text, true
		}
	}
	return "", false
}

func stringItems(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, len(x))
		for i, it := range x {
			if f, ok := it.(float64); ok {
				out[i] = strconv.FormatFloat(f, 'f', -1, 64)
			} else {
				out[i] = fmt.Sprint(it)
			}
		}
		return out
	}
	return nil
}

// matrixCells reads a matrix answer, stored either as {row: column} or as
// a list of "row=column", into a row → column map.
func matrixCells(v any) map[string]string {
	out := map[string]string{}
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			out[k] = fmt.Sprint(c)
		}
	case map[string]string:
		for k, c := range x {
			out[k] = c
		}
	case []string, []any:
		for _, it := range stringItems(x) {
			if row, col, ok := strings.Cut(it, "="); ok {
				out[row] = col
			}
		}
	}
	return out
}

// matrixRows lists the rows of a matrix question in the order the
// responses first use them (map keys in natural order). survey.Question does
// not carry matrix rows yet; once it does, its order should win here.
func matrixRows(name string, rows []survey.ResponseRow) []string {
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, r := range rows {
		switch x := r.Answers[name].(type) {
		case []string, []any:
			for _, it := range stringItems(x) {
				if row, _, ok := strings.Cut(it, "="); ok {
					add(row)
				}
			}
		default:
			m := matrixCells(x)
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool { return naturalLess(keys[i], keys[j]) })
			for _, k := range keys {
				add(k)
			}
		}
	}
	return out
}

// naturalLess orders strings with embedded numbers numerically: r2 < r10.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return ra < rb
		}
		a, b = a[sa:], b[sb:]
	}
	return len(a) < len(b)
}

func digitPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// displayWidth is the width of s in spreadsheet columns: CJK and other wide
// characters count two, the widest line counts.
func displayWidth(s string) int {
	w, best := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			w = 0
		case isWide(r):
			w += 2
		default:
			w++
		}
		best = max(best, w)
	}
	return best
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef // CJK and full-width punctuation
}

// columnWidths suggests widths (in Excel character units) that fit the
// header and the first rows, within sensible bounds.
func columnWidths(t table) []float64 {
	const sample = 500
	ws := make([]float64, len(t.header))
	for j, h := range t.header {
		w := displayWidth(h)
		for i := 0; i < len(t.rows) && i < sample; i++ {
			w = max(w, displayWidth(t.rows[i][j].text))
		}
		ws[j] = float64(min(max(w+2, 8), 60))
	}
	return ws
}
