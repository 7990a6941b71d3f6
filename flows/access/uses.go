package access

// Commands maps every command (without "/") to the action it asks for.
// The engine refuses a command that is not here, and asks Decide with a
// zero Object (may the person's role use it at all?) before its handler
// runs; the handler asks again with the object.
var Commands = map[string]Action{
	"start":     Open,
	"help":      Open,
	"cancel":    Open,
	"back":      Open,
	"surveys":   Open,
	"mytalks":   Open,
	"status":    Status,
	"invite":    Invite,
	"survey":    Launch,
	"stats":     Results,
	"export":    Export,
	"promise":   Declare,
	"progress":  Keep,
	"done":      Keep,
	"extend":    Keep,
	"review":    Review,
	"urge":      Urge,
	"overdue":   Ledger,
	"ledger":    Ledger,
	"evaluate":  Launch,
	"talks":     Launch,
	"coverage":  Results,
	"retro":     Open,
	"checklist": Open,
	"nominees":  Nominees,
	"tipoff":    Open,
	"roster":    People,
	"meeting":   Log,
	"visit":     Log,
	"opinions":  Opinions,
	"campaign":  Results,
	"report":    Results,
}

// CommandEntry is the prefix of a button that sends a command as if it
// were typed: "do:<command> <args>" (a command's choices offered as
// buttons: a unit, a role, a questionnaire, a round). Its action is the
// command's (Commands), decided as the typed command is.
const CommandEntry = "do"

// Verbs maps the verb of every button that works whatever the session
// holds ("<prefix>:<object>:<verb>…", see kit.Entry) to its action, keyed
// "<prefix>:<verb>" ("sv" alone: its only verb is starting).
var Verbs = map[string]Action{
	"sv": Answer,

	"pr:ok": Review,
	"pr:rt": Review,
	"pr:ed": Keep,
	"pr:pg": Keep,
	"pr:dn": Keep,
	"pr:ex": Keep,
	"pr:ur": Urge,
	"pr:xa": Deadline,
	"pr:xr": Deadline,
	"pr:rd": Deadline,

	"pe:sr": Report,
	"pe:gr": Grade,
	"pe:vt": Vote,
	"pe:sq": Vote,

	"tk:face":  Book,
	"tk:phone": Book,
	"tk:chg":   Book,
	"tk:cxl":   Book,

	"ti:rec":  Interview,
	"ti:done": Interview,
	"ti:miss": Interview,
	"ti:face": Interview,
	"ti:ok":   Interview,
	"ti:no":   Interview,
	"ti:call": Interview,

	"tc:p":     Results,
	"tc:chart": Results,
	"tc:xlsx":  Results,

	"rt:st":  Facilitate,
	"rt:mg":  Facilitate,
	"rt:ed":  Facilitate,
	"rt:cl":  Facilitate,
	"rt:cf":  Facilitate,
	"rt:tr":  Facilitate,
	"rt:tl":  Facilitate,
	"rt:ur":  Facilitate,
	"rt:go":  Contribute,
	"rt:doc": Contribute,

	"ck:ok": Confirm,
	"ck:in": Confirm,
	"ck:v":  Results,
	"ck:x":  Results,
	"ck:tk": Results,
	"ck:cl": Launch,

	"nm:v":  Nominees,
	"nm:ok": Nominate,
	"nm:ck": Vet,

	"tf:v":  Inspect,
	"tf:an": Inspect,
	"tf:st": Inspect,
	"tf:nm": Inspect,
	"rs:p":  People,
	"rs:x":  People,

	"ul:qr":   Invite,
	"ul:off":  Invite,
	"ul:offy": Invite,
	"jq:ok":   Invite,
	"jq:no":   Invite,
	"rr:ed":   Log,

	"ro:v":  Opinions,
	"ro:t":  Opinions,
	"ro:c":  Opinions,
	"ro:f":  Opinions,
	"ro:dn": Opinions,
	"rl:p":  Opinions,
	"rl:x":  Opinions,
	"rl:i":  Opinions,

	"rc:chart": Results,
}

// Verb returns the action of button verb of entry prefix; ok=false for a
// verb the policy does not know (a forged or outdated button: refused).
func Verb(prefix, verb string) (Action, bool) {
	key := prefix
	if verb != "" {
		key += ":" + verb
	}
	a, ok := Verbs[key]
	return a, ok
}
