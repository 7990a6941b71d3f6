package retro

import (
	"fmt"
	"strconv"

	"sibu/flows/kit"
)

// pageSize is how many people one page of the participants' list shows.
const pageSize = 8

// candidates are the people a facilitator may name: the members of their
// unit (not 履诺监督员, who are outside people).
func (st step) candidates() ([]kit.Person, error) {
	ms, err := st.Dir.Members(st.run().Draft.Unit, false)
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

// askPeople shows a page of the unit's people to name, each a toggle (✅
// named), with 全选 and 完成; turning a page or a toggle changes the
// message in place.
func (st step) askPeople(page int) error {
	ms, err := st.candidates()
	if err != nil {
		return err
	}
	run := st.run()
	pages := max(1, (len(ms)+pageSize-1)/pageSize)
	page = min(max(page, 0), pages-1)
	run.Page = page
	seq := st.Next()
	var rows [][]kit.Button
	var row []kit.Button
	for _, p := range ms[page*pageSize : min(len(ms), (page+1)*pageSize)] {
		label := p.Name
		if run.Draft.Participant(p.ID) {
			label = "✅ " + label
		}
		row = append(row, kit.Button{Text: label, Data: kit.Data(seq, "p", strconv.FormatInt(p.ID, 10))})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if pages > 1 {
		rows = append(rows, []kit.Button{{Text: kit.T(st.Lang, kit.MsgBtnPrevPage), Data: kit.Data(seq, "pg", strconv.Itoa(page-1))},
			{Text: kit.T(st.Lang, kit.MsgBtnNextPage), Data: kit.Data(seq, "pg", strconv.Itoa(page+1))}})
	}
	rows = append(rows, []kit.Button{{Text: st.t(mBtnAll), Data: kit.Data(seq, "all")},
		{Text: st.t(mBtnPeopleDone, len(run.Draft.People)), Data: kit.Data(seq, "done")}})
	text := st.t(mAskPeople, st.UnitName(run.Draft.Unit), page+1, pages)
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
		if err != nil || !ok || p.Unit != d.Unit {
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
	case "all":
		ms, err := st.candidates()
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
