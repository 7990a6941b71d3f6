package kit

// Directory is the read-only view of shared state every step may consult:
// people, invites and the unit tree's membership. It is implemented by
// storage (Redis) and, in tests, by an in-memory fake. Features read more
// through their own reader interfaces, which the same value implements
// (survey.Reader, commitment.Reader, talk.Reader). Reads are not locked:
// anything a step decides from them that must still hold at commit time is
// stated as a condition on the effect, and a failed condition re-runs the
// step.
type Directory interface {
	// Person returns the person with Telegram user id, ok=false when unknown.
	Person(id int64) (Person, bool, error)
	// Invite returns an invite by code, ok=false when unknown.
	Invite(code string) (Invite, bool, error)
	// Members returns everyone in the unit and, with sub, its descendants.
	Members(unit string, sub bool) ([]Person, error)
	// Leads returns the unit's own supervisors and officials (not its
	// sub-units'), from an index: jobs look them up for thousands of units.
	Leads(unit string) ([]Person, error)
}

// MemberCounter is an optional Directory method: the number of people in a
// unit and its descendants without loading them (storage counts sets).
type MemberCounter interface {
	CountMembers(unit string) (int64, error)
}

// CountMembers returns the number of people in unit and its descendants,
// cheaply when dir is a MemberCounter.
func CountMembers(dir Directory, unit string) (int64, error) {
	if c, ok := dir.(MemberCounter); ok {
		return c.CountMembers(unit)
	}
	ms, err := dir.Members(unit, true)
	return int64(len(ms)), err
}
