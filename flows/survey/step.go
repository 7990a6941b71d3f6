package survey

import (
	"fmt"
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// step is one engine step as the questionnaire feature handles it: the
// kit.Step and the feature's configuration.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(s *kit.Step) step { return step{Step: s, f: f} }

// t formats a message of the catalog in the person's language.
func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// reader returns the questionnaire reads of the step's directory.
func (st step) reader() (Reader, error) { return reader(st.Dir) }

// current returns the run being answered and its questionnaire (nil when
// it was removed from configuration).
func (st step) current() (*Survey, *Run) {
	run := state(st.Step).Survey
	return st.f.Surveys[run.ID], run
}

// when formats a questionnaire's opening or closing time in the
// deployment's time zone, always with its year (it is a deadline).
func (f *Feature) when(t time.Time) string { return when.DeadlineAt(t, f.Env.Location, "zh") }

// stamp formats the moment figures were read ("截至 …").
func (f *Feature) stamp(t time.Time) string { return t.In(f.Env.Location).Format("2006-01-02 15:04") }

// entry is the data of a 开始填写 button: valid whatever the session holds.
func entry(id string) string { return "sv:" + id }

// counts reads the campaign figures of questionnaire id.
func (st step) counts(id string) (Counts, error) {
	r, err := st.reader()
	if err != nil {
		return Counts{}, err
	}
	c, err := r.Survey(id)
	if err != nil {
		return Counts{}, fmt.Errorf("survey counts %s: %w", id, err)
	}
	return c, nil
}
