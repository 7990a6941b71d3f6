package flows

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ErrNoSurvey is returned for a survey id the engine does not know.
var ErrNoSurvey = errors.New("no such questionnaire")

// Engine runs every conversation of the bot.
type Engine struct {
	env Env
}

// NewEngine returns an engine over env.
func NewEngine(env Env) *Engine {
	if env.Location == nil {
		env.Location = time.UTC
	}
	if env.InviteTTL == 0 {
		env.InviteTTL = 7 * 24 * time.Hour
	}
	return &Engine{env: env}
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
		switch st.sess().Flow {
		case FlowSurvey:
			return st.surveyInput()
		case FlowJoin:
			return st.joinInput()
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
func (st *step) group() error {
	switch st.in.Kind {
	case InputCommand:
		switch st.in.Command {
		case "help", "start":
			st.send(st.t(mHelpStranger))
		default:
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
	switch st.me.Role {
	case RoleOfficial:
		return st.t(mHelpOfficial)
	case RoleSupervisor:
		return st.t(mHelpSupervisor)
	}
	return st.t(mHelpMember)
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
	switch st.in.Command {
	case "status", "invite", "survey", "surveys", "stats", "export":
	default:
		st.send(st.t(mUnknownCommand, st.in.Command))
		return nil
	}
	if !st.ok {
		st.send(st.t(mNotJoined))
		return nil
	}
	switch st.in.Command {
	case "status":
		if st.me.Role != RoleOfficial {
			st.send(st.t(mNoPermission))
			return nil
		}
		return st.status()
	case "invite":
		return st.invite()
	case "survey":
		if st.me.Role != RoleOfficial {
			st.send(st.t(mNoPermission))
			return nil
		}
		return st.surveyAdmin()
	case "surveys":
		return st.listSurveys()
	case "stats":
		return st.stats()
	case "export":
		return st.export()
	}
	st.send(st.t(mUnknownCommand, st.in.Command))
	return nil
}

func (st *step) cancel() error {
	s := st.sess()
	switch s.Flow {
	case FlowSurvey:
		run := s.Survey
		st.parkSurvey()
		st.send(st.t(mSurveyPaused, st.e.surveyTitle(run.ID)))
	case FlowJoin:
		s.Flow, s.Join = FlowNone, nil
		s.next() // buttons of the abandoned prompt expire
		st.send(st.t(mCancelled))
	default:
		st.send(st.t(mNothingCancel))
	}
	return nil
}

func (st *step) back() error {
	switch st.sess().Flow {
	case FlowSurvey:
		return st.surveyBack()
	case FlowJoin:
		j := st.sess().Join
		if j.Name != "" {
			j.Name = ""
			st.sess().next()
			st.send(st.t(mAskNameAgain))
			return nil
		}
	}
	st.send(st.t(mNothingToBack))
	return nil
}

func (st *step) callback() error {
	d := st.in.Data
	if id, ok := strings.CutPrefix(d, "sv:"); ok {
		return st.startSurvey(id, st.in.MessageID)
	}
	cb, ok := parseCallback(d)
	if !ok || cb.Seq != st.sess().Seq {
		st.answer(st.t(mExpired), false)
		return nil
	}
	var handled bool
	var err error
	switch st.sess().Flow {
	case FlowSurvey:
		handled, err = st.surveyCallback(cb)
	case FlowJoin:
		handled, err = st.joinCallback(cb)
	}
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
