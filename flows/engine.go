package flows

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// ErrNoSurvey is returned for a survey id the engine does not know.
var ErrNoSurvey = errors.New("no such questionnaire")

// Engine runs every conversation of the bot.
type Engine struct {
	env      Env
	features []feature
}

// NewEngine returns an engine over env.
func NewEngine(env Env) *Engine {
	if env.Location == nil {
		env.Location = time.UTC
	}
	if env.InviteTTL == 0 {
		env.InviteTTL = 7 * 24 * time.Hour
	}
	return &Engine{env: env, features: features()}
}

// Env returns the engine's environment.
func (e *Engine) Env() Env { return e.env }

// step is the working state of one Step call.
type step struct {
	e    *Engine
	dir  Directory
	in   Input
	now  time.Time
	lang string
	me   Person
	ok   bool // me is known (joined or admin)
	res  Result
	// noEdit: the message of the pressed button was already edited.
	noEdit bool
}

// Step advances the conversation of in.ChatID by one input. It performs no
// I/O besides reads through dir. A returned error means a read failed; the
// caller retries or reports it, and nothing must be committed.
func (e *Engine) Step(sess Session, in Input, now time.Time, dir Directory) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("flow step panicked on %s input: %v", in.Kind, r)
		}
	}()
	st := &step{e: e, dir: dir, in: in, now: now, lang: Lang(in.Lang)}
	st.res.Session = sess
	if st.me, st.ok, err = e.person(dir, in.UserID, in.UserName); err != nil {
		return Result{}, err
	}
	if err := st.run(); err != nil {
		return Result{}, err
	}
	return st.res, nil
}

func (e *Engine) person(dir Directory, id int64, name string) (Person, bool, error) {
	p, ok, err := dir.Person(id)
	if err != nil {
		return Person{}, false, fmt.Errorf("load person: %w", err)
	}
	if ok {
		if e.env.Admins[id] {
			p.Role = RoleOfficial // configured admins are officials whatever they joined as
		}
		return p, true, nil
	}
	if e.env.Admins[id] {
		if name == "" {
			name = fmt.Sprintf("管理员 %d", id)
		}
		return Person{ID: id, Name: name, Unit: e.env.Root, Role: RoleOfficial}, true, nil
	}
	return Person{}, false, nil
}

func (st *step) sess() *Session { return &st.res.Session }

func (st *step) t(key msg, args ...any) string { return T(st.lang, key, args...) }

func (st *step) send(text string, buttons ...[]Button) {
	st.res.Outputs = append(st.res.Outputs, Output{Kind: OutSend, ChatID: st.in.ChatID, Text: text, Buttons: buttons})
}

func (st *step) edit(messageID int, text string, buttons ...[]Button) {
	if messageID == 0 {
		return
	}
	st.res.Outputs = append(st.res.Outputs, Output{Kind: OutEdit, ChatID: st.in.ChatID, MessageID: messageID, Text: text, Buttons: buttons})
}

// answer answers the callback being handled (once per step; later calls are ignored).
func (st *step) answer(text string, alert bool) {
	if st.in.Kind != InputCallback || st.in.CallbackID == "" {
		return
	}
	for _, o := range st.res.Outputs {
		if o.Kind == OutAnswer {
			return
		}
	}
	st.res.Outputs = append(st.res.Outputs, Output{Kind: OutAnswer, CallbackID: st.in.CallbackID, Text: text, Alert: alert})
}

func (st *step) push(chatID int64, text string, buttons ...[]Button) {
	st.res.Outputs = append(st.res.Outputs, Output{Kind: OutPush, ChatID: chatID, Text: text, Buttons: buttons})
}

func (st *step) effect(ef Effect) { st.res.Effects = append(st.res.Effects, ef) }

func (st *step) run() error {
	in := st.in
	if !in.Private {
		return st.group()
	}
	switch in.Kind {
	case InputCommand:
		return st.command()
	case InputCallback:
		err := st.callback()
		st.answer("", false) // every callback is answered, so the client stops its spinner
		return err
	case InputText, InputContact, InputOther:
		if h, ok := st.e.flowFor(st.sess().Flow); ok && h.input != nil {
			return h.input(st)
		}
		if in.Kind != InputText {
			st.send(st.t(mUnsupported) + "\n\n" + st.helpText())
			return nil
		}
		if !st.ok {
			st.send(st.t(mStartStranger))
			return nil
		}
		st.send(st.helpText())
		return nil
	}
	st.send(st.t(mUnsupported))
	return nil
}

// group handles group chats: the bot answers /help and /start there and
// stays quiet otherwise (it must not reply to every message of a group).
// Another command is pointed to the private chat only when it named this
// bot: a bare "/stats" may be meant for another bot of the group.
func (st *step) group() error {
	switch st.in.Kind {
	case InputCommand:
		switch {
		case st.in.Command == "help" || st.in.Command == "start":
			st.send(st.t(mHelpStranger))
		case st.in.Addressed:
			st.send(st.t(mGroupOnlyHelp))
		}
	case InputCallback:
		st.answer(st.t(mExpired), false)
	}
	return nil
}

func (st *step) helpText() string {
	if !st.ok {
		return st.t(mHelpStranger)
	}
	var text string
	switch st.me.Role {
	case RoleOfficial:
		text = st.t(mHelpOfficial)
	case RoleSupervisor:
		text = st.t(mHelpSupervisor)
	case RoleMonitor:
		text = st.t(mHelpMonitor)
	default:
		text = st.t(mHelpMember)
	}
	for _, f := range st.e.features {
		if f.help != nil {
			if more := f.help(st); more != "" {
				text += "\n" + more
			}
		}
	}
	return text
}

func (st *step) command() error {
	switch st.in.Command {
	case "help":
		st.send(st.helpText())
		return nil
	case "start":
		return st.start()
	case "cancel":
		return st.cancel()
	case "back":
		return st.back()
	}
	run := st.e.commandFor(st.in.Command)
	if run == nil {
		st.send(st.t(mUnknownCommand, st.in.Command))
		return nil
	}
	if !st.ok {
		st.send(st.t(mNotJoined))
		return nil
	}
	return run(st)
}

func (st *step) cancel() error {
	if h, ok := st.e.flowFor(st.sess().Flow); ok && h.cancel != nil {
		h.cancel(st)
		return nil
	}
	st.send(st.t(mNothingCancel))
	return nil
}

func (st *step) back() error {
	if h, ok := st.e.flowFor(st.sess().Flow); ok && h.back != nil {
		return h.back(st)
	}
	st.send(st.t(mNothingToBack))
	return nil
}

func (st *step) callback() error {
	if entry, rest, ok := st.e.entryFor(st.in.Data); ok {
		return entry(st, rest)
	}
	cb, ok := parseCallback(st.in.Data)
	if !ok || cb.Seq != st.sess().Seq {
		st.answer(st.t(mExpired), false)
		return nil
	}
	h, ok := st.e.flowFor(st.sess().Flow)
	if !ok || h.callback == nil {
		st.answer(st.t(mExpired), false)
		return nil
	}
	handled, err := h.callback(st, cb)
	if err == nil && !handled {
		st.answer(st.t(mExpired), false)
	}
	return err
}

func (st *step) unitName(id string) string {
	for _, u := range st.e.env.Units {
		if u.ID == id {
			return u.Name
		}
	}
	return id
}

func (st *step) roleName(r Role) string {
	switch r {
	case RoleOfficial:
		return st.t(mRoleOfficial)
	case RoleSupervisor:
		return st.t(mRoleSupervisor)
	case RoleMonitor:
		return st.t(mRoleMonitor)
	}
	return st.t(mRoleMember)
}

func (e *Engine) surveyTitle(id string) string {
	if s := e.env.Surveys[id]; s != nil {
		return s.Title
	}
	return id
}

// surveyIDs returns the configured questionnaire ids in order.
func (e *Engine) surveyIDs() []string {
	ids := make([]string, 0, len(e.env.Surveys))
	for id := range e.env.Surveys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Subtree reports whether unit is root or one of its descendants.
func (e *Engine) Subtree(root, unit string) bool {
	parents := map[string]string{}
	for _, u := range e.env.Units {
		parents[u.ID] = u.Parent
	}
	for i := 0; unit != "" && i <= len(parents); i++ {
		if unit == root {
			return true
		}
		unit = parents[unit]
	}
	return false
}

func percent(n, d int64) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(d))
}
