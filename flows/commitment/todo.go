package commitment

import (
	"fmt"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// todo is what public commitments put on the /start to-do: the person's
// own items overdue, due today or returned (each with the button that
// handles it), the items waiting for their review, and for those who
// read the 台账 the overdue items under them.
func (st step) todo() ([]kit.Task, error) {
	if _, ok := st.Dir.(Reader); !ok {
		return nil, nil
	}
	tasks, err := st.ownTasks()
	if err != nil {
		return nil, err
	}
	if access.Allows(st.Step, access.Review, access.Object{}) {
		mine, err := st.myReviews()
		if err != nil {
			return nil, err
		}
		if len(mine) > 0 {
			tasks = append(tasks, commandTask(st.t(mTodoReview, len(mine)), st.t(mBtnTodoReview), "review"))
		}
	}
	if access.Allows(st.Step, access.Ledger, access.Object{Unit: st.Me.Unit}) {
		overdue, err := st.overdueUnder(st.Me.Unit, 0)
		if err != nil {
			return nil, err
		}
		if len(overdue) > 0 {
			tasks = append(tasks, commandTask(st.t(mTodoOverdue, len(overdue)), st.t(mBtnTodoOverdue), "overdue"))
		}
	}
	return tasks, nil
}

// ownTasks are the person's own items that need them: overdue, due today,
// or returned for editing.
func (st step) ownTasks() ([]kit.Task, error) {
	if st.Me.Role == kit.RoleMonitor {
		return nil, nil
	}
	items, err := st.myItems(StatusActive, StatusRectify, StatusReturned)
	if err != nil {
		return nil, err
	}
	var tasks []kit.Task
	for _, c := range items {
		name := short(c.Content, 20)
		days := c.DaysLeft(st.Now, st.Env.Location)
		switch {
		case c.Status == StatusReturned:
			tasks = append(tasks, kit.Task{Text: st.t(mTodoReturned, name),
				Buttons: []kit.Button{itemButton(st.t(mBtnEditResubmit), c.ID, "ed")}})
		case days < 0:
			tasks = append(tasks, kit.Task{Text: st.t(mTodoItemOverdue, name, -days),
				Buttons: []kit.Button{itemButton(st.t(mBtnProgress), c.ID, "pg"), itemButton(st.t(mBtnDone), c.ID, "dn")}})
		case days == 0:
			tasks = append(tasks, kit.Task{Text: st.t(mTodoItemToday, name),
				Buttons: []kit.Button{itemButton(st.t(mBtnDone), c.ID, "dn"), itemButton(st.t(mBtnExtend), c.ID, "ex")}})
		}
	}
	return tasks, nil
}

// commandTask is a task whose button sends command cmd.
func commandTask(text, label, cmd string) kit.Task {
	d, _ := kit.CommandData(cmd)
	return kit.Task{Text: text, Buttons: []kit.Button{{Text: label, Data: d}}}
}

// myReviews lists the items waiting for my review, oldest first.
func (st step) myReviews() ([]Item, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	pending, err := r.PendingReviews()
	if err != nil {
		return nil, fmt.Errorf("pending reviews: %w", err)
	}
	var mine []Item
	for _, c := range pending {
		ok, err := st.mayReview(c, false)
		if err != nil {
			return nil, err
		}
		if ok {
			mine = append(mine, c)
		}
	}
	return mine, nil
}
