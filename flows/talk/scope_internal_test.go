package talk

import (
	"testing"

	"sibu/flows/kit"
)

// leadsDir is a directory of leads by unit (nothing else is read).
type leadsDir map[string][]kit.Person

func (d leadsDir) Person(int64) (kit.Person, bool, error)     { return kit.Person{}, false, nil }
func (d leadsDir) Invite(string) (kit.Invite, bool, error)    { return kit.Invite{}, false, nil }
func (d leadsDir) Members(string, bool) ([]kit.Person, error) { return nil, nil }
func (d leadsDir) Leads(u string) ([]kit.Person, error)       { return d[u], nil }

// TestFallbackInterviewerStaysInTheChain: the official opening a round is
// the fallback interviewer only of people at or below their unit; anyone
// else gets an official of their own chain, or an admin (issue 11: an
// official beside the unit saw the member's number).
func TestFallbackInterviewerStaysInTheChain(t *testing.T) {
	env := &kit.Env{Root: "root", Admins: map[int64]bool{1: true}, Units: []kit.Unit{
		{ID: "root"}, {ID: "a", Parent: "root"}, {ID: "a1", Parent: "a"}, {ID: "b", Parent: "root"}, {ID: "b1", Parent: "b"}}}
	opener := kit.Person{ID: 100, Unit: "a", Role: kit.RoleOfficial}
	bOfficial := kit.Person{ID: 200, Unit: "b", Role: kit.RoleOfficial}
	tests := []struct {
		name   string
		person kit.Person
		dir    leadsDir
		want   int64
	}{
		{"below the opener", kit.Person{ID: 111, Unit: "a1"}, leadsDir{}, 100},
		{"beside: the official of their chain", kit.Person{ID: 211, Unit: "b1"}, leadsDir{"b": {bOfficial}}, 200},
		{"beside, no official: an admin", kit.Person{ID: 211, Unit: "b1"}, leadsDir{}, 1},
		{"the opener themself: their chain", opener, leadsDir{"root": {{ID: 5, Unit: "root", Role: kit.RoleOfficial}}}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := step{Step: &kit.Step{Env: env, Dir: tt.dir, Me: opener}, f: &Feature{Env: env}}
			got, err := st.fallbackInterviewer(tt.person)
			if err != nil || got != tt.want {
				t.Errorf("fallbackInterviewer(%d) = %d, %v; want %d", tt.person.ID, got, err, tt.want)
			}
		})
	}
}
