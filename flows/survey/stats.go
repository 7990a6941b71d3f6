package survey

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
