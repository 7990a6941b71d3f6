package storage

import (
	"time"

	"sibu/flows"
)

// planTalk adds the writes and conditions of the talk effects to a commit
// plan; false means ef is not one of them.
func (s *Store) planTalk(p *plan, ef flows.Effect, now time.Time) (bool, error) {
	return false, nil
}

// talkEventData is the records event subject and data of the talk effects;
// false means ef is not one of them.
func talkEventData(ef flows.Effect) (string, any, bool) { return "", nil, false }
