package kit

// Effect is a domain change one step records. Storage applies the effects of
// a step in the same atomic commit as the session, checks the conditions each
// effect documents (a failed one aborts the whole commit and the step is run
// again on fresh reads), and appends one records event per effect to the
// outbox.
type Effect interface {
	// EventType is the CloudEvents type of the records event ("" for an
	// effect that is not a records fact).
	EventType() string
	// EventData is the records event's subject and data. The data is a
	// struct with JSON tags (often the effect itself), so the payload is
	// defined once, next to the effect.
	EventData() (subject string, data any)
}

// Result is what a scheduled job produced for one chat: outputs to send
// after the commit and effects to commit.
type Result struct {
	Outputs []Output
	Effects []Effect
}
