package talk

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
)

// when formats a talk's time for lang: "11-26（周四）14:00" ("时间待定"
// when unset).
func (f *Feature) when(lang string, t time.Time) string {
	if t.IsZero() {
		return catalog.T(lang, mTimeTBD)
	}
	lt := t.In(f.Env.Location)
	wd := []string{"日", "一", "二", "三", "四", "五", "六"}[lt.Weekday()]
	if lang == "en" {
		return lt.Format("Mon 01-02 15:04")
	}
	return lt.Format("01-02") + "（周" + wd + "）" + lt.Format("15:04")
}

// whenZH is when for pushes (the recipient's language is not known).
func (f *Feature) whenZH(t time.Time) string { return f.when("zh", t) }

func (st step) when(t time.Time) string { return st.f.when(st.Lang, t) }

// roundDetails lists a round's sessions, phone slots and deadline.
func (f *Feature) roundDetails(lang string, r *Round) string {
	var b strings.Builder
	for _, s := range r.Sessions {
		b.WriteString(catalog.T(lang, mSessionLine, f.when(lang, s.At), s.Place) + "\n")
	}
	if len(r.Slots) > 0 {
		b.WriteString(catalog.T(lang, mSlotsLine, f.when(lang, r.Slots[0]), f.when(lang, r.Slots[len(r.Slots)-1])) + "\n")
	}
	if !r.Deadline.IsZero() {
		b.WriteString(catalog.T(lang, mDeadlineLine, f.when(lang, r.Deadline)) + "\n")
	}
	return b.String()
}

// entryLine is one person's talk for their interviewer or an official;
// private says whether the number may be shown.
func (f *Feature) entryLine(lang string, en Entry, private bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（%s）", en.Name, f.Env.UnitName(en.Unit))
	switch en.Status {
	case EntryScheduled:
		kind := catalog.T(lang, mKindFace)
		if en.Mode == ModePhone {
			kind = catalog.T(lang, mKindPhone)
		}
		if en.Makeup {
			kind += "·" + catalog.T(lang, mKindMakeup)
		}
		fmt.Fprintf(&b, " %s %s", kind, f.when(lang, en.Slot))
	case EntryProposed:
		fmt.Fprintf(&b, " %s", catalog.T(lang, mStatusProposed, f.when(lang, en.Slot)))
	case EntryMissed:
		fmt.Fprintf(&b, " %s", catalog.T(lang, mStatusMissed, en.Attempts))
	default:
		fmt.Fprintf(&b, " %s", catalog.T(lang, mStatusPending))
	}
	if private && en.Phone != "" {
		fmt.Fprintf(&b, " ☎ %s", PhoneDisplay(en.Phone))
	}
	return b.String()
}

func (st step) entryLine(en Entry, private bool) string { return st.f.entryLine(st.Lang, en, private) }

// howName names how a talk was done (面谈, 电话约谈, 补谈).
func (st step) howName(how string) string {
	switch how {
	case ModePhone:
		return st.t(mKindPhone)
	case howMakeup:
		return st.t(mKindMakeup)
	}
	return st.t(mKindFace)
}

// kindName names a booked talk: 电话约谈, or 补谈 after a missed one.
func (st step) kindName(en Entry) string {
	if en.Makeup {
		return st.t(mKindMakeup)
	}
	return st.t(mKindPhone)
}

// personName is the name of person id ("—" for none, 组织部门 for an admin
// who never joined, the id when unknown).
func (st step) personName(id int64) string {
	if id == 0 {
		return "—"
	}
	p, ok, err := st.Dir.Person(id)
	switch {
	case err == nil && ok:
		return p.Name
	case st.Env.Admins[id]:
		return st.RoleName(kit.RoleOfficial)
	}
	return fmt.Sprint(id)
}

// sendOrEdit replaces the pressed message (its buttons are used up) or
// sends text.
func (st step) sendOrEdit(text string) {
	if st.In.Kind == kit.InputCallback && st.In.MessageID != 0 {
		st.Edit(st.In.MessageID, text)
		return
	}
	st.Send(text)
}

// tell says text: as an alert answering a pressed button, else as a
// message.
func (st step) tell(text string) {
	if st.In.Kind == kit.InputCallback {
		st.Answer(text, true)
		return
	}
	st.Send(text)
}
