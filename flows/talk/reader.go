package talk

import "time"

// Reader is the read side of talk rounds. storage's Directory implements
// it; steps reach it with a type assertion on the kit.Directory. The
// methods keep their Talk prefix: one storage directory implements the
// readers of every feature.
type Reader interface {
	// TalkRound returns a stored (opened at least once) round.
	TalkRound(id string) (RoundState, bool, error)
	// TalkRounds lists the ids of stored rounds, open first.
	TalkRounds() ([]string, error)
	// TalkEntry returns a person's roster entry in a round.
	TalkEntry(round string, user int64) (Entry, bool, error)
	// TalkBooked returns an interviewer's reserved phone slots: unix
	// seconds → user id.
	TalkBooked(round string, interviewer int64) (map[int64]int64, error)
	// TalkCoverage returns a round's counters.
	TalkCoverage(round string) (Coverage, error)
	// TalkUnreached returns a page of user ids not yet reached (ascending)
	// and how many there are; interviewer 0 means everyone's.
	TalkUnreached(round string, interviewer int64, offset, n int) ([]int64, int64, error)
	// TalkUnreachedIn is TalkUnreached for the people of the given units
	// (an official's subtree), ascending by user id.
	TalkUnreachedIn(round string, units []string, offset, n int) ([]int64, int64, error)
	// TalkAgenda returns an interviewer's scheduled talks between from and
	// to, by time.
	TalkAgenda(interviewer int64, from, to time.Time) ([]Entry, error)
}

// reader returns the Reader behind the step's Directory; ok=false for a
// directory without talk rounds (older tests, tools).
func (st step) reader() (Reader, bool) {
	tr, ok := st.Dir.(Reader)
	return tr, ok
}

// roundsReader is the Reader of /talks and /coverage (the engine asked the
// access policy whether the person may use them); ok=false (said) for a
// directory without talk rounds.
func (st step) roundsReader() (Reader, bool) {
	tr, ok := st.reader()
	if !ok {
		st.Send(st.t(mNone))
	}
	return tr, ok
}
