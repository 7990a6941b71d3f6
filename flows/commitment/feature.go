package commitment

import (
	"sibu/flows/kit"
	"sibu/flows/survey"
)

// Flow is the name of the public commitment conversation (stored in
// sessions as "promise").
const Flow kit.FlowName = "promise"

// Feature is public commitments 定·审·履·评: /promise, /progress, /done,
// /extend, reviews, 督办, reminders and their buttons, evaluation rounds,
// /overdue and /ledger.
type Feature struct {
	Env      *kit.Env
	Settings Settings
	// Surveys are the questionnaires an evaluation round may use as its
	// satisfaction measure.
	Surveys *survey.Feature
	// Opinions records that an item was drawn from a collected opinion
	// (nil: no research feature).
	Opinions Opinions
}

var _ survey.Rounds = (*Feature)(nil)

// Kit returns the feature's commands, conversation, entries and hooks.
func (f *Feature) Kit() kit.Feature {
	h := func(run func(st step) error) func(*kit.Step) error {
		return func(s *kit.Step) error { return run(f.step(s)) }
	}
	pick := func(mode string) func(*kit.Step) error {
		return func(s *kit.Step) error { return f.step(s).pick(mode) }
	}
	entry := func(run func(st step, rest string) error) func(*kit.Step, string) error {
		return func(s *kit.Step, rest string) error { return run(f.step(s), rest) }
	}
	return kit.Feature{
		Commands: map[string]func(*kit.Step) error{
			"promise":  h(step.declareCommand),
			"progress": pick(modeProgress),
			"done":     pick(modeDone),
			"extend":   pick(modeExtend),
			"urge":     h(step.urgeCommand),
			"review":   h(step.reviewCommand),
			"overdue":  h(step.overdueCommand),
			"ledger":   h(step.ledgerCommand),
			"evaluate": h(step.evaluateCommand),
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    h(step.input),
			Callback: func(s *kit.Step, cb kit.Callback) (bool, error) { return f.step(s).callback(cb) },
			Back:     h(step.back),
			Cancel: func(s *kit.Step) {
				st := f.step(s)
				st.leave()
				st.Send(st.t(kit.MsgCancelled))
			},
			Leave: func(s *kit.Step) { state(s).Commitment = nil },
		}},
		Entries: map[string]func(*kit.Step, string) error{
			"pr": entry(step.itemEntry),
			"pe": entry(step.evalEntry),
		},
		Help:   func(s *kit.Step) string { return f.step(s).help() },
		Todo:   func(s *kit.Step) ([]kit.Task, error) { return f.step(s).todo() },
		Status: func(s *kit.Step) (string, error) { return f.step(s).status() },
	}
}

// step is a kit.Step handled by this feature.
type step struct {
	*kit.Step
	f *Feature
}

// step wraps a kit.Step for this feature's handlers.
func (f *Feature) step(s *kit.Step) step { return step{Step: s, f: f} }

// t formats a message of this feature's catalog in the person's language.
func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// settings are the feature's settings with their defaults.
func (st step) settings() Settings { return st.f.Settings.WithDefaults() }

// run is the conversation in progress (nil when none).
func (st step) run() *Run { return state(st.Step).Commitment }

// enter starts a commitment conversation, leaving any other flow.
func (st step) enter(run *Run) {
	st.Enter(Flow)
	state(st.Step).Commitment = run
}

// leave ends the conversation; buttons of the abandoned prompt expire.
// outcome, when given, is what a later press of one of them is told.
func (st step) leave(outcome ...string) {
	if len(outcome) > 0 {
		st.Conclude(outcome[0])
	} else {
		st.Leave()
	}
	st.Next()
}

// period is the commitment period of now (the year).
func (st step) period() string { return st.Now.In(st.Env.Location).Format("2006") }

// help is the feature's part of /help for the person's role.
func (st step) help() string {
	if !st.Known {
		return ""
	}
	switch st.Me.Role {
	case kit.RoleOfficial:
		return st.t(mHelpOfficial)
	case kit.RoleSupervisor:
		return st.t(mHelpSupervisor)
	case kit.RoleMonitor:
		return st.t(mHelpMonitor)
	}
	return st.t(mHelpMember)
}
