package talk_test

import (
	"testing"
	"time"

	"sibu/flows/talk"
)

// TestListsFrom: an interviewer's people not yet reached show from 7 days
// before the round's first session or slot (issue 19: a round opened in
// November for talks in March told its interviewer every day), else 7
// days before the deadline.
func TestListsFrom(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	march := time.Date(2027, 3, 2, 9, 0, 0, 0, cst)
	r := talk.Round{Sessions: []talk.Session{{At: march.AddDate(0, 0, 3)}, {At: march}},
		Slots: []time.Time{march.AddDate(0, 0, 1)}, Deadline: march.AddDate(0, 1, 0)}
	if got := talk.ListsFrom(r); !got.Equal(march.AddDate(0, 0, -7)) {
		t.Errorf("ListsFrom = %v, want a week before the first session", got)
	}
	r.Sessions, r.Slots = nil, nil
	if got := talk.ListsFrom(r); !got.Equal(march.AddDate(0, 1, -7)) {
		t.Errorf("ListsFrom without talks = %v, want a week before the deadline", got)
	}
}
