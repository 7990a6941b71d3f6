package flows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"sibu/flows/kit"
)

// Digest limits: how many tasks and held-over notices one digest lists,
// and how many rows of buttons it carries (each task's, then each
// notice's).
const (
	maxDigestTasks  = 10
	maxDigestFolded = 10
	maxDigestRows   = 10
)

// DigestInput is what the daily digest job read for one person besides
// the directory: the day, the week's commitment summary (Mondays, for the
// supervisors it concerns) and the pushes held over for the digest since
// the last one (the day's budget was spent when they came), oldest first.
type DigestInput struct {
	Person kit.Person
	Day    string // 2006-01-02 in the deployment's zone
	Weekly string
	Folded []kit.Output
	// FoldedRead is how many entries of the person's folded list were
	// read (Folded less the undecodable ones): the digest drops them.
	FoldedRead int
}

// Digest is a person's daily digest (今日待办) at now: what every feature
// lists for them — the same tasks as the /start to-do (a feature's Digest,
// or its Todo), each with its buttons — then the notices held over for it
// and, on Mondays, the week's commitment summary; one push (Output.Digest,
// outside the day's budget) with a DigestSent effect that keeps it once a
// day. Nothing to do: an empty Result (nobody with nothing to do gets a
// digest; lines that only say what is arranged, kit.Task.Booked, do not
// make one).
func (e *Engine) Digest(in DigestInput, now time.Time, dir kit.Directory) (res kit.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = kit.Result{}, fmt.Errorf("digest of %d panicked: %v", in.Person.ID, r)
		}
	}()
	var sess Session
	st := &kit.Step{Env: &e.env.Env, Dir: dir, Now: now, Lang: "zh", Me: in.Person, Known: true, Session: &sess,
		In: kit.Input{ChatID: in.Person.ID, UserID: in.Person.ID, Private: true}, Leaver: e.leave}
	tasks, err := e.tasks(st, true)
	if err != nil {
		return kit.Result{}, fmt.Errorf("digest of %d: %w", in.Person.ID, err)
	}
	if !slices.ContainsFunc(tasks, func(t kit.Task) bool { return !t.Booked }) && len(in.Folded) == 0 && in.Weekly == "" {
		return kit.Result{}, nil // nothing to do (a booked talk alone is not)
	}
	var b strings.Builder
	b.WriteString(e.t(st, mDigestHeader, e.digestDay(st, now)))
	var rows [][]kit.Button
	for i, t := range tasks {
		if i == maxDigestTasks {
			b.WriteString("\n" + e.t(st, mDigestMore, len(tasks)-maxDigestTasks))
			break
		}
		fmt.Fprintf(&b, "\n%d. %s", i+1, t.Text)
		if len(t.Buttons) > 0 && len(rows) < maxDigestRows {
			rows = append(rows, t.Buttons)
		}
	}
	if len(in.Folded) > 0 {
		b.WriteString("\n\n" + e.t(st, mDigestFolded, len(in.Folded)))
		for i, o := range in.Folded {
			if i == maxDigestFolded {
				b.WriteString("\n" + e.t(st, mDigestFoldedMore, len(in.Folded)-maxDigestFolded))
				break
			}
			b.WriteString("\n· " + kit.Short(firstLine(o.Text), 60))
			if len(o.Buttons) > 0 && len(rows) < maxDigestRows {
				rows = append(rows, o.Buttons[0])
			}
		}
	}
	if in.Weekly != "" {
		b.WriteString("\n\n" + in.Weekly)
	}
	b.WriteString("\n\n" + e.t(st, mDigestHint))
	return kit.Result{
		Outputs: []kit.Output{{Kind: kit.OutPush, ChatID: in.Person.ID, Text: b.String(), Buttons: rows, Digest: true}},
		Effects: []kit.Effect{kit.DigestSent{Day: in.Day, To: in.Person.ID, Folded: max(in.FoldedRead, len(in.Folded))}},
	}, nil
}

// tasks collects what every feature lists for the person: its Todo, or
// for the digest its Digest when it has one.
func (e *Engine) tasks(st *kit.Step, digest bool) ([]kit.Task, error) {
	var tasks []kit.Task
	for _, f := range e.features {
		list := f.Todo
		if digest && f.Digest != nil {
			list = f.Digest
		}
		if list == nil {
			continue
		}
		more, err := list(st)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, more...)
	}
	return tasks, nil
}

// digestDay is the day of the digest as its header says it (12月1日 星期二).
func (e *Engine) digestDay(st *kit.Step, now time.Time) string {
	d := now.In(e.env.Location)
	if st.Lang == "en" {
		return d.Format("Mon 2 Jan")
	}
	return fmt.Sprintf("%d月%d日 星期%s", d.Month(), d.Day(), []string{"日", "一", "二", "三", "四", "五", "六"}[d.Weekday()])
}

// firstLine is the first line of text.
func firstLine(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	return line
}
