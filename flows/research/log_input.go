package research

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// Limits of what is typed while logging, in characters.
const (
	maxPlace   = 60
	maxNames   = 200
	maxOpinion = 500
	maxHeard   = 50 // opinions per record
	maxPhotos  = 10
)

// input handles what is typed or sent in the conversation.
func (st step) input() error {
	run := st.run()
	if run == nil {
		st.Leave()
		return nil
	}
	if run.Mode == modeAssign {
		return st.assignInput()
	}
	switch run.Field {
	case fieldUnit:
		return st.unitInput()
	case fieldDate:
		st.dateInput()
	case fieldPlace:
		if t, ok := st.typed(maxPlace); ok {
			run.Record.Place = t
			st.advance()
		}
	case fieldPeople:
		st.peopleInput()
	case fieldOpinions:
		st.opinionInput()
	case fieldEvidence:
		st.evidenceInput()
	default:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	}
	return nil
}

// typed reads a typed text of at most n characters; ok=false (said) for
// anything else.
func (st step) typed(n int) (string, bool) {
	t := strings.TrimSpace(st.In.Text)
	switch {
	case st.In.Kind != kit.InputText || t == "":
		st.Send(st.t(mTextOnly))
		return "", false
	case utf8.RuneCountInString(t) > n:
		st.Send(kit.T(st.Lang, kit.MsgTooLong, n))
		return "", false
	}
	return t, true
}

// unitInput reads a unit typed by name, within the person's subtree.
func (st step) unitInput() error {
	t, ok := st.typed(maxPlace)
	if !ok {
		return nil
	}
	unit, found := st.Env.FindUnit(t, st.Me.Unit)
	if !found {
		st.Send(st.t(mUnknownUnit, t, st.Env.UnitListUnder(st.Me.Unit)))
		return nil
	}
	st.run().Record.Unit = unit
	st.advance()
	return nil
}

// dateInput reads the day typed (today or before).
func (st step) dateInput() {
	t, ok := st.typed(maxPlace)
	if !ok {
		return
	}
	d, ok := when.Past(t, st.Today())
	if !ok {
		st.Send(st.t(mBadDate, t))
		return
	}
	st.setDate(d.Format(dayLayout))
}

// setDate sets the record's day, refusing one after today.
func (st step) setDate(day string) {
	if day > st.Today().Format(dayLayout) {
		st.Send(st.t(mFutureDate))
		return
	}
	st.run().Record.Date = day
	st.advance()
}

// peopleInput reads how many took part or were met, and for a visit the
// names that may follow ("3 张三 李四").
func (st step) peopleInput() {
	run := st.run()
	t, ok := st.typed(maxNames)
	if !ok {
		return
	}
	n, rest := leadingNumber(t)
	if n <= 0 {
		st.Send(st.t(mBadPeople))
		return
	}
	run.Record.People = n
	if run.Record.Kind == KindVisit {
		run.Record.Names = strings.Trim(strings.TrimSpace(rest), "人名：:，,")
	}
	st.advance()
}

// leadingNumber reads the number a text starts with (ASCII or full-width
// digits) and what follows it; 0 when it starts with none.
func leadingNumber(s string) (int64, string) {
	s = strings.TrimSpace(s)
	var digits strings.Builder
	i := 0
	for _, r := range s {
		if !unicode.IsDigit(r) {
			break
		}
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		}
		digits.WriteRune(r)
		i += utf8.RuneLen(r)
	}
	n, err := strconv.ParseInt(digits.String(), 10, 64)
	if err != nil || n > 1_000_000 {
		return 0, s
	}
	return n, strings.TrimPrefix(strings.TrimSpace(s[i:]), "人")
}

// opinionInput notes one opinion: a typed text or a voice note.
func (st step) opinionInput() {
	run := st.run()
	if len(run.Heard) >= maxHeard {
		st.Send(st.t(mTooManyOpinions, maxHeard))
		return
	}
	switch {
	case st.In.Kind == kit.InputOther && st.In.Other == "voice" && st.In.FileID != "":
		run.Heard, run.Voices = append(run.Heard, strings.TrimSpace(st.In.Caption)), append(run.Voices, st.In.FileID)
	default:
		t, ok := st.typed(maxOpinion)
		if !ok {
			return
		}
		run.Heard, run.Voices = append(run.Heard, t), append(run.Voices, "")
	}
	st.askOpinions()
}

// evidenceInput keeps a photo (or a scanned document) as evidence.
func (st step) evidenceInput() {
	run := st.run()
	kind := st.In.Other
	if st.In.Kind != kit.InputOther || st.In.FileID == "" || (kind != "photo" && kind != "document") {
		st.Send(st.t(mPhotoOnly))
		return
	}
	if len(run.Record.Evidence) >= maxPhotos {
		st.Send(st.t(mTooManyPhotos, maxPhotos))
		return
	}
	run.Record.Evidence = append(run.Record.Evidence, kit.File{Kind: kind, ID: st.In.FileID})
	seq := st.Next()
	st.Send(st.t(mPhotoNoted, len(run.Record.Evidence)), st.doneRow(seq, true))
}

// callback handles the buttons of the conversation's prompt.
func (st step) callback(cb kit.Callback) (bool, error) {
	run := st.run()
	if run == nil {
		return false, nil
	}
	if run.Mode == modeAssign {
		return st.assignCallback(cb)
	}
	switch cb.Verb {
	case "ty":
		return st.pickType(cb), nil
	case "un":
		units := st.Env.SubUnits(st.Me.Unit)
		i, ok := cb.Index(min(len(units), maxUnitButtons))
		if !ok || run.Field != fieldUnit {
			return false, nil
		}
		run.Record.Unit = units[i]
		st.Chose(st.t(mAskUnit), st.UnitName(units[i]))
		st.advance()
	case "dt":
		n, ok := cb.Index(3)
		if !ok || run.Field != fieldDate {
			return false, nil
		}
		st.Chose(st.t(mAskDate), st.dayText(st.Today().AddDate(0, 0, -n).Format(dayLayout)))
		st.setDate(st.Today().AddDate(0, 0, -n).Format(dayLayout))
	case "fu":
		if run.Field != fieldFollowUp {
			return false, nil
		}
		run.Record.FollowUp = cb.Arg == "1"
		st.Chose(st.t(mAskFollowUp), st.followUpText(run.Record.FollowUp))
		st.advance()
	case "ok":
		if run.Field != fieldOpinions && run.Field != fieldEvidence {
			return false, nil
		}
		st.Answer("", false)
		st.DropButtons(st.In.MessageID)
		st.NoEdit = true
		st.advance()
	default:
		return st.summaryCallback(cb)
	}
	return true, nil
}

// pickType takes the meeting's kind or the visit's place.
func (st step) pickType(cb kit.Callback) bool {
	run := st.run()
	choices := MeetingTypes
	if run.Record.Kind == KindVisit {
		choices = st.settings().Places
	}
	i, ok := cb.Index(len(choices))
	if !ok || run.Field != fieldType {
		return false
	}
	run.Record.Type = choices[i]
	st.Chose(st.t(mAskType+kit.Msg(run.Record.Kind)), choices[i])
	st.advance()
	return true
}

// followUpText says whether a visit needs a follow-up.
func (st step) followUpText(yes bool) string {
	if yes {
		return st.t(mBtnFollowUp)
	}
	return st.t(mBtnNoFollowUp)
}

// back handles /back: the previous field (from a field changed from the
// summary, the summary).
func (st step) back() error {
	run := st.run()
	if run == nil || run.Mode == modeAssign || run.Field == fieldType {
		st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
		return nil
	}
	if run.Back == fieldSummary || run.Mode == modeAmend {
		run.Field, run.Back = fieldSummary, ""
		st.askField()
		return nil
	}
	fields := fieldsOf(run.Record.Kind)
	for i, f := range fields {
		if f == run.Field && i > 0 {
			run.Field = fields[i-1]
			break
		}
	}
	if run.Field == fieldUnit && len(st.Env.SubUnits(st.Me.Unit)) == 1 {
		run.Field = fieldType
	}
	st.askField()
	return nil
}
