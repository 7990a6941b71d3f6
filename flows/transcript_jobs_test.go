package flows_test

import (
	"slices"
	"strings"

	"sibu/flows/kit"
)

// releaseTipoffs releases the pooled tip-offs and commits the notices to
// the inspectors, as the release job does.
func (r *runner) releaseTipoffs() record {
	ts := r.dir.releaseTipoffs()
	res, err := r.eng.Tipoff().Released(ts, r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return r.system("release of tip-offs: "+strings.Join(ids, ", "), res)
}

// checklistJobs runs the checklist reminders due now.
func (r *runner) checklistJobs() record {
	all, _ := r.dir.Checklists()
	slices.Reverse(all)
	var res []kit.Result
	for _, c := range all {
		targets, _ := r.dir.ChecklistTargets(c.ID)
		done, _ := r.dir.ChecklistConfirmations(c.ID)
		res = append(res, r.eng.Discipline().Reminders(c, targets, done, r.now)...)
	}
	return r.system("checklist reminders at "+r.now.In(cst).Format("2006-01-02 15:04"), res)
}
