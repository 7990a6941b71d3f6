package flows

import (
	"fmt"
	"sort"
	"strings"
)

// mayseeResultse reports whether the person may see a questionnaire's results.
func (st *step) mayseeResults(sv *Survey) bool {
	switch st.me.Role {
	case RoleOfficial:
		return true
	case RoleSupervisor:
		return sv.Campaign.Results == "supervisors"
	}
	return false
}

// resultsTarget parses "<id>" for /stats and /export.
func (st *step) resultsTarget(usage msg) (*Survey, bool) {
	id := strings.TrimSpace(st.in.Args)
	if id == "" {
		st.send(st.t(usage, st.surveyList()))
		return nil, false
	}
	sv := st.e.env.Surveys[id]
	if sv == nil {
		st.send(st.t(mSurveyUnknown, id, st.surveyList()))
		return nil, false
	}
	if !st.mayseeResults(sv) {
		st.send(st.t(mNoPermission))
		return nil, false
	}
	return sv, true
}

// stats answers /stats <id>: response rate with its denominator, 满意率 as
// satisfied / answered that question, per-question distributions and per
// unit, then a chart.
func (st *step) stats() error {
	sv, ok := st.resultsTarget(mStatsUsage)
	if !ok {
		return nil
	}
	s, err := st.dir.Stats(sv.ID)
	if err != nil {
		return fmt.Errorf("stats %s: %w", sv.ID, err)
	}
	st.send(st.statsText(sv, s))
	if s.Submitted > 0 {
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutReport, ChatID: st.in.ChatID, Report: ReportChart, SurveyID: sv.ID})
	}
	return nil
}

func (st *step) statsText(sv *Survey, s SurveyStats) string {
	var b strings.Builder
	status := st.t(mStatusDraft)
	switch s.Status {
	case StatusOpen:
		status = st.t(mStatusOpenLabel)
	case StatusClosed:
		status = st.t(mStatusClosedLabel)
	}
	fmt.Fprintf(&b, "%s\n", st.t(mStatsHeader, sv.Title, sv.ID, status, st.now.In(st.e.env.Location).Format("2006-01-02 15:04")))
	if sv.Campaign.Anonymous {
		b.WriteString(st.t(mStatsAnon, sv.Campaign.MinGroup) + "\n")
	}
	fmt.Fprintf(&b, "%s\n", st.t(mStatsFunnel, s.Issued, s.Opened, s.Started, s.Submitted, percent(s.Submitted, s.Issued), s.Submitted, s.Issued))
	if sv.Campaign.Satisfied != nil {
		fmt.Fprintf(&b, "%s\n", st.t(mStatsSatisfied, percent(s.Satisfied, s.SatisfiedAnswered), s.Satisfied, s.SatisfiedAnswered))
	}
	if s.Submitted < int64(sv.Campaign.MinGroup) && sv.Campaign.Anonymous {
		b.WriteString("\n" + st.t(mStatsTooFew, sv.Campaign.MinGroup))
		return b.String()
	}
	b.WriteString("\n" + st.t(mStatsQuestions) + "\n")
	for i, qs := range QuestionTallies(sv, s.Tallies) {
		fmt.Fprintf(&b, "%d. %s（%s）\n", i+1, qs.Title, st.t(mStatsAnswered, qs.Answered))
		if len(qs.Options) == 0 {
			continue
		}
		var parts []string
		for _, o := range qs.Options {
			parts = append(parts, fmt.Sprintf("%s %d（%s）", o.Label, o.Count, percent(o.Count, qs.Answered)))
		}
		b.WriteString("   " + strings.Join(parts, "；") + "\n")
	}
	if len(s.UnitIssued) > 0 {
		b.WriteString("\n" + st.t(mStatsUnits) + "\n")
		units := make([]string, 0, len(s.UnitIssued))
		for u := range s.UnitIssued {
			units = append(units, u)
		}
		sort.Strings(units)
		for _, u := range units {
			issued := s.UnitIssued[u]
			if issued < int64(sv.Campaign.MinGroup) {
				fmt.Fprintf(&b, "  %s：%s\n", st.unitName(u), st.t(mStatsUnitSmall, sv.Campaign.MinGroup))
				continue
			}
			sub := s.Units[u+"\x1fsubmitted"]
			line := fmt.Sprintf("  %s：%s", st.unitName(u), st.t(mStatsUnitLine, issued, sub, percent(sub, issued)))
			if sv.Campaign.Satisfied != nil {
				line += " · " + st.t(mStatsUnitSat, percent(s.Units[u+"\x1fsatisfied"], s.Units[u+"\x1fanswered"]))
			}
			b.WriteString(line + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// QuestionTallies turns tally counters into per-question distributions, in
// question order, choices in definition order (for /stats and its chart).
func QuestionTallies(sv *Survey, tallies map[string]int64) []QuestionStats {
	var out []QuestionStats
	for _, q := range sv.Questions {
		qs := QuestionStats{Name: q.Name, Title: q.Title, Type: q.Type, Answered: tallies["#"+q.Name]}
		add := func(label, value string) {
			qs.Options = append(qs.Options, OptionCount{Label: label, Count: tallies[q.Name+"\x1f"+value]})
		}
		switch q.Type {
		case QRadio, QDropdown, QBoolean, QCheckbox:
			for _, c := range q.options() {
				add(c.Text, c.Value)
			}
		case QRanking:
			for _, c := range q.Choices {
				add("首选 "+c.Text, c.Value)
			}
		case QRating:
			for v := q.RateMin; v <= q.RateMax; v++ {
				add(fmt.Sprintf("%d 分", v), fmt.Sprint(v))
			}
		case QMatrix:
			for _, r := range q.Rows {
				for _, c := range q.Choices {
					add(r.Text+"·"+c.Text, r.Value+"="+c.Value)
				}
			}
		}
		out = append(out, qs)
	}
	return out
}

// export answers /export <id> with an XLSX and a CSV of the responses
// (anonymous questionnaires: without identities).
func (st *step) export() error {
	sv, ok := st.resultsTarget(mExportUsage)
	if !ok {
		return nil
	}
	c, err := st.dir.Survey(sv.ID)
	if err != nil {
		return fmt.Errorf("survey %s: %w", sv.ID, err)
	}
	if c.Submitted == 0 {
		st.send(st.t(mExportEmpty, sv.Title))
		return nil
	}
	if sv.Campaign.Anonymous && c.Submitted < int64(sv.Campaign.MinGroup) {
		st.send(st.t(mStatsTooFew, sv.Campaign.MinGroup))
		return nil
	}
	st.send(st.t(mExporting, sv.Title, c.Submitted))
	for _, r := range []string{ReportXLSX, ReportCSV} {
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutReport, ChatID: st.in.ChatID, Report: r, SurveyID: sv.ID})
	}
	return nil
}
