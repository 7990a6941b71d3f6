package flows

import (
	"regexp"
	"strings"

	"sibu/flows/kit"
)

// inviteLink finds a pasted invite link: https://t.me/<bot>?start=<code>.
var inviteLink = regexp.MustCompile(`(?i)(?:https?://)?(?:t|telegram)\.me/([a-z0-9_]+)\?start=([A-Za-z0-9_-]+)`)

// commandMarks are what people type for "/": the / key, and what it types
// in Chinese punctuation mode (、) or full width (／).
var commandMarks = []string{"/", "、", "／"}

// normalize reads typed text the way the person meant it: a pasted invite
// link of this bot is /start with its code, and "、status" or "／status"
// is the command /status.
func (e *Engine) normalize(st *kit.Step) {
	if st.In.Kind != kit.InputText {
		return
	}
	text := strings.TrimSpace(st.In.Text)
	if m := inviteLink.FindStringSubmatch(text); m != nil &&
		(e.env.BotUsername == "" || strings.EqualFold(m[1], e.env.BotUsername)) {
		st.In.Kind, st.In.Command, st.In.Args = kit.InputCommand, "start", m[2]
		return
	}
	for _, mark := range commandMarks {
		rest, ok := strings.CutPrefix(text, mark)
		if !ok {
			continue
		}
		name, args, _ := strings.Cut(strings.TrimSpace(rest), " ")
		name, _, _ = strings.Cut(name, "@")
		if name = strings.ToLower(name); e.isCommand(name) {
			st.In.Kind, st.In.Command, st.In.Args = kit.InputCommand, name, strings.TrimSpace(args)
		}
		return
	}
}

// isCommand reports whether name is a command the engine answers.
func (e *Engine) isCommand(name string) bool {
	for _, c := range e.Commands() {
		if c == name {
			return true
		}
	}
	return false
}

// outside answers what is sent outside any conversation: one line saying
// where to go (the 菜单 button, /start), or the command a bare command word
// meant; a stranger how to join; an admin without a name is asked it.
func (e *Engine) outside(st *kit.Step) {
	word := strings.ToLower(strings.TrimSpace(st.In.Text))
	switch {
	case !st.Known && st.In.Kind != kit.InputText:
		st.Send(kit.T(st.Lang, kit.MsgUnsupported) + kit.T(st.Lang, kit.MsgStartStranger))
	case !st.Known:
		st.Send(kit.T(st.Lang, kit.MsgStartStranger))
	case st.Unnamed && st.In.Kind == kit.InputText:
		e.join.AskName(st)
	case st.In.Kind != kit.InputText:
		st.Send(e.t(st, mOtherHint))
	case e.isCommand(word):
		st.Send(e.t(st, mMeantCommand, word))
	default:
		st.Send(e.t(st, mOutsideHint))
	}
}
