package retro

import (
	"sibu/flows/kit"
	"sibu/flows/survey"
)

// Tracker makes a follow-up action a tracked item with an owner and a
// deadline (2006-01-02), reminded and kept in a ledger; it returns the
// item's id. The commitment feature implements it (commitment.Feature.Track),
// so retro does not import commitment.
type Tracker interface {
	Track(st *kit.Step, owner kit.Person, content, source, deadline string) (string, error)
}

// Commitments measures the public commitments of a unit and the units
// below it in the current period (the year): the period and its figures,
// target against actual, in Chinese. The commitment feature implements it
// (commitment.Feature.PeriodFigures).
type Commitments interface {
	PeriodFigures(st *kit.Step, unit string) (period, figures string, err error)
}

// Feature is 复盘 (the four-step review): /retro, the participants'
// answering, the facilitator's status, merge, edit, close, the DOCX report
// and tracked items.
type Feature struct {
	Env *kit.Env
	// Surveys are the questionnaires a 复盘 may review (their measured
	// figures fill 评估结果).
	Surveys map[string]*survey.Survey
	// Tracker makes lines tracked items (nil: they cannot be).
	Tracker Tracker
	// Commitments measures the commitment period a 复盘 may review (nil:
	// it opens without figures).
	Commitments Commitments
}

// ReportDOCX is the OutReport kind of a 复盘's document (SurveyID names
// the 复盘).
const ReportDOCX = "retro_docx"

// step is one engine step as the 复盘 feature handles it.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(st *kit.Step) step { return step{Step: st, f: f} }

func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// run is the chat's 复盘 conversation (nil when none).
func (st step) run() *Run { return state(st.Step).Retro }

// Kit returns what the feature plugs into the engine.
func (f *Feature) Kit() kit.Feature {
	return kit.Feature{
		Commands: map[string]func(st *kit.Step) error{
			"retro": func(st *kit.Step) error { return f.step(st).command() },
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    func(st *kit.Step) error { return f.step(st).input() },
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     func(st *kit.Step) error { return f.step(st).back() },
			Cancel:   func(st *kit.Step) { f.step(st).cancel() },
			Leave:    park,
		}},
		Entries: map[string]func(st *kit.Step, rest string) error{
			"rt": func(st *kit.Step, rest string) error { return f.step(st).entry(rest) },
		},
		Help: func(st *kit.Step) string { return f.step(st).help() },
		Todo: func(st *kit.Step) ([]kit.Task, error) { return f.step(st).todo() },
	}
}

// help is the 复盘 section of /help for the person's role.
func (st step) help() string {
	if _, ok := st.reader(); !ok {
		return "" // a directory without 复盘 (older tests, tools)
	}
	switch st.Me.Role {
	case kit.RoleSupervisor, kit.RoleOfficial:
		return st.t(mHelpLead)
	case kit.RoleMonitor:
		return ""
	}
	return st.t(mHelpMember)
}

// todo lists the 复盘 waiting for the person's answers.
func (st step) todo() ([]kit.Task, error) {
	rd, ok := st.reader()
	if !ok {
		return nil, nil
	}
	rs, err := rd.RetrosOf(st.Me.ID, listSize)
	if err != nil {
		return nil, err
	}
	var tasks []kit.Task
	for _, r := range rs {
		if r.Status != StatusOpen || !r.Participant(st.Me.ID) {
			continue
		}
		cs, err := rd.RetroContributions(r.ID)
		if err != nil {
			return nil, err
		}
		if contributed(cs, st.Me.ID) {
			continue
		}
		text := st.t(mTodo, r.Title)
		if p := state(st.Step).Parked[r.ID]; p != nil {
			text = st.t(mTodoResume, r.Title, len(p.Answers))
		}
		tasks = append(tasks, kit.Task{Text: text,
			Buttons: []kit.Button{{Text: st.t(mBtnAnswer), Data: entryData(r.ID, "go")}}})
	}
	if d, ok := kit.CommandData("retro", "resume"); ok && state(st.Step).Parked[parkedSetup] != nil {
		tasks = append(tasks, kit.Task{Text: st.t(mTodoSetup), Buttons: []kit.Button{{Text: st.t(mBtnResumeSetup), Data: d}}})
	}
	return tasks, nil
}

// enter starts a 复盘 conversation with run, leaving any other flow (or
// 复盘 run: parked) first.
func (st step) enter(run *Run) {
	if cur := st.run(); st.Flow() == Flow && cur != nil && cur.parkKey() != "" {
		st.Leave()
	}
	st.Enter(Flow)
	state(st.Step).Retro = run
}

// end leaves the 复盘 conversation, its run done (not parked); buttons of
// its last prompt expire.
func (st step) end(outcome string) {
	state(st.Step).Retro = nil
	st.Conclude(outcome)
	st.Next()
}

// tell says text as an alert for a pressed button, else as a message.
func (st step) tell(text string) {
	if st.In.Kind == kit.InputCallback {
		st.Answer(text, true)
		return
	}
	st.Send(text)
}

// entryData is the data of a button about 复盘 id: "rt:<id>:<verb>[:<arg>]".
func entryData(id, verb string, arg ...string) string {
	d := "rt:" + id + ":" + verb
	if len(arg) > 0 {
		d += ":" + arg[0]
	}
	return d
}

// listSize is how many 复盘 /retro and the to-do read.
const listSize = 20
