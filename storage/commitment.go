package storage

import (
	"time"

	"sibu/flows"
)

// planCommitment adds the writes and conditions of the commitment effects to a commit
// plan; false means ef is not one of them.
func (s *Store) planCommitment(p *plan, ef flows.Effect, now time.Time) (bool, error) {
	return false, nil
}

// commitmentEventData is the records event subject and data of the commitment effects;
// false means ef is not one of them.
func commitmentEventData(ef flows.Effect) (string, any, bool) { return "", nil, false }
