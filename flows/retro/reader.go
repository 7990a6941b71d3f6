package retro

// Reader is the read side of 复盘. storage's Directory implements it;
// steps reach it with a type assertion on the kit.Directory. The methods
// keep their Retro prefix: one storage directory implements the readers of
// every feature.
type Reader interface {
	// Retro returns a stored 复盘 with its revision.
	Retro(id string) (Retro, bool, error)
	// RetroContributions returns a 复盘's contributions, in the order
	// they were given.
	RetroContributions(id string) ([]Contribution, error)
	// RetrosOf returns the 复盘 person runs or takes part in, the newest
	// first (at most n).
	RetrosOf(person int64, n int) ([]Retro, error)
}

// reader returns the Reader behind the step's Directory; ok=false for a
// directory without 复盘 (older tests, tools).
func (st step) reader() (Reader, bool) {
	r, ok := st.Dir.(Reader)
	return r, ok
}

// load reads a 复盘 and its contributions; ok=false (told) when it is
// gone.
func (st step) load(id string) (Retro, []Contribution, bool, error) {
	rd, ok := st.reader()
	if !ok {
		st.tell(st.t(mGone))
		return Retro{}, nil, false, nil
	}
	r, ok, err := rd.Retro(id)
	if err != nil || !ok {
		if err == nil {
			st.tell(st.t(mGone))
		}
		return r, nil, false, err
	}
	cs, err := rd.RetroContributions(id)
	if cs == nil {
		cs = []Contribution{} // read: none yet (statusButtons tells nil, just opened, apart)
	}
	return r, cs, err == nil, err
}

// contributed reports whether person is among cs.
func contributed(cs []Contribution, person int64) bool {
	for _, c := range cs {
		if c.Person == person {
			return true
		}
	}
	return false
}
