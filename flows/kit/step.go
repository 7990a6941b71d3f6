package kit

import "time"

// Step is the working state of one engine step, handed to the feature that
// handles the input. Handlers read what the person did (In), who they are
// (Me, Known), shared state (Dir) and the chat's Session, and say what
// happens through Send, Edit, Answer, Push, Emit, Enter and Leave. A step
// performs no I/O besides reads through Dir.
type Step struct {
	Env *Env
	Dir Directory
	In  Input
	Now time.Time
	// Lang is the catalog language of the person ("zh" or "en").
	Lang string
	// Me is the person who sent In; Known: they joined or are an admin.
	Me    Person
	Known bool
	// Unnamed: Me is a configured admin who has not joined, known by the
	// name Telegram gave or "管理员"; they are asked their real name.
	Unnamed bool
	// Session is the chat's state; features reach their own part through
	// their holder interface.
	Session Session
	Outputs []Output
	Effects []Effect
	// NoEdit: the message of the pressed button was already edited.
	NoEdit bool
	// Leaver is the engine's hook that leaves the chat's current flow
	// through that flow's own Leave (Step.Leave calls it).
	Leaver func(st *Step)
}

// Core returns the chat's shared conversation state.
func (st *Step) Core() *Core { return st.Session.CoreState() }

// Next starts a new prompt (see Core.Next).
func (st *Step) Next() int { return st.Core().Next() }

// Flow returns the conversation the chat is in.
func (st *Step) Flow() FlowName { return st.Core().Flow }

// Out adds an output as it is.
func (st *Step) Out(o Output) { st.Outputs = append(st.Outputs, o) }

// Send sends a message to the current chat.
func (st *Step) Send(text string, buttons ...[]Button) {
	st.Out(Output{Kind: OutSend, ChatID: st.In.ChatID, Text: text, Buttons: buttons})
}

// Edit edits message messageID of the current chat in place (nothing when
// messageID is 0).
func (st *Step) Edit(messageID int, text string, buttons ...[]Button) {
	if messageID == 0 {
		return
	}
	st.Out(Output{Kind: OutEdit, ChatID: st.In.ChatID, MessageID: messageID, Text: text, Buttons: buttons})
}

// DropButtons removes the buttons of message messageID of the current chat,
// leaving its text (nothing when messageID is 0).
func (st *Step) DropButtons(messageID int) {
	if messageID == 0 {
		return
	}
	st.Out(Output{Kind: OutEdit, ChatID: st.In.ChatID, MessageID: messageID, KeepText: true})
}

// Chose shows what was chosen on the pressed prompt: its message becomes
// text followed by "✔ choice" and loses its buttons, and the callback is
// answered. Nothing is edited for a typed input.
func (st *Step) Chose(text, choice string) {
	st.Answer("", false)
	if st.In.Kind != InputCallback || st.In.MessageID == 0 || st.NoEdit {
		return
	}
	st.Edit(st.In.MessageID, text+"\n\n"+T(st.Lang, MsgChosen, choice))
	st.NoEdit = true
}

// Edited reports whether the step already edits message messageID.
func (st *Step) Edited(messageID int) bool {
	for _, o := range st.Outputs {
		if o.Kind == OutEdit && o.MessageID == messageID {
			return true
		}
	}
	return false
}

// Answer answers the callback being handled (once per step; later calls are
// ignored).
func (st *Step) Answer(text string, alert bool) {
	if st.In.Kind != InputCallback || st.In.CallbackID == "" {
		return
	}
	for _, o := range st.Outputs {
		if o.Kind == OutAnswer {
			return
		}
	}
	st.Out(Output{Kind: OutAnswer, CallbackID: st.In.CallbackID, Text: text, Alert: alert})
}

// Push sends a message to another chat through the push queue.
func (st *Step) Push(chatID int64, text string, buttons ...[]Button) {
	st.Out(Output{Kind: OutPush, ChatID: chatID, Text: text, Buttons: buttons})
}

// PushUrgent sends a message to another person that cannot wait for their
// daily digest (Output.Urgent): a booking or change by a member, a review
// decision on one's own item, an official's 督办. It still counts in the
// person's budget of the day and waits for quiet hours to end.
func (st *Step) PushUrgent(chatID int64, text string, buttons ...[]Button) {
	st.Out(Output{Kind: OutPush, ChatID: chatID, Text: text, Buttons: buttons, Urgent: true})
}

// Report sends a generated file (report, of the object id) to the current
// chat.
func (st *Step) Report(report, id string) {
	st.Out(Output{Kind: OutReport, ChatID: st.In.ChatID, Report: report, SurveyID: id})
}

// Emit records an effect, committed with the session.
func (st *Step) Emit(ef Effect) { st.Effects = append(st.Effects, ef) }

// Leave leaves the chat's current flow through that flow's own Leave (which
// keeps or drops its state); the chat is then in no flow.
func (st *Step) Leave() {
	if st.Flow() == FlowNone {
		return
	}
	if st.Leaver != nil {
		st.Leaver(st)
	}
	st.Core().Flow = FlowNone
}

// Conclude leaves the chat's current flow (Leave) and records what became
// of it (Core.Outcome: "已提交", "已取消"…), told to a later press of one
// of its old buttons.
func (st *Step) Conclude(outcome string) {
	st.Leave()
	st.Core().Outcome = outcome
}

// Enter puts the chat in flow, leaving any other flow first (its state is
// parked or dropped by its own Leave). Entering the flow the chat is in
// changes nothing: the feature replaces its own state.
func (st *Step) Enter(flow FlowName) {
	c := st.Core()
	if c.Flow != flow {
		if c.Flow != FlowNone {
			st.Leave()
		}
		c.Began = c.Seq + 1
	}
	c.Flow, c.Outcome = flow, ""
}

// UnitName returns the name of unit id.
func (st *Step) UnitName(id string) string { return st.Env.UnitName(id) }

// RoleName returns the catalog name of role r.
func (st *Step) RoleName(r Role) string {
	switch r {
	case RoleOfficial:
		return T(st.Lang, MsgRoleOfficial)
	case RoleSupervisor:
		return T(st.Lang, MsgRoleSupervisor)
	case RoleMonitor:
		return T(st.Lang, MsgRoleMonitor)
	case RoleInspector:
		return T(st.Lang, MsgRoleInspector)
	}
	return T(st.Lang, MsgRoleMember)
}

// Today is the date of Now in the deployment's time zone.
func (st *Step) Today() time.Time { return DayOf(st.Now, st.Env.Location) }
