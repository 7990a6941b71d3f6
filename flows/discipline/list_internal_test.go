package discipline

import (
	"testing"

	"sibu/flows/join"
	"sibu/flows/kit"
	"sibu/flows/talk"
)

// listDir is a directory of a few people and a roster of expected people,
// some joined (join.Reader), for matching a checklist's list.
type listDir struct {
	people []kit.Person
	roster map[string]join.Current
	join.Reader
}

func (d listDir) Person(id int64) (kit.Person, bool, error) {
	for _, p := range d.people {
		if p.ID == id {
			return p, true, nil
		}
	}
	return kit.Person{}, false, nil
}
func (d listDir) Invite(string) (kit.Invite, bool, error) { return kit.Invite{}, false, nil }
func (d listDir) Members(unit string, sub bool) ([]kit.Person, error) {
	return d.people, nil // every test person is under the root
}
func (d listDir) Leads(string) ([]kit.Person, error) { return nil, nil }
func (d listDir) Expected(phones []string) (map[string]join.Current, error) {
	out := map[string]join.Current{}
	for _, p := range phones {
		if c, ok := d.roster[p]; ok {
			out[p] = c
		}
	}
	return out, nil
}

// TestMatchList matches a list's rows: a joined number names its person
// whatever the name column says, a name shared by two people is told apart
// by its unit or left out, a monitor and a stranger are left out, and a
// person named twice counts once.
func TestMatchList(t *testing.T) {
	env := &kit.Env{Root: "root", Units: []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"},
		{ID: "b2", Name: "第二支部", Parent: "root"}}}
	dir := listDir{people: []kit.Person{
		{ID: 1, Name: "张三", Unit: "b1", Role: kit.RoleMember}, {ID: 2, Name: "张三", Unit: "b2", Role: kit.RoleMember},
		{ID: 3, Name: "李四", Unit: "b1", Role: kit.RoleMember}, {ID: 4, Name: "王监督", Unit: "b1", Role: kit.RoleMonitor},
		{ID: 5, Name: "钱六", Unit: "b2", Role: kit.RoleSupervisor},
	}, roster: map[string]join.Current{"+8613800000005": {Joined: 5}, "+8613800000009": {}}}
	st := step{Step: &kit.Step{Env: env, Dir: dir, Lang: "zh", Me: kit.Person{ID: 9, Unit: "root", Role: kit.RoleOfficial}}}
	rows := []talk.RosterRow{
		{Line: 2, Name: "钱老六", Phone: "138 0000 0005", Group: "换届工作机构人员"}, // by number
		{Line: 3, Name: "张三"},                       // two of them, no unit
		{Line: 4, Name: "张三", Unit: "第二支部"},         // told apart
		{Line: 5, Name: "李 四"},                      // spaces
		{Line: 6, Name: "王监督"},                      // a monitor
		{Line: 7, Name: "李四", Phone: "13800000009"}, // on the roster, not joined: not the 李四 who joined
		{Line: 8, Name: "李四"},                       // again
	}
	found, groups, left, err := st.matchList(rows)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range found {
		ids = append(ids, p.ID)
	}
	if want := []int64{5, 2, 3}; len(ids) != len(want) || ids[0] != 5 || ids[1] != 2 || ids[2] != 3 {
		t.Errorf("found %v, want %v", ids, want)
	}
	if len(groups) != 1 || groups[5] != "换届工作机构人员" {
		t.Errorf("groups %v", groups)
	}
	if len(left) != 3 || left[0] != "张三（第 3 行）" || left[1] != "王监督（第 6 行）" || left[2] != "李四（第 7 行，未加入）" {
		t.Errorf("left out %q", left)
	}
}

// TestNewKind reads "/checklist new …" in English and Chinese.
func TestNewKind(t *testing.T) {
	for args, want := range map[string]ChecklistKind{"new watch": KindWatch, "new train": KindTrain, "新建 四必看": KindWatch,
		"新建 四必训": KindTrain, "四必训": KindTrain, "new": "", "新建 别的": ""} {
		if got, ok := newKind(args); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", args, got, ok, want)
		}
	}
	for _, args := range []string{"", "c123", "newx"} {
		if _, ok := newKind(args); ok {
			t.Errorf("%q read as a new checklist", args)
		}
	}
}
