package survey

import (
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

// Find reads a questionnaire typed by a person: its id, its title, or a
// part of its title that names one questionnaire only (nil for none).
func (f *Feature) Find(s string) *Survey {
	s = strings.TrimSpace(s)
	if sv := f.Surveys[s]; sv != nil {
		return sv
	}
	var part []*Survey
	for _, id := range f.IDs() {
		sv := f.Surveys[id]
		switch {
		case sv.Title == s:
			return sv
		case s != "" && strings.Contains(sv.Title, s):
			part = append(part, sv)
		}
	}
	if len(part) == 1 {
		return part[0]
	}
	return nil
}

// pickButtons are a button per questionnaire keep accepts, one to a row,
// sending cmd with arg(questionnaire) and labelled by label(questionnaire).
func (st step) pickButtons(cmd string, keep func(*Survey) bool, arg, label func(*Survey) string) [][]kit.Button {
	var args, labels []string
	for _, id := range st.f.IDs() {
		if sv := st.f.Surveys[id]; keep(sv) {
			args, labels = append(args, arg(sv)), append(labels, label(sv))
		}
	}
	return kit.CommandButtons(cmd, args, labels, 1)
}

// surveyVerbs are the words of /survey's action.
var surveyVerbs = map[string]string{"open": "open", "发放": "open", "开启": "open", "close": "close", "结束": "close", "关闭": "close"}

// adminPicker offers the questionnaires the person may issue or close
// (verb "" for both) as buttons, each saying what it does now.
func (st step) adminPicker(text string, verb string) error {
	r, err := st.reader()
	if err != nil {
		return err
	}
	action := map[string]string{}
	for _, id := range st.f.IDs() {
		c, err := r.Survey(id)
		if err != nil {
			return err
		}
		action[id] = "open"
		if c.Status == StatusOpen {
			action[id] = "close"
		}
	}
	rows := st.pickButtons("survey", func(sv *Survey) bool {
		return (verb == "" || verb == action[sv.ID]) && access.Allows(st.Step, access.Launch, st.f.object(sv))
	}, func(sv *Survey) string { return action[sv.ID] + " " + sv.ID }, func(sv *Survey) string {
		return st.t(map[string]kit.Msg{"open": mBtnIssue, "close": mBtnCloseSurvey}[action[sv.ID]], kit.Short(sv.Title, 20))
	})
	if len(rows) == 0 {
		st.Send(st.t(mSurveyNoneToLaunch))
		return nil
	}
	st.Send(text, rows...)
	return nil
}
