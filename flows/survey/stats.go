package survey

import "fmt"

// QuestionStats is the answer distribution of one question, for /stats and
// its chart. Counts come from counters maintained at submit time.
type QuestionStats struct {
	Name     string
	Title    string
	Type     string
	Answered int64 // responses that answered this question
	Options  []OptionCount
}

// OptionCount is how many responses chose one option (or, for ratings, one
// value; for matrices, one row=column pair).
type OptionCount struct {
	Label string
	Count int64
}

// ResponseRow is one stored response for export. Respondent and Unit are
// empty for anonymous questionnaires; Day is the submission day only.
type ResponseRow struct {
	ID         string
	Respondent string // person's name (named questionnaires only)
	UserID     int64  // 0 when anonymous
	Unit       string
	Day        string // 2006-01-02
	Version    string
	Answers    map[string]any
}

// QuestionTallies turns tally counters into per-question distributions, in
// question order, choices in definition order (for /stats and its chart).
func QuestionTallies(sv *Survey, tallies map[string]int64) []QuestionStats {
	var out []QuestionStats
	for _, q := range sv.Questions {
		qs := QuestionStats{Name: q.Name, Title: q.Title, Type: q.Type, Answered: tallies["#"+q.Name]}
		add := func(label, value string) {
			qs.Options = append(qs.Options, OptionCount{Label: label, Count: tallies[q.Name+"\x1f"+value]})
		}
		switch q.Type {
		case QRadio, QDropdown, QBoolean, QCheckbox:
			for _, c := range q.options() {
				add(c.Text, c.Value)
			}
		case QRanking:
			for _, c := range q.Choices {
				add("首选 "+c.Text, c.Value)
			}
		case QRating:
			for v := q.RateMin; v <= q.RateMax; v++ {
				add(fmt.Sprintf("%d 分", v), fmt.Sprint(v))
			}
		case QMatrix:
			for _, r := range q.Rows {
				for _, c := range q.Choices {
					add(r.Text+"·"+c.Text, r.Value+"="+c.Value)
				}
			}
		}
		out = append(out, qs)
	}
	return out
}
