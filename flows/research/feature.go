package research

import (
	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/survey"
)

// Feature is the research campaign (调研 听·问·访·谈): meetings (/meeting)
// and visits (/visit) logged by chat, the 意见台账 (/opinions) with its
// tags, commitment items and follow-ups, the campaign dashboard
// (/campaign) and its 调研报告 (/report).
type Feature struct {
	Env      *kit.Env
	Settings Settings
	// Surveys are the questionnaires (问) a campaign names: their titles,
	// comments and anonymity.
	Surveys *survey.Feature
	// Commitments declares an item drawn from an opinion (定); research
	// implements commitment.Opinions for it.
	Commitments *commitment.Feature
}

var _ commitment.Opinions = (*Feature)(nil)

// New returns the feature over env and wires it into commitments: an item
// declared from an opinion tells the feature, which records the handling.
func New(env *kit.Env, s Settings, surveys *survey.Feature, commitments *commitment.Feature) *Feature {
	f := &Feature{Env: env, Settings: s, Surveys: surveys, Commitments: commitments}
	commitments.Opinions = f
	return f
}

// step is one engine step as the research feature handles it.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(st *kit.Step) step { return step{Step: st, f: f} }

func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// settings are the feature's settings with their defaults.
func (st step) settings() Settings { return st.f.Settings.WithDefaults() }

// run is the chat's research conversation (nil when none).
func (st step) run() *Run { return state(st.Step).Research }

// Kit returns what the feature plugs into the engine.
func (f *Feature) Kit() kit.Feature {
	h := func(run func(st step) error) func(*kit.Step) error {
		return func(s *kit.Step) error { return run(f.step(s)) }
	}
	entry := func(run func(st step, rest string) error) func(*kit.Step, string) error {
		return func(s *kit.Step, rest string) error { return run(f.step(s), rest) }
	}
	return kit.Feature{
		Commands: map[string]func(*kit.Step) error{
			"meeting":  func(s *kit.Step) error { return f.step(s).logCommand(KindMeeting) },
			"visit":    func(s *kit.Step) error { return f.step(s).logCommand(KindVisit) },
			"opinions": h(step.opinionsCommand),
			"campaign": h(step.campaignCommand),
			"report":   h(step.reportCommand),
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    h(step.input),
			Callback: func(s *kit.Step, cb kit.Callback) (bool, error) { return f.step(s).callback(cb) },
			Back:     h(step.back),
			Cancel: func(s *kit.Step) {
				st := f.step(s)
				st.end(kit.T(st.Lang, kit.MsgCancelled))
				st.Send(kit.T(st.Lang, kit.MsgCancelled))
			},
			Leave: func(s *kit.Step) { state(s).Research = nil },
		}},
		Entries: map[string]func(*kit.Step, string) error{
			"rr": entry(step.recordEntry),
			"ro": entry(step.opinionEntry),
			"rl": entry(step.listEntry),
			"rc": entry(step.campaignEntry),
		},
		Help: func(s *kit.Step) string { return f.step(s).help() },
		Todo: func(s *kit.Step) ([]kit.Task, error) { return f.step(s).todo() },
	}
}

// help is the research section of /help for the person's role.
func (st step) help() string {
	if _, err := st.reader(); err != nil || !st.Known {
		return "" // a directory without research (older tests, tools)
	}
	switch st.Me.Role {
	case kit.RoleOfficial:
		return st.t(mHelpOfficial)
	case kit.RoleSupervisor:
		return st.t(mHelpSupervisor)
	}
	return ""
}

// enter starts a research conversation with run, leaving any other flow.
func (st step) enter(run *Run) {
	st.Enter(Flow)
	state(st.Step).Research = run
}

// end leaves the conversation; outcome is what a later press of one of its
// old buttons is told.
func (st step) end(outcome string) {
	st.Conclude(outcome)
	state(st.Step).Research = nil
	st.Next()
}
