package flows_test

import (
	"testing"

	"sibu/flows"
	"sibu/flows/kit"
)

// The "onboarding" suite plays rosters, unit join links and join requests
// (issue 18) over a tree with two 街道:
//
//	root 通川区委
//	├── dc 东城街道党工委 ── b1 东城第一支部, b2 东城第二支部
//	└── xc 西城街道党工委
var onboardingUnits = []kit.Unit{
	{ID: "root", Name: "通川区委"},
	{ID: "dc", Name: "东城街道党工委", Parent: "root"},
	{ID: "b1", Name: "东城第一支部", Parent: "dc"},
	{ID: "b2", Name: "东城第二支部", Parent: "dc"},
	{ID: "xc", Name: "西城街道党工委", Parent: "root"},
}

// onboardingPeople are the suite's people besides the admin (1).
var onboardingPeople = []kit.Person{
	{ID: 100, Name: "孙主任", Unit: "dc", Role: kit.RoleOfficial},
	{ID: 110, Name: "周书记", Unit: "b1", Role: kit.RoleSupervisor},
	{ID: 120, Name: "陈书记", Unit: "b2", Role: kit.RoleSupervisor},
	{ID: 200, Name: "卫主任", Unit: "xc", Role: kit.RoleOfficial},
}

// onboardingEngine is the talks' engine (a case's rounds) over the
// onboarding tree.
func onboardingEngine(t *testing.T, c *tcase) *flows.Engine {
	env := talkEngine(t, c).Env()
	env.Units = onboardingUnits
	return flows.NewEngine(env)
}
