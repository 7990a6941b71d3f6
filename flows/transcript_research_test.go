package flows_test

import (
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/research"
)

// The "research" suite plays the research campaign (调研 听·问·访·谈) over a
// district with two townships:
//
//	root 通川区委 ── dongcheng 东城街道党工委 ── dc-b1 东城第一支部
//	             └── beiwai 北外镇党委
//
// The campaign hj2026 covers both townships; its questionnaire is demo and
// its talk round the case's "hj", when the case defines it.
var researchSuite = suite{engine: researchEngine, detail: true, view: func(d *fakeDir) kit.Directory { return d },
	people: []kit.Person{
		{ID: 100, Name: "孙主任", Unit: "dongcheng", Role: kit.RoleOfficial},
		{ID: 110, Name: "周书记", Unit: "dc-b1", Role: kit.RoleSupervisor},
		{ID: 111, Name: "吴明", Unit: "dc-b1", Role: kit.RoleMember},
		{ID: 112, Name: "郑华", Unit: "dc-b1", Role: kit.RoleMember},
		{ID: 200, Name: "卫书记", Unit: "beiwai", Role: kit.RoleSupervisor},
		{ID: 201, Name: "杨帆", Unit: "beiwai", Role: kit.RoleMember},
	}}

var researchUnits = []kit.Unit{
	{ID: "root", Name: "通川区委"},
	{ID: "dongcheng", Name: "东城街道党工委", Parent: "root"},
	{ID: "dc-b1", Name: "东城第一支部", Parent: "dongcheng"},
	{ID: "beiwai", Name: "北外镇党委", Parent: "root"},
}

// researchEngine is the talks' engine (a case's rounds) over the district,
// with the campaign hj2026.
func researchEngine(t *testing.T, c *tcase, _ string) *flows.Engine {
	env := talkEngine(t, c).Env()
	env.Units = researchUnits
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, cst)
	env.Research = research.Settings{Campaigns: map[string]*research.Campaign{"hj2026": {
		ID: "hj2026", Title: "2026年乡镇换届大调研", Units: []string{"dongcheng", "beiwai"},
		From: from, To: from.AddDate(0, 2, -1),
		Targets: research.Targets{Meetings: 1, Surveys: []string{"demo"}, Responses: 3, Visits: 2, Rounds: []string{"hj"}, Coverage: 100},
	}}}
	return flows.NewEngine(env)
}
