package flows

import (
	"fmt"
	"strings"

	"sibu/flows/kit"
)

// maxTasks is how many tasks the /start to-do lists (each with its buttons).
const maxTasks = 8

// todo answers /start from a person who joined: who they are and what
// waits for them (questionnaires to fill in, talks to arrange, items
// overdue or returned, items to review), a button for each task.
func (e *Engine) todo(st *kit.Step) error {
	tasks, err := e.tasks(st, false)
	if err != nil {
		return fmt.Errorf("to-do: %w", err)
	}
	var b strings.Builder
	b.WriteString(e.t(st, mTodoHello, st.Me.Name, st.UnitName(st.Me.Unit), st.RoleName(st.Me.Role)))
	if len(tasks) == 0 {
		b.WriteString("\n\n" + e.t(st, mTodoNone))
		st.Send(b.String())
		return nil
	}
	b.WriteString("\n\n" + e.t(st, mTodoHeader, len(tasks)))
	var rows [][]kit.Button
	for i, t := range tasks {
		if i == maxTasks {
			b.WriteString("\n" + e.t(st, mTodoMore, len(tasks)-maxTasks))
			break
		}
		fmt.Fprintf(&b, "\n%d. %s", i+1, t.Text)
		if len(t.Buttons) > 0 {
			rows = append(rows, t.Buttons)
		}
	}
	b.WriteString("\n\n" + e.t(st, mTodoHint))
	st.Send(b.String(), rows...)
	return nil
}
