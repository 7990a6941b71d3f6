package flows_test

import (
	"testing"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/survey"
)

// The "access" suite plays the attacks of issue 11 against a deeper tree:
// two 街道 under the root, each with branches, so that every relation of
// the access policy (own unit, above, below, beside) has people in it.
//
//	root 通川区委
//	├── a 东城街道党工委 ── a1 东城第一支部, a2 东城第二支部
//	└── b 西城街道党工委 ── b1 西城第一支部
var accessUnits = []kit.Unit{
	{ID: "root", Name: "通川区委"},
	{ID: "a", Name: "东城街道党工委", Parent: "root"},
	{ID: "a1", Name: "东城第一支部", Parent: "a"},
	{ID: "a2", Name: "东城第二支部", Parent: "a"},
	{ID: "b", Name: "西城街道党工委", Parent: "root"},
	{ID: "b1", Name: "西城第一支部", Parent: "b"},
}

// accessPeople are the suite's people besides the admin (1, an official
// of the root).
var accessPeople = []kit.Person{
	{ID: 100, Name: "孙主任", Unit: "a", Role: kit.RoleOfficial},
	{ID: 110, Name: "周书记", Unit: "a1", Role: kit.RoleSupervisor},
	{ID: 111, Name: "吴明", Unit: "a1", Role: kit.RoleMember},
	{ID: 112, Name: "郑华", Unit: "a1", Role: kit.RoleMember},
	{ID: 113, Name: "冯丽", Unit: "a1", Role: kit.RoleMember},
	{ID: 120, Name: "陈书记", Unit: "a2", Role: kit.RoleSupervisor},
	{ID: 121, Name: "褚强", Unit: "a2", Role: kit.RoleMember},
	{ID: 200, Name: "卫主任", Unit: "b", Role: kit.RoleOfficial},
	{ID: 201, Name: "杨帆", Unit: "b", Role: kit.RoleMember},
	{ID: 210, Name: "蒋书记", Unit: "b1", Role: kit.RoleSupervisor},
	{ID: 211, Name: "沈刚", Unit: "b1", Role: kit.RoleMember},
	{ID: 212, Name: "韩梅", Unit: "b1", Role: kit.RoleMember},
}

// accessEngine is the talks' engine (a case's rounds) over the deeper
// tree, with questionnaires of one question: "sup" (the whole
// organisation, results for supervisors too) and "dc" (东城 only).
func accessEngine(t *testing.T, c *tcase) *flows.Engine {
	env := talkEngine(t, c).Env()
	env.Units = accessUnits
	for id, src := range map[string]string{"sup": supSurvey, "dc": dcSurvey} {
		sv, err := survey.Parse(id, []byte(src), cst)
		if err != nil {
			t.Fatal(err)
		}
		env.Surveys[id] = sv
	}
	return flows.NewEngine(env)
}

const supSurvey = `{
  "campaign": {"results": "supervisors", "satisfied": {"question": "overall", "values": ["满意"]}},
  "survey": {"title": "作风建设满意度测评", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "您对作风建设是否满意", "isRequired": true, "choices": ["满意", "不满意"]}
  ]}
}`

const dcSurvey = `{
  "campaign": {"units": ["a"], "anonymous": true, "min_group": 2, "satisfied": {"question": "overall", "values": ["满意"]}},
  "survey": {"title": "东城街道服务评议", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "您对街道服务是否满意", "isRequired": true, "choices": ["满意", "不满意"]}
  ]}
}`
