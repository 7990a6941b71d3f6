package storage

// Keys of 复盘 (retro.go), the election-discipline checklists and the
// nominee gate (discipline.go) and the tip-off line (tipoff.go). They
// live beside keys.go, one function per key, under the same hash tag.

// Retro is the hash of one 复盘: "d" (its JSON), "rev" (its revision),
// "status" (open or closed, for the contribution's guard).
func (k Keys) Retro(id string) string { return k.p + "retro:" + id }

// RetroContributions is the hash of a 复盘's contributions: person → JSON.
func (k Keys) RetroContributions(id string) string { return k.p + "retro:" + id + ":contrib" }

// RetrosOf is the sorted set of the 复盘 a person runs or takes part in:
// id scored by the unix ms it opened.
func (k Keys) RetrosOf(person int64) string { return k.p + "retros:" + itoa(person) }
