package flows_test

import (
	"slices"
	"sort"
	"strconv"

	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

// fakeResearch is the research part of the fake directory: records,
// counters, opinions and the questionnaire responses it imports from.
type fakeResearch struct {
	records   map[string]research.Record
	counts    map[string]map[string]int64
	opinions  map[string]research.Opinion
	refs      map[string]bool
	responses map[string][]survey.ResponseRow
}

var _ research.Reader = (*fakeDir)(nil)

func newFakeResearch() *fakeResearch {
	return &fakeResearch{records: map[string]research.Record{}, counts: map[string]map[string]int64{},
		opinions: map[string]research.Opinion{}, refs: map[string]bool{}, responses: map[string][]survey.ResponseRow{}}
}

func (d *fakeDir) ResearchRecord(id string) (research.Record, bool, error) {
	r, ok := d.research.records[id]
	return r, ok, nil
}

func (d *fakeDir) ResearchRecordsBy(user int64, n int) ([]research.Record, error) {
	var out []research.Record
	for _, r := range d.research.records {
		if r.By == user {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		return out[a].Created.After(out[b].Created) || out[a].Created.Equal(out[b].Created) && out[a].ID > out[b].ID
	})
	return out[:min(n, len(out))], nil
}

func (d *fakeDir) ResearchCounts(units []string) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	for _, u := range units {
		out[u] = d.research.counts[u]
	}
	return out, nil
}

func (d *fakeDir) Opinion(id string) (research.Opinion, bool, error) {
	o, ok := d.research.opinions[id]
	return o, ok, nil
}

func (d *fakeDir) OpinionsIn(units []string, withoutUnit bool) ([]research.Opinion, error) {
	var out []research.Opinion
	for _, o := range d.research.opinions {
		if slices.Contains(units, o.Unit) || withoutUnit && o.Unit == "" {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		return out[a].Date > out[b].Date || out[a].Date == out[b].Date && out[a].ID > out[b].ID
	})
	return out, nil
}

func (d *fakeDir) FollowUps(user int64) ([]research.Opinion, error) {
	var out []research.Opinion
	for _, o := range d.research.opinions {
		if o.Open() && o.Handling.Assignee == user {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Handling.Deadline < out[b].Handling.Deadline })
	return out, nil
}

func (d *fakeDir) OpinionRefs() (map[string]bool, error) {
	out := map[string]bool{}
	for r := range d.research.refs {
		out[r] = true
	}
	return out, nil
}

func (d *fakeDir) SurveyResponses(id string) ([]survey.ResponseRow, error) {
	return d.research.responses[id], nil
}

func (d *fakeDir) TalkLedger(round string) ([]talk.Entry, error) {
	var out []talk.Entry
	for _, e := range d.entries[round] {
		out = append(out, e)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].User < out[b].User })
	return out, nil
}

// researchOK checks the research conditions: a record or opinion stored
// once and changed at its revision, an imported source once.
func (d *fakeDir) researchOK(effs []kit.Effect) bool {
	for _, ef := range effs {
		switch e := ef.(type) {
		case research.Logged:
			if _, ok := d.research.records[e.Record.ID]; ok {
				return false
			}
		case research.Amended:
			if d.research.records[e.Before.ID].Rev != e.Before.Rev {
				return false
			}
		case research.OpinionAdded:
			o := e.Opinion
			if _, ok := d.research.opinions[o.ID]; ok || (o.Source == research.SourceSurvey || o.Source == research.SourceTalk) && d.research.refs[o.Ref] {
				return false
			}
		case research.OpinionChange:
			if c := e.OpinionChange(); d.research.opinions[c.Before.ID].Rev != c.Before.Rev {
				return false
			}
		}
	}
	return true
}

func (d *fakeDir) applyResearch(ef kit.Effect) {
	f := d.research
	count := func(unit, field string, n int64) {
		if f.counts[unit] == nil {
			f.counts[unit] = map[string]int64{}
		}
		f.counts[unit][field] += n
	}
	switch e := ef.(type) {
	case research.Logged:
		f.records[e.Record.ID] = e.Record
		count(e.Record.Unit, e.Record.Kind+"|"+e.Record.Date, 1)
		count(e.Record.Unit, e.Record.Kind+"_people|"+e.Record.Date, e.Record.People)
	case research.Amended:
		b, a := e.Before, e.After
		f.records[a.ID] = a
		count(b.Unit, b.Kind+"|"+b.Date, -1)
		count(b.Unit, b.Kind+"_people|"+b.Date, -b.People)
		count(a.Unit, a.Kind+"|"+a.Date, 1)
		count(a.Unit, a.Kind+"_people|"+a.Date, a.People)
	case research.OpinionAdded:
		f.opinions[e.Opinion.ID] = e.Opinion
		f.refs[e.Opinion.Ref] = true
		if e.Opinion.Unit != "" {
			count(e.Opinion.Unit, "opinion|"+e.Opinion.Date, 1)
		}
	case research.OpinionChange:
		c := e.OpinionChange()
		f.opinions[c.After.ID] = c.After
	case survey.ResponseSubmitted:
		if e.Round == "" {
			row := survey.ResponseRow{ID: "r" + strconv.Itoa(len(f.responses[e.SurveyID])+1), UserID: e.Respondent, Unit: e.Unit,
				Day: fixedNow.In(cst).Format("2006-01-02"), Answers: e.Answers}
			f.responses[e.SurveyID] = append(f.responses[e.SurveyID], row)
		}
	}
}
