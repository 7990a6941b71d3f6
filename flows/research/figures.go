package research

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"sibu/flows/kit"
	"sibu/flows/survey"
)

// Row is the figures of one unit of a campaign (its subtree), or of the
// whole campaign, over the campaign's period.
type Row struct {
	Unit string
	// 听 and 访: records and people (人次), opinions heard and gathered.
	Meetings, MeetingPeople int64
	Visits, VisitPeople     int64
	Opinions                int64
	// 问: over the campaign's questionnaires; Withheld: an anonymous one
	// was answered by too few here to show its figures.
	Issued, Submitted, Satisfied, SatisfiedAnswered int64
	Withheld                                        bool
	// 谈: over the campaign's talk rounds; Phone and Makeup of Done were
	// reached by 电话约谈 and 会后补谈.
	Roster, Excused, Done, Phone, Makeup int64
}

// Due is how many are to be talked with (the excused count on neither side).
func (r Row) Due() int64 { return r.Roster - r.Excused }

// Figures are a campaign's figures as one person may see them: per unit
// of the campaign within their scope, and in all.
type Figures struct {
	Campaign *Campaign
	// Scope is the unit whose subtree the figures are limited to ("" for
	// the whole campaign).
	Scope string
	Rows  []Row
	Total Row
	// Surveys and Rounds name the questionnaires and rounds counted.
	Surveys []string
	Rounds  []string
}

// Behind lists the steps in which row r is short of the campaign's
// targets: "listen", "ask", "visit", "talk".
func (f Figures) Behind(r Row) []string {
	t := f.Campaign.Targets
	var out []string
	if t.Meetings > 0 && r.Meetings < t.Meetings {
		out = append(out, StepListen)
	}
	if r.Issued > 0 && r.Submitted < r.Issued && !r.Withheld {
		out = append(out, StepAsk)
	}
	if t.Visits > 0 && r.Visits < t.Visits {
		out = append(out, StepVisit)
	}
	if r.Due() > 0 && r.Done*100 < r.Due()*t.coverage() {
		out = append(out, StepTalk)
	}
	return out
}

// The four steps.
const (
	StepListen = "listen" // 听
	StepAsk    = "ask"    // 问
	StepVisit  = "visit"  // 访
	StepTalk   = "talk"   // 谈
)

// campaigns lists the configured campaigns by id.
func (f *Feature) campaigns() []*Campaign {
	var out []*Campaign
	for _, c := range f.Settings.Campaigns {
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// Campaign returns the campaign with id.
func (f *Feature) Campaign(id string) (*Campaign, bool) {
	c, ok := f.Settings.Campaigns[id]
	return c, ok
}

// survey returns the questionnaire with id (nil when unknown).
func (f *Feature) survey(id string) *survey.Survey {
	if f.Surveys == nil {
		return nil
	}
	return f.Surveys.Surveys[id]
}

// rowUnits are the units a person with scope sees as rows of c: each
// campaign unit within the scope, or the scope itself where it lies under
// one.
func (f *Feature) rowUnits(c *Campaign, scope string) []string {
	var out []string
	for _, u := range c.Units {
		switch {
		case scope == "" || f.Env.Subtree(scope, u):
			out = append(out, u)
		case f.Env.Subtree(u, scope) && !slices.Contains(out, scope):
			out = append(out, scope)
		}
	}
	return out
}

// Figures computes c's figures within scope from the stored counters:
// the day counters of meetings, visits and opinions in the period, the
// questionnaires' per-unit counts and the rounds' coverage.
func (f *Feature) Figures(dir kit.Directory, c *Campaign, scope string) (Figures, error) {
	r, ok := dir.(Reader)
	if !ok {
		return Figures{}, fmt.Errorf("directory %T does not implement research.Reader", dir)
	}
	fig := Figures{Campaign: c, Scope: scope, Surveys: c.Targets.Surveys, Rounds: c.Targets.Rounds}
	for _, u := range f.rowUnits(c, scope) {
		fig.Rows = append(fig.Rows, Row{Unit: u})
	}
	if err := f.addRecords(r, &fig); err != nil {
		return Figures{}, err
	}
	if err := f.addSurveys(r, &fig); err != nil {
		return Figures{}, err
	}
	if err := f.addTalks(r, &fig); err != nil {
		return Figures{}, err
	}
	for _, row := range fig.Rows {
		fig.Total = fig.Total.plus(row)
	}
	fig.Total.Unit = scope
	return fig, nil
}

// plus adds o's figures to r.
func (r Row) plus(o Row) Row {
	r.Meetings, r.MeetingPeople, r.Visits, r.VisitPeople = r.Meetings+o.Meetings, r.MeetingPeople+o.MeetingPeople, r.Visits+o.Visits, r.VisitPeople+o.VisitPeople
	r.Opinions += o.Opinions
	r.Issued, r.Submitted, r.Satisfied, r.SatisfiedAnswered = r.Issued+o.Issued, r.Submitted+o.Submitted, r.Satisfied+o.Satisfied, r.SatisfiedAnswered+o.SatisfiedAnswered
	r.Withheld = r.Withheld || o.Withheld
	r.Roster, r.Excused, r.Done, r.Phone, r.Makeup = r.Roster+o.Roster, r.Excused+o.Excused, r.Done+o.Done, r.Phone+o.Phone, r.Makeup+o.Makeup
	return r
}

// addRecords adds the meetings, visits and opinions of the period.
func (f *Feature) addRecords(r Reader, fig *Figures) error {
	c := fig.Campaign
	for i := range fig.Rows {
		units := f.Env.SubUnits(fig.Rows[i].Unit)
		counts, err := r.ResearchCounts(units)
		if err != nil {
			return fmt.Errorf("research counts: %w", err)
		}
		row := &fig.Rows[i]
		for _, u := range units {
			for field, n := range counts[u] {
				name, day, ok := strings.Cut(field, "|")
				d, err := time.ParseInLocation(dayLayout, day, c.From.Location())
				if !ok || err != nil || !c.Covers(d) {
					continue
				}
				switch name {
				case KindMeeting:
					row.Meetings += n
				case KindMeeting + "_people":
					row.MeetingPeople += n
				case KindVisit:
					row.Visits += n
				case KindVisit + "_people":
					row.VisitPeople += n
				case "opinion":
					row.Opinions += n
				}
			}
		}
	}
	return nil
}

// CampaignOpinions keeps the opinions of ops that belong to c within
// scope: of a unit under one of its rows (an anonymous comment without a
// unit only for the whole campaign), heard in its period.
func (f *Feature) CampaignOpinions(ops []Opinion, c *Campaign, scope string) []Opinion {
	rows := f.rowUnits(c, scope)
	var out []Opinion
	for _, o := range ops {
		d, err := parseDay(o.Date, c.From.Location())
		if err != nil || !c.Covers(d) {
			continue
		}
		in := o.Unit == "" && scope == ""
		for _, u := range rows {
			in = in || o.Unit != "" && f.Env.Subtree(u, o.Unit)
		}
		if in {
			out = append(out, o)
		}
	}
	return out
}
