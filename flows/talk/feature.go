package talk

import (
	"time"

	"sibu/flows/kit"
)

// Settings configure talk rounds (谈民心) from configuration. The zero value
// works: no predefined rounds, changes until 2 h before a slot, reminders
// 15 minutes before, no phone numbers or summaries in records events.
type Settings struct {
	// Rounds are the predefined rounds an official opens with /talks open <id>.
	Rounds map[string]*Round
	// ChangeCutoff: a booked talk can be changed or cancelled until this
	// long before it (default 2h).
	ChangeCutoff time.Duration
	// RemindBefore: the interviewer is reminded this long before a phone
	// slot (default 15m).
	RemindBefore time.Duration
	// RecordsIncludePrivate puts phone numbers and talk summaries in records
	// events; off by default (events then carry a reference).
	RecordsIncludePrivate bool
}

// Defaults of Settings' durations (config fills them from here too).
const (
	DefaultChangeCutoff = 2 * time.Hour
	DefaultRemindBefore = 15 * time.Minute
)

func (s Settings) cutoff() time.Duration {
	if s.ChangeCutoff > 0 {
		return s.ChangeCutoff
	}
	return DefaultChangeCutoff
}

func (s Settings) remindBefore() time.Duration {
	if s.RemindBefore > 0 {
		return s.RemindBefore
	}
	return DefaultRemindBefore
}

// Feature is talk rounds with 电话约谈 and 会后补谈 until 全覆盖: invitations,
// booking, interviewer reminders, /talks, /mytalks, /coverage.
type Feature struct {
	Env      *kit.Env
	Settings Settings
}

// step is one engine step as the talk feature handles it.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(st *kit.Step) step { return step{Step: st, f: f} }

func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// run is the chat's talk conversation (nil when none).
func (st step) run() *Run { return state(st.Step).Talk }

// Kit returns what the feature plugs into the engine.
func (f *Feature) Kit() kit.Feature {
	return kit.Feature{
		Commands: map[string]func(st *kit.Step) error{
			"talks":    func(st *kit.Step) error { return f.step(st).admin() },
			"mytalks":  func(st *kit.Step) error { return f.step(st).myTalks() },
			"coverage": func(st *kit.Step) error { return f.step(st).coverage() },
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    func(st *kit.Step) error { return f.step(st).input() },
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     func(st *kit.Step) error { return f.step(st).back() },
			Cancel:   func(st *kit.Step) { f.step(st).cancel() },
			Leave:    func(st *kit.Step) { state(st).Talk = nil },
		}},
		Entries: map[string]func(st *kit.Step, rest string) error{
			"tk": func(st *kit.Step, rest string) error { return f.step(st).memberEntry(rest) },
			"ti": func(st *kit.Step, rest string) error { return f.step(st).interviewerEntry(rest) },
			"tc": func(st *kit.Step, rest string) error { return f.step(st).coverageEntry(rest) },
		},
		Help:   func(st *kit.Step) string { return f.step(st).help() },
		Todo:   func(st *kit.Step) ([]kit.Task, error) { return f.step(st).todo() },
		Status: func(st *kit.Step) (string, error) { return f.step(st).status() },
	}
}

// help is the talk rounds' section of /help for the person's role.
func (st step) help() string {
	if _, ok := st.reader(); !ok {
		return "" // a directory without talk rounds (older tests, tools)
	}
	switch st.Me.Role {
	case kit.RoleOfficial:
		return st.t(mHelpOfficial)
	case kit.RoleSupervisor:
		return st.t(mHelpSupervisor)
	case kit.RoleMonitor:
		return ""
	}
	return st.t(mHelpMember)
}

// end ends the talk conversation: the chat leaves the flow and the run is
// dropped.
func (st step) end() {
	st.Leave()
	state(st.Step).Talk = nil
}

// enter starts a talk conversation with run, leaving any other flow first.
func (st step) enter(run *Run) {
	st.Enter(Flow)
	state(st.Step).Talk = run
}
