package discipline

// Reader is the read side of checklists and nominees. storage's Directory
// implements it; steps reach it with a type assertion on the
// kit.Directory.
type Reader interface {
	// Checklist returns a stored checklist with its revision.
	Checklist(id string) (Checklist, bool, error)
	// Checklists lists every checklist, the newest first.
	Checklists() ([]Checklist, error)
	// ChecklistsOf lists the checklists that ask person, the newest first.
	ChecklistsOf(person int64) ([]Checklist, error)
	// ChecklistTargets returns a checklist's people, by person.
	ChecklistTargets(id string) (map[int64]Target, error)
	// ChecklistConfirmations returns who did a checklist, by person.
	ChecklistConfirmations(id string) (map[int64]Confirmation, error)
	// Nominee returns a stored nominee with its revision.
	Nominee(id string) (Nominee, bool, error)
	// Nominees lists every nominee, in the order they were added.
	Nominees() ([]Nominee, error)
}

// reader returns the Reader behind the step's Directory; ok=false for a
// directory without checklists and nominees (older tests, tools).
func (st step) reader() (Reader, bool) {
	r, ok := st.Dir.(Reader)
	return r, ok
}
