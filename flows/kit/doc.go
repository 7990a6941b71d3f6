// Package kit is what every feature of the flows engine uses: the people and
// units a step reads (Person, Unit, Invite, Directory), what a person did
// (Input) and what the transport must do afterwards (Output), the records
// facts a step commits (Effect), the chat's shared conversation state (Core),
// callback data with named verbs (Data, ParseCallback), message catalogs (T,
// Catalog) and Step, the working state of one engine step that features'
// handlers receive.
//
// Files:
//
//	people.go    Role, Person, Unit, Invite and the organisation tree (Env)
//	io.go        Input, Output and their parts (buttons, keyboards, files)
//	directory.go Directory: the read-only view of shared state
//	effect.go    Effect and Result
//	session.go   Core (Seq, Flow, Outcome) and the Session a feature's state lives in
//	callback.go  callback data: build, parse, named verbs
//	step.go      Step: Send, Edit, Chose, DropButtons, Answer, Push, Emit, Enter,
//	             Leave, Conclude
//	feature.go   Feature, Task and Flow: how a feature plugs into the engine
//	catalog.go   Catalog, T, Lang and the messages shared by every feature
//	format.go    small formatting helpers (Percent, Short, DayOf)
//	names.go     units and roles as people type them, buttons that send commands
//	quiet.go     QuietHours: when no push goes out (Env.Quiet)
//	digest.go    DigestSent: the claim of a person's daily digest
//	cadence.go   NagDay: on which days overdue an owner is reminded (1, 3, 7, weekly)
//
// kit imports neither Telegram, Redis nor cron, nor any feature package.
package kit
