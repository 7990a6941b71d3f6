package tipoff

// Reader is the read side of tip-offs. storage's Directory implements it
// (opening what is sealed with the anonymity key); steps reach it with a
// type assertion on the kit.Directory.
type Reader interface {
	// TipoffByCode finds the tip-off of a receipt code (released, or
	// still pooled: then with StatusPooled and no ID).
	TipoffByCode(code string) (Tipoff, bool, error)
	// Tipoffs lists the released tip-offs, newest first.
	Tipoffs() ([]Tipoff, error)
	// Tipoff returns one released tip-off with its revision.
	Tipoff(id string) (Tipoff, bool, error)
	// TipoffsToday is how many tip-offs and additions reporter sent on
	// day (2006-01-02): a count that names no tip-off.
	TipoffsToday(reporter int64, day string) (int, error)
}

// reader returns the Reader behind the step's Directory; ok=false for a
// directory without tip-offs (older tests, tools).
func (st step) reader() (Reader, bool) {
	r, ok := st.Dir.(Reader)
	return r, ok
}
