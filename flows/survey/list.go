package survey

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
)

// listSurveys answers /surveys: open questionnaires issued to the person.
func (st step) listSurveys() error {
	r, err := st.reader()
	if err != nil {
		return err
	}
	var rows [][]kit.Button
	var b strings.Builder
	for _, id := range st.f.IDs() {
		c, err := r.Survey(id)
		if err != nil {
			return fmt.Errorf("survey counts %s: %w", id, err)
		}
		if _, open := st.answerable(st.f.Surveys[id], c); !open {
			continue
		}
		issued, err := r.Issued(id, st.Me.ID)
		if err != nil {
			return fmt.Errorf("issued %s: %w", id, err)
		}
		if !issued {
			continue
		}
		done, err := r.Submitted(id, st.Me.ID)
		if err != nil {
			return fmt.Errorf("submitted %s: %w", id, err)
		}
		if done {
			fmt.Fprintf(&b, "✔ %s（%s）\n", st.f.Title(id), st.t(mSurveysDone))
			continue
		}
		fmt.Fprintf(&b, "• %s\n", st.f.Title(id))
		rows = append(rows, []kit.Button{{Text: st.t(kit.MsgBtnStartSurvey) + "：" + st.f.Title(id), Data: entry(id)}})
	}
	if b.Len() == 0 {
		st.Send(st.t(mSurveysNone))
		return nil
	}
	st.Send(st.t(mSurveysHeader)+"\n"+b.String(), rows...)
	return nil
}
