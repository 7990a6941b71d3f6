package retro

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// command answers /retro: the person's 复盘 as buttons (to answer, to run,
// to read), a new one for supervisors and officials ("/retro new" or
// "/retro 新建", also a button), a set-up left before ("/retro resume"),
// or the one named ("/retro <title>").
func (st step) command() error {
	rd, ok := st.reader()
	if !ok {
		st.Send(st.t(mNone))
		return nil
	}
	switch strings.TrimSpace(st.In.Args) {
	case "new", "新建", "新":
		return st.startNew()
	case "resume":
		return st.resumeSetup()
	}
	rs, err := rd.RetrosOf(st.Me.ID, listSize)
	if err != nil {
		return err
	}
	if name := strings.TrimSpace(st.In.Args); name != "" {
		for _, r := range rs {
			if r.ID == name || r.Title == name {
				return st.open(r)
			}
		}
		st.Send(st.t(mNotFound, name))
		return nil
	}
	return st.list(rs)
}

// list shows the person's 复盘, a button each, and a new one for leads.
func (st step) list(rs []Retro) error {
	var rows [][]kit.Button
	for _, r := range rs {
		label := st.t(mBtnListItem, kit.Short(r.Title, 16), st.statusLabel(r))
		rows = append(rows, []kit.Button{{Text: label, Data: st.listData(r)}})
	}
	lead := access.Allows(st.Step, access.Facilitate, access.Object{Unit: st.Me.Unit})
	if d, ok := kit.CommandData("retro", "resume"); ok && lead && state(st.Step).Parked[parkedSetup] != nil {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnResumeSetup), Data: d}})
	}
	if d, ok := kit.CommandData("retro", "new"); ok && lead {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnNew), Data: d}})
	}
	switch {
	case len(rs) == 0 && lead:
		st.Send(st.t(mListEmptyLead), rows...)
	case len(rs) == 0:
		st.Send(st.t(mListEmpty))
	default:
		st.Send(st.t(mListHeader, len(rs)), rows...)
	}
	return nil
}

// listData is what a 复盘's button in /retro does: its status card for
// whoever runs it, else answering (open) or its document (closed).
func (st step) listData(r Retro) string {
	switch {
	case r.By == st.Me.ID:
		return entryData(r.ID, "st")
	case r.Status == StatusOpen:
		return entryData(r.ID, "go")
	}
	return entryData(r.ID, "doc")
}

// statusLabel is "进行中" or "已结束".
func (st step) statusLabel(r Retro) string {
	if r.Status == StatusClosed {
		return st.t(mClosedLabel)
	}
	return st.t(mOpenLabel)
}

// open acts on a 复盘 named in /retro as its button would.
func (st step) open(r Retro) error {
	verb, _ := strings.CutPrefix(st.listData(r), "rt:"+r.ID+":")
	return st.entry(r.ID + ":" + verb)
}

// startNew starts setting up a 复盘 of the person's unit.
func (st step) startNew() error {
	if !access.Check(st.Step, access.Facilitate, access.Object{Unit: st.Me.Unit}).Allowed {
		return nil
	}
	unpark(st.Step, parkedSetup) // a new one, not the one left (offered beside it)
	draft := &Retro{ID: newID(st.Me.ID, st.Now), Unit: st.Me.Unit, By: st.Me.ID, ByName: st.Me.Name,
		Date: st.Today().Format("2006-01-02"), People: []Participant{{ID: st.Me.ID, Name: st.Me.Name}}}
	st.enter(&Run{Mode: modeNew, Step: stepEvent, Draft: draft})
	return st.askEvent()
}

// resumeSetup goes back to a set-up left for another command, at the
// step it was at; without one, a new 复盘 is set up.
func (st step) resumeSetup() error {
	if !access.Check(st.Step, access.Facilitate, access.Object{Unit: st.Me.Unit}).Allowed {
		return nil
	}
	run := unpark(st.Step, parkedSetup)
	if run == nil || run.Draft == nil {
		return st.startNew()
	}
	st.enter(run)
	st.Send(st.t(mResumedSetup))
	return st.reask()
}

// reask asks again the step a set-up is at.
func (st step) reask() error {
	run := st.run()
	switch run.Step {
	case stepTitle:
		st.askTitle()
	case stepDate:
		st.askDate()
	case stepPlace:
		st.askPlace()
	case stepPeople:
		return st.askPeople(run.Page)
	case stepConfirm:
		st.confirm()
	default:
		return st.askEvent()
	}
	return nil
}

// newID makes a 复盘 id from its facilitator and the time: short enough
// for callback data ("rt:<id>:ed:8").
func newID(by int64, now time.Time) string {
	return strconv.FormatInt(now.UnixMilli(), 36) + strconv.FormatInt(by%46656, 36)
}

// askEvent asks what is reviewed: a questionnaire, a talk round, the
// year's commitments, or anything typed.
func (st step) askEvent() error {
	seq := st.Next()
	var rows [][]kit.Button
	for _, ev := range st.events() {
		rows = append(rows, []kit.Button{{Text: st.eventLabel(ev), Data: kit.Data(seq, "ev", ev.Kind[:1]+":"+ev.Ref)}})
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnCommitments), Data: kit.Data(seq, "ev", "c:")}})
	st.Send(st.t(mAskEvent), rows...)
	return nil
}

// events lists the questionnaires and talk rounds that ran and whose
// results the facilitator may see (at most 6 of each), whose figures a 复盘
// can take.
func (st step) events() []Event {
	var out []Event
	if sr, ok := st.surveyReader(); ok {
		ids := make([]string, 0, len(st.f.Surveys))
		for id := range st.f.Surveys {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		n := 0
		for _, id := range ids {
			if s, err := sr.SurveyStatus(id); err == nil && s != "" && n < 6 && st.surveyResults(id).Allowed {
				n++
				out = append(out, Event{Kind: EventSurvey, Ref: id, Name: st.f.Surveys[id].Title})
			}
		}
	}
	if tr, ok := st.talkReader(); ok {
		ids, _ := tr.TalkRounds()
		n := 0
		for _, id := range ids {
			if rs, ok, err := tr.TalkRound(id); err == nil && ok && n < 6 && st.talkResults(rs.Round).Allowed {
				n++
				out = append(out, Event{Kind: EventTalk, Ref: id, Name: rs.Round.Title})
			}
		}
	}
	return out
}

// eventLabel is an event's button: its kind and name.
func (st step) eventLabel(ev Event) string {
	switch ev.Kind {
	case EventSurvey:
		return st.t(mEventSurvey, kit.Short(ev.Name, 20))
	case EventTalk:
		return st.t(mEventTalk, kit.Short(ev.Name, 20))
	case EventCommitment:
		return st.t(mBtnCommitments)
	}
	return ev.Name
}

// pickEvent takes an event button.
func (st step) pickEvent(cb kit.Callback) (bool, error) {
	run := st.run()
	kind, ref, _ := strings.Cut(cb.Arg, ":")
	var ev Event
	switch kind {
	case "c":
		year := st.Now.In(st.Env.Location).Year()
		ev = Event{Kind: EventCommitment, Ref: strconv.Itoa(year), Name: st.t(mCommitmentEvent, year)}
	default:
		for _, e := range st.events() {
			if e.Kind[:1] == kind && e.Ref == ref {
				ev = e
			}
		}
	}
	if ev.Kind == "" {
		return false, nil
	}
	st.Chose(st.t(mAskEvent), st.eventLabel(ev))
	run.Draft.Event = ev
	figures, err := st.figures(ev)
	if err != nil {
		return true, err
	}
	run.Draft.Figures = figures
	run.Step = stepTitle
	st.askTitle()
	return true, nil
}

// askTitle asks for 复盘事件概述, offering the event's name.
func (st step) askTitle() {
	seq := st.Next()
	ev := st.run().Draft.Event
	if ev.Name == "" {
		st.Send(st.t(mAskTitle))
		return
	}
	st.Send(st.t(mAskTitle), []kit.Button{{Text: st.t(mBtnUseName, kit.Short(ev.Name, 20)), Data: kit.Data(seq, "use")}})
}

// askDate asks for the 复盘's day, offering today.
func (st step) askDate() {
	seq := st.Next()
	st.Send(st.t(mAskDate), []kit.Button{{Text: st.t(mBtnToday), Data: kit.Data(seq, "today")}})
}

// askPlace asks for the place, which may be skipped.
func (st step) askPlace() {
	seq := st.Next()
	st.Send(st.t(mAskPlace), []kit.Button{{Text: st.t(mBtnSkip), Data: kit.Data(seq, "skip")}})
}

// hasYear: a typed date that names its year.
var hasYear = regexp.MustCompile(`\d{4}`)

// setupText takes a typed answer of the setup: the event (anything
// typed), the title, the day or the place.
func (st step) setupText(text string) error {
	run := st.run()
	d := run.Draft
	switch run.Step {
	case stepEvent:
		d.Event = Event{Kind: EventOther, Name: text}
		d.Title, run.Step = text, stepDate
		st.askDate()
	case stepTitle:
		d.Title, run.Step = text, stepDate
		st.askDate()
	case stepDate:
		day, ok := when.Date(text, st.Today())
		if ok && !hasYear.MatchString(text) && day.After(st.Today().AddDate(0, 6, 0)) {
			day = day.AddDate(-1, 0, 0) // "11月20日" of a review is the one past
		}
		if !ok {
			st.Send(st.t(mBadDate))
			return nil
		}
		d.Date, run.Step = day.Format("2006-01-02"), stepPlace
		st.askPlace()
	case stepPlace:
		d.Place, run.Step = text, stepPeople
		return st.askPeople(0)
	default:
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
	}
	return nil
}

// setupButton takes a button of the setup.
func (st step) setupButton(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "ev" && run.Step == stepEvent:
		return st.pickEvent(cb)
	case cb.Verb == "use" && run.Step == stepTitle:
		st.Chose(st.t(mAskTitle), run.Draft.Event.Name)
		return true, st.setupText(run.Draft.Event.Name)
	case cb.Verb == "today" && run.Step == stepDate:
		st.Chose(st.t(mAskDate), st.t(mBtnToday))
		run.Draft.Date, run.Step = st.Today().Format("2006-01-02"), stepPlace
		st.askPlace()
		return true, nil
	case cb.Verb == "skip" && run.Step == stepPlace:
		st.Chose(st.t(mAskPlace), st.t(mBtnSkip))
		run.Step = stepPeople
		return true, st.askPeople(0)
	case run.Step == stepPeople:
		return st.peopleButton(cb)
	case cb.Verb == "ok" && run.Step == stepConfirm:
		return true, st.openRetro()
	}
	return false, nil
}

// card is a 复盘's header as people read it.
func (st step) card(r Retro) string {
	names := make([]string, len(r.People))
	for i, p := range r.People {
		names[i] = p.Name
	}
	place := r.Place
	if place == "" {
		place = "—"
	}
	day, _ := time.ParseInLocation("2006-01-02", r.Date, st.Env.Location)
	return st.t(mCard, r.Title, st.eventLabel(r.Event), when.Day(day, st.Now, st.Env.Location, st.Lang), place,
		r.ByName, strings.Join(names, "、"))
}

// openRetro opens the set-up 复盘: the participants are invited.
func (st step) openRetro() error {
	r := *st.run().Draft
	r.Status, r.Opened = StatusOpen, st.Now
	st.Emit(Opened{Retro: r})
	n := 0
	for _, p := range r.People {
		if p.ID == st.Me.ID {
			continue
		}
		n++
		st.Push(p.ID, catalog.T("zh", mInvitation, r.ByName, r.Title, st.zhDay(r.Date)),
			[]kit.Button{{Text: catalog.T("zh", mBtnAnswer), Data: entryData(r.ID, "go")}})
	}
	st.end(st.t(mOpenedOutcome))
	st.Chose(st.t(mConfirm, st.card(r)), st.t(mOpenedOutcome))
	st.Send(st.t(mOpened, r.Title, n), st.statusButtons(r, nil)...)
	return nil
}

// zhDay is a day (2006-01-02) as people read it in Chinese (pushes go in
// Chinese).
func (st step) zhDay(date string) string {
	day, err := time.ParseInLocation("2006-01-02", date, st.Env.Location)
	if err != nil {
		return date
	}
	return when.Day(day, st.Now, st.Env.Location, "zh")
}

// itoa formats an id.
func itoa(n int64) string { return fmt.Sprint(n) }
