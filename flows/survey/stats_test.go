package survey_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"sibu/flows/kit"
	"sibu/flows/survey"
)

// statsDir is a directory whose questionnaire has figures: every choice of
// every question chosen.
type statsDir struct {
	dir
	stats survey.Stats
}

func (d statsDir) Stats(string) (survey.Stats, error) { return d.stats, nil }

// TestStatsOfLargeMatricesIsOneScreen (issue 12, finding 1): /stats of a
// questionnaire with six 50×10 matrices (110 KB of distributions) answers
// on one screen — the funnel, 满意率 and each question's answered count —
// and says the distributions are in the chart that follows, instead of an
// output no commit takes (or two dozen messages nobody reads).
func TestStatsOfLargeMatricesIsOneScreen(t *testing.T) {
	var def strings.Builder
	def.WriteString(`{"campaign": {"units": ["root"]}, "survey": {"title": "班子评议", "elements": [`)
	for m := range 6 {
		if m > 0 {
			def.WriteString(",")
		}
		fmt.Fprintf(&def, `{"type": "matrix", "name": "m%d", "title": "第%d部分：请逐项评价以下工作", "rows": [`, m, m+1)
		for r := range 50 {
			if r > 0 {
				def.WriteString(",")
			}
			fmt.Fprintf(&def, `{"value": "r%d", "text": "第%d项重点工作落实情况"}`, r, r+1)
		}
		def.WriteString(`], "columns": [`)
		for c := range 10 {
			if c > 0 {
				def.WriteString(",")
			}
			fmt.Fprintf(&def, `{"value": "c%d", "text": "%d分"}`, c, c+1)
		}
		def.WriteString(`]}`)
	}
	def.WriteString(`]}}`)
	sv, err := survey.Parse("pingyi", []byte(def.String()), cst)
	if err != nil {
		t.Fatal(err)
	}
	tallies := map[string]int64{}
	for _, q := range sv.Questions {
		tallies["#"+q.Name] = 120
		for _, r := range q.Rows {
			for _, c := range q.Choices {
				tallies[q.Name+"\x1f"+r.Value+"="+c.Value] = 12
			}
		}
	}
	d := statsDir{dir: newDir(), stats: survey.Stats{Counts: survey.Counts{Status: survey.StatusOpen, Issued: 150, Submitted: 120}, Tallies: tallies}}
	d.people[0].Role, d.people[0].Unit = kit.RoleOfficial, "root" // the campaign's own officials see the distributions
	f := feature(sv)
	st := stepOf(f, d.dir, &session{})
	st.Dir = d
	st.In = kit.Input{Kind: kit.InputCommand, ChatID: 2, UserID: 2, Private: true, Command: "stats", Args: "pingyi"}
	if err := f.Kit().Commands["stats"](st); err != nil {
		t.Fatal(err)
	}
	var texts, reports int
	for _, o := range st.Outputs {
		switch {
		case o.Kind == kit.OutReport:
			reports++
		case o.Text != "":
			texts++
			if n := len(utf16.Encode([]rune(o.Text))); n > 4096 {
				t.Errorf("/stats text is %d UTF-16 units (%d bytes): more than one message holds", n, len(o.Text))
			}
			for i := range 6 {
				if !strings.Contains(o.Text, fmt.Sprintf("第%d部分", i+1)) {
					t.Errorf("question %d is not named", i+1)
				}
			}
			if !strings.Contains(o.Text, "图表") {
				t.Errorf("the text does not say where the distributions are: %q", o.Text[:min(len(o.Text), 400)])
			}
		}
	}
	if texts != 1 || reports != 1 {
		t.Errorf("%d texts and %d reports, want the summary and the chart", texts, reports)
	}
}
