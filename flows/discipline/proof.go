package discipline

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// targets are who checklist c asks, as they are now: the people of its
// uploaded list, or of its units with its roles.
func (st step) targets(c Checklist) ([]Target, error) {
	var targets []Target
	if c.List != "" {
		for _, id := range c.People {
			p, ok, err := st.Dir.Person(id)
			if err != nil {
				return nil, err
			}
			if ok && p.Role != kit.RoleMonitor && st.Env.Subtree(c.Unit, p.Unit) {
				targets = append(targets, Target{Person: p.ID, Name: p.Name, Unit: p.Unit, Role: p.Role, Group: c.Groups[p.ID]})
			}
		}
		return targets, nil
	}
	seen := map[int64]bool{}
	for _, u := range c.Units {
		ms, err := st.Dir.Members(u, false)
		if err != nil {
			return nil, err
		}
		for _, p := range ms {
			if kit.RoleIn(p.Role, c.Roles) && !seen[p.ID] {
				seen[p.ID] = true
				targets = append(targets, Target{Person: p.ID, Name: p.Name, Unit: p.Unit, Role: p.Role})
			}
		}
	}
	return targets, nil
}

// openChecklist publishes the checklist: its targets are each told with the button of their proof; a
// training's check-in code goes to the official, who shows it at the
// session.
func (st step) openChecklist() error {
	c := *st.run().Draft
	if !access.Check(st.Step, access.Launch, access.Object{Reach: c.Units, Name: c.Title}).Allowed {
		return nil
	}
	targets, err := st.targets(c)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		st.Answer(st.t(mNoTargets), true)
		return nil
	}
	c.Opened = st.Now
	if c.Kind == KindTrain {
		c.Code = checkinCode(st.Env.NewCode())
	}
	st.Emit(ChecklistOpened{Checklist: c, Targets: targets})
	for _, t := range targets {
		st.pushProof(c, t.Person, catalog.T("zh", kit.Msg("dc_push_"+string(c.Kind)), c.ByName))
	}
	st.Chose(st.t(mConfirmChecklist, st.describe(st.Lang, c)), st.t(mPublished))
	st.end(st.t(mPublished))
	msg := st.t(mOpened, c.Title, len(targets))
	if c.Kind == KindTrain {
		msg += "\n\n" + st.t(mCodeForSession, c.Code)
	}
	st.Send(msg)
	return nil
}

// pushProof pushes checklist c to person, led by lead, with the button of
// their proof (and the material: its file, or a link's button).
func (st step) pushProof(c Checklist, person int64, lead string) {
	rows := [][]kit.Button{{st.proofButton("zh", c)}}
	if strings.HasPrefix(c.Material, "http://") || strings.HasPrefix(c.Material, "https://") {
		rows = append(rows, []kit.Button{{Text: catalog.T("zh", mBtnMaterial), URL: c.Material}})
	}
	text := lead + "\n" + st.describe("zh", c)
	if c.File != nil {
		st.Out(kit.Output{Kind: kit.OutPush, ChatID: person, Text: text, Buttons: rows, File: c.File})
		return
	}
	st.Push(person, text, rows...)
}

// checkinCode makes a 4-digit check-in code from random text.
func checkinCode(random string) string {
	var b strings.Builder
	for i := 0; b.Len() < 4; i++ {
		c := byte(i * 3)
		if i < len(random) {
			c = random[i]
		}
		b.WriteByte('0' + c%10)
	}
	return b.String()
}

// startProof starts a person's proof: 看完了 (and an optional 心得) or a
// training's check-in.
func (st step) startProof(rd Reader, c Checklist) error {
	targets, err := rd.ChecklistTargets(c.ID)
	if err != nil {
		return err
	}
	_, target := targets[st.Me.ID]
	if !access.Check(st.Step, access.Confirm, access.Object{Invited: target}).Allowed {
		return nil
	}
	done, err := rd.ChecklistConfirmations(c.ID)
	if err != nil {
		return err
	}
	switch _, did := done[st.Me.ID]; {
	case did:
		st.tell(st.t(mAlreadyDone))
		return nil
	case !c.Open:
		st.tell(st.t(mChecklistClosed))
		return nil
	}
	st.Answer("", false)
	if c.Kind == KindWatch {
		st.enter(&Run{Mode: modeConfirm, ID: c.ID})
		seq := st.Next()
		st.Send(st.t(mAskNoteWatched, c.Title), []kit.Button{{Text: st.t(mBtnNoNote), Data: kit.Data(seq, "ok")}})
		return nil
	}
	loc := st.Env.Location
	if st.Now.Before(c.At.Add(-time.Hour)) || kit.DayOf(st.Now, loc).After(kit.DayOf(c.At, loc)) {
		st.Send(st.t(mCheckinWindow, when.DeadlineAt(c.At, loc, st.Lang)))
		return nil
	}
	st.enter(&Run{Mode: modeCheckin, ID: c.ID})
	st.Next()
	o := kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mAskCheckin, c.Title)}
	if c.Radius > 0 {
		o.Keyboard = [][]kit.KeyButton{{{Text: st.t(mBtnShareLocation), RequestLocation: true}}}
	}
	st.Out(o)
	return nil
}

// confirmInput takes a 心得 (or a check-in's code or location).
func (st step) confirmInput() error {
	run := st.run()
	rd, _ := st.reader()
	c, found, err := rd.Checklist(run.ID)
	if err != nil || !found || !c.Open {
		st.end("")
		if err == nil {
			st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(mChecklistClosed), RemoveKeyboard: true})
		}
		return err
	}
	if run.Mode == modeConfirm {
		note := strings.TrimSpace(st.In.Text)
		if st.In.Kind != kit.InputText || note == "" || utf8.RuneCountInString(note) > 200 {
			st.Send(st.t(mNoteOneLine))
			return nil
		}
		return st.confirm(c, HowWatched, note)
	}
	switch {
	case st.In.Other == "location" && c.Radius > 0:
		if d := distance(c.Lat, c.Lon, st.In.Lat, st.In.Lon); d > float64(c.Radius) {
			st.Send(st.t(mTooFar, int(d), c.Radius))
			return nil
		}
		return st.confirm(c, HowLocation, "")
	case st.In.Kind == kit.InputText && strings.TrimSpace(st.In.Text) == c.Code:
		return st.confirm(c, HowCode, "")
	}
	st.Send(st.t(mBadCheckin))
	return nil
}

// confirm records the person's proof.
func (st step) confirm(c Checklist, how, note string) error {
	st.Emit(Confirmed{Confirmation: Confirmation{Checklist: c.ID, Person: st.Me.ID, How: how, Note: note, At: st.Now}})
	st.end(st.t(mDoneShort))
	o := kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: st.t(kit.Msg("dc_done_"+how), c.Title)}
	if c.Kind == KindTrain {
		o.RemoveKeyboard = true
	}
	st.Out(o)
	return nil
}

// confirmButton takes 不写心得，直接确认.
func (st step) confirmButton(cb kit.Callback) (bool, error) {
	run := st.run()
	if cb.Verb != "ok" || run.Mode != modeConfirm {
		return false, nil
	}
	rd, _ := st.reader()
	c, found, err := rd.Checklist(run.ID)
	if err != nil || !found || !c.Open {
		st.end("")
		st.tell(st.t(mChecklistClosed))
		return true, err
	}
	st.Chose(st.t(mAskNoteWatched, c.Title), st.t(mBtnNoNote))
	return true, st.confirm(c, HowWatched, "")
}

// distance is the great-circle distance between two points, in metres.
func distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371000
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
