package research

import (
	"fmt"
	"strconv"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// maxPeopleButtons is how many people the follow-up question offers.
const maxPeopleButtons = 10

// candidates are who may follow up an opinion: the people of its unit
// (its leads first), else of the person's own.
func (st step) candidates(o Opinion) ([]kit.Person, error) {
	unit := o.Unit
	if unit == "" {
		unit = st.Me.Unit
	}
	ms, err := st.Dir.Members(unit, false)
	if err != nil {
		return nil, fmt.Errorf("members of %s: %w", unit, err)
	}
	var leads, others []kit.Person
	for _, p := range ms {
		switch p.Role {
		case kit.RoleSupervisor, kit.RoleOfficial:
			leads = append(leads, p)
		case kit.RoleMember:
			others = append(others, p)
		}
	}
	all := append(leads, others...)
	return all[:min(len(all), maxPeopleButtons)], nil
}

// startAssign asks who follows the opinion up.
func (st step) startAssign(o Opinion) error {
	if o.Handling.Kind != HandledNone {
		st.Answer(st.handlingText(o.Handling), true)
		return nil
	}
	st.Answer("", false)
	st.DropButtons(st.In.MessageID)
	st.enter(&Run{Mode: modeAssign, Field: fieldPerson, Opinion: o.ID})
	return st.askAssign(o)
}

// askAssign asks the assigning run's current question.
func (st step) askAssign(o Opinion) error {
	run := st.run()
	seq := st.Next()
	if run.Field == fieldDeadline {
		st.Send(st.t(mAskFollowDeadline), []kit.Button{{Text: st.t(mBtnIn3Days), Data: kit.Data(seq, "dl", "3")},
			{Text: st.t(mBtnIn7Days), Data: kit.Data(seq, "dl", "7")}, {Text: st.t(mBtnIn30Days), Data: kit.Data(seq, "dl", "30")}})
		return nil
	}
	people, err := st.candidates(o)
	if err != nil {
		return err
	}
	var buttons []kit.Button
	for _, p := range people {
		buttons = append(buttons, kit.Button{Text: p.Name, Data: kit.Data(seq, "pp", strconv.FormatInt(p.ID, 10))})
	}
	st.Send(st.t(mAskFollowPerson, kit.Short(o.Text, 40)), grid(buttons, 3)...)
	return nil
}

// assignCallback takes the person or the deadline button.
func (st step) assignCallback(cb kit.Callback) (bool, error) {
	run := st.run()
	o, ok, err := st.assigned()
	if err != nil || !ok {
		return false, err
	}
	switch {
	case cb.Verb == "pp" && run.Field == fieldPerson:
		id, _ := strconv.ParseInt(cb.Arg, 10, 64)
		people, err := st.candidates(o)
		if err != nil {
			return false, err
		}
		for _, p := range people {
			if p.ID == id {
				st.Chose(st.t(mAskFollowPerson, kit.Short(o.Text, 40)), p.Name)
				run.Assignee, run.Field = id, fieldDeadline
				return true, st.askAssign(o)
			}
		}
		return false, nil
	case cb.Verb == "dl" && run.Field == fieldDeadline:
		days, err := strconv.Atoi(cb.Arg)
		if err != nil {
			return false, nil
		}
		d := st.Today().AddDate(0, 0, days)
		st.Chose(st.t(mAskFollowDeadline), when.Deadline(d, st.Lang))
		return true, st.assign(o, d.Format(dayLayout))
	}
	return false, nil
}

// assignInput reads a typed deadline.
func (st step) assignInput() error {
	run := st.run()
	if run.Field != fieldDeadline {
		st.Send(kit.T(st.Lang, kit.MsgUseButtons))
		return nil
	}
	t, ok := st.typed(maxPlace)
	if !ok {
		return nil
	}
	d, ok := when.Date(t, st.Today())
	if !ok || d.Before(st.Today()) {
		st.Send(st.t(mBadDeadline, t))
		return nil
	}
	o, found, err := st.assigned()
	if err != nil || !found {
		return err
	}
	return st.assign(o, d.Format(dayLayout))
}

// assigned loads the opinion the run assigns; ok=false (said, the run
// ended) when it is gone.
func (st step) assigned() (Opinion, bool, error) {
	r, err := st.reader()
	if err != nil {
		return Opinion{}, false, err
	}
	o, ok, err := r.Opinion(st.run().Opinion)
	if err == nil && !ok {
		st.end(kit.T(st.Lang, kit.MsgExpired))
		st.Send(kit.T(st.Lang, kit.MsgExpired))
	}
	return o, ok, err
}

// assign gives the opinion's follow-up to the run's person by day, and
// tells them.
func (st step) assign(o Opinion, day string) error {
	p, ok, err := st.Dir.Person(st.run().Assignee)
	if err != nil || !ok {
		return err
	}
	after := o
	after.Rev = o.Rev + 1
	after.Handling = Handling{Kind: HandledFollowUp, Assignee: p.ID, AssigneeName: p.Name, Deadline: day, By: st.Me.ID, At: st.Now}
	st.Emit(FollowUpAssigned{Change{Before: o, After: after, By: st.Me.ID, At: st.Now}})
	st.end(st.t(mOutcomeAssigned))
	st.Send(st.t(mAssigned, p.Name, st.deadlineText(day)))
	if p.ID != st.Me.ID {
		card := catalog.T("zh", mFollowPush, st.Me.Name, st.deadlineText(day)) + "\n\n" + st.opinionCard(after)
		st.Push(p.ID, card, []kit.Button{{Text: catalog.T("zh", mBtnFollowDone), Data: "ro:" + o.ID + ":dn"}})
	}
	return nil
}

// todo lists the person's open follow-ups: each a line with 已办结.
func (st step) todo() ([]kit.Task, error) {
	r, ok := st.Dir.(Reader)
	if !ok || !st.Known {
		return nil, nil
	}
	ops, err := r.FollowUps(st.Me.ID)
	if err != nil {
		return nil, fmt.Errorf("follow-ups of %d: %w", st.Me.ID, err)
	}
	var tasks []kit.Task
	for _, o := range ops {
		tasks = append(tasks, kit.Task{Text: st.t(mTodoFollowUp, kit.Short(o.Text, 30), st.deadlineText(o.Handling.Deadline)),
			Buttons: []kit.Button{{Text: st.t(mBtnFollowDone), Data: "ro:" + o.ID + ":dn"}, {Text: st.t(mBtnView), Data: "ro:" + o.ID + ":v"}}})
	}
	return tasks, nil
}
