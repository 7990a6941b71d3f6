package retro

import (
	"strconv"
	"strings"
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// trackList shows the lines of 有待改进之处 and 转化应用, each tracked
// already or with a button that makes it a tracked item.
func (st step) trackList(r Retro, cs []Contribution) {
	lines := r.Lines(cs)
	if len(lines) == 0 || st.f.Tracker == nil {
		st.Send(st.t(mNoLines))
		return
	}
	var b strings.Builder
	b.WriteString(st.t(mTrackHeader, r.Title))
	var rows [][]kit.Button
	var row []kit.Button
	for i, l := range lines {
		mark := "▫️"
		if r.Tracked[l.Key] != "" {
			mark = "📌"
		}
		b.WriteString("\n" + mark + " " + strconv.Itoa(i+1) + ". 【" + Labels[l.Field] + "】" + kit.Short(l.Text, 60))
		if r.Tracked[l.Key] != "" {
			continue
		}
		row = append(row, kit.Button{Text: st.t(mBtnTrackLine, i+1), Data: entryData(r.ID, "tl", l.Key)})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	b.WriteString("\n\n" + st.t(mTrackHint))
	st.Send(b.String(), rows...)
}

// line finds the line of r with key.
func line(r Retro, cs []Contribution, key string) (Line, bool) {
	for _, l := range r.Lines(cs) {
		if l.Key == key {
			return l, true
		}
	}
	return Line{}, false
}

// startTrack asks who keeps a line.
func (st step) startTrack(r Retro, cs []Contribution, key string) error {
	l, ok := line(r, cs, key)
	if !ok || st.f.Tracker == nil {
		st.Send(st.t(mLineGone))
		return nil
	}
	if r.Tracked[key] != "" {
		st.Send(st.t(mLineTracked))
		return nil
	}
	st.enter(&Run{Mode: modeTrack, Step: stepOwner, Retro: r.ID, Line: key})
	seq := st.Next()
	var rows [][]kit.Button
	var row []kit.Button
	for _, p := range r.People {
		row = append(row, kit.Button{Text: p.Name, Data: kit.Data(seq, "o", strconv.FormatInt(p.ID, 10))})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	st.Send(st.t(mAskOwner, l.Text), rows...)
	return nil
}

// dueChoices are the deadlines offered as buttons, in days from today.
var dueChoices = []int{7, 30, 90}

// trackButton takes the owner, or a deadline button.
func (st step) trackButton(cb kit.Callback) (bool, error) {
	run := st.run()
	switch {
	case cb.Verb == "o" && run.Step == stepOwner:
		id, err := strconv.ParseInt(cb.Arg, 10, 64)
		if err != nil {
			return false, nil
		}
		r, _, found, err := st.load(run.Retro)
		if err != nil || !found {
			return found, err
		}
		if !r.Participant(id) { // forged data: only a participant is offered
			return false, nil
		}
		p, ok, err := st.Dir.Person(id)
		if err != nil || !ok {
			return false, err
		}
		st.Chose(st.t(mOwnerTitle), p.Name)
		run.Owner, run.Step = id, stepDue
		seq := st.Next()
		var row []kit.Button
		for _, d := range dueChoices {
			row = append(row, kit.Button{Text: st.t(kit.Msg("rt_btn_due_" + strconv.Itoa(d))), Data: kit.Data(seq, "due", strconv.Itoa(d))})
		}
		st.Send(st.t(mAskDue, p.Name), row)
		return true, nil
	case cb.Verb == "due" && run.Step == stepDue:
		d, err := strconv.Atoi(cb.Arg)
		if err != nil {
			return false, nil
		}
		st.Chose(st.t(mDueTitle), when.Deadline(st.Today().AddDate(0, 0, d), st.Lang))
		return true, st.track(st.Today().AddDate(0, 0, d))
	}
	return false, nil
}

// trackText takes a typed deadline.
func (st step) trackText() error {
	if st.run().Step != stepDue {
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
		return nil
	}
	day, ok := when.Date(st.In.Text, st.Today())
	if !ok || day.Before(st.Today()) {
		st.Send(st.t(mBadDue))
		return nil
	}
	return st.track(day)
}

// track makes the line a tracked item kept by the chosen owner by day.
func (st step) track(day time.Time) error {
	run := st.run()
	r, cs, ok, err := st.load(run.Retro)
	if err != nil || !ok {
		return err
	}
	l, ok := line(r, cs, run.Line)
	owner, known, err := st.Dir.Person(run.Owner)
	if err != nil {
		return err
	}
	if !ok || !known || !r.Participant(owner.ID) || r.Tracked[l.Key] != "" {
		st.end(st.t(mLineGone))
		st.Send(st.t(mLineGone))
		return nil
	}
	deadline := day.Format("2006-01-02")
	item, err := st.f.Tracker.Track(st.Step, owner, l.Text, catalog.T("zh", mSource, r.Title), deadline)
	if err != nil {
		return err
	}
	after := r
	after.Tracked = map[string]string{l.Key: item}
	for k, v := range r.Tracked {
		after.Tracked[k] = v
	}
	st.Emit(Tracked{Change: Change{Retro: after, Prev: r.Rev, By: st.Me.ID}, Line: l, Item: item, Owner: owner.ID, Deadline: deadline})
	st.end(st.t(mTrackedOutcome))
	st.Send(st.t(mTracked, l.Text, owner.Name, when.Deadline(day, st.Lang)))
	st.trackList(after, cs)
	return nil
}
