package flows

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"sibu/flows/commitment"
	"sibu/flows/discipline"
	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/retro"
	"sibu/flows/survey"
	"sibu/flows/talk"
	"sibu/flows/tipoff"
)

// ErrNoSurvey is returned for a survey id the engine does not know.
var ErrNoSurvey = errors.New("no such questionnaire")

// Env is what the engine knows that does not change per step: the shared
// kit.Env and each feature's configuration.
type Env struct {
	kit.Env
	Surveys    map[string]*survey.Survey
	Commitment commitment.Settings
	Talk       talk.Settings
	Tipoff     tipoff.Settings
	Research   research.Settings
}

// Result is what one step produced.
type Result struct {
	Session Session
	Outputs []kit.Output
	Effects []kit.Effect
}

// Engine runs every conversation of the bot.
type Engine struct {
	env        Env
	join       *join.Feature
	survey     *survey.Feature
	commitment *commitment.Feature
	talk       *talk.Feature
	retro      *retro.Feature
	discipline *discipline.Feature
	tipoff     *tipoff.Feature
	research   *research.Feature
	// features in /help and /status order.
	features []kit.Feature
}

// NewEngine returns an engine over env.
func NewEngine(env Env) *Engine {
	if env.Location == nil {
		env.Location = time.UTC
	}
	if env.InviteTTL == 0 {
		env.InviteTTL = kit.DefaultInviteTTL
	}
	e := &Engine{env: env}
	base := &e.env.Env
	e.join = &join.Feature{Env: base}
	e.survey = &survey.Feature{Env: base, Surveys: env.Surveys}
	e.commitment = &commitment.Feature{Env: base, Settings: env.Commitment, Surveys: e.survey}
	e.survey.Rounds = e.commitment
	e.talk = &talk.Feature{Env: base, Settings: env.Talk}
	e.retro = &retro.Feature{Env: base, Surveys: env.Surveys, Tracker: e.commitment, Commitments: e.commitment}
	e.discipline = &discipline.Feature{Env: base}
	e.tipoff = &tipoff.Feature{Env: base, Settings: env.Tipoff, Nominees: e.discipline}
	e.research = research.New(base, env.Research, e.survey, e.commitment)
	e.features = []kit.Feature{e.join.Kit(), e.survey.Kit(), e.commitment.Kit(), e.talk.Kit(), e.retro.Kit(),
		e.discipline.Kit(), e.tipoff.Kit(), e.research.Kit()}
	return e
}

// Env returns the engine's environment.
func (e *Engine) Env() Env { return e.env }

// Survey returns the questionnaire feature (for its jobs).
func (e *Engine) Survey() *survey.Feature { return e.survey }

// Commitment returns the commitment feature (for its jobs and reports).
func (e *Engine) Commitment() *commitment.Feature { return e.commitment }

// Talk returns the talk feature (for its jobs and reports).
func (e *Engine) Talk() *talk.Feature { return e.talk }

// Discipline returns the checklists and nominee gate (for their jobs and
// reports).
func (e *Engine) Discipline() *discipline.Feature { return e.discipline }

// Tipoff returns the tip-off line (for its release notices).
func (e *Engine) Tipoff() *tipoff.Feature { return e.tipoff }

// Research returns the research feature (for its reports and its
// follow-ups' reminders).
func (e *Engine) Research() *research.Feature { return e.research }

// Subtree reports whether unit is root or one of its descendants.
func (e *Engine) Subtree(root, unit string) bool { return e.env.Env.Subtree(root, unit) }

// Step advances the conversation of in.ChatID by one input. It performs no
// I/O besides reads through dir. A returned error means a read failed; the
// caller retries or reports it, and nothing must be committed.
func (e *Engine) Step(sess Session, in kit.Input, now time.Time, dir kit.Directory) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("flow step panicked on %s input: %v", in.Kind, r)
		}
	}()
	st := &kit.Step{Env: &e.env.Env, Dir: dir, In: in, Now: now, Lang: kit.Lang(in.Lang), Session: &sess, Leaver: e.leave}
	if err := e.person(st, dir, in.UserID); err != nil {
		return Result{}, err
	}
	if err := e.run(st); err != nil {
		return Result{}, err
	}
	e.announceHeld(st)
	return Result{Session: sess, Outputs: st.Outputs, Effects: st.Effects}, nil
}

// person loads who sent an input into st (Me, Known, Unnamed).
func (e *Engine) person(st *kit.Step, dir kit.Directory, id int64) error {
	p, ok, err := dir.Person(id)
	if err != nil {
		return fmt.Errorf("load person: %w", err)
	}
	switch {
	case ok && e.env.Admins[id]:
		// configured admins are officials of the root, whatever they joined as
		p.Role, p.Unit = kit.RoleOfficial, e.env.Root
	case e.env.Admins[id]:
		// not joined: named 管理员 until they give their real name, never
		// by their id
		p, st.Unnamed = kit.Person{ID: id, Name: kit.AdminName, Unit: e.env.Root, Role: kit.RoleOfficial}, true
	case !ok:
		return nil
	}
	st.Me, st.Known = p, true
	return nil
}

// leave is the one way out of a flow (kit.Step.Leave): the current flow's
// own Leave keeps or drops its state.
func (e *Engine) leave(st *kit.Step) {
	if f, ok := e.flowFor(st.Flow()); ok && f.Leave != nil {
		f.Leave(st)
	}
}

// Commands lists every command the engine answers (without "/"), in
// order: the access policy must name each (access.Commands).
func (e *Engine) Commands() []string {
	names := []string{"help", "cancel", "back", "status"}
	for _, f := range e.features {
		for name := range f.Commands {
			names = append(names, name)
		}
		for name := range f.Public {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Entries lists the prefixes of the buttons that work whatever the session
// holds ("pr", "sv"…), in order.
func (e *Engine) Entries() []string {
	var prefixes []string
	for _, f := range e.features {
		for p := range f.Entries {
			prefixes = append(prefixes, p)
		}
	}
	sort.Strings(prefixes)
	return prefixes
}

// commandFor returns the handler of command name; public: anyone may send
// it, joined or not.
func (e *Engine) commandFor(name string) (run func(st *kit.Step) error, public bool) {
	for _, f := range e.features {
		if c, ok := f.Public[name]; ok {
			return c, true
		}
	}
	if name == "status" {
		return e.status, false
	}
	for _, f := range e.features {
		if c, ok := f.Commands[name]; ok {
			return c, false
		}
	}
	return nil, false
}

func (e *Engine) flowFor(name kit.FlowName) (kit.Flow, bool) {
	for _, f := range e.features {
		if h, ok := f.Flows[name]; ok {
			return h, true
		}
	}
	return kit.Flow{}, false
}

func (e *Engine) entryFor(data string) (func(st *kit.Step, rest string) error, string, bool) {
	prefix, rest, ok := kit.Entry(data)
	if !ok {
		return nil, "", false // "<seq>:…" is a prompt's button
	}
	for _, f := range e.features {
		if h, ok := f.Entries[prefix]; ok {
			return h, rest, true
		}
	}
	return nil, "", false
}
