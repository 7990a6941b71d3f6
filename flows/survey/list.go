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

// help is the questionnaires' section of /help for the person's role.
func (st step) help() string {
	if st.Me.Role == kit.RoleOfficial {
		return st.t(mHelpOfficial)
	}
	return st.t(mHelpMember)
}

// todo lists the open questionnaires issued to the person and not yet
// submitted (the /start to-do), each with its 开始填写 button.
func (st step) todo() ([]kit.Task, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	var tasks []kit.Task
	for _, id := range st.f.IDs() {
		c, err := r.Survey(id)
		if err != nil {
			return nil, fmt.Errorf("survey counts %s: %w", id, err)
		}
		if _, open := st.answerable(st.f.Surveys[id], c); !open {
			continue
		}
		issued, err := r.Issued(id, st.Me.ID)
		if err != nil {
			return nil, fmt.Errorf("issued %s: %w", id, err)
		}
		if !issued {
			continue
		}
		done, err := r.Submitted(id, st.Me.ID)
		if err != nil {
			return nil, fmt.Errorf("submitted %s: %w", id, err)
		}
		if !done {
			title := st.f.Title(id)
			tasks = append(tasks, kit.Task{Text: st.t(mTodoSurvey, title),
				Buttons: []kit.Button{{Text: st.t(mBtnStartTitled, kit.Short(title, 14)), Data: entry(id)}}})
		}
	}
	return tasks, nil
}
