package join_test

import (
	"fmt"
	"strings"
	"testing"

	"sibu/flows/join"
	"sibu/flows/kit"
)

// noRoster is a roster with nobody on it yet (Check reads the stored
// entries of the file's numbers and of its units).
type noRoster struct{ join.Reader }

func (noRoster) Expected([]string) (map[string]join.Current, error) { return nil, nil }
func (noRoster) RosterOf(string) (map[string]join.Current, error)   { return nil, nil }

var checkEnv = kit.Env{Root: "root", Units: []kit.Unit{{ID: "root", Name: "区委"}, {ID: "b1", Name: "第一支部", Parent: "root"},
	{ID: "b2", Name: "第二支部", Parent: "root"}}}

// TestCheckRefusesRolesAboveTheImporter: a row is decided as an
// invitation by the importer, so nobody puts a role above their own or a
// unit outside their subtree on the roster.
func TestCheckRefusesRolesAboveTheImporter(t *testing.T) {
	rows := []join.RosterRow{
		{Line: 2, Name: "张三", Unit: "第一支部", Phone: "13800138001"},
		{Line: 3, Name: "李四", Unit: "第一支部", Role: "支部书记", Phone: "13800138002"},
		{Line: 4, Name: "王五", Unit: "第二支部", Phone: "13800138003"},
	}
	n := 0
	ref := func() string { n++; return fmt.Sprint("r", n) }
	secretary := kit.Person{ID: 7, Unit: "b1", Role: kit.RoleSupervisor}
	im, err := join.Check(&checkEnv, secretary, "zh", rows, noRoster{}, ref)
	if err != nil {
		t.Fatal(err)
	}
	if im.Added != 1 || len(im.Rejected) != 2 {
		t.Fatalf("added %d, rejected %+v", im.Added, im.Rejected)
	}
	if !strings.Contains(im.Rejected[0].Reason, "只能邀请成员") || !strings.Contains(im.Rejected[1].Reason, "本单位") {
		t.Errorf("reasons: %q, %q", im.Rejected[0].Reason, im.Rejected[1].Reason)
	}
	admin := kit.Person{ID: 1, Unit: "root", Role: kit.RoleOfficial}
	if im, _ := join.Check(&checkEnv, admin, "en", rows, noRoster{}, ref); im.Added != 3 || len(im.Rejected) != 0 {
		t.Errorf("an admin's import: %+v", im)
	}
}
