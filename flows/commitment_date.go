package flows

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	reISODate   = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$`)
	reCompact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reMonthDay  = regexp.MustCompile(`^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$`)
	reWeekday   = regexp.MustCompile(`^(下下|下|本|这|这个|下个)?(周|星期|礼拜)([一二三四五六日天1-7])$`)
	reInN       = regexp.MustCompile(`^(\d{1,3})\s*(天|日|周|星期|个月|月)(后|以后|之后)$`)
	weekdayChar = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7,
		"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7}
)

// ParseDate reads a deadline typed by a person, relative to today (a date
// at midnight in the deployment's zone): 2026-12-31, 2026/12/31, 20261231,
// 2026年12月31日, 12月31日 or 12-31 (this year, or next year when that day
// has passed), 今天, 明天, 后天, 大后天, 周五 / 本周五 (this week's), 下周五,
// 下下周五, 3天后, 2周后, 1个月后, 月底, 年底. ok=false when it is none of them
// or not a real date.
func ParseDate(s string, today time.Time) (time.Time, bool) {
	s = strings.TrimSpace(strings.NewReplacer("　", "", " ", "", "．", ".", "－", "-", "／", "/").Replace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "前"), "之前")
	loc := today.Location()
	ymd := func(y, m, d int) (time.Time, bool) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
		if t.Year() != y || int(t.Month()) != m || t.Day() != d {
			return time.Time{}, false // 2月30日
		}
		return t, true
	}
	if m := reISODate.FindStringSubmatch(s); m != nil {
		return ymd(atoiOr(m[1]), atoiOr(m[2]), atoiOr(m[3]))
	}
	if m := reCompact.FindStringSubmatch(s); m != nil {
		return ymd(atoiOr(m[1]), atoiOr(m[2]), atoiOr(m[3]))
	}
	if m := reMonthDay.FindStringSubmatch(s); m != nil {
		t, ok := ymd(today.Year(), atoiOr(m[1]), atoiOr(m[2]))
		if ok && t.Before(today) {
			t, ok = ymd(today.Year()+1, atoiOr(m[1]), atoiOr(m[2]))
		}
		return t, ok
	}
	switch strings.ToLower(s) {
	case "今天", "今日", "today":
		return today, true
	case "明天", "明日", "tomorrow":
		return today.AddDate(0, 0, 1), true
	case "后天":
		return today.AddDate(0, 0, 2), true
	case "大后天":
		return today.AddDate(0, 0, 3), true
	case "月底", "本月底", "这个月底":
		return time.Date(today.Year(), today.Month()+1, 0, 0, 0, 0, 0, loc), true
	case "下月底", "下个月底":
		return time.Date(today.Year(), today.Month()+2, 0, 0, 0, 0, 0, loc), true
	case "年底", "今年底", "本年底":
		return time.Date(today.Year(), 12, 31, 0, 0, 0, 0, loc), true
	}
	if m := reWeekday.FindStringSubmatch(s); m != nil {
		wd := weekdayChar[m[3]]
		cur := int(today.Weekday())
		if cur == 0 {
			cur = 7
		}
		monday := today.AddDate(0, 0, 1-cur)
		weeks := 0
		switch m[1] {
		case "下", "下个":
			weeks = 1
		case "下下":
			weeks = 2
		}
		t := monday.AddDate(0, 0, 7*weeks+wd-1)
		if m[1] == "" && t.Before(today) {
			t = t.AddDate(0, 0, 7) // 周一 said on a Wednesday: the coming one
		}
		return t, true
	}
	if m := reInN.FindStringSubmatch(s); m != nil {
		n := atoiOr(m[1])
		switch m[2] {
		case "天", "日":
			return today.AddDate(0, 0, n), true
		case "周", "星期":
			return today.AddDate(0, 0, 7*n), true
		default:
			return today.AddDate(0, n, 0), true
		}
	}
	return time.Time{}, false
}

func atoiOr(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// datePrompt asks for a date: typed, or picked from a month calendar of
// inline buttons (◀ ▶ move by month; past days are not buttons).
func (st *step) datePrompt(text string) {
	run := st.run0()
	seq := st.sess().next()
	today := st.today()
	month := today
	if run.Month != "" {
		if m, err := time.ParseInLocation("200601", run.Month, st.e.env.Location); err == nil {
			month = m
		}
	}
	first := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, st.e.env.Location)
	nop := data(seq, "nop")
	title := first.Format("2006-01")
	if st.lang != "en" {
		title = first.Format("2006年1月")
	}
	rows := [][]Button{}
	nav := []Button{{Text: "◀", Data: data(seq, "dp", first.AddDate(0, -1, 0).Format("200601"))},
		{Text: title, Data: nop},
		{Text: "▶", Data: data(seq, "dp", first.AddDate(0, 1, 0).Format("200601"))}}
	if !first.After(today) {
		nav[0] = Button{Text: "·", Data: nop} // no picking in the past
	}
	rows = append(rows, nav)
	head := []Button{}
	for _, d := range strings.Split(st.t(mpWeekHeader), " ") {
		head = append(head, Button{Text: d, Data: nop})
	}
	rows = append(rows, head)
	offset := (int(first.Weekday()) + 6) % 7 // Monday first
	row := []Button{}
	for i := 0; i < offset; i++ {
		row = append(row, Button{Text: "·", Data: nop})
	}
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		b := Button{Text: strconv.Itoa(d.Day()), Data: data(seq, "dd", d.Format("20060102"))}
		if d.Before(today) {
			b = Button{Text: "·", Data: nop}
		}
		row = append(row, b)
		if len(row) == 7 {
			if !allNop(row, nop) { // weeks wholly past are left out
				rows = append(rows, row)
			}
			row = []Button{}
		}
	}
	if len(row) > 0 {
		for len(row) < 7 {
			row = append(row, Button{Text: "·", Data: nop})
		}
		rows = append(rows, row)
	}
	st.send(text+"\n"+st.t(mpDateHint), rows...)
}

// dateInput takes a typed date: a valid future date is echoed for
// confirmation; anything else re-asks.
func (st *step) dateInput() {
	run := st.run0()
	if st.in.Kind != InputText {
		st.send(st.t(mpDateBad))
		return
	}
	d, ok := ParseDate(st.in.Text, st.today())
	if !ok {
		st.send(st.t(mpDateBad))
		return
	}
	st.confirmDate(d, run)
}

func (st *step) confirmDate(d time.Time, run *PromiseRun) {
	if d.Before(st.today()) {
		st.send(st.t(mpDatePast, st.dateText(d.Format("2006-01-02"))))
		return
	}
	if d.After(st.today().AddDate(2, 0, 0)) {
		st.send(st.t(mpDateFar, st.dateText(d.Format("2006-01-02"))))
		return
	}
	if run.Field != "confirm_date" {
		run.Back = run.Field
	}
	run.Date, run.Field = d.Format("2006-01-02"), "confirm_date"
	seq := st.sess().next()
	st.send(st.t(mpDateConfirm, st.dateText(run.Date), int(d.Sub(st.today()).Hours()+12)/24),
		[]Button{{Text: st.t(mpBtnConfirm), Data: data(seq, "dy")}, {Text: st.t(mpBtnRepick), Data: data(seq, "dn")}})
}

// dateCallback handles the picker and the confirmation; false when cb is
// none of theirs. done is called with the confirmed date.
func (st *step) dateCallback(cb callback, ask func(), done func(string) error) (bool, error) {
	run := st.run0()
	switch cb.Verb {
	case "nop":
		st.answer("", false)
		return true, nil
	case "dp":
		run.Month = cb.Arg
		ask()
		return true, nil
	case "dd":
		d, err := time.ParseInLocation("20060102", cb.Arg, st.e.env.Location)
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

func allNop(row []Button, nop string) bool {
	for _, b := range row {
		if b.Data != nop {
			return false
		}
	}
	return true
}
