package talk

import (
	"fmt"

	"sibu/flows/kit"
)

// todo is what talk rounds put on the /start to-do: the person's own talk
// in each open round (待谈: choose how; booked: when, with 改时间 and
// 取消预约), and for an interviewer how many people wait for their talk
// in the rounds whose first talk is a week away or nearer (ListsFrom).
func (st step) todo() ([]kit.Task, error) {
	tr, ok := st.reader()
	if !ok {
		return nil, nil
	}
	open, err := openRounds(tr)
	if err != nil {
		return nil, err
	}
	var tasks []kit.Task
	waiting := int64(0)
	for _, rs := range open {
		id := rs.Round.ID
		en, on, err := tr.TalkEntry(id, st.Me.ID)
		if err != nil {
			return nil, fmt.Errorf("talk entry %s: %w", id, err)
		}
		if on && !en.Reached() {
			tasks = append(tasks, st.ownTask(rs, en))
		}
		if st.Now.Before(ListsFrom(rs.Round)) {
			continue
		}
		_, n, err := tr.TalkUnreached(id, st.Me.ID, 0, 1)
		if err != nil {
			return nil, err
		}
		waiting += n
	}
	if waiting > 0 {
		d, _ := kit.CommandData("mytalks")
		tasks = append(tasks, kit.Task{Text: st.t(mTodoInterviewer, waiting),
			Buttons: []kit.Button{{Text: st.t(mBtnTodoMyTalks), Data: d}}})
	}
	return tasks, nil
}

// openRounds lists the open rounds, in the reader's order.
func openRounds(tr Reader) ([]RoundState, error) {
	ids, err := tr.TalkRounds()
	if err != nil {
		return nil, err
	}
	var out []RoundState
	for _, id := range ids {
		rs, ok, err := tr.TalkRound(id)
		if err != nil {
			return nil, err
		}
		if ok && rs.Open {
			out = append(out, rs)
		}
	}
	return out, nil
}

// ownTask is the person's own talk of a round on the to-do.
func (st step) ownTask(rs RoundState, en Entry) kit.Task {
	switch en.Status {
	case EntryScheduled:
		return kit.Task{Text: st.t(mTodoBooked, rs.Round.Title, st.kindOf(en), st.when(en.Slot)),
			Buttons: changeButtons(st.Lang, rs.Round.ID)[0], Booked: true}
	case EntryProposed:
		return kit.Task{Text: st.t(mTodoProposed, rs.Round.Title, st.when(en.Slot)), Booked: true}
	}
	var row []kit.Button
	for _, r := range st.f.inviteButtons(st.Lang, &rs.Round, st.Now) {
		row = append(row, r...)
	}
	return kit.Task{Text: st.t(mTodoPending, rs.Round.Title), Buttons: row}
}

// kindOf names a booked talk: 面谈, 电话约谈 or 补谈.
func (st step) kindOf(en Entry) string {
	if en.Mode == ModeFace {
		return st.t(mKindFace)
	}
	return st.kindName(en)
}
