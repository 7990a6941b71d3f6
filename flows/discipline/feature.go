package discipline

import (
	"strings"

	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

// Feature is the election-discipline work of the seed's 换届 chapters:
// /checklist (四必看 materials and 四必训 trainings with proof, 四必谈 as
// talk rounds' coverage) and /nominees (the 四个凡提必 gate).
type Feature struct {
	Env *kit.Env
}

var _ tipoff.Nominees = (*Feature)(nil)

// Report kinds of the feature (OutReport.Report; SurveyID names the
// checklist).
const ReportChecklist = "checklist_xlsx"

// step is one engine step as the discipline feature handles it.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(st *kit.Step) step { return step{Step: st, f: f} }

func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// run is the chat's discipline conversation (nil when none).
func (st step) run() *Run { return state(st.Step).Discipline }

// Kit returns what the feature plugs into the engine.
func (f *Feature) Kit() kit.Feature {
	return kit.Feature{
		Commands: map[string]func(st *kit.Step) error{
			"checklist": func(st *kit.Step) error { return f.step(st).checklistCommand() },
			"nominees":  func(st *kit.Step) error { return f.step(st).nomineesCommand() },
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    func(st *kit.Step) error { return f.step(st).input() },
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     func(st *kit.Step) error { return f.step(st).back() },
			Cancel:   func(st *kit.Step) { f.step(st).cancel() },
			Leave:    func(st *kit.Step) { state(st).Discipline = nil },
		}},
		Entries: map[string]func(st *kit.Step, rest string) error{
			"ck": func(st *kit.Step, rest string) error { return f.step(st).checklistEntry(rest) },
			"nm": func(st *kit.Step, rest string) error { return f.step(st).nomineeEntry(rest) },
		},
		Help: func(st *kit.Step) string { return f.step(st).help() },
		Todo: func(st *kit.Step) ([]kit.Task, error) { return f.step(st).todo() },
	}
}

// help is the section of /help for the person's role.
func (st step) help() string {
	if _, ok := st.reader(); !ok {
		return ""
	}
	switch st.Me.Role {
	case kit.RoleOfficial:
		return st.t(mHelpOfficial)
	case kit.RoleInspector:
		return st.t(mHelpInspector)
	case kit.RoleMonitor:
		return ""
	}
	return st.t(mHelpMember)
}

// enter starts a discipline conversation, leaving any other flow first.
func (st step) enter(run *Run) {
	st.Enter(Flow)
	state(st.Step).Discipline = run
}

// end leaves the conversation; the buttons of its last prompt expire.
func (st step) end(outcome string) {
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

// entryParts splits "<id>:<verb>[:<arg>]"; ok=false when it is not one.
func entryParts(rest string) (id, verb, arg string, ok bool) {
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 2 {
		return "", "", "", false
	}
	if len(parts) == 3 {
		arg = parts[2]
	}
	return parts[0], parts[1], arg, true
}
