package tipoff

import (
	"sibu/flows/kit"
)

// Settings configure the tip-off line. The zero value works: 3 tip-offs
// and additions per person a day, batches of 3.
type Settings struct {
	// MaxPerDay caps what one person sends in a day (tip-offs and
	// additions), counted apart from the reports.
	MaxPerDay int
	// MinBatch is how many pooled reports a release waits for before the
	// daily release takes the earlier days' whatever their number.
	MinBatch int
}

// Defaults of Settings.
const (
	DefaultMaxPerDay = 3
	DefaultMinBatch  = 3
)

// WithDefaults fills the zero values.
func (s Settings) WithDefaults() Settings {
	if s.MaxPerDay <= 0 {
		s.MaxPerDay = DefaultMaxPerDay
	}
	if s.MinBatch <= 0 {
		s.MinBatch = DefaultMinBatch
	}
	return s
}

// Nominee is a nominee as an inspector picks one to link a tip-off to.
type Nominee struct {
	ID   string
	Name string
	Unit string
}

// Nominees is what tip-offs ask of the 四个凡提必 gate; the discipline
// feature implements it (discipline imports tipoff, never the reverse).
type Nominees interface {
	// NomineesUnder lists the nominees of unit and the units below it.
	NomineesUnder(st *kit.Step, unit string) ([]Nominee, error)
	// LinkTipoff feeds tip-off id into the 信访举报凡提必查 check of
	// nominee (its effect in the step), or tells why not.
	LinkTipoff(st *kit.Step, nominee, id string) (bool, error)
}

// Feature is the anonymous tip-off line (举报): /tipoff for reporting and
// following up by receipt code, and the inspectors' list, answers, states
// and links to nominees.
type Feature struct {
	Env      *kit.Env
	Settings Settings
	// Nominees links tip-offs to nominees (nil: they cannot be).
	Nominees Nominees
}

// step is one engine step as the tip-off feature handles it.
type step struct {
	*kit.Step
	f *Feature
}

func (f *Feature) step(st *kit.Step) step { return step{Step: st, f: f} }

func (st step) t(key kit.Msg, args ...any) string { return catalog.T(st.Lang, key, args...) }

// run is the chat's tip-off conversation (nil when none).
func (st step) run() *Run { return state(st.Step).Tipoff }

// Kit returns what the feature plugs into the engine.
func (f *Feature) Kit() kit.Feature {
	return kit.Feature{
		Commands: map[string]func(st *kit.Step) error{
			"tipoff": func(st *kit.Step) error { return f.step(st).command() },
		},
		Flows: map[kit.FlowName]kit.Flow{Flow: {
			Input:    func(st *kit.Step) error { return f.step(st).input() },
			Callback: func(st *kit.Step, cb kit.Callback) (bool, error) { return f.step(st).callback(cb) },
			Back:     func(st *kit.Step) error { return f.step(st).back() },
			Cancel:   func(st *kit.Step) { f.step(st).cancel() },
			Leave:    func(st *kit.Step) { state(st).Tipoff = nil },
		}},
		Entries: map[string]func(st *kit.Step, rest string) error{
			"tf": func(st *kit.Step, rest string) error { return f.step(st).entry(rest) },
		},
		Help: func(st *kit.Step) string { return f.step(st).help() },
	}
}

// help is the tip-off section of /help.
func (st step) help() string {
	if _, ok := st.reader(); !ok {
		return ""
	}
	if st.Me.Role == kit.RoleInspector {
		return st.t(mHelpInspector)
	}
	return st.t(mHelp)
}

// enter starts a tip-off conversation, leaving any other flow first.
func (st step) enter(run *Run) {
	st.Enter(Flow)
	state(st.Step).Tipoff = run
}

// end leaves the conversation; its draft or code is dropped with it.
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

// kindName is a kind as people read it.
func (st step) kindName(k Kind) string { return st.t(kit.Msg("tf_kind_" + string(k))) }

// statusName is a status as people read it.
func (st step) statusName(s Status) string { return st.t(kit.Msg("tf_status_" + string(s))) }

// day is today as the tip-offs keep it.
func (st step) day() string { return st.Today().Format("2006-01-02") }
