package retro

import (
	"fmt"
	"strconv"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// pageSize is how many people and units one page of the participants'
// list shows.
const pageSize = 8

// candidates are the people a facilitator may name in unit (the 复盘's
// unit or one below it): its own members, not 履诺监督员 (outside people).
func (st step) candidates(unit string) ([]kit.Person, error) {
	ms, err := st.Dir.Members(unit, false)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	out := ms[:0:0]
	for _, p := range ms {
		if p.Role != kit.RoleMonitor {
			out = append(out, p)
		}
	}
	return out, nil
}

// children are the units directly below unit, in configuration order.
func (st step) children(unit string) []string {
	var out []string
	for _, u := range st.Env.Units {
		if u.Parent == unit && u.ID != unit {
			out = append(out, u.ID)
		}
	}
	return out
}

// browsed is the unit whose people the list shows: the 复盘's unit, or
// one below it the facilitator opened (📂).
func (st step) browsed() string {
	run := st.run()
	if run.Browse != "" && st.Env.Subtree(run.Draft.Unit, run.Browse) {
		return run.Browse
	}
	return run.Draft.Unit
}

// askPeople shows a page of the browsed unit: the units below it (📂, to
// open) and its people, each a toggle (✅ named), with ⬆ to the unit above
// (within the 复盘's unit), 全选 (the people of the unit shown) and 完成;
// turning a page, opening a unit or a toggle changes the message in place.
func (st step) askPeople(page int) error {
	unit := st.browsed()
	ms, err := st.candidates(unit)
	if err != nil {
		return err
	}
	run := st.run()
	seq := st.Next()
	var items []kit.Button
	for _, u := range st.children(unit) {
		items = append(items, kit.Button{Text: "📂 " + st.UnitName(u), Data: kit.Data(seq, "cd", u)})
	}
	for _, p := range ms {
		label := p.Name
		if run.Draft.Participant(p.ID) {
			label = "✅ " + label
		}
		items = append(items, kit.Button{Text: label, Data: kit.Data(seq, "p", strconv.FormatInt(p.ID, 10))})
	}
	pages := max(1, (len(items)+pageSize-1)/pageSize)
	page = min(max(page, 0), pages-1)
	run.Page = page
	var rows [][]kit.Button
	for i := page * pageSize; i < min(len(items), (page+1)*pageSize); i += 2 {
		rows = append(rows, items[i:min(i+2, len(items), (page+1)*pageSize)])
	}
	if pages > 1 {
		rows = append(rows, []kit.Button{{Text: kit.T(st.Lang, kit.MsgBtnPrevPage), Data: kit.Data(seq, "pg", strconv.Itoa(page-1))},
			{Text: kit.T(st.Lang, kit.MsgBtnNextPage), Data: kit.Data(seq, "pg", strconv.Itoa(page+1))}})
	}
	if unit != run.Draft.Unit {
		rows = append(rows, []kit.Button{{Text: st.t(mBtnUp, st.UnitName(st.Env.Parent(unit))), Data: kit.Data(seq, "up")}})
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnAll), Data: kit.Data(seq, "all")},
		{Text: st.t(mBtnPeopleDone, len(run.Draft.People)), Data: kit.Data(seq, "done")}})
	text := st.t(mAskPeople, st.UnitName(unit), page+1, pages)
	if st.In.Kind == kit.InputCallback && st.In.MessageID != 0 && run.Step == stepPeople && st.Core().Flow == Flow && !st.NoEdit {
		st.Answer("", false)
		st.Edit(st.In.MessageID, text, rows...)
		st.NoEdit = true
		return nil
	}
	run.Step = stepPeople
	st.Send(text, rows...)
	return nil
}

// peopleButton takes a button of the participants' list.
func (st step) peopleButton(cb kit.Callback) (bool, error) {
	run := st.run()
	d := run.Draft
	switch cb.Verb {
	case "p":
		id, err := strconv.ParseInt(cb.Arg, 10, 64)
		if err != nil {
			return false, nil
		}
		if d.Participant(id) {
			d.People = dropPerson(d.People, id)
			return true, st.askPeople(run.Page)
		}
		p, ok, err := st.Dir.Person(id)
		if err != nil || !ok || !st.nameable(p) {
			return false, err
		}
		d.People = append(d.People, Participant{ID: p.ID, Name: p.Name})
		return true, st.askPeople(run.Page)
	case "pg":
		n, err := strconv.Atoi(cb.Arg)
		if err != nil {
			return false, nil
		}
		return true, st.askPeople(n)
	case "cd", "up":
		to := cb.Arg
		if cb.Verb == "up" {
			to = st.Env.Parent(st.browsed())
		}
		if !st.Env.Subtree(d.Unit, to) {
			return false, nil
		}
		run.Browse = to
		return true, st.askPeople(0)
	case "all":
		ms, err := st.candidates(st.browsed())
		if err != nil {
			return true, err
		}
		for _, p := range ms {
			if !d.Participant(p.ID) {
				d.People = append(d.People, Participant{ID: p.ID, Name: p.Name})
			}
		}
		return true, st.askPeople(run.Page)
	case "done":
		if len(d.People) == 0 {
			st.Answer(st.t(mNobody), true)
			return true, nil
		}
		st.Chose(st.t(mPeopleTitle, st.UnitName(d.Unit)), st.t(mPeopleChosen, len(d.People)))
		st.confirm()
		return true, nil
	}
	return false, nil
}

// nameable reports whether p may be named: a person of the 复盘's unit or
// one below it whom the facilitator's role reaches (the access policy), not
// a 履诺监督员.
func (st step) nameable(p kit.Person) bool {
	d := st.run().Draft
	return p.Role != kit.RoleMonitor && st.Env.Subtree(d.Unit, p.Unit) &&
		access.Allows(st.Step, access.Facilitate, access.Object{Unit: p.Unit})
}

// confirm shows the set-up 复盘 before it opens.
func (st step) confirm() {
	run := st.run()
	run.Step = stepConfirm
	seq := st.Next()
	st.Send(st.t(mConfirm, st.card(*run.Draft)), []kit.Button{{Text: st.t(mBtnOpen), Data: kit.Data(seq, "ok")}})
}

// dropPerson returns ps without id.
func dropPerson(ps []Participant, id int64) []Participant {
	out := ps[:0:0]
	for _, p := range ps {
		if p.ID != id {
			out = append(out, p)
		}
	}
	return out
}
