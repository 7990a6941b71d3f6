package join

import (
	"time"

	"sibu/flows/kit"
	"sibu/flows/when"
)

// Flow is the name of the join conversation.
const Flow kit.FlowName = "join"

// Feature is joining (/start <code>, a unit's link and one's own number),
// inviting (/invite, unit links) and rosters of expected people (/roster).
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
			"roster": func(st *kit.Step) error { return f.step(st).rosterCmd() },
		},
		Public: map[string]func(st *kit.Step) error{
			"start": func(st *kit.Step) error { return f.step(st).start() },
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    func(st *kit.Step) error { return f.step(st).input() },
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     func(st *kit.Step) error { return f.step(st).back() },
			Cancel: func(st *kit.Step) {
				link := state(st).Join != nil && state(st).Join.Link
				st.Leave()
				st.Next() // buttons of the abandoned prompt expire
				st.Out(kit.Output{Kind: kit.OutSend, ChatID: st.In.ChatID, Text: kit.T(st.Lang, kit.MsgCancelled), RemoveKeyboard: link})
			},
			Leave: func(st *kit.Step) { state(st).Join = nil },
		}, RosterFlow: {
			Input: func(st *kit.Step) error { return f.step(st).rosterInput() },
			Cancel: func(st *kit.Step) {
				st.Leave()
				st.Next()
				st.Send(catalog.T(st.Lang, mRosterCancelled))
			},
		}},
		Entries: map[string]func(st *kit.Step, rest string) error{
			"rs": func(st *kit.Step, rest string) error { return f.step(st).rosterEntry(rest) },
			"ul": func(st *kit.Step, rest string) error { return f.step(st).linkEntry(rest) },
			"jq": func(st *kit.Step, rest string) error { return f.step(st).requestEntry(rest) },
		},
		Help:   func(st *kit.Step) string { return f.step(st).help() },
		Todo:   func(st *kit.Step) ([]kit.Task, error) { return f.step(st).todo() },
		Digest: f.Digest,
		Status: func(st *kit.Step) (string, error) { return f.step(st).status() },
	}
}

// help is the feature's section of /help: inviting, for the people who
// may invite.
func (st step) help() string {
	switch st.Me.Role {
	case kit.RoleOfficial:
		return st.t(mHelpOfficial) + "\n\n" + st.t(mHelpRoster)
	case kit.RoleSupervisor:
		return st.t(mHelpSupervisor)
	}
	return ""
}

// when is the invite's expiry as people read it (with its year: it is a
// deadline).
func (st step) when(t time.Time) string { return when.DeadlineAt(t, st.Env.Location, st.Lang) }
