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

// Checklist is the hash of one checklist: "d" (its JSON), "rev",
// "status" (open or closed, for the confirmation's guard).
func (k Keys) Checklist(id string) string { return k.p + "checklist:" + id }

// Checklists is the sorted set of every checklist, scored by the unix ms
// it opened.
func (k Keys) Checklists() string { return k.p + "checklists" }

// ChecklistTargets is the hash of a checklist's people: person → JSON.
func (k Keys) ChecklistTargets(id string) string { return k.p + "checklist:" + id + ":targets" }

// ChecklistConfirmations is the hash of who did a checklist: person → JSON.
func (k Keys) ChecklistConfirmations(id string) string { return k.p + "checklist:" + id + ":done" }

// ChecklistReminded is the hash of a checklist's reminders sent: key →
// unix seconds.
func (k Keys) ChecklistReminded(id string) string { return k.p + "checklist:" + id + ":reminded" }

// ChecklistsOf is the sorted set of the checklists that ask a person.
func (k Keys) ChecklistsOf(person int64) string { return k.p + "checklists:" + itoa(person) }

// Nominee is the hash of one nominee: "d" (its JSON), "rev".
func (k Keys) Nominee(id string) string { return k.p + "nominee:" + id }

// Nominees is the sorted set of every nominee, scored by the unix ms it
// was added.
func (k Keys) Nominees() string { return k.p + "nominees" }

// TipoffPool is the set of what reporters sent (tip-offs and additions),
// each sealed to the anonymity key, waiting for a batch release. It holds
// no reporter and no time but the day inside the seal.
func (k Keys) TipoffPool() string { return k.p + "tipoff:pool" }

// Tipoffs is the hash of released tip-offs: random id → "<keyed hash of
// the receipt code>|<the tip-off sealed>".
func (k Keys) Tipoffs() string { return k.p + "tipoffs" }

// TipoffRevs is the hash of released tip-offs' revisions: id → n.
func (k Keys) TipoffRevs() string { return k.p + "tipoffs:rev" }

// TipoffCap is the hash of one day's reports per person, each under a
// pseudonym (a keyed hash of person and day): how many, never which. It
// expires after two days.
func (k Keys) TipoffCap(day string) string { return k.p + "tipoff:cap:" + day }
