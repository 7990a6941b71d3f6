package survey

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"sibu/flows/kit"
)

// questionButtons are the buttons of question q: its choices for its
// type, then 跳过 when it is optional and 返回汇总 when changed from the
// summary.
func (st step) questionButtons(sv *Survey, q *Question, run *Run, seq int) [][]kit.Button {
	var rows [][]kit.Button
	switch q.Type {
	case QRadio, QDropdown, QBoolean, QCheckbox:
		rows = st.choiceButtons(q, run, seq)
	case QRating:
		rows = ratingButtons(q, seq)
	case QRanking:
		rows = st.rankingButtons(q, run, seq)
	case QMatrix:
		rows = matrixButtons(q, seq)
	}
	if !required(sv, q, run.Answers) && q.Type != QCheckbox {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "k")}})
	}
	if run.Review {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnBackSummary), Data: kit.Data(seq, "b")}})
	}
	return rows
}

// choiceButtons offer the options of a single or multiple choice, a page
// at a time when there are many; a multiple choice marks what is selected
// and ends with 完成.
func (st step) choiceButtons(q *Question, run *Run, seq int) [][]kit.Button {
	opts := q.options()
	verb := "a"
	if q.Type == QCheckbox {
		verb = "t"
	}
	lo, hi := 0, len(opts)
	pages := 1
	if len(opts) > pageSize+1 {
		pages = (len(opts) + pageSize - 1) / pageSize
		run.Page = min(max(run.Page, 0), pages-1)
		lo, hi = run.Page*pageSize, min((run.Page+1)*pageSize, len(opts))
	}
	var bs []kit.Button
	for i := lo; i < hi; i++ {
		t := opts[i].Text
		if q.Type == QCheckbox && slices.Contains(run.Sel, opts[i].Value) {
			t = "✅ " + t
		}
		bs = append(bs, kit.Button{Text: t, Data: kit.Data(seq, verb, strconv.Itoa(i))})
	}
	rows := layout(bs)
	if pages > 1 {
		rows = append(rows, st.pageButtons(run.Page, pages, seq))
	}
	if q.Type == QCheckbox {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnDone), Data: kit.Data(seq, "d")}})
	}
	return rows
}

// pageButtons move between the pages of a long choice list.
func (st step) pageButtons(page, pages, seq int) []kit.Button {
	var nav []kit.Button
	if page > 0 {
		nav = append(nav, kit.Button{Text: st.t(kit.MsgBtnPrevPage), Data: kit.Data(seq, "pg", strconv.Itoa(page-1))})
	}
	nav = append(nav, kit.Button{Text: fmt.Sprintf("%d/%d", page+1, pages), Data: kit.Data(seq, "pg", strconv.Itoa(page))})
	if page < pages-1 {
		nav = append(nav, kit.Button{Text: st.t(kit.MsgBtnNextPage), Data: kit.Data(seq, "pg", strconv.Itoa(page+1))})
	}
	return nav
}

// ratingButtons are one row of the rating's values.
func ratingButtons(q *Question, seq int) [][]kit.Button {
	var row []kit.Button
	for v := q.RateMin; v <= q.RateMax; v++ {
		row = append(row, kit.Button{Text: strconv.Itoa(v), Data: kit.Data(seq, "a", strconv.Itoa(v-q.RateMin))})
	}
	return [][]kit.Button{row}
}

// rankingButtons offer the choices not ranked yet, and 重新排序 once one is.
func (st step) rankingButtons(q *Question, run *Run, seq int) [][]kit.Button {
	var bs []kit.Button
	for i, c := range q.Choices {
		if !slices.Contains(run.Sel, c.Value) {
			bs = append(bs, kit.Button{Text: c.Text, Data: kit.Data(seq, "rk", strconv.Itoa(i))})
		}
	}
	rows := layout(bs)
	if len(run.Sel) > 0 {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnRerank), Data: kit.Data(seq, "rr")}})
	}
	return rows
}

// matrixButtons offer the columns for the row being asked.
func matrixButtons(q *Question, seq int) [][]kit.Button {
	var bs []kit.Button
	for i, c := range q.Choices {
		bs = append(bs, kit.Button{Text: c.Text, Data: kit.Data(seq, "mc", strconv.Itoa(i))})
	}
	return layout(bs)
}

// layout puts short choices side by side and long ones one per row.
func layout(bs []kit.Button) [][]kit.Button {
	longest := 0
	for _, b := range bs {
		longest = max(longest, utf8.RuneCountInString(b.Text))
	}
	per := 1
	switch {
	case longest <= 5:
		per = 3
	case longest <= 10:
		per = 2
	}
	var rows [][]kit.Button
	for i := 0; i < len(bs); i += per {
		rows = append(rows, bs[i:min(i+per, len(bs))])
	}
	return rows
}
