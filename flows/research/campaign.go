package research

import (
	"fmt"
	"slices"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// Report kinds of a campaign (OutReport; SurveyID: the campaign, Scope:
// the requester's subtree when the policy scoped it).
const (
	ReportChart = "research_chart" // the dashboard as PNG: four bars per unit
	ReportDOCX  = "research_docx"  // the 调研报告
)

// findCampaign reads a campaign named by id or title (a part of it naming
// one only); with nothing named and one campaign, that one. ok=false: not
// found, answered with the campaigns as buttons sending cmd.
func (st step) findCampaign(cmd string) (*Campaign, bool) {
	arg := strings.TrimSpace(st.In.Args)
	all := st.f.campaigns()
	var match []*Campaign
	for _, c := range all {
		if arg == "" || c.ID == arg || c.Title == arg || strings.Contains(c.Title, arg) {
			match = append(match, c)
		}
	}
	if len(match) == 1 {
		return match[0], true
	}
	if len(all) == 0 {
		st.Send(st.t(mNoCampaigns))
		return nil, false
	}
	var args, labels []string
	for _, c := range all {
		args, labels = append(args, c.ID), append(labels, c.Title)
	}
	text := st.t(mPickCampaign)
	if arg != "" {
		text = st.t(mUnknownCampaign, arg) + "\n" + text
	}
	st.Send(text, kit.CommandButtons(cmd, args, labels, 1)...)
	return nil, false
}

// campaignObject is a campaign as the access policy sees it.
func campaignObject(c *Campaign, supervisors bool) access.Object {
	return access.Object{Reach: c.Units, Name: c.Title, SupervisorsSee: supervisors}
}

// campaignCommand answers /campaign [campaign]: the dashboard on one
// screen, within the person's subtree.
func (st step) campaignCommand() error {
	c, ok := st.findCampaign("campaign")
	if !ok {
		return nil
	}
	d := access.Check(st.Step, access.Results, campaignObject(c, true))
	if !d.Allowed {
		return nil
	}
	fig, err := st.f.Figures(st.Dir, c, d.Scope)
	if err != nil {
		return err
	}
	text := st.dashboard(fig)
	if why := d.Text(st.Lang); why != "" {
		text += "\n\n" + why
	}
	st.Send(text, []kit.Button{{Text: st.t(mBtnChart), Data: "rc:" + c.ID + ":chart"}},
		kit.CommandButtons("report", []string{c.ID}, []string{st.t(mBtnReport)}, 1)[0],
		kit.CommandButtons("opinions", []string{""}, []string{st.t(mBtnOpinions)}, 1)[0])
	return nil
}

// periodText writes a campaign's period.
func (st step) periodText(c *Campaign) string {
	return when.Deadline(c.From, st.Lang) + " — " + when.Deadline(c.To, st.Lang)
}

// dashboard writes a campaign's figures on one screen: the four steps
// against their targets, then each unit with what it is behind in.
func (st step) dashboard(fig Figures) string {
	c, t, tg := fig.Campaign, fig.Total, fig.Campaign.Targets
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s", st.t(mDashHead, c.Title), st.periodText(c))
	rows := int64(len(fig.Rows))
	met := func(step string) int64 {
		n := int64(0)
		for _, r := range fig.Rows {
			if !slices.Contains(fig.Behind(r), step) {
				n++
			}
		}
		return n
	}
	fmt.Fprintf(&b, "\n\n%s", st.t(mDashListen, ListenSentence(t), tg.Meetings, met(StepListen), rows))
	ask := st.t(mDashAsk, AskSentence(t))
	if tg.Responses > 0 {
		ask += st.t(mDashAskTarget, tg.Responses, t.Submitted, tg.Responses)
	}
	fmt.Fprintf(&b, "\n%s", ask)
	fmt.Fprintf(&b, "\n%s", st.t(mDashVisit, VisitSentence(t, st.settings().Places), tg.Visits, met(StepVisit), rows))
	fmt.Fprintf(&b, "\n%s", st.t(mDashTalk, TalkSentence(t, tg.coverage()), tg.coverage()))
	fmt.Fprintf(&b, "\n%s", st.t(mDashOpinions, t.Opinions))
	b.WriteString("\n\n" + st.t(mDashUnits))
	for _, r := range fig.Rows {
		fmt.Fprintf(&b, "\n· %s", st.unitLine(fig, r))
	}
	return b.String()
}

// unitLine is a unit's figures against the targets, ⚠️ where it is behind.
func (st step) unitLine(fig Figures, r Row) string {
	behind := fig.Behind(r)
	mark := func(step string) string {
		if slices.Contains(behind, step) {
			return " ⚠️"
		}
		return ""
	}
	tg := fig.Campaign.Targets
	ask := fmt.Sprintf("%d/%d", r.Submitted, r.Issued)
	if r.Withheld {
		ask = "—"
	}
	return st.t(mDashUnitLine, st.UnitName(r.Unit), r.Meetings, tg.Meetings, mark(StepListen), ask, mark(StepAsk),
		r.Visits, tg.Visits, mark(StepVisit), r.Done, r.Due(), mark(StepTalk))
}

// campaignEntry handles "rc:<campaign>:chart": the dashboard's chart.
func (st step) campaignEntry(rest string) error {
	id, verb, _ := strings.Cut(rest, ":")
	c, ok := st.f.Campaign(id)
	if !ok || verb != "chart" {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	d := access.Check(st.Step, access.Results, campaignObject(c, true))
	if !d.Allowed {
		return nil
	}
	st.Answer("", false)
	st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportChart, SurveyID: c.ID, Scope: d.Scope})
	return nil
}

// reportCommand answers /report [campaign]: the comments and summaries
// not yet in the ledger are brought in, then the 调研报告 of the person's
// subtree is sent as a document, its overview first as text.
func (st step) reportCommand() error {
	c, ok := st.findCampaign("report")
	if !ok {
		return nil
	}
	d := access.Check(st.Step, access.Results, campaignObject(c, false))
	if !d.Allowed {
		return nil
	}
	scope := d.Scope
	if scope == "" {
		scope = st.Me.Unit
	}
	n, more, err := st.importOpinions(scope)
	if err != nil {
		return err
	}
	fig, err := st.f.Figures(st.Dir, c, d.Scope)
	if err != nil {
		return err
	}
	text := st.t(mReportIntro, c.Title, st.f.Overview(fig, st.scopeName(d.Scope)))
	if n > 0 || more > 0 {
		text += "\n" + st.t(mReportImported, n+more)
	}
	st.Send(text)
	st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportDOCX, SurveyID: c.ID, Scope: d.Scope})
	return nil
}

// scopeName names the figures' scope: the unit, or 全区 for the whole.
func (st step) scopeName(scope string) string {
	if scope == "" {
		return "全区"
	}
	return st.UnitName(scope)
}
