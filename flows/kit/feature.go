package kit

// Feature is one capability of the bot as the engine sees it: its commands,
// the conversations it runs, the callback entries valid whatever the session
// holds (buttons of pushes, e.g. "sv:<survey>"), and what it adds to /help
// and /status. Features are plain values the engine lists; there is no
// registration at init time.
type Feature struct {
	// Commands are for joined people (and configured admins); each checks
	// its own permissions.
	Commands map[string]func(st *Step) error
	// Public are commands anyone may send, joined or not (/start).
	Public map[string]func(st *Step) error
	// Flows are the conversations the feature runs.
	Flows map[FlowName]Flow
	// Entries handle callback data "<prefix>:<rest>" (prefix without ':').
	Entries map[string]func(st *Step, rest string) error
	// Help is the feature's section of /help for the person's role: a
	// title line and its commands in plain words ("" for none).
	Help func(st *Step) string
	// Todo lists what waits for the person (the to-do of /start): each
	// task a line and the buttons that do it.
	Todo func(st *Step) ([]Task, error)
	// Digest lists what the person's daily digest (今日待办) shows of the
	// feature; nil means its Todo, so the digest and the /start to-do
	// never disagree. A feature sets it to add what only the digest says
	// (a branch's people not yet joined) to its Todo.
	Digest func(st *Step) ([]Task, error)
	// Status adds its block to the officials' /status, framing included.
	Status func(st *Step) (string, error)
}

// Task is one thing waiting for a person: a line of the /start to-do and
// the buttons (one row) that do it.
type Task struct {
	Text    string
	Buttons []Button
	// Booked marks a line that says what is arranged rather than what to
	// do (a booked talk): the daily digest shows it with the others but
	// is not sent for such lines alone.
	Booked bool
}

// Flow is one conversation's answers to what can happen in it.
type Flow struct {
	// Input handles text, contacts and anything else sent while in the flow.
	Input func(st *Step) error
	// Callback handles a button of the current prompt (its Seq matched);
	// false means the data is not one of the prompt's (answered "已过期").
	Callback func(st *Step, cb Callback) (bool, error)
	// Back handles /back (nil: "nothing to go back to").
	Back func(st *Step) error
	// Cancel handles /cancel: leave the flow, saying so.
	Cancel func(st *Step)
	// Leave keeps or drops the flow's state when the chat leaves it for
	// another flow (Step.Enter) or ends it (Step.Leave). It must not
	// send anything.
	Leave func(st *Step)
}
