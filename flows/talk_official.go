package flows

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Officials' side: /talks open|close|excuse, /coverage with its chart and
// ledger, the /status line, and the scheduler's notices.

// Reports of the talk feature (OutReport.Report; OutReport.SurveyID holds
// the round id).
const (
	ReportTalkChart = "talk_chart"
	ReportTalkXLSX  = "talk_xlsx"
)

const tkCoveragePage = 10

func (st *step) tkRoundList(tr TalkReader) (string, error) {
	var b strings.Builder
	seen := map[string]bool{}
	ids, err := tr.TalkRounds()
	if err != nil {
		return "", err
	}
	for _, id := range ids {
		rs, ok, err := tr.TalkRound(id)
		if err != nil {
			return "", err
		}
		if !ok {
			continue
		}
		seen[id] = true
		state := st.t(mStatusOpenLabel)
		if !rs.Open {
			state = st.t(mStatusClosedLabel)
		}
		fmt.Fprintf(&b, "  %s — %s [%s]\n", id, rs.Round.Title, state)
	}
	for _, id := range st.e.tkSortedRoundIDs() {
		if !seen[id] {
			fmt.Fprintf(&b, "  %s — %s [%s]\n", id, st.e.env.Talk.Rounds[id].Title, st.t(mStatusDraft))
		}
	}
	if b.Len() == 0 {
		return "  " + st.t(mTalkNone), nil
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// talksAdmin handles /talks [open|close|roster <round>] [excuse <round> <person> <reason>].
func (st *step) talksAdmin() error {
	if st.me.Role != RoleOfficial {
		st.send(st.t(mNoPermission))
		return nil
	}
	tr, ok := st.talks()
	if !ok {
		st.send(st.t(mTalkNone))
		return nil
	}
	args := strings.Fields(st.in.Args)
	usage := func() error {
		list, err := st.tkRoundList(tr)
		if err != nil {
			return err
		}
		st.send(st.t(mTalkUsage, list))
		return nil
	}
	if len(args) < 2 {
		return usage()
	}
	id := args[1]
	switch args[0] {
	case "open":
		return st.tkOpenRound(tr, id)
	case "close":
		rs, ok, err := tr.TalkRound(id)
		if err != nil {
			return err
		}
		if !ok || !rs.Open {
			st.send(st.t(mTalkNotOpen, id))
			return nil
		}
		cov, err := tr.TalkCoverage(id)
		if err != nil {
			return err
		}
		st.effect(TalkRoundClosed{Round: id, By: st.me.ID})
		st.send(st.t(mTalkClosedOK, rs.Round.Title, cov.Done(), cov.Roster, cov.Buckets[BucketExcused]))
		return nil
	case "roster":
		return st.tkRosterStart(tr, id)
	case "excuse":
		if len(args) < 3 {
			return usage()
		}
		return st.tkExcuse(tr, id, args[2], strings.Join(args[3:], " "))
	}
	return usage()
}

// openRound opens a predefined round (or reopens a stored one), inviting
// everyone on its roster who was not invited yet.
func (st *step) tkOpenRound(tr TalkReader, id string) error {
	r := st.e.env.Talk.Rounds[id]
	stored, ok, err := tr.TalkRound(id)
	if err != nil {
		return err
	}
	if ok && (r == nil || stored.Open || stored.Round.RosterOnly) {
		r = &stored.Round // a round in flight (or opened with an uploaded list) keeps its stored definition
	}
	if r == nil {
		list, err := st.tkRoundList(tr)
		if err != nil {
			return err
		}
		st.send(st.t(mTalkUnknown, id, list))
		return nil
	}
	return st.tkOpenWith(tr, r, stored, ok, nil)
}

// openWith opens (or reopens) r, inviting everyone on its roster who was
// not invited yet; d, when given, is the uploaded list the roster came
// from (its phone numbers are kept on the entries).
func (st *step) tkOpenWith(tr TalkReader, r *TalkRound, stored TalkRoundState, ok bool, d *TalkRosterDraft) error {
	entries, err := st.tkRoster(tr, r)
	if err != nil {
		return err
	}
	if len(entries) == 0 && !ok {
		st.send(st.t(mTalkNoRoster, r.Title))
		return nil
	}
	st.effect(TalkRoundOpened{Round: *r, By: st.me.ID})
	if len(entries) > 0 {
		inv := TalkInvited{Round: r.ID, Entries: entries}
		if d != nil {
			for i := range entries {
				entries[i].Phone = d.Phones[entries[i].User]
			}
			inv.By, inv.Source = st.me.ID, d.File
		}
		st.effect(inv)
	}
	ivs := st.tkInvite(r, entries)
	if ok && stored.Open {
		st.send(st.t(mTalkReopened, r.Title, len(entries)))
	} else {
		st.send(st.t(mTalkOpenedTo, r.Title, len(entries), ivs, st.tkWhen(r.Deadline)))
	}
	return nil
}

// invite pushes the invitation to each new entry and a note to each
// interviewer; it returns how many interviewers there are.
func (st *step) tkInvite(r *TalkRound, entries []TalkEntry) int {
	body := tkRoundDetails("zh", r, st.e)
	ivs := map[int64]int{}
	for _, en := range entries {
		ivs[en.Interviewer]++
		st.push(en.User, T("zh", mTalkInvitation, r.Title, body, st.e.tkPersonNameZH(st, en.Interviewer)),
			tkInviteButtons("zh", r, st.now, st.e)...)
	}
	ids := make([]int64, 0, len(ivs))
	for iv := range ivs {
		ids = append(ids, iv)
	}
	slices.Sort(ids)
	for _, iv := range ids {
		st.push(iv, T("zh", mTalkIvAssigned, r.Title, ivs[iv]))
	}
	return len(ids)
}

func (e *Engine) tkPersonNameZH(st *step, id int64) string { return st.tkIvName(id) }

// roundDetails lists a round's sessions and deadline.
func tkRoundDetails(lang string, r *TalkRound, e *Engine) string {
	st := &step{e: e, lang: lang}
	var b strings.Builder
	for _, s := range r.Sessions {
		b.WriteString(T(lang, mTalkSessionLine, st.tkWhen(s.At), s.Place) + "\n")
	}
	if len(r.Slots) > 0 {
		b.WriteString(T(lang, mTalkSlotsLine, st.tkWhen(r.Slots[0]), st.tkWhen(r.Slots[len(r.Slots)-1])) + "\n")
	}
	if !r.Deadline.IsZero() {
		b.WriteString(T(lang, mTalkDeadlineLine, st.tkWhen(r.Deadline)) + "\n")
	}
	return b.String()
}

// roster lists the people of r not on its roster yet, each with an
// interviewer.
func (st *step) tkRoster(tr TalkReader, r *TalkRound) ([]TalkEntry, error) {
	units := r.Units
	if len(units) == 0 {
		units = []string{st.e.env.Root}
	}
	if r.RosterOnly {
		units = nil
	}
	seen := map[int64]bool{}
	var people []Person
	for _, u := range units {
		ps, err := st.dir.Members(u, true)
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", u, err)
		}
		for _, p := range ps {
			if !seen[p.ID] && roleIn(p.Role, r.Roles) {
				seen[p.ID] = true
				people = append(people, p)
			}
		}
	}
	for _, id := range r.People {
		if seen[id] {
			continue
		}
		p, ok, err := st.dir.Person(id)
		if err != nil {
			return nil, err
		}
		if ok {
			seen[id] = true
			people = append(people, p)
		}
	}
	sort.Slice(people, func(a, b int) bool { return people[a].ID < people[b].ID })
	supervisors := map[string][]int64{}
	var out []TalkEntry
	for _, p := range people {
		_, on, err := tr.TalkEntry(r.ID, p.ID)
		if err != nil {
			return nil, err
		}
		if on {
			continue
		}
		iv, err := st.tkInterviewerFor(r, p, supervisors)
		if err != nil {
			return nil, err
		}
		out = append(out, TalkEntry{Round: r.ID, User: p.ID, Name: p.Name, Unit: p.Unit, Interviewer: iv, Status: EntryPending})
	}
	return out, nil
}

// interviewerFor picks p's interviewer: the round's interviewers of p's unit
// or its nearest ancestor, else the supervisors there, else the official
// opening the round; never p themself.
func (st *step) tkInterviewerFor(r *TalkRound, p Person, cache map[string][]int64) (int64, error) {
	parent := map[string]string{}
	for _, u := range st.e.env.Units {
		parent[u.ID] = u.Parent
	}
	pick := func(ids []int64) int64 {
		var c []int64
		for _, id := range ids {
			if id != p.ID {
				c = append(c, id)
			}
		}
		if len(c) == 0 {
			return 0
		}
		return c[int(p.ID%int64(len(c)))]
	}
	for u, i := p.Unit, 0; u != "" && i <= len(parent); u, i = parent[u], i+1 {
		if iv := pick(r.Interviewers[u]); iv != 0 {
			return iv, nil
		}
	}
	for u, i := p.Unit, 0; u != "" && i <= len(parent); u, i = parent[u], i+1 {
		sups, ok := cache[u]
		if !ok {
			ms, err := st.dir.Members(u, false)
			if err != nil {
				return 0, err
			}
			for _, m := range ms {
				if m.Role == RoleSupervisor {
					sups = append(sups, m.ID)
				}
			}
			slices.Sort(sups)
			cache[u] = sups
		}
		if iv := pick(sups); iv != 0 {
			return iv, nil
		}
	}
	if st.me.ID != p.ID {
		return st.me.ID, nil
	}
	return 0, nil
}

// excuse marks a person 免谈 with a reason (asked for when missing).
func (st *step) tkExcuse(tr TalkReader, roundID, who, reason string) error {
	rs, ok, err := tr.TalkRound(roundID)
	if err != nil {
		return err
	}
	if !ok {
		st.send(st.t(mTalkNotOpen, roundID))
		return nil
	}
	en, found, err := st.tkFindEntry(tr, roundID, who)
	if err != nil {
		return err
	}
	if !found {
		st.send(st.t(mTalkNoSuchPerson, who, rs.Round.Title))
		return nil
	}
	if !st.tkMayHandle(en) {
		st.send(st.t(mNoPermission))
		return nil
	}
	if en.Reached() {
		st.send(st.t(mTalkEntryReached, en.Name))
		return nil
	}
	if strings.TrimSpace(reason) == "" {
		st.tkLeaveOtherFlows()
		s := st.sess()
		s.Flow = FlowTalk
		s.Talk = &TalkRun{Round: roundID, Step: tkExcuse, User: en.User}
		s.next()
		st.send(st.t(mTalkAskReason, en.Name))
		return nil
	}
	return st.tkDoExcuse(rs, en, reason)
}

func (st *step) tkDoExcuse(rs TalkRoundState, en TalkEntry, reason string) error {
	if utf8.RuneCountInString(reason) > tkMaxReasonLen {
		st.send(st.t(mTooLong, tkMaxReasonLen))
		return nil
	}
	after := en
	after.Status, after.Reason, after.Slot, after.Place = EntryExcused, reason, time.Time{}, ""
	after.DoneAt, after.DoneBy = st.now, st.me.ID
	st.effect(TalkExcused{st.tkChange(en, after)})
	st.send(st.t(mTalkExcusedOK, en.Name, rs.Round.Title, reason))
	if en.PhoneSlot() && en.Interviewer != 0 {
		st.push(en.Interviewer, T("zh", mTalkIvCancelled, en.Name, st.e.tkWhenZH(en.Slot)))
	}
	return nil
}

func (st *step) tkExcuseInput() error {
	run := st.sess().Talk
	if st.in.Kind != InputText || strings.TrimSpace(st.in.Text) == "" {
		st.send(st.t(mTalkAskReason, ""))
		return nil
	}
	tr, _ := st.talks()
	rs, ok, err := tr.TalkRound(run.Round)
	if err != nil {
		return err
	}
	en, found, err := tr.TalkEntry(run.Round, run.User)
	if err != nil {
		return err
	}
	s := st.sess()
	s.Flow, s.Talk = FlowNone, nil
	s.next()
	if !ok || !found || en.Reached() {
		st.send(st.t(mTalkFlowGone))
		return nil
	}
	return st.tkDoExcuse(rs, en, strings.TrimSpace(st.in.Text))
}

// findEntry finds a roster entry by user id, or by exact name among those
// not yet reached.
func (st *step) tkFindEntry(tr TalkReader, roundID, who string) (TalkEntry, bool, error) {
	if id, err := strconv.ParseInt(who, 10, 64); err == nil {
		return tr.TalkEntry(roundID, id)
	}
	for off := 0; ; off += 500 {
		ids, total, err := tr.TalkUnreached(roundID, 0, off, 500)
		if err != nil {
			return TalkEntry{}, false, err
		}
		for _, id := range ids {
			en, ok, err := tr.TalkEntry(roundID, id)
			if err != nil {
				return en, false, err
			}
			if ok && en.Name == who {
				return en, true, nil
			}
		}
		if int64(off+500) >= total {
			return TalkEntry{}, false, nil
		}
	}
}

// pickRound resolves the round of /coverage: the argument, or the only (or
// first open) stored round.
func (st *step) tkPickRound(tr TalkReader, arg string) (TalkRoundState, bool, error) {
	if arg != "" {
		return tr.TalkRound(arg)
	}
	ids, err := tr.TalkRounds()
	if err != nil || len(ids) == 0 {
		return TalkRoundState{}, false, err
	}
	return tr.TalkRound(ids[0])
}

// coverage answers /coverage [round] [page].
func (st *step) coverage() error {
	if st.me.Role != RoleOfficial {
		st.send(st.t(mNoPermission))
		return nil
	}
	tr, ok := st.talks()
	if !ok {
		st.send(st.t(mTalkNone))
		return nil
	}
	args := strings.Fields(st.in.Args)
	arg, page := "", 0
	if len(args) > 0 {
		arg = args[0]
	}
	if len(args) > 1 {
		page, _ = strconv.Atoi(args[1])
		page = max(0, page-1)
	}
	rs, ok, err := st.tkPickRound(tr, arg)
	if err != nil {
		return err
	}
	if !ok {
		list, err := st.tkRoundList(tr)
		if err != nil {
			return err
		}
		st.send(st.t(mTalkCoverageUsage, list))
		return nil
	}
	text, buttons, err := st.tkCoverageScreen(tr, rs, page)
	if err != nil {
		return err
	}
	st.send(text, buttons...)
	return nil
}

// coverageEntry handles "tc:<round>:p:<page>|chart|xlsx".
func (st *step) coverageEntry(rest string) error {
	if !st.ok || st.me.Role != RoleOfficial {
		st.answer(st.t(mNoPermission), true)
		return nil
	}
	tr, ok := st.talks()
	if !ok {
		st.answer(st.t(mExpired), false)
		return nil
	}
	parts := strings.Split(rest, ":")
	rs, ok, err := tr.TalkRound(parts[0])
	if err != nil {
		return err
	}
	if !ok || len(parts) < 2 {
		st.answer(st.t(mExpired), false)
		return nil
	}
	switch parts[1] {
	case "p":
		page := 0
		if len(parts) > 2 {
			page, _ = strconv.Atoi(parts[2])
		}
		text, buttons, err := st.tkCoverageScreen(tr, rs, max(0, page))
		if err != nil {
			return err
		}
		st.answer("", false)
		st.edit(st.in.MessageID, text, buttons...)
		return nil
	case "chart", "xlsx":
		report := ReportTalkChart
		if parts[1] == "xlsx" {
			report = ReportTalkXLSX
		}
		st.answer(st.t(mTalkPreparing), false)
		st.res.Outputs = append(st.res.Outputs, Output{Kind: OutReport, ChatID: st.in.ChatID, Report: report, SurveyID: rs.Round.ID})
		return nil
	}
	st.answer(st.t(mExpired), false)
	return nil
}

// coverageScreen renders one screen of /coverage from counters and one page
// of the not-yet-reached set (no phone numbers, no summaries).
func (st *step) tkCoverageScreen(tr TalkReader, rs TalkRoundState, page int) (string, [][]Button, error) {
	id := rs.Round.ID
	cov, err := tr.TalkCoverage(id)
	if err != nil {
		return "", nil, err
	}
	scope := st.tkScope()
	var units []string // nil: every unit (the root's officials)
	if scope != st.e.env.Root {
		units = st.e.tkSubtreeUnits(scope)
		cov = tkCoverageIn(cov, units)
	}
	var b strings.Builder
	state := ""
	if !rs.Open {
		state = st.t(mStatusClosed)
	}
	b.WriteString(st.t(mTalkCoverageHeader, rs.Round.Title, state, st.now.In(st.e.env.Location).Format("2006-01-02 15:04")) + "\n")
	if units != nil {
		b.WriteString(st.t(mTalkCoverageScope, st.unitName(scope)) + "\n")
	}
	bk := cov.Buckets
	b.WriteString(st.t(mTalkCoverageLine, cov.Roster, cov.Done(), bk[BucketDoneFace], bk[BucketDonePhone], bk[BucketDoneMakeup],
		percent(cov.Done()+bk[BucketExcused], cov.Roster)) + "\n")
	b.WriteString(st.t(mTalkCoverageLine2, bk[BucketScheduled], bk[BucketPending], bk[BucketExcused], st.tkWhen(rs.Round.Deadline)) + "\n")
	if len(cov.Units) > 0 {
		b.WriteString("\n" + st.t(mStatsUnits) + "\n")
		for _, u := range st.tkUnitOrder(cov.Units) {
			c := cov.Units[u]
			done := c[BucketDoneFace] + c[BucketDonePhone] + c[BucketDoneMakeup]
			b.WriteString("  " + st.t(mTalkCoverageUnit, st.unitName(u), done, c["roster"], c[BucketScheduled], c[BucketPending], c[BucketExcused]) + "\n")
		}
	}
	var ids []int64
	var total int64
	if units == nil {
		ids, total, err = tr.TalkUnreached(id, 0, page*tkCoveragePage, tkCoveragePage)
	} else {
		ids, total, err = tr.TalkUnreachedIn(id, units, page*tkCoveragePage, tkCoveragePage)
	}
	if err != nil {
		return "", nil, err
	}
	pages := int((total + tkCoveragePage - 1) / tkCoveragePage)
	var rows [][]Button
	if total > 0 {
		b.WriteString("\n" + st.t(mTalkUnreachedHeader, total, page+1, max(1, pages)) + "\n")
		for _, u := range ids {
			en, ok, err := tr.TalkEntry(id, u)
			if err != nil {
				return "", nil, err
			}
			if ok {
				b.WriteString("  · " + st.tkEntryLine(en, false) + "\n")
			}
		}
		var nav []Button
		if page > 0 {
			nav = append(nav, Button{Text: st.t(mBtnPrevPage), Data: "tc:" + id + ":p:" + strconv.Itoa(page-1)})
		}
		if page+1 < pages {
			nav = append(nav, Button{Text: st.t(mBtnNextPage), Data: "tc:" + id + ":p:" + strconv.Itoa(page+1)})
		}
		if len(nav) > 0 {
			rows = append(rows, nav)
		}
	} else if cov.Roster > 0 {
		b.WriteString("\n" + st.t(mTalkFullCoverage) + "\n")
	}
	rows = append(rows, []Button{{Text: st.t(mTalkBtnChart), Data: "tc:" + id + ":chart"}, {Text: st.t(mTalkBtnLedger), Data: "tc:" + id + ":xlsx"}})
	return strings.TrimRight(b.String(), "\n"), rows, nil
}

// coverageIn restricts a round's coverage to units (an official's
// subtree): the totals are the sums of those units' counters.
func tkCoverageIn(cov TalkCoverage, units []string) TalkCoverage {
	out := TalkCoverage{Buckets: map[string]int64{}, Units: map[string]map[string]int64{}}
	for _, u := range units {
		c, ok := cov.Units[u]
		if !ok {
			continue
		}
		out.Units[u] = c
		out.Roster += c["roster"]
		for _, bk := range TalkBuckets {
			out.Buckets[bk] += c[bk]
		}
	}
	return out
}

// unitOrder lists units in configuration order, unknown ones last.
func (st *step) tkUnitOrder(m map[string]map[string]int64) []string {
	var out []string
	for _, u := range st.e.env.Units {
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

// talkStatus is the talk rounds' line of /status.
func (st *step) talkStatus() (string, error) {
	tr, ok := st.talks()
	if !ok {
		return "", nil
	}
	ids, err := tr.TalkRounds()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, id := range ids {
		rs, ok, err := tr.TalkRound(id)
		if err != nil {
			return "", err
		}
		if !ok || !rs.Open {
			continue
		}
		cov, err := tr.TalkCoverage(id)
		if err != nil {
			return "", err
		}
		b.WriteString(st.t(mTalkStatusLine, rs.Round.Title, id, cov.Done(), cov.Roster, percent(cov.Done()+cov.Buckets[BucketExcused], cov.Roster),
			cov.Buckets[BucketScheduled], cov.Buckets[BucketPending]) + "\n")
	}
	return strings.TrimRight(b.String(), "\n"), nil
}
