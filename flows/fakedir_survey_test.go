package flows_test

import (
	"sibu/flows/kit"
	"sibu/flows/survey"
)

func (d *fakeDir) SurveyStatus(id string) (survey.Status, error) { return d.status[id], nil }

func (d *fakeDir) Survey(id string) (survey.Counts, error) {
	ui := map[string]int64{}
	for u := range d.issued[id] {
		ui[d.people[u].Unit]++
	}
	return survey.Counts{Status: d.status[id], Issued: int64(len(d.issued[id])), Opened: d.opened[id], Started: d.started[id],
		Submitted: d.tallies[id]["@submitted"], Satisfied: d.satisfied[id], SatisfiedAnswered: d.tallies[id]["@answered"], UnitIssued: ui}, nil
}

func (d *fakeDir) Stats(id string) (survey.Stats, error) {
	c, _ := d.Survey(id)
	return survey.Stats{Counts: c, Tallies: d.tallies[id], Units: d.units[id]}, nil
}

func (d *fakeDir) Issued(id string, u int64) (bool, error)    { return d.issued[id][u], nil }
func (d *fakeDir) Submitted(id string, u int64) (bool, error) { return d.submitted[id][u], nil }

// surveyOK checks the questionnaire conditions: one response per person
// (unless Multiple; a round's response is checked per round), reminders in
// order.
func (d *fakeDir) surveyOK(effs []kit.Effect) bool {
	for _, ef := range effs {
		switch e := ef.(type) {
		case survey.ResponseSubmitted:
			if e.Round == "" && d.submitted[e.SurveyID][e.Respondent] && !e.Multiple {
				return false
			}
		case survey.ReminderSent:
			if d.reminded[e.SurveyID][e.User] != e.N-1 {
				return false
			}
		}
	}
	return true
}

func (d *fakeDir) applySurvey(ef kit.Effect) {
	switch e := ef.(type) {
	case survey.Opened:
		d.status[e.SurveyID] = survey.StatusOpen
		if d.issued[e.SurveyID] == nil {
			d.issued[e.SurveyID] = map[int64]bool{}
		}
		for _, u := range e.Issued {
			d.issued[e.SurveyID][u] = true
		}
	case survey.Closed:
		d.status[e.SurveyID] = survey.StatusClosed
	case survey.ResponseSubmitted:
		d.applyResponse(e)
	case survey.Progress:
		if d.progress[e.SurveyID] == nil {
			d.progress[e.SurveyID] = map[int64]string{}
		}
		rank := map[string]int{"": 0, "opened": 1, "started": 2}
		if rank[e.Status] > rank[d.progress[e.SurveyID][e.User]] {
			d.progress[e.SurveyID][e.User] = e.Status
			if e.Status == "opened" {
				d.opened[e.SurveyID]++
			} else {
				d.started[e.SurveyID]++
			}
		}
	case survey.ReminderSent:
		if d.reminded[e.SurveyID] == nil {
			d.reminded[e.SurveyID] = map[int64]int{}
		}
		d.reminded[e.SurveyID][e.User] = e.N
	}
}

// applyResponse counts a response as storage does at submit time; a round's
// response also counts in its round (applyCommitment) and leaves the
// campaign's "who has answered" alone.
func (d *fakeDir) applyResponse(e survey.ResponseSubmitted) {
	if d.submitted[e.SurveyID] == nil {
		d.submitted[e.SurveyID] = map[int64]bool{}
		d.tallies[e.SurveyID] = map[string]int64{}
		d.units[e.SurveyID] = map[string]int64{}
	}
	if e.Round == "" {
		d.submitted[e.SurveyID][e.Respondent] = true
	}
	d.tallies[e.SurveyID]["@submitted"]++
	if e.Satisfied {
		d.satisfied[e.SurveyID]++
		d.units[e.SurveyID][e.Unit+"\x1fsatisfied"]++
	}
	if e.SatisfiedAnswered {
		d.tallies[e.SurveyID]["@answered"]++
		d.units[e.SurveyID][e.Unit+"\x1fanswered"]++
	}
	d.units[e.SurveyID][e.Unit+"\x1fsubmitted"]++
	for _, t := range e.Tallies {
		d.tallies[e.SurveyID][t]++
	}
}
