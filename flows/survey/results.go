package survey

import (
	"fmt"
	"sort"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Reports of a questionnaire that an OutReport can ask for (Report; the
// questionnaire's id in SurveyID).
const (
	ReportChart = "chart" // a PNG of the per-question distributions
	ReportXLSX  = "xlsx"  // the responses
	ReportCSV   = "csv"   // the responses
)

// resultsTarget reads the questionnaire of /stats and /export (by id or
// title) and asks the access policy for a (Results or Export); without one
// (or an unknown one) it offers those the person may see as buttons.
// ok=false when it answered instead.
func (st step) resultsTarget(cmd string, a access.Action) (*Survey, access.Decision, bool) {
	name := strings.TrimSpace(st.In.Args)
	sv := st.f.Find(name)
	if sv == nil {
		text := st.t(mResultsPick)
		if name != "" {
			text = st.t(mSurveyUnknown, name)
		}
		rows := st.pickButtons(cmd, func(sv *Survey) bool { return access.Allows(st.Step, a, st.f.object(sv)) },
			func(sv *Survey) string { return sv.ID }, func(sv *Survey) string { return kit.Short(sv.Title, 24) })
		if len(rows) == 0 {
			text = st.t(mResultsNone)
		}
		st.Send(text, rows...)
		return nil, access.Decision{}, false
	}
	d := access.Check(st.Step, a, st.f.object(sv))
	return sv, d, d.Allowed
}

// stats answers /stats <id>: response rate with its denominator, 满意率 as
// satisfied / answered that question, per-question distributions and per
// unit, then a chart; to a person whose units are part of the campaign,
// the figures of their units only.
func (st step) stats() error {
	sv, d, ok := st.resultsTarget("stats", access.Results)
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
	if d.Scope != "" {
		st.Send(st.scopedText(sv, s, d))
		return nil // the chart is drawn from every unit's answers
	}
	st.Send(st.statsText(sv, s))
	if s.Submitted > 0 && !withheld(sv, s.Submitted) {
		st.Report(ReportChart, sv.ID)
	}
	return nil
}

// statsHead writes the header of /stats: title, status, and anonymity.
func (st step) statsHead(b *strings.Builder, sv *Survey, s Stats) {
	status := st.t(kit.MsgStatusDraft)
	switch s.Status {
	case StatusOpen:
		status = st.t(kit.MsgStatusOpenLabel)
	case StatusClosed:
		status = st.t(kit.MsgStatusClosedLabel)
	}
	fmt.Fprintf(b, "%s\n", st.t(mStatsHeader, sv.Title, status, st.f.stamp(st.Now)))
	if sv.Campaign.Anonymous {
		b.WriteString(st.t(mStatsAnon, sv.Campaign.MinGroup, s.Pending) + "\n")
	}
}

// satisfiedLine writes the 满意率 of f (withheld for too few anonymous
// respondents); nothing without a 满意 rule.
func (st step) satisfiedLine(b *strings.Builder, sv *Survey, f figures) {
	switch {
	case sv.Campaign.Satisfied == nil:
	case withheld(sv, f.Submitted):
		fmt.Fprintf(b, "%s\n", st.t(mStatsSatWithheld, sv.Campaign.MinGroup))
	default:
		fmt.Fprintf(b, "%s\n", st.t(mStatsSatisfied, kit.Percent(f.Satisfied, f.Answered), f.Satisfied, f.Answered))
	}
}

// statsText is the text of /stats: the funnel, then (unless too few
// answered an anonymous questionnaire) per question and per unit.
func (st step) statsText(sv *Survey, s Stats) string {
	var b strings.Builder
	st.statsHead(&b, sv, s)
	fmt.Fprintf(&b, "%s\n", st.t(mStatsFunnel, s.Issued, s.Opened, s.Started, s.Submitted, kit.Percent(s.Submitted, s.Issued), s.Submitted, s.Issued))
	st.notJoinedLine(&b, sv, "")
	st.satisfiedLine(&b, sv, whole(s.Counts))
	if withheld(sv, s.Submitted) {
		b.WriteString("\n" + st.t(mStatsTooFew, sv.Campaign.MinGroup))
		return b.String()
	}
	head := b.Len()
	st.questionsText(&b, sv, s, true)
	if len(s.UnitIssued) > 0 {
		st.unitsText(&b, sv, s, st.Env.Root)
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
			st.unitsText(&b, sv, s, st.Env.Root)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// scopedText is /stats for a person whose units are part of a wider
// campaign: the figures of their units (d.Scope and below) and per unit,
// without the per-question distributions, which count every unit's
// answers.
func (st step) scopedText(sv *Survey, s Stats, d access.Decision) string {
	var b strings.Builder
	st.statsHead(&b, sv, s)
	b.WriteString(d.Text(st.Lang) + "\n")
	f := figuresIn(st.Env, s, d.Scope)
	fmt.Fprintf(&b, "%s\n", st.t(mStatsScopedFunnel, f.Issued, f.Submitted, kit.Percent(f.Submitted, f.Issued), f.Submitted, f.Issued))
	st.notJoinedLine(&b, sv, d.Scope)
	st.satisfiedLine(&b, sv, f)
	b.WriteString(st.t(mStatsScopedNoQ) + "\n")
	st.unitsText(&b, sv, s, d.Scope)
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

// unitsText writes the per-unit lines of /stats for the units of scope
// and below; units under the campaign's MinGroup (issued, or for an
// anonymous questionnaire respondents) are not shown.
func (st step) unitsText(b *strings.Builder, sv *Survey, s Stats, scope string) {
	b.WriteString("\n" + st.t(kit.MsgStatsUnits) + "\n")
	units := make([]string, 0, len(s.UnitIssued))
	for u := range s.UnitIssued {
		if st.Env.Subtree(scope, u) {
			units = append(units, u)
		}
	}
	sort.Strings(units)
	for _, u := range units {
		issued, sub := s.UnitIssued[u], s.Units[u+"\x1fsubmitted"]
		switch {
		case issued < int64(sv.Campaign.MinGroup):
			fmt.Fprintf(b, "  %s：%s\n", st.UnitName(u), st.t(mStatsUnitSmall, sv.Campaign.MinGroup))
			continue
		case withheld(sv, sub):
			fmt.Fprintf(b, "  %s：%s\n", st.UnitName(u), st.t(mStatsUnitFew, sv.Campaign.MinGroup))
			continue
		}
		line := fmt.Sprintf("  %s：%s", st.UnitName(u), st.t(mStatsUnitLine, issued, sub, kit.Percent(sub, issued)))
		if sv.Campaign.Satisfied != nil {
			y, n := s.Units[u+"\x1fsatisfied"], s.Units[u+"\x1fanswered"]
			line += " · " + st.t(mStatsUnitSat, kit.Percent(y, n), y, n)
		}
		b.WriteString(line + "\n")
	}
}

// export answers /export <id> with an XLSX and a CSV of the responses
// (anonymous questionnaires: without identities).
func (st step) export() error {
	sv, _, ok := st.resultsTarget("export", access.Export)
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
	if withheld(sv, c.Submitted) {
		st.Send(st.t(mStatsTooFew, sv.Campaign.MinGroup))
		return nil
	}
	st.Send(st.t(mExporting, sv.Title, c.Submitted))
	for _, r := range []string{ReportXLSX, ReportCSV} {
		st.Report(r, sv.ID)
	}
	return nil
}
