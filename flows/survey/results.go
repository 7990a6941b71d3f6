package survey

import (
	"fmt"
	"sort"
	"strings"

	"sibu/flows/kit"
)

// Reports of a questionnaire that an OutReport can ask for (Report; the
// questionnaire's id in SurveyID).
const (
	ReportChart = "chart" // a PNG of the per-question distributions
	ReportXLSX  = "xlsx"  // the responses
	ReportCSV   = "csv"   // the responses
)

// mayseeResults reports whether the person may see a questionnaire's results.
func (st step) mayseeResults(sv *Survey) bool {
	switch st.Me.Role {
	case kit.RoleOfficial:
		return true
	case kit.RoleSupervisor:
		return sv.Campaign.Results == "supervisors"
	}
	return false
}

// resultsTarget parses "<id>" for /stats and /export.
func (st step) resultsTarget(usage kit.Msg) (*Survey, bool) {
	id := strings.TrimSpace(st.In.Args)
	if id == "" {
		st.Send(st.t(usage, st.f.list()))
		return nil, false
	}
	sv := st.f.Surveys[id]
	if sv == nil {
		st.Send(st.t(mSurveyUnknown, id, st.f.list()))
		return nil, false
	}
	if !st.mayseeResults(sv) {
		st.Send(st.t(kit.MsgNoPermission))
		return nil, false
	}
	return sv, true
}

// stats answers /stats <id>: response rate with its denominator, 满意率 as
// satisfied / answered that question, per-question distributions and per
// unit, then a chart.
func (st step) stats() error {
	sv, ok := st.resultsTarget(mStatsUsage)
	if !ok {
		return nil
	}
	r, err := st.reader()
	if err != nil {
		return err
	}
	s, err := r.Stats(sv.ID)
	if err != nil {
		return fmt.Errorf("stats %s: %w", sv.ID, err)
	}
	st.Send(st.statsText(sv, s))
	if s.Submitted > 0 {
		st.Report(ReportChart, sv.ID)
	}
	return nil
}

// statsText is the text of /stats: the funnel, then (unless too few
// answered an anonymous questionnaire) per question and per unit.
func (st step) statsText(sv *Survey, s Stats) string {
	var b strings.Builder
	status := st.t(kit.MsgStatusDraft)
	switch s.Status {
	case StatusOpen:
		status = st.t(kit.MsgStatusOpenLabel)
	case StatusClosed:
		status = st.t(kit.MsgStatusClosedLabel)
	}
	fmt.Fprintf(&b, "%s\n", st.t(mStatsHeader, sv.Title, sv.ID, status, st.f.when(st.Now)))
	if sv.Campaign.Anonymous {
		b.WriteString(st.t(mStatsAnon, sv.Campaign.MinGroup) + "\n")
	}
	fmt.Fprintf(&b, "%s\n", st.t(mStatsFunnel, s.Issued, s.Opened, s.Started, s.Submitted, kit.Percent(s.Submitted, s.Issued), s.Submitted, s.Issued))
	if sv.Campaign.Satisfied != nil {
		fmt.Fprintf(&b, "%s\n", st.t(mStatsSatisfied, kit.Percent(s.Satisfied, s.SatisfiedAnswered), s.Satisfied, s.SatisfiedAnswered))
	}
	if s.Submitted < int64(sv.Campaign.MinGroup) && sv.Campaign.Anonymous {
		b.WriteString("\n" + st.t(mStatsTooFew, sv.Campaign.MinGroup))
		return b.String()
	}
	head := b.Len()
	st.questionsText(&b, sv, s, true)
	if len(s.UnitIssued) > 0 {
		st.unitsText(&b, sv, s)
	}
	if kit.UTF16Len(b.String()) > kit.MaxText {
		// Too long for one screen: the questions without their
		// distributions, which the chart that follows shows.
		full := b.String()
		b.Reset()
		b.WriteString(full[:head])
		st.questionsText(&b, sv, s, false)
		if s.Submitted > 0 {
			b.WriteString(st.t(mStatsInChart) + "\n")
		}
		if len(s.UnitIssued) > 0 {
			st.unitsText(&b, sv, s)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// questionsText writes the per-question lines of /stats, with their
// distributions when options says so.
func (st step) questionsText(b *strings.Builder, sv *Survey, s Stats, options bool) {
	b.WriteString("\n" + st.t(mStatsQuestions) + "\n")
	for i, qs := range QuestionTallies(sv, s.Tallies) {
		fmt.Fprintf(b, "%d. %s（%s）\n", i+1, qs.Title, st.t(mStatsAnswered, qs.Answered))
		if len(qs.Options) == 0 || !options {
			continue
		}
		var parts []string
		for _, o := range qs.Options {
			parts = append(parts, fmt.Sprintf("%s %d（%s）", o.Label, o.Count, kit.Percent(o.Count, qs.Answered)))
		}
		b.WriteString("   " + strings.Join(parts, "；") + "\n")
	}
}

// unitsText writes the per-unit lines of /stats; units under the
// campaign's MinGroup are not shown.
func (st step) unitsText(b *strings.Builder, sv *Survey, s Stats) {
	b.WriteString("\n" + st.t(kit.MsgStatsUnits) + "\n")
	units := make([]string, 0, len(s.UnitIssued))
	for u := range s.UnitIssued {
		units = append(units, u)
	}
	sort.Strings(units)
	for _, u := range units {
		issued := s.UnitIssued[u]
		if issued < int64(sv.Campaign.MinGroup) {
			fmt.Fprintf(b, "  %s：%s\n", st.UnitName(u), st.t(mStatsUnitSmall, sv.Campaign.MinGroup))
			continue
		}
		sub := s.Units[u+"\x1fsubmitted"]
		line := fmt.Sprintf("  %s：%s", st.UnitName(u), st.t(mStatsUnitLine, issued, sub, kit.Percent(sub, issued)))
		if sv.Campaign.Satisfied != nil {
			line += " · " + st.t(mStatsUnitSat, kit.Percent(s.Units[u+"\x1fsatisfied"], s.Units[u+"\x1fanswered"]))
		}
		b.WriteString(line + "\n")
	}
}

// export answers /export <id> with an XLSX and a CSV of the responses
// (anonymous questionnaires: without identities).
func (st step) export() error {
	sv, ok := st.resultsTarget(mExportUsage)
	if !ok {
		return nil
	}
	c, err := st.counts(sv.ID)
	if err != nil {
		return err
	}
	if c.Submitted == 0 {
		st.Send(st.t(mExportEmpty, sv.Title))
		return nil
	}
	if sv.Campaign.Anonymous && c.Submitted < int64(sv.Campaign.MinGroup) {
		st.Send(st.t(mStatsTooFew, sv.Campaign.MinGroup))
		return nil
	}
	st.Send(st.t(mExporting, sv.Title, c.Submitted))
	for _, r := range []string{ReportXLSX, ReportCSV} {
		st.Report(r, sv.ID)
	}
	return nil
}
