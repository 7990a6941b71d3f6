package join

import (
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// Flow is the name of the join conversation.
const Flow kit.FlowName = "join"

// Feature is joining (/start <code>) and inviting (/invite).
type Feature struct {
	Env *kit.Env
}

// step is one engine step as the join feature handles it.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(st *kit.Step) step { return step{Step: st, f: f} }

func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// Kit returns what the feature plugs into the engine.
func (f *Feature) Kit() kit.Feature {
	return kit.Feature{
		Commands: map[string]func(st *kit.Step) error{
			"invite": func(st *kit.Step) error { return f.step(st).invite() },
		},
		Public: map[string]func(st *kit.Step) error{
			"start": func(st *kit.Step) error { return f.step(st).start() },
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    func(st *kit.Step) error { return f.step(st).input() },
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     func(st *kit.Step) error { return f.step(st).back() },
			Cancel: func(st *kit.Step) {
				st.Leave()
				st.Next() // buttons of the abandoned prompt expire
				st.Send(kit.T(st.Lang, kit.MsgCancelled))
			},
			Leave: func(st *kit.Step) { state(st).Join = nil },
		}},
		Help: func(st *kit.Step) string { return f.step(st).help() },
	}
}

// help is the feature's section of /help: inviting, for the people who
// may invite.
func (st step) help() string {
	switch st.Me.Role {
	case kit.RoleOfficial:
		return st.t(mHelpOfficial)
	case kit.RoleSupervisor:
		return st.t(mHelpSupervisor)
	}
	return ""
}

// when is the invite's expiry as people read it (with its year: it is a
// deadline).
func (st step) when(t time.Time) string { return when.DeadlineAt(t, st.Env.Location, st.Lang) }
