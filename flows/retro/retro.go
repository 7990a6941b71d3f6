package retro

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"
)

// Status is where a 复盘 is.
type Status string

// 复盘 states.
const (
	StatusOpen   Status = "open"   // participants contribute, the facilitator merges
	StatusClosed Status = "closed" // the document is final
)

// Field is one box of the 工作复盘模板.
type Field string

// The boxes of the template, in the order the method asks them: goals
// before results, results before causes, causes before lessons.
const (
	FieldPurpose    Field = "purpose"    // 目的或期望
	FieldTarget     Field = "target"     // 具体目标
	FieldGap        Field = "gap"        // 实际与期望差异
	FieldHighlights Field = "highlights" // 亮点与不足
	FieldSuccess    Field = "success"    // 成功的因素
	FieldFailure    Field = "failure"    // 失败的因素
	FieldLessons    Field = "lessons"    // 总结经验规律
	FieldImprove    Field = "improve"    // 有待改进之处
	FieldApply      Field = "apply"      // 转化应用
)

// Stage is one of the four steps of the method and its boxes.
type Stage struct {
	Title  string // 一、回顾目标 …, as the template writes it
	Fields []Field
}

// Stages are the four steps (复盘四步法) as the template lays them out.
var Stages = []Stage{
	{"一、回顾目标", []Field{FieldPurpose, FieldTarget}},
	{"二、评估结果", []Field{FieldGap, FieldHighlights}},
	{"三、分析原因", []Field{FieldSuccess, FieldFailure}},
	{"四、总结经验", []Field{FieldLessons, FieldImprove, FieldApply}},
}

// Labels are the template's names of the boxes.
var Labels = map[Field]string{
	FieldPurpose: "目的或期望", FieldTarget: "具体目标", FieldGap: "实际与期望差异", FieldHighlights: "亮点与不足",
	FieldSuccess: "成功的因素", FieldFailure: "失败的因素", FieldLessons: "总结经验规律", FieldImprove: "有待改进之处",
	FieldApply: "转化应用",
}

// Fields lists every box in the order they are asked.
func Fields() []Field {
	var out []Field
	for _, s := range Stages {
		out = append(out, s.Fields...)
	}
	return out
}

// stageOf is the index of the stage of f.
func stageOf(f Field) int {
	for i, s := range Stages {
		for _, x := range s.Fields {
			if x == f {
				return i
			}
		}
	}
	return 0
}

// Event kinds: what was reviewed.
const (
	EventSurvey     = "survey"     // a questionnaire campaign
	EventTalk       = "talk"       // a talk round
	EventCommitment = "commitment" // the year's public commitments
	EventOther      = "other"      // anything typed
)

// Event is what a 复盘 reviews: a sibu campaign or round (its figures are
// measured), the commitment period, or anything typed.
type Event struct {
	Kind string `json:"kind"`
	Ref  string `json:"ref,omitempty"`
	Name string `json:"name"`
}

// Participant is someone named to take part.
type Participant struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Retro is one 复盘: the template's header (复盘事件概述, 参与人员, 时间,
// 地点), who runs it, the figures measured when it opened, the
// facilitator's merged text and the lines made tracked items.
type Retro struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Unit   string        `json:"unit"`
	By     int64         `json:"by"`
	ByName string        `json:"by_name"`
	Event  Event         `json:"event"`
	Date   string        `json:"date"` // 2006-01-02
	Place  string        `json:"place,omitempty"`
	People []Participant `json:"people"`
	// Figures are the event's measured figures (target vs actual), the
	// start of 实际与期望差异; "" for an event sibu did not measure.
	Figures string `json:"figures,omitempty"`
	// Merged holds the boxes the facilitator edited; the others show the
	// contributions merged.
	Merged map[Field]string `json:"merged,omitempty"`
	// Tracked maps a line (LineKey) of 有待改进之处 or 转化应用 to the
	// tracked item made of it.
	Tracked map[string]string `json:"tracked,omitempty"`
	Status  Status            `json:"status"`
	// Urged is the day (2006-01-02) the facilitator last reminded the
	// participants waiting: once a day at most.
	Urged  string    `json:"urged,omitempty"`
	Opened time.Time `json:"opened"`
	Closed time.Time `json:"closed,omitzero"`
	// Rev is the stored revision (storage sets it; not in the JSON).
	Rev int64 `json:"-"`
}

// Participant reports whether id is named in r.
func (r Retro) Participant(id int64) bool {
	for _, p := range r.People {
		if p.ID == id {
			return true
		}
	}
	return false
}

// Contribution is one participant's answers (skipped boxes absent).
type Contribution struct {
	Retro   string           `json:"retro"`
	Person  int64            `json:"person"`
	Name    string           `json:"name"`
	Answers map[Field]string `json:"answers"`
	At      time.Time        `json:"at"`
}

// Text is the final text of box f: the facilitator's edit, else every
// contribution's answer ("姓名：…" per line), 实际与期望差异 opening with the
// measured figures.
func (r Retro) Text(f Field, cs []Contribution) string {
	if t, ok := r.Merged[f]; ok {
		return t
	}
	var lines []string
	if f == FieldGap && r.Figures != "" {
		lines = append(lines, r.Figures)
	}
	for _, c := range cs {
		if a := strings.TrimSpace(c.Answers[f]); a != "" {
			lines = append(lines, fmt.Sprintf("%s：%s", c.Name, a))
		}
	}
	return strings.Join(lines, "\n")
}

// Line is one line of 有待改进之处 or 转化应用, which may become a tracked
// item.
type Line struct {
	Key   string
	Field Field
	Text  string
}

// Lines lists the lines of 有待改进之处 and 转化应用 (a contribution's
// "姓名：" left out), each once.
func (r Retro) Lines(cs []Contribution) []Line {
	var out []Line
	seen := map[string]bool{}
	for _, f := range []Field{FieldImprove, FieldApply} {
		for _, l := range strings.Split(r.Text(f, cs), "\n") {
			if _, after, ok := strings.Cut(l, "："); ok && r.Merged[f] == "" {
				l = after
			}
			l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "·-•0123456789.、）) "))
			k := LineKey(f, l)
			if l == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Line{Key: k, Field: f, Text: l})
		}
	}
	return out
}

// LineKey names a line of box f by its text, so that it keeps its key
// when the lines around it change.
func LineKey(f Field, text string) string {
	h := fnv.New32a()
	h.Write([]byte(string(f) + "\x1f" + text))
	return fmt.Sprintf("%08x", h.Sum32())
}
