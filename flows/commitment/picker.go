package commitment

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// datePrompt asks for a date: typed, or picked from a month calendar of
// inline buttons (◀ ▶ move by month; past days are not buttons). The
// calendar's own ◀ ▶, and 重新选择 on the confirmation it became, change
// the same message in place.
func (st step) datePrompt(text string) {
	run := st.run()
	seq := st.Next()
	today := st.Today()
	month := today
	if run.Month != "" {
		if m, err := time.ParseInLocation("200601", run.Month, st.Env.Location); err == nil {
			month = m
		}
	}
	first := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, st.Env.Location)
	nop := kit.Data(seq, "nop")
	title := first.Format("2006-01")
	if st.Lang != "en" {
		title = first.Format("2006年1月")
	}
	rows := [][]kit.Button{}
	nav := []kit.Button{{Text: "◀", Data: kit.Data(seq, "dp", first.AddDate(0, -1, 0).Format("200601"))},
		{Text: title, Data: nop},
		{Text: "▶", Data: kit.Data(seq, "dp", first.AddDate(0, 1, 0).Format("200601"))}}
	if !first.After(today) {
		nav[0] = kit.Button{Text: "·", Data: nop} // no picking in the past
	}
	rows = append(rows, nav)
	head := []kit.Button{}
	for _, d := range strings.Split(st.t(mWeekHeader), " ") {
		head = append(head, kit.Button{Text: d, Data: nop})
	}
	rows = append(rows, head)
	rows = append(rows, monthRows(first, today, seq, nop)...)
	if st.calendarPress("dp", "dn") {
		st.Answer("", false)
		st.Edit(st.In.MessageID, text+"\n"+st.t(mDateHint), rows...)
		return
	}
	st.Send(text+"\n"+st.t(mDateHint), rows...)
}

// calendarPress reports whether the input is a press of one of the
// calendar's buttons with verbs (the message to change in place).
func (st step) calendarPress(verbs ...string) bool {
	cb, ok := kit.ParseCallback(st.In.Data)
	return ok && st.In.Kind == kit.InputCallback && st.In.MessageID != 0 && slices.Contains(verbs, cb.Verb)
}

// monthRows are the weeks of first's month, Monday first: a button per day
// from today on; weeks wholly past are left out.
func monthRows(first, today time.Time, seq int, nop string) [][]kit.Button {
	var rows [][]kit.Button
	offset := (int(first.Weekday()) + 6) % 7 // Monday first
	row := []kit.Button{}
	for i := 0; i < offset; i++ {
		row = append(row, kit.Button{Text: "·", Data: nop})
	}
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		b := kit.Button{Text: strconv.Itoa(d.Day()), Data: kit.Data(seq, "dd", d.Format("20060102"))}
		if d.Before(today) {
			b = kit.Button{Text: "·", Data: nop}
		}
		row = append(row, b)
		if len(row) == 7 {
			if !allNop(row, nop) { // weeks wholly past are left out
				rows = append(rows, row)
			}
			row = []kit.Button{}
		}
	}
	if len(row) > 0 {
		for len(row) < 7 {
			row = append(row, kit.Button{Text: "·", Data: nop})
		}
		rows = append(rows, row)
	}
	return rows
}

// allNop reports whether every button of row is a placeholder.
func allNop(row []kit.Button, nop string) bool {
	for _, b := range row {
		if b.Data != nop {
			return false
		}
	}
	return true
}

// dateInput takes a typed date: a valid future date is echoed for
// confirmation; anything else re-asks.
func (st step) dateInput() {
	run := st.run()
	if st.In.Kind != kit.InputText {
		st.Send(st.t(mDateBad))
		return
	}
	d, ok := when.Date(st.In.Text, st.Today())
	if !ok {
		st.Send(st.t(mDateBad))
		return
	}
	st.confirmDate(d, run)
}

// confirmDate echoes a picked or typed date d for confirmation: today or
// later, and within two years.
func (st step) confirmDate(d time.Time, run *Run) {
	if d.Before(st.Today()) {
		st.Send(st.t(mDatePast, st.dateText(d.Format("2006-01-02"))))
		return
	}
	if d.After(st.Today().AddDate(2, 0, 0)) {
		st.Send(st.t(mDateFar, st.dateText(d.Format("2006-01-02"))))
		return
	}
	if run.Field != "confirm_date" {
		run.Back = run.Field
	}
	run.Date, run.Field = d.Format("2006-01-02"), "confirm_date"
	seq := st.Next()
	buttons := []kit.Button{{Text: st.t(mBtnConfirm), Data: kit.Data(seq, "dy")}, {Text: st.t(mBtnRepick), Data: kit.Data(seq, "dn")}}
	if st.calendarPress("dd") { // the calendar becomes its confirmation
		st.Answer("", false)
		st.Edit(st.In.MessageID, st.dateConfirmText(run.Date), buttons)
		return
	}
	st.Send(st.dateConfirmText(run.Date), buttons)
}

// dateConfirmText asks to confirm date d (2006-01-02): when it is (今天,
// 明天, 6 天后), with a warning when it is today.
func (st step) dateConfirmText(d string) string {
	t, _ := time.ParseInLocation("2006-01-02", d, st.Env.Location)
	text := st.t(mDateConfirm, st.dateText(d), when.Until(t, st.Today(), st.Lang))
	if t.Equal(st.Today()) {
		text = st.t(mDateToday, st.dateText(d))
	}
	return text
}

// dateCallback handles the picker and the confirmation; false when cb is
// none of theirs. done is called with the confirmed date.
func (st step) dateCallback(cb kit.Callback, ask func(), done func(string) error) (bool, error) {
	run := st.run()
	switch cb.Verb {
	case "nop":
		st.Answer("", false)
		return true, nil
	case "dp":
		run.Month = cb.Arg
		ask()
		return true, nil
	case "dd":
		d, err := time.ParseInLocation("20060102", cb.Arg, st.Env.Location)
		if err != nil {
			return false, nil
		}
		st.confirmDate(d, run)
		return true, nil
	case "dy":
		if run.Field != "confirm_date" {
			return false, nil
		}
		d := run.Date
		run.Date, run.Month = "", ""
		st.Chose(st.dateConfirmText(d), st.t(mDateConfirmed))
		return true, done(d)
	case "dn":
		if run.Field != "confirm_date" {
			return false, nil
		}
		run.Field, run.Date = run.Back, ""
		ask()
		return true, nil
	}
	return false, nil
}
