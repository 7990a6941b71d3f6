package talk

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// /coverage: a round's coverage (全覆盖) for the official's units, one page
// of the people not yet reached, the chart and the ledger; and the /status
// block.

// Reports of the talk feature (kit.OutReport's Report; its SurveyID holds
// the round id).
const (
	ReportChart = "talk_chart"
	ReportXLSX  = "talk_xlsx"
)

const coveragePage = 10

// pickRound resolves the round of /coverage: the argument (by id or
// title), or the first stored round (open ones come first).
func (st step) pickRound(tr Reader, arg string) (RoundState, bool, error) {
	if arg != "" {
		id, err := st.findRound(tr, arg)
		if err != nil || id == "" {
			return RoundState{}, false, err
		}
		return tr.TalkRound(id)
	}
	ids, err := tr.TalkRounds()
	if err != nil || len(ids) == 0 {
		return RoundState{}, false, err
	}
	return tr.TalkRound(ids[0])
}

// coverage answers /coverage [round] [page].
func (st step) coverage() error {
	tr, ok := st.roundsReader()
	if !ok {
		return nil
	}
	args := strings.Fields(st.In.Args)
	arg, page := "", 0
	if len(args) > 0 {
		arg = args[0]
	}
	if len(args) > 1 {
		page, _ = strconv.Atoi(args[1])
		page = max(0, page-1)
	}
	rs, ok, err := st.pickRound(tr, arg)
	if err != nil {
		return err
	}
	others, err := st.otherRounds(tr, rs.Round.ID)
	if err != nil {
		return err
	}
	if !ok {
		text := st.t(mNone)
		if len(others) > 0 {
			text = st.t(mRoundNotFound, arg)
		}
		st.Send(text, others...)
		return nil
	}
	d, err := st.check(access.Results, &rs.Round)
	if err != nil || !d.Allowed {
		return err
	}
	text, buttons, err := st.coverageScreen(tr, rs, page, d)
	if err != nil {
		return err
	}
	if len(others) > 0 && arg == "" {
		text += "\n\n" + st.t(mOtherRounds)
		buttons = append(buttons, others...)
	}
	st.Send(text, buttons...)
	return nil
}

// coverageEntry handles "tc:<round>:p:<page>|chart|xlsx": the next page,
// the chart and the ledger, scoped as /coverage is.
func (st step) coverageEntry(rest string) error {
	parts := strings.Split(rest, ":")
	tr, ok := st.reader()
	if ok && len(parts) >= 2 {
		_, ok = access.Verb("tc", parts[1])
	}
	if !ok || len(parts) < 2 {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	rs, ok, err := tr.TalkRound(parts[0])
	if err != nil {
		return err
	}
	if !ok {
		st.Answer(st.t(kit.MsgExpired), false)
		return nil
	}
	d, err := st.check(access.Results, &rs.Round)
	if err != nil || !d.Allowed {
		return err
	}
	if parts[1] == "p" {
		page := 0
		if len(parts) > 2 {
			page, _ = strconv.Atoi(parts[2])
		}
		text, buttons, err := st.coverageScreen(tr, rs, max(0, page), d)
		if err != nil {
			return err
		}
		st.Answer("", false)
		st.Edit(st.In.MessageID, text, buttons...)
		return nil
	}
	report := ReportChart
	if parts[1] == "xlsx" {
		report = ReportXLSX
	}
	st.Answer(st.t(mPreparing), false)
	st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: report, SurveyID: rs.Round.ID, Scope: d.Scope})
	return nil
}

// reportButtons are 图表 and 台账 of round.
func reportButtons(lang, round string) []kit.Button {
	return []kit.Button{{Text: catalog.T(lang, mBtnChart), Data: "tc:" + round + ":chart"},
		{Text: catalog.T(lang, mBtnLedger), Data: "tc:" + round + ":xlsx"}}
}

// coverageScreen renders one screen of /coverage from counters and one page
// of the not-yet-reached set (no phone numbers, no summaries), of the
// decision's scope.
func (st step) coverageScreen(tr Reader, rs RoundState, page int, d access.Decision) (string, [][]kit.Button, error) {
	id := rs.Round.ID
	cov, err := tr.TalkCoverage(id)
	if err != nil {
		return "", nil, err
	}
	units := st.scopeUnits(d) // nil: every unit
	if units != nil {
		cov = CoverageIn(cov, units)
	}
	var b strings.Builder
	state := ""
	if !rs.Open {
		state = st.t(kit.MsgStatusClosed)
	}
	b.WriteString(st.t(mCoverageHeader, rs.Round.Title, state, st.Now.In(st.Env.Location).Format("2006-01-02 15:04")) + "\n")
	if units != nil {
		b.WriteString(st.t(mCoverageScope, st.UnitName(d.Scope)) + "\n")
	}
	st.coverageCounts(&b, rs, cov)
	if err := st.notJoinedLine(&b, &rs.Round, d.Scope); err != nil {
		return "", nil, err
	}
	rows, err := st.unreachedPage(tr, &b, id, units, page, cov.Roster)
	if err != nil {
		return "", nil, err
	}
	rows = append(rows, reportButtons(st.Lang, id))
	return strings.TrimRight(b.String(), "\n"), rows, nil
}

// coverageCounts writes the round's counters, overall and per unit.
func (st step) coverageCounts(b *strings.Builder, rs RoundState, cov Coverage) {
	bk := cov.Buckets
	b.WriteString(st.t(mCoverageLine, cov.Roster, cov.Done(), bk[BucketDoneFace], bk[BucketDonePhone], bk[BucketDoneMakeup],
		st.f.rate(st.Lang, cov)) + "\n")
	b.WriteString(st.t(mCoverageLine2, bk[BucketScheduled], bk[BucketPending], bk[BucketExcused], st.f.deadline(st.Lang, rs.Round.Deadline)) + "\n")
	if len(cov.Units) == 0 {
		return
	}
	b.WriteString("\n" + st.t(kit.MsgStatsUnits) + "\n")
	for _, u := range st.unitOrder(cov.Units) {
		c := cov.Units[u]
		done := c[BucketDoneFace] + c[BucketDonePhone] + c[BucketDoneMakeup]
		b.WriteString("  " + st.t(mCoverageUnit, st.UnitName(u), done, c["roster"], c[BucketScheduled], c[BucketPending], c[BucketExcused]) + "\n")
	}
}

// unreachedPage writes one page of the people not yet reached in units
// (nil: everyone) and returns its paging buttons; or, with a roster and
// nobody left, says so.
func (st step) unreachedPage(tr Reader, b *strings.Builder, id string, units []string, page int, roster int64) ([][]kit.Button, error) {
	var ids []int64
	var total int64
	var err error
	if units == nil {
		ids, total, err = tr.TalkUnreached(id, 0, page*coveragePage, coveragePage)
	} else {
		ids, total, err = tr.TalkUnreachedIn(id, units, page*coveragePage, coveragePage)
	}
	if err != nil {
		return nil, err
	}
	if total == 0 {
		if roster > 0 {
			b.WriteString("\n" + st.t(mFullCoverage) + "\n")
		}
		return nil, nil
	}
	pages := int((total + coveragePage - 1) / coveragePage)
	b.WriteString("\n" + st.t(mUnreachedHeader, total, page+1, max(1, pages)) + "\n")
	for _, u := range ids {
		en, ok, err := tr.TalkEntry(id, u)
		if err != nil {
			return nil, err
		}
		if ok {
			b.WriteString("  · " + st.entryLine(en, false) + "\n")
		}
	}
	var nav []kit.Button
	if page > 0 {
		nav = append(nav, kit.Button{Text: st.t(kit.MsgBtnPrevPage), Data: "tc:" + id + ":p:" + strconv.Itoa(page-1)})
	}
	if page+1 < pages {
		nav = append(nav, kit.Button{Text: st.t(kit.MsgBtnNextPage), Data: "tc:" + id + ":p:" + strconv.Itoa(page+1)})
	}
	if len(nav) == 0 {
		return nil, nil
	}
	return [][]kit.Button{nav}, nil
}

// rate is the coverage rate of cov with what it counts and leaves out:
// "覆盖率 40.0%（已谈 2 / 应谈 5，免谈 1 人不计入）".
func (f *Feature) rate(lang string, cov Coverage) string {
	text := catalog.T(lang, mRate, kit.Percent(cov.Done(), cov.Due()), cov.Done(), cov.Due())
	if ex := cov.Buckets[BucketExcused]; ex > 0 {
		text += catalog.T(lang, mRateExcused, ex)
	}
	return text + catalog.T(lang, mRateEnd)
}

// CoverageIn restricts a round's coverage to units (an official's
// subtree): the totals are the sums of those units' counters.
func CoverageIn(cov Coverage, units []string) Coverage {
	out := Coverage{Buckets: map[string]int64{}, Units: map[string]map[string]int64{}}
	for _, u := range units {
		c, ok := cov.Units[u]
		if !ok {
			continue
		}
		out.Units[u] = c
		out.Roster += c["roster"]
		for _, bk := range Buckets {
			out.Buckets[bk] += c[bk]
		}
	}
	return out
}

// unitOrder lists units in configuration order, unknown ones last.
func (st step) unitOrder(m map[string]map[string]int64) []string {
	var out []string
	for _, u := range st.Env.Units {
		if _, ok := m[u.ID]; ok {
			out = append(out, u.ID)
		}
	}
	var rest []string
	for u := range m {
		if !slices.Contains(out, u) {
			rest = append(rest, u)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// status is the talk rounds' block of /status: a line per open round that
// reaches the official's units, of those units, framed by blank lines (""
// when there is none).
func (st step) status() (string, error) {
	tr, ok := st.reader()
	if !ok {
		return "", nil
	}
	open, err := openRounds(tr)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, rs := range open {
		id := rs.Round.ID
		o, err := st.object(&rs.Round)
		if err != nil {
			return "", err
		}
		d := access.Decide(st.Env, st.Me, access.Results, o)
		if !d.Allowed {
			continue
		}
		cov, err := tr.TalkCoverage(id)
		if err != nil {
			return "", err
		}
		if units := st.scopeUnits(d); units != nil {
			cov = CoverageIn(cov, units)
		}
		b.WriteString(st.t(mStatusLine, rs.Round.Title, st.f.rate(st.Lang, cov),
			cov.Buckets[BucketScheduled], cov.Buckets[BucketPending]) + "\n")
		if err := st.notJoinedLine(&b, &rs.Round, d.Scope); err != nil {
			return "", err
		}
	}
	if b.Len() == 0 {
		return "", nil
	}
	return "\n" + strings.TrimRight(b.String(), "\n") + "\n", nil
}
