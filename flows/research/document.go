package research

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/when"
)

// Doc is the 调研报告 as content: what reports lays out as a document. It
// is built from computed figures and stored opinions, never typed.
type Doc struct {
	Title    string
	Subtitle string
	// Lead is the paragraph before the first heading.
	Lead     string
	Sections []Section
}

// Section is one heading (一、基本情况 …) and what follows it.
type Section struct {
	Heading    string
	Paragraphs []Para
	Table      *Table
}

// Para is a paragraph: body text, a sub-heading ("（一）…") or a quote.
type Para struct {
	Text  string
	Style string // "", ParaSub or ParaQuote
}

// Paragraph styles.
const (
	ParaSub   = "sub"
	ParaQuote = "quote"
)

// Table is an appendix table; its last row may be a total.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// Section headings of the 调研报告, in order.
const (
	HeadBasics   = "一、基本情况"
	HeadOpinions = "二、主要意见和建议"
	HeadProblems = "三、存在的问题"
	HeadNext     = "四、下一步工作"
	HeadAppendix = "附表：分单位调研情况"
)

// quotesPerTopic is how many representative quotes each topic gets.
const quotesPerTopic = 3

// Report builds the 调研报告 of fig for issuer (the unit whose name heads
// it) at now: the four steps in the seed's words, the opinions by topic
// with counts and quotes (an anonymous comment without anything that
// could single its author out, a talk's summary without its unit), the
// problems and next steps drawn from the figures, open follow-ups and the
// commitment items drawn from opinions (items), and a table per unit.
func (f *Feature) Report(fig Figures, ops []Opinion, items map[string]commitment.Item, issuer string, now time.Time) Doc {
	c := fig.Campaign
	scope := "全区"
	if fig.Scope != "" {
		scope = f.Env.UnitName(fig.Scope)
	}
	units := make([]string, len(fig.Rows))
	for i, r := range fig.Rows {
		units[i] = f.Env.UnitName(r.Unit)
	}
	d := Doc{Title: "关于“" + c.Title + "”情况的调研报告",
		Subtitle: fmt.Sprintf("%s · %s", issuer, when.Deadline(kit.DayOf(now, f.Env.Location), "zh")),
		Lead: fmt.Sprintf("%s至%s，%s采取召开座谈会、个别听取、走访调查、问卷调查和谈心谈话等方式，深入%s进行调研。现将有关情况报告如下。",
			when.Deadline(c.From, "zh"), when.Deadline(c.To, "zh"), scope, strings.Join(units, "、"))}
	d.Sections = append(d.Sections, f.basics(fig, ops), f.opinionsSection(ops), f.problems(fig, ops, now),
		f.nextSteps(fig, ops, items), f.appendix(fig))
	return d
}

// basics is 一、基本情况: each step in the seed's sentences.
func (f *Feature) basics(fig Figures, ops []Opinion) Section {
	t := fig.Total
	by := map[string]int{}
	for _, o := range ops {
		by[o.Source]++
	}
	places := f.Settings.WithDefaults().Places
	return Section{Heading: HeadBasics, Paragraphs: []Para{
		{Text: fmt.Sprintf("听民生，突出广。%s，听取意见建议 %d 条。", ListenSentence(t), by[SourceMeeting])},
		{Text: fmt.Sprintf("问民情，突出实。%s，收到书面意见 %d 条。", AskSentence(t), by[SourceSurvey])},
		{Text: fmt.Sprintf("访民众，突出深。%s，记录诉求 %d 条。", VisitSentence(t, places), by[SourceVisit])},
		{Text: fmt.Sprintf("谈民心，突出细。%s。", TalkSentence(t, fig.Campaign.Targets.coverage()))},
	}}
}

// topicCounts orders the topics of ops by count (the untagged last).
func topicCounts(ops []Opinion) ([]string, map[string][]Opinion) {
	by := map[string][]Opinion{}
	var topics []string
	for _, o := range ops {
		if _, ok := by[o.Topic]; !ok && o.Topic != "" {
			topics = append(topics, o.Topic)
		}
		by[o.Topic] = append(by[o.Topic], o)
	}
	sort.SliceStable(topics, func(a, b int) bool { return len(by[topics[a]]) > len(by[topics[b]]) })
	if len(by[""]) > 0 {
		topics = append(topics, "")
	}
	return topics, by
}

// chineseOrdinals number sub-headings: （一）（二）…
var chineseOrdinals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// ordinal is the Chinese ordinal of i (0-based), the number past ten.
func ordinal(i int) string {
	if i < len(chineseOrdinals) {
		return chineseOrdinals[i]
	}
	return fmt.Sprint(i + 1)
}

// opinionsSection is 二、主要意见和建议: per topic its count, share and
// representative quotes.
func (f *Feature) opinionsSection(ops []Opinion) Section {
	s := Section{Heading: HeadOpinions}
	if len(ops) == 0 {
		s.Paragraphs = []Para{{Text: "本次调研暂未收集到意见建议。"}}
		return s
	}
	by := map[string]int{}
	for _, o := range ops {
		by[o.Source]++
	}
	s.Paragraphs = append(s.Paragraphs, Para{Text: fmt.Sprintf("共收集意见建议 %d 条（听 %d 条、问 %d 条、访 %d 条、谈 %d 条），按主题归纳如下：",
		len(ops), by[SourceMeeting], by[SourceSurvey], by[SourceVisit], by[SourceTalk])})
	topics, grouped := topicCounts(ops)
	for i, topic := range topics {
		name := topic
		if name == "" {
			name = "其他（未分类）"
		}
		list := grouped[topic]
		s.Paragraphs = append(s.Paragraphs, Para{Style: ParaSub,
			Text: fmt.Sprintf("（%s）%s（%d 条，占 %s）", ordinal(i), name, len(list), kit.Percent(int64(len(list)), int64(len(ops))))})
		n := 0
		for _, o := range list {
			if strings.TrimSpace(o.Text) == "" || n == quotesPerTopic {
				continue
			}
			s.Paragraphs = append(s.Paragraphs, Para{Style: ParaQuote, Text: fmt.Sprintf("“%s”（%s）", o.Text, f.attribution(o))})
			n++
		}
	}
	return s
}

// attribution says where a quote comes from: its source and unit, or
// 匿名 for an anonymous comment; a talk's summary without its unit.
func (f *Feature) attribution(o Opinion) string {
	source := catalog.T("zh", mSource+kit.Msg(o.Source))
	switch {
	case o.Anonymous:
		return source + "，匿名"
	case o.Private || o.Unit == "":
		return source
	}
	return source + "，" + f.Env.UnitName(o.Unit)
}

// behindUnits names the rows behind in step.
func (f *Feature) behindUnits(fig Figures, step string) []string {
	var out []string
	for _, r := range fig.Rows {
		if slices.Contains(fig.Behind(r), step) {
			out = append(out, f.Env.UnitName(r.Unit))
		}
	}
	return out
}
