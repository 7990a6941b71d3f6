package talk

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// when formats a talk's time for lang as read at now: "明天（周四）14:00",
// "2027年3月3日（周三）14:00" ("时间待定" when unset).
func (f *Feature) when(lang string, t, now time.Time) string {
	if t.IsZero() {
		return catalog.T(lang, mTimeTBD)
	}
	return when.Moment(t, now, f.Env.Location, lang)
}

// deadline formats a round's deadline for lang, always with its year.
func (f *Feature) deadline(lang string, t time.Time) string {
	if t.IsZero() {
		return catalog.T(lang, mTimeTBD)
	}
	return when.DeadlineAt(t, f.Env.Location, lang)
}

// whenZH is when for pushes (the recipient's language is not known).
func (st step) whenZH(t time.Time) string { return st.f.when("zh", t, st.Now) }

// when is a talk's time in the person's language, as read now.
func (st step) when(t time.Time) string { return st.f.when(st.Lang, t, st.Now) }

// roundDetails lists a round's sessions, phone slots (a range per day)
// and deadline, as read at now.
func (f *Feature) roundDetails(lang string, r *Round, now time.Time) string {
	var b strings.Builder
	for _, s := range r.Sessions {
		b.WriteString(catalog.T(lang, mSessionLine, f.when(lang, s.At, now), s.Place) + "\n")
	}
	if len(r.Slots) > 0 {
		b.WriteString(catalog.T(lang, mSlotsLine, when.Ranges(r.Slots, now, f.Env.Location, lang)) + "\n")
	}
	if !r.Deadline.IsZero() {
		b.WriteString(catalog.T(lang, mDeadlineLine, f.deadline(lang, r.Deadline)) + "\n")
	}
	return b.String()
}

// entryLine is one person's talk for their interviewer or an official, as
// read at now; private says whether the number may be shown.
func (f *Feature) entryLine(lang string, en Entry, private bool, now time.Time) string {
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
		fmt.Fprintf(&b, " %s %s", kind, f.when(lang, en.Slot, now))
	case EntryProposed:
		fmt.Fprintf(&b, " %s", catalog.T(lang, mStatusProposed, f.when(lang, en.Slot, now)))
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

func (st step) entryLine(en Entry, private bool) string {
	return st.f.entryLine(st.Lang, en, private, st.Now)
}

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

// personName is the name of person id ("—" for none, 管理员 for an admin
// who never gave a name, 未登记人员 when unknown: never an id).
func (st step) personName(id int64) string {
	if id == 0 {
		return "—"
	}
	p, ok, err := st.Dir.Person(id)
	switch {
	case err == nil && ok:
		return p.Name
	case st.Env.Admins[id]:
		return kit.AdminName
	}
	return st.t(mUnknownPerson)
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
