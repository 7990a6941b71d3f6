package tipoff_test

import (
	"strings"
	"testing"

	"sibu/flows/kit"
	"sibu/flows/tipoff"
)

// people is a kit.Directory of a fixed list.
type people []kit.Person

func (ps people) Person(id int64) (kit.Person, bool, error) {
	for _, p := range ps {
		if p.ID == id {
			return p, true, nil
		}
	}
	return kit.Person{}, false, nil
}
func (people) Invite(string) (kit.Invite, bool, error) { return kit.Invite{}, false, nil }
func (ps people) Members(unit string, _ bool) ([]kit.Person, error) {
	var out []kit.Person
	for _, p := range ps {
		if p.Unit == unit {
			out = append(out, p)
		}
	}
	return out, nil
}
func (ps people) Leads(unit string) ([]kit.Person, error) {
	var out []kit.Person
	for _, p := range ps {
		if p.Unit == unit && (p.Role == kit.RoleOfficial || p.Role == kit.RoleSupervisor) {
			out = append(out, p)
		}
	}
	return out, nil
}

// TestReleaseWithoutInspectorsTellsTheRootOfficials: where no inspector
// sits above a tip-off's unit (none invited yet), the release tells the
// root's officials and the admins that tip-offs wait for an inspector —
// how many, nothing else — instead of telling nobody.
func TestReleaseWithoutInspectorsTellsTheRootOfficials(t *testing.T) {
	env := &kit.Env{Units: []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "一支部", Parent: "root"}},
		Root: "root", Admins: map[int64]bool{1: true}}
	f := &tipoff.Feature{Env: env}
	dir := people{{ID: 20, Name: "李委员", Unit: "root", Role: kit.RoleOfficial},
		{ID: 10, Name: "王书记", Unit: "b1", Role: kit.RoleSupervisor}, {ID: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember}}
	res, err := f.Released([]tipoff.Tipoff{{ID: "t1", Unit: "b1", Text: "发红包拉票"}, {ID: "t2", Unit: "root", Text: "打招呼"}}, dir)
	if err != nil {
		t.Fatal(err)
	}
	told := map[int64]string{}
	for _, r := range res {
		for _, o := range r.Outputs {
			told[o.ChatID] = o.Text
		}
	}
	if len(told) != 2 || told[1] == "" || told[20] == "" {
		t.Fatalf("told %v, want the admin 1 and the root's official 20", told)
	}
	for id, text := range told {
		if !strings.Contains(text, "2 条") || !strings.Contains(text, "纪检") || strings.Contains(text, "拉票") || strings.Contains(text, "一支部") {
			t.Errorf("%d was told %q", id, text)
		}
	}
}
