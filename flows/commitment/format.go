package commitment

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// Limits of typed texts, in characters.
const (
	maxContent  = 200
	maxMeasures = 300
	maxNote     = 1000
)

// ownerLabel names who committed: the person, or the unit and direction.
func (st step) ownerLabel(c Item) string {
	switch c.Direction {
	case DirUp:
		return st.t(mOwnerUp, st.UnitName(c.Unit))
	case DirDown:
		return st.t(mOwnerDown, st.UnitName(c.Unit))
	}
	return c.OwnerName
}

// itemCard is an item's description in messages.
func (st step) itemCard(c Item) string {
	s := st.t(mCard, st.ownerLabel(c), c.Content, c.Measures, st.dateText(c.Deadline))
	if c.Source != "" {
		s += "\n" + st.t(mCardSource, c.Source)
	}
	return s
}

// zhCard is itemCard in Chinese (pushes go out in Chinese: the recipient's
// language is not known).
func (st step) zhCard(c Item) string {
	lang := st.Lang
	st.Lang = "zh"
	defer func() { st.Lang = lang }()
	return st.itemCard(c)
}

// statusName is the name of status s in the person's language.
func (st step) statusName(s Status) string { return st.t(kit.Msg("pr_st_" + string(s))) }

// dateText shows the deadline 2026-12-31 as "2026年12月31日（星期四）",
// always with its year.
func (st step) dateText(d string) string {
	t, err := time.ParseInLocation("2006-01-02", d, st.Env.Location)
	if err != nil {
		return d
	}
	return when.Deadline(t, st.Lang)
}

// short cuts a text for a button or a list line.
func short(s string, n int) string { return kit.Short(s, n) }

// newItemID makes an item id from the declarer, the time and the index: short
// enough for callback data ("pr:<id>:<verb>") and unique without a counter.
func newItemID(by int64, now time.Time, i int) string {
	return fmt.Sprintf("%s%s%c", base36(uint64(by)), base36(uint64(now.UnixMilli())), 'a'+rune(i))
}

// base36 writes n in digits 0-9a-z.
func base36(n uint64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append(b, digits[n%36])
		n /= 36
	}
	slices.Reverse(b)
	return string(b)
}

// entry is a history line by me now.
func (st step) entry(what, text string) Entry {
	return Entry{At: st.Now, By: st.Me.ID, ByName: st.Me.Name, What: what, Text: text}
}

// editOrSend replaces the pressed message (dropping its buttons), or sends
// text when there is no message to edit.
func (st step) editOrSend(text string) {
	st.Answer("", false)
	if st.In.MessageID != 0 && st.In.Kind == kit.InputCallback {
		st.Edit(st.In.MessageID, text)
		st.NoEdit = true
		return
	}
	st.Send(text)
}

// handledAlready answers a push's button about c that came too late (the
// item was decided meanwhile, or the button was pressed twice): what c is
// now; the message loses its buttons.
func (st step) handledAlready(c Item) {
	if c.Status == StatusReview {
		st.Answer(st.t(mHandledLevel, c.Level), true)
	} else {
		st.Answer(st.t(mHandledAs, st.statusName(c.Status)), true)
	}
	st.DropButtons(st.In.MessageID)
}

// textField reads a typed text of 2 to max characters, saying what is
// wrong otherwise.
func (st step) textField(max int) (string, bool) {
	if st.In.Kind != kit.InputText {
		st.Send(st.t(mTextOnly))
		return "", false
	}
	t := strings.TrimSpace(st.In.Text)
	if n := utf8.RuneCountInString(t); n < 2 || n > max {
		st.Send(st.t(mTextLength, max))
		return "", false
	}
	return t, true
}

// itemButton is a button of a push about item id: "pr:<id>:<verb>[:<arg>]".
func itemButton(text, id, verb string, arg ...string) kit.Button {
	d := "pr:" + id + ":" + verb
	if len(arg) > 0 {
		d += ":" + arg[0]
	}
	return kit.Button{Text: text, Data: d}
}

// ownerButtons are the buttons of reminders and 督办 notes to an owner.
func ownerButtons(id string) []kit.Button {
	return []kit.Button{itemButton(catalog.T("zh", mBtnProgress), id, "pg"),
		itemButton(catalog.T("zh", mBtnExtend), id, "ex"),
		itemButton(catalog.T("zh", mBtnDone), id, "dn")}
}

// cancelRow is the 取消 button of a prompt.
func (st step) cancelRow(seq int) []kit.Button {
	return []kit.Button{{Text: st.t(mBtnCancel), Data: kit.Data(seq, "x")}}
}
