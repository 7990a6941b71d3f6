package commitment

import (
	"fmt"
	"slices"
	"time"

	"sibu/flows/access"
)

// Reader is what the commitment feature reads besides kit.Directory.
// storage implements it on its directory; a step reaches it by a type
// assertion (so kit.Directory stays unchanged for the other features).
type Reader interface {
	// Commitment returns an item with its Rev, ok=false when unknown.
	Commitment(id string) (Item, bool, error)
	// CommitmentsOf lists a person's items, oldest first.
	CommitmentsOf(owner int64) ([]Item, error)
	// UnitCommitments lists the items of a unit (its members' and its own),
	// oldest first.
	UnitCommitments(unit string) ([]Item, error)
	// PendingReviews lists every item waiting for review, oldest first.
	PendingReviews() ([]Item, error)
	// DueBefore lists active and rectifying items whose deadline day starts
	// before t, earliest deadline first.
	DueBefore(t time.Time) ([]Item, error)
	// CommitmentLog returns an item's history, oldest first.
	CommitmentLog(id string) ([]Entry, error)
	// CommitmentCounts returns the number of items per status in units.
	CommitmentCounts(units []string) (map[Status]int64, error)
	// EvalRound returns the open evaluation round of unit, ok=false if none.
	EvalRound(unit string) (Round, bool, error)
	// EvalMarks returns the marks of a round.
	EvalMarks(round string) (Marks, error)
	// EvalSatisfaction returns the figure of a round's satisfaction
	// questionnaire so far (Survey is left for the caller to fill).
	EvalSatisfaction(round string) (Satisfaction, error)
	// EvalResponded reports whether user submitted the round's
	// satisfaction questionnaire.
	EvalResponded(round string, user int64) (bool, error)
}

// reader returns the commitment reads, or an error when the directory has
// none (a wiring mistake, not a user's).
func (st step) reader() (Reader, error) {
	r, ok := st.Dir.(Reader)
	if !ok {
		return nil, fmt.Errorf("directory %T does not implement commitment.Reader", st.Dir)
	}
	return r, nil
}

// item loads one commitment for a button or command.
func (st step) item(id string) (Item, bool, error) {
	r, err := st.reader()
	if err != nil {
		return Item{}, false, err
	}
	c, ok, err := r.Commitment(id)
	if err != nil {
		return Item{}, false, fmt.Errorf("commitment %s: %w", id, err)
	}
	return c, ok, nil
}

// myItems lists what me may act on in the given states: own items, and the
// unit's own when me is a supervisor there.
func (st step) myItems(states ...Status) ([]Item, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	items, err := r.CommitmentsOf(st.Me.ID)
	if err != nil {
		return nil, fmt.Errorf("commitments of %d: %w", st.Me.ID, err)
	}
	if access.Allows(st.Step, access.Keep, access.Object{Item: &access.Item{Unit: st.Me.Unit}}) {
		unit, err := r.UnitCommitments(st.Me.Unit)
		if err != nil {
			return nil, fmt.Errorf("commitments of %s: %w", st.Me.Unit, err)
		}
		for _, c := range unit {
			if c.Direction != DirPerson {
				items = append(items, c)
			}
		}
	}
	out := items[:0]
	for _, c := range items {
		if len(states) == 0 || slices.Contains(states, c.Status) {
			out = append(out, c)
		}
	}
	return out, nil
}

// overdueUnder lists the active and rectifying items of unit's subtree
// due within soon days or overdue, earliest deadline first.
func (st step) overdueUnder(unit string, soon int) ([]Item, error) {
	r, err := st.reader()
	if err != nil {
		return nil, err
	}
	items, err := r.DueBefore(st.Today().AddDate(0, 0, soon))
	if err != nil {
		return nil, fmt.Errorf("due items: %w", err)
	}
	return slices.DeleteFunc(items, func(c Item) bool { return !st.Env.Subtree(unit, c.Unit) }), nil
}
