package research

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// ReportOpinions is the OutReport kind of the 意见台账 as XLSX (SurveyID:
// the unit whose subtree it lists).
const ReportOpinions = "research_opinions"

// pageSize is how many opinions one page of /opinions lists.
const pageSize = 5

// allTopics is the topic filter "every topic" in list buttons.
const allTopics = "a"

// opinionsCommand answers /opinions [unit] [topic]: the 意见台账 of the
// unit's subtree (the person's by default), newest first, a page at a time.
func (st step) opinionsCommand() error {
	unit, topic := st.Me.Unit, allTopics
	for _, word := range strings.Fields(st.In.Args) {
		if i := slices.Index(st.settings().Topics, word); i >= 0 {
			topic = strconv.Itoa(i)
			continue
		}
		u, ok := st.Env.FindUnit(word, st.Me.Unit)
		if !ok {
			st.Send(st.t(mUnknownUnit, word, st.Env.UnitListUnder(st.Me.Unit)))
			return nil
		}
		unit = u
	}
	if !access.Check(st.Step, access.Opinions, access.Object{Unit: unit}).Allowed {
		return nil
	}
	return st.showList(unit, topic, 0, false)
}

// Visible lists the opinions of unit's subtree that me may read, newest
// first: talk summaries only for officials, anonymous comments released
// without a unit only for those who answer for the whole organisation.
func (f *Feature) Visible(dir kit.Directory, me kit.Person, unit string) ([]Opinion, error) {
	r, ok := dir.(Reader)
	if !ok {
		return nil, fmt.Errorf("directory %T does not implement research.Reader", dir)
	}
	ops, err := r.OpinionsIn(f.Env.SubUnits(unit), unit == f.Env.Root)
	if err != nil {
		return nil, fmt.Errorf("opinions of %s: %w", unit, err)
	}
	return slices.DeleteFunc(ops, func(o Opinion) bool { return o.Private && me.Role != kit.RoleOfficial }), nil
}

// filtered keeps the opinions of topic (allTopics: every one; "-": none).
func (st step) filtered(ops []Opinion, topic string) []Opinion {
	if topic == allTopics {
		return ops
	}
	want := ""
	if i, err := strconv.Atoi(topic); err == nil && i >= 0 && i < len(st.settings().Topics) {
		want = st.settings().Topics[i]
	}
	return slices.DeleteFunc(slices.Clone(ops), func(o Opinion) bool { return o.Topic != want })
}

// showList sends (or, edit, writes in place) a page of the ledger.
func (st step) showList(unit, topic string, page int, edit bool) error {
	all, err := st.f.Visible(st.Dir, st.Me, unit)
	if err != nil {
		return err
	}
	ops := st.filtered(all, topic)
	pages := max(1, (len(ops)+pageSize-1)/pageSize)
	page = min(max(page, 0), pages-1)
	var b strings.Builder
	b.WriteString(st.t(mLedgerHead, st.UnitName(unit), st.topicLabel(topic)))
	b.WriteString("\n" + st.tally(ops))
	if topic == allTopics {
		b.WriteString("\n" + st.topicTally(all))
	}
	if len(ops) == 0 {
		b.WriteString("\n\n" + st.t(mLedgerEmpty))
	}
	var open []kit.Button
	for i, o := range ops[page*pageSize : min(len(ops), (page+1)*pageSize)] {
		n := page*pageSize + i + 1
		fmt.Fprintf(&b, "\n\n%d. %s\n   %s", n, st.opinionHead(o), st.opinionMeta(o))
		open = append(open, kit.Button{Text: strconv.Itoa(n), Data: "ro:" + o.ID + ":v"})
	}
	rows := [][]kit.Button{}
	if len(open) > 0 {
		rows = append(rows, open)
	}
	rows = append(rows, st.listButtons(unit, topic, page, pages)...)
	if edit {
		st.Edit(st.In.MessageID, b.String(), rows...)
		return nil
	}
	st.Send(b.String(), rows...)
	return nil
}

// listButtons are the pages, the topic filters, the export and (for
// officials) the import of questionnaire comments and talk summaries.
func (st step) listButtons(unit, topic string, page, pages int) [][]kit.Button {
	data := func(t, verb string, arg int) string { return fmt.Sprintf("rl:%s:%s:%s:%d", unit, t, verb, arg) }
	var rows [][]kit.Button
	var nav []kit.Button
	if page > 0 {
		nav = append(nav, kit.Button{Text: kit.T(st.Lang, kit.MsgBtnPrevPage), Data: data(topic, "p", page-1)})
	}
	if page+1 < pages {
		nav = append(nav, kit.Button{Text: kit.T(st.Lang, kit.MsgBtnNextPage), Data: data(topic, "p", page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	var topics []kit.Button
	for i, name := range st.settings().Topics {
		if t := strconv.Itoa(i); t != topic {
			topics = append(topics, kit.Button{Text: name, Data: data(t, "p", 0)})
		}
	}
	if topic != allTopics {
		topics = append(topics, kit.Button{Text: st.t(mAllTopics), Data: data(allTopics, "p", 0)})
	}
	rows = append(rows, grid(topics, 3)...)
	tools := []kit.Button{{Text: st.t(mBtnExport), Data: data(topic, "x", 0)}}
	if st.Me.Role == kit.RoleOfficial {
		tools = append(tools, kit.Button{Text: st.t(mBtnImport), Data: data(topic, "i", 0)})
	}
	return append(rows, tools)
}

// listEntry handles "rl:<unit>:<topic>:<verb>:<arg>": a page, the export,
// the import.
func (st step) listEntry(rest string) error {
	parts := strings.Split(rest, ":")
	if len(parts) != 4 || !st.Env.UnitExists(parts[0]) {
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
		return nil
	}
	unit, topic, verb := parts[0], parts[1], parts[2]
	if !access.Check(st.Step, access.Opinions, access.Object{Unit: unit}).Allowed {
		return nil
	}
	st.Answer("", false)
	switch verb {
	case "p":
		page, _ := strconv.Atoi(parts[3])
		return st.showList(unit, topic, page, true)
	case "x":
		st.Out(kit.Output{Kind: kit.OutReport, ChatID: st.In.ChatID, Report: ReportOpinions, SurveyID: unit})
	case "i":
		return st.importCommand(unit)
	}
	return nil
}

// topicLabel names a topic filter.
func (st step) topicLabel(topic string) string {
	if i, err := strconv.Atoi(topic); err == nil && i >= 0 && i < len(st.settings().Topics) {
		return st.settings().Topics[i]
	}
	return st.t(mAllTopics)
}

// tally counts opinions by handling: 已转承诺, 跟进中, 已办结, 未处理.
func (st step) tally(ops []Opinion) string {
	var committed, open, done, none int
	for _, o := range ops {
		switch {
		case o.Handling.Kind == HandledCommitment:
			committed++
		case o.Open():
			open++
		case o.Handling.Kind == HandledFollowUp:
			done++
		default:
			none++
		}
	}
	return st.t(mTally, len(ops), committed, open, done, none)
}

// topicTally counts opinions per topic, the untagged last.
func (st step) topicTally(ops []Opinion) string {
	count := map[string]int{}
	for _, o := range ops {
		count[o.Topic]++
	}
	var parts []string
	for _, name := range st.settings().Topics {
		if count[name] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", name, count[name]))
		}
	}
	if count[""] > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", st.t(mUntagged), count[""]))
	}
	if len(parts) == 0 {
		return ""
	}
	return st.t(mByTopic, strings.Join(parts, " · "))
}
