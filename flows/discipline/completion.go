package discipline

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// maxMissing is how many names still missing /checklist lists.
const maxMissing = 30

// completion shows a checklist's completion per group (role) and per
// unit with the names still missing, scoped to the official's units; with
// export, the XLSX of every target.
func (st step) completion(rd Reader, c Checklist, export bool) error {
	d := access.Check(st.Step, access.Results, access.Object{Reach: c.Units, Name: c.Title})
	if !d.Allowed {
		return nil
	}
	st.Answer("", false)
	if export {
		st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportChecklist, SurveyID: c.ID, Scope: d.Scope})
		return nil
	}
	targets, err := rd.ChecklistTargets(c.ID)
	if err != nil {
		return err
	}
	done, err := rd.ChecklistConfirmations(c.ID)
	if err != nil {
		return err
	}
	var ts []Target
	for _, t := range targets {
		if d.Scope == "" || st.Env.Subtree(d.Scope, t.Unit) {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b Target) int { return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Person, b.Person)) })
	var b strings.Builder
	b.WriteString(st.describe(st.Lang, c))
	if d.Scope != "" {
		b.WriteString("\n" + d.Text(st.Lang))
	}
	st.groups(&b, ts, done)
	rows := [][]kit.Button{{{Text: st.t(mBtnExport), Data: "ck:" + c.ID + ":x"}}}
	if c.Open && access.Allows(st.Step, access.Launch, access.Object{Reach: c.Units}) {
		rows[0] = append(rows[0], kit.Button{Text: st.t(mBtnCloseChecklist), Data: "ck:" + c.ID + ":cl"})
	}
	st.Send(b.String(), rows...)
	return nil
}

// groups writes the completion per group (the uploaded list's 分组, else
// the role), per unit and the names missing.
func (st step) groups(b *strings.Builder, ts []Target, done map[int64]Confirmation) {
	count := func(keep func(Target) bool) (n, d int64) {
		for _, t := range ts {
			if keep(t) {
				n++
				if _, ok := done[t.Person]; ok {
					d++
				}
			}
		}
		return n, d
	}
	all, did := count(func(Target) bool { return true })
	b.WriteString("\n\n" + st.t(mCompletion, kit.Percent(did, all), did, all))
	var listed []string // the groups of an uploaded list, in its order
	for _, t := range ts {
		if t.Group != "" && !slices.Contains(listed, t.Group) {
			listed = append(listed, t.Group)
		}
	}
	for _, g := range listed {
		n, d := count(func(t Target) bool { return t.Group == g })
		b.WriteString("\n" + st.t(mGroupLine, g, d, n, kit.Percent(d, n)))
	}
	for _, r := range roleChoices {
		if len(listed) > 0 {
			break
		}
		if n, d := count(func(t Target) bool { return t.Role == r }); n > 0 {
			b.WriteString("\n" + st.t(mGroupLine, st.RoleName(r), d, n, kit.Percent(d, n)))
		}
	}
	var units []string
	for _, t := range ts {
		if !slices.Contains(units, t.Unit) {
			units = append(units, t.Unit)
		}
	}
	for _, u := range units {
		n, d := count(func(t Target) bool { return t.Unit == u })
		b.WriteString("\n" + st.t(mUnitLine, st.UnitName(u), d, n, kit.Percent(d, n)))
	}
	var missing []string
	for _, t := range ts {
		if _, ok := done[t.Person]; !ok {
			missing = append(missing, fmt.Sprintf("%s（%s）", t.Name, st.UnitName(t.Unit)))
		}
	}
	if len(missing) == 0 {
		return
	}
	more := ""
	if len(missing) > maxMissing {
		more = st.t(mMoreMissing, len(missing)-maxMissing)
		missing = missing[:maxMissing]
	}
	b.WriteString("\n\n" + st.t(mMissing, len(missing)) + "\n" + strings.Join(missing, "、") + more)
}

// closeChecklist closes a checklist: no more proof, no more reminders.
func (st step) closeChecklist(rd Reader, c Checklist) error {
	if !access.Check(st.Step, access.Launch, access.Object{Reach: c.Units, Name: c.Title}).Allowed {
		return nil
	}
	if !c.Open {
		st.tell(st.t(mChecklistClosed))
		return nil
	}
	targets, err := rd.ChecklistTargets(c.ID)
	if err != nil {
		return err
	}
	done, err := rd.ChecklistConfirmations(c.ID)
	if err != nil {
		return err
	}
	st.Answer("", false)
	after := c
	after.Open = false
	st.Emit(ChecklistClosed{Checklist: after, Prev: c.Rev, By: st.Me.ID, Targets: len(targets), Done: len(done)})
	st.Send(st.t(mClosedChecklist, c.Title, len(done), len(targets)))
	return nil
}

// talkPairs shows a talk round as 四必谈: per unit (a pair of the unit's
// interviewers and its people), talked-with over due.
func (st step) talkPairs(round string) error {
	tr, ok := st.Dir.(talk.Reader)
	if !ok {
		st.tell(st.t(mGone))
		return nil
	}
	rs, found, err := tr.TalkRound(round)
	if err != nil || !found {
		if err == nil {
			st.tell(st.t(mGone))
		}
		return err
	}
	d := access.Check(st.Step, access.Results, access.Object{Reach: rs.Round.Units, Name: rs.Round.Title})
	if !d.Allowed {
		return nil
	}
	st.Answer("", false)
	cov, err := tr.TalkCoverage(round)
	if err != nil {
		return err
	}
	var pairs strings.Builder
	done, due := cov.Done(), cov.Due()
	if d.Scope != "" {
		done, due = 0, 0 // the scoped reader's own units only, totals too
	}
	for _, u := range st.Env.SubUnits(st.Env.Root) {
		c := cov.Units[u]
		if c == nil || d.Scope != "" && !st.Env.Subtree(d.Scope, u) {
			continue
		}
		uDue := c["roster"] - c[talk.BucketExcused]
		uDid := c[talk.BucketDoneFace] + c[talk.BucketDonePhone] + c[talk.BucketDoneMakeup]
		if d.Scope != "" {
			done, due = done+uDid, due+uDue
		}
		pairs.WriteString("\n" + st.t(mTalkPair, st.interviewers(rs.Round, u), st.UnitName(u), uDid, uDue, kit.Percent(uDid, uDue)))
	}
	st.Send(st.t(mTalkHeader, rs.Round.Title, kit.Percent(done, due), done, due) + pairs.String())
	return nil
}

// interviewers names the interviewers a round names for unit (or the
// nearest unit above it), else "书记".
func (st step) interviewers(r talk.Round, unit string) string {
	for u := unit; u != ""; u = st.Env.Parent(u) {
		if ids := r.Interviewers[u]; len(ids) > 0 {
			var names []string
			for _, id := range ids {
				if p, ok, _ := st.Dir.Person(id); ok {
					names = append(names, p.Name)
				}
			}
			return strings.Join(names, "、")
		}
	}
	return st.t(mSecretaries)
}
