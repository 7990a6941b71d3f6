package flows

import (
	"strings"

	"sibu/flows/access"
	"sibu/flows/kit"
)

func (e *Engine) t(st *kit.Step, key kit.Msg, args ...any) string {
	return catalog.T(st.Lang, key, args...)
}

// run dispatches one input: group chats apart, then commands (also typed
// with "、" or "／", or as a pasted invite link), buttons, and anything else
// to the chat's current flow.
func (e *Engine) run(st *kit.Step) error {
	if !st.In.Private {
		e.group(st)
		return nil
	}
	e.normalize(st)
	switch st.In.Kind {
	case kit.InputCommand:
		return e.command(st)
	case kit.InputCallback:
		err := e.callback(st)
		st.Answer("", false) // every callback is answered, so the client stops its spinner
		return err
	case kit.InputText, kit.InputContact, kit.InputOther:
		if f, ok := e.flowFor(st.Flow()); ok && f.Input != nil {
			return f.Input(st)
		}
		e.outside(st)
		return nil
	}
	st.Send(kit.T(st.Lang, kit.MsgUnsupported))
	return nil
}

// group handles group chats: the bot answers /help and /start there and
// stays quiet otherwise (it must not reply to every message of a group).
// Another command is pointed to the private chat only when it named this
// bot: a bare "/stats" may be meant for another bot of the group.
func (e *Engine) group(st *kit.Step) {
	switch st.In.Kind {
	case kit.InputCommand:
		switch {
		case st.In.Command == "help" || st.In.Command == "start":
			st.Send(e.t(st, mHelpStranger))
		case st.In.Addressed:
			st.Send(e.t(st, mGroupOnlyHelp))
		}
	case kit.InputCallback:
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
	}
}

func (e *Engine) command(st *kit.Step) error {
	switch st.In.Command {
	case "help":
		st.Send(e.helpText(st))
		return nil
	case "start":
		if st.In.Args == "" && st.Unnamed {
			e.join.AskName(st)
			return nil
		}
		if st.In.Args == "" && st.Known {
			return e.todo(st)
		}
	case "cancel":
		return e.cancel(st)
	case "back":
		return e.back(st)
	}
	run, public := e.commandFor(st.In.Command)
	action, named := access.Commands[st.In.Command]
	switch {
	case run == nil || !named:
		st.Send(e.t(st, mUnknownCommand, st.In.Command))
		return nil
	case !public && !st.Known:
		st.Send(e.t(st, mNotJoined))
		return nil
	case !access.Check(st, action, access.Object{}).Allowed:
		return nil // the person's role may not use it; the handler checks the object again
	}
	return run(st)
}

func (e *Engine) cancel(st *kit.Step) error {
	if f, ok := e.flowFor(st.Flow()); ok && f.Cancel != nil {
		f.Cancel(st)
		if st.Flow() == kit.FlowNone && st.Core().Outcome == "" {
			st.Core().Outcome = kit.T(st.Lang, kit.MsgCancelled)
		}
		return nil
	}
	st.Send(e.t(st, mNothingCancel))
	return nil
}

func (e *Engine) back(st *kit.Step) error {
	if f, ok := e.flowFor(st.Flow()); ok && f.Back != nil {
		return f.Back(st)
	}
	st.Send(kit.T(st.Lang, kit.MsgNothingToBack))
	return nil
}

// callback routes a button: an entry valid whatever the session holds, or
// a button of the current flow's latest prompt; anything else is stale.
// A prompt the step moved past loses its buttons, unless its handler
// already showed the choice on it.
func (e *Engine) callback(st *kit.Step) error {
	if rest, ok := strings.CutPrefix(st.In.Data, access.CommandEntry+":"); ok {
		return e.commandButton(st, rest)
	}
	if entry, rest, ok := e.entryFor(st.In.Data); ok {
		return entry(st, rest)
	}
	cb, ok := kit.ParseCallback(st.In.Data)
	f, inFlow := e.flowFor(st.Flow())
	if !ok || cb.Seq != st.Core().Seq || !inFlow || f.Callback == nil {
		e.stale(st, cb, ok && cb.Seq < st.Core().Seq)
		return nil
	}
	handled, err := f.Callback(st, cb)
	switch {
	case err != nil:
		return err
	case !handled:
		st.Answer(kit.T(st.Lang, kit.MsgExpired), false)
	case st.Core().Seq != cb.Seq && !st.NoEdit && !st.Edited(st.In.MessageID):
		st.DropButtons(st.In.MessageID)
	}
	return nil
}

// commandButton runs the command a button sends ("do:<command> <args>")
// as if it were typed, through the same checks.
func (e *Engine) commandButton(st *kit.Step, rest string) error {
	st.Answer("", false)
	name, args, _ := strings.Cut(rest, " ")
	st.In.Kind, st.In.Command, st.In.Args, st.In.Data = kit.InputCommand, name, strings.TrimSpace(args), ""
	return e.command(st)
}

// stale answers a button of a prompt that is over with what became of it:
// the outcome of the conversation it belonged to when the chat is in none
// ("已提交"), else that the step is over; an old prompt (passed) loses its
// buttons so that it is not pressed again.
func (e *Engine) stale(st *kit.Step, cb kit.Callback, passed bool) {
	text := kit.T(st.Lang, kit.MsgExpired)
	switch {
	case !passed:
	case st.Flow() != kit.FlowNone:
		text = kit.T(st.Lang, kit.MsgStale)
	case st.Core().Outcome != "" && cb.Seq >= st.Core().Began:
		text = st.Core().Outcome
	default:
		text = kit.T(st.Lang, kit.MsgStaleDone)
	}
	st.Answer(text, false)
	if passed {
		st.DropButtons(st.In.MessageID)
	}
}
