package discipline

import (
	"slices"
	"strconv"
	"time"

	"sibu/flows/kit"
)

// ReminderDay is the day a checklist's people are reminded at now, as the
// number of days since it opened, by the attention rules' cadence: day 1,
// 3 and 7, then weekly; 0 when it is none of them (or it is closed, or
// past its deadline).
func (f *Feature) ReminderDay(c Checklist, now time.Time) int {
	loc := f.Env.Location
	days := int(kit.DayOf(now, loc).Sub(kit.DayOf(c.Opened, loc)).Hours() / 24)
	deadline, err := time.ParseInLocation("2006-01-02", c.Deadline, loc)
	switch {
	case !c.Open, err == nil && kit.DayOf(now, loc).After(deadline):
		return 0
	case kit.NagDay(days):
		return days
	}
	return 0
}

// Reminders are the reminders of checklist c at now: one push to each
// person who has not done it, once per reminder day (ChecklistReminded's
// condition keeps it once across replicas and retries).
func (f *Feature) Reminders(c Checklist, targets map[int64]Target, done map[int64]Confirmation, now time.Time) []kit.Result {
	day := f.ReminderDay(c, now)
	if day == 0 {
		return nil
	}
	st := step{Step: &kit.Step{Env: f.Env, Now: now, Lang: "zh"}, f: f}
	ids := make([]int64, 0, len(targets))
	for id := range targets {
		if _, ok := done[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var out []kit.Result
	for _, id := range ids {
		st.Outputs = nil
		st.pushProof(c, id, catalog.T("zh", mReminder, day))
		out = append(out, kit.Result{Outputs: st.Outputs,
			Effects: []kit.Effect{ChecklistReminded{Checklist: c.ID, Person: id, Key: c.ID + ":" + strconv.Itoa(day) + ":" + itoa(id)}}})
	}
	return out
}

// todo lists the open checklists that wait for the person, and the
// nominee checks that wait for their office.
func (st step) todo() ([]kit.Task, error) {
	rd, ok := st.reader()
	if !ok {
		return nil, nil
	}
	cs, err := rd.ChecklistsOf(st.Me.ID)
	if err != nil {
		return nil, err
	}
	var tasks []kit.Task
	for _, c := range cs {
		done, err := rd.ChecklistConfirmations(c.ID)
		if err != nil {
			return nil, err
		}
		if _, did := done[st.Me.ID]; did || !c.Open {
			continue
		}
		tasks = append(tasks, kit.Task{Text: st.t(mTodoChecklist, st.kindName(c.Kind), c.Title, c.Deadline),
			Buttons: []kit.Button{st.proofButton(st.Lang, c)}})
	}
	return tasks, nil
}
