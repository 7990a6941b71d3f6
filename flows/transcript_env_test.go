package flows_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/commitment"
	"sibu/flows/kit"
	"sibu/flows/survey"
	"sibu/flows/talk"
)

// fixedNow is the clock of every transcript (10:00 in Shanghai).
var fixedNow = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)

var cst = time.FixedZone("CST", 8*3600)

// suite is a folder of transcripts: the engine they run on (satisfaction:
// promise.satisfaction_survey, changed by a line), the people already
// joined, and whether outputs show contact cards, files and keyboards.
type suite struct {
	engine func(t *testing.T, c *tcase, satisfaction string) *flows.Engine
	people []kit.Person
	detail bool
	// view is what of the fake directory the suite's engine reads.
	view func(*fakeDir) kit.Directory
}

var suites = map[string]suite{
	"transcripts": {engine: func(*testing.T, *tcase, string) *flows.Engine { return testEngine() },
		view: func(d *fakeDir) kit.Directory { return surveyView{d} }},
	"commitment": {engine: func(_ *testing.T, _ *tcase, sat string) *flows.Engine { return commitmentEngine(sat) },
		view: func(d *fakeDir) kit.Directory { return commitmentView{d, d} },
		people: []kit.Person{
			{ID: 10, Name: "王书记", Unit: "b1", Role: kit.RoleSupervisor},
			{ID: 20, Name: "李委员", Unit: "root", Role: kit.RoleOfficial},
			{ID: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember},
			{ID: 32, Name: "李四", Unit: "b1", Role: kit.RoleMember},
			{ID: 33, Name: "王五", Unit: "b1", Role: kit.RoleMember},
			{ID: 40, Name: "赵书记", Unit: "b2", Role: kit.RoleSupervisor},
		}},
	"talk": {engine: func(t *testing.T, c *tcase, _ string) *flows.Engine { return talkEngine(t, c) }, detail: true,
		view: func(d *fakeDir) kit.Directory { return talkView{d, d} }},
	"retro":      {engine: disciplineEngine, view: func(d *fakeDir) kit.Directory { return d }, people: disciplinePeople},
	"discipline": {engine: disciplineEngine, view: func(d *fakeDir) kit.Directory { return d }, people: disciplinePeople, detail: true},
	"access": {engine: func(t *testing.T, c *tcase, _ string) *flows.Engine { return accessEngine(t, c) }, detail: true,
		people: accessPeople, view: func(d *fakeDir) kit.Directory { return d }},
	"onboarding": {engine: func(t *testing.T, c *tcase, _ string) *flows.Engine { return onboardingEngine(t, c) }, detail: true,
		people: onboardingPeople, view: func(d *fakeDir) kit.Directory { return d }},
	"research": researchSuite,
}

// disciplinePeople are the people of the 复盘, checklist, nominee and
// tip-off transcripts: a branch (b1) with its secretary and members, the
// root's official and inspector, a member of b2.
var disciplinePeople = []kit.Person{
	{ID: 10, Name: "王书记", Unit: "b1", Role: kit.RoleSupervisor},
	{ID: 20, Name: "李委员", Unit: "root", Role: kit.RoleOfficial},
	{ID: 25, Name: "赵纪检", Unit: "root", Role: kit.RoleInspector},
	{ID: 31, Name: "张三", Unit: "b1", Role: kit.RoleMember},
	{ID: 32, Name: "李四", Unit: "b1", Role: kit.RoleMember},
	{ID: 33, Name: "王五", Unit: "b1", Role: kit.RoleMember},
	{ID: 41, Name: "钱六", Unit: "b2", Role: kit.RoleMember},
}

func testEngine() *flows.Engine {
	surveys := map[string]*survey.Survey{}
	for id, src := range map[string]string{"demo": demoSurvey, "full": fullSurvey, "anon": anonSurvey} {
		sv, err := survey.Parse(id, []byte(src), cst)
		if err != nil {
			panic(err)
		}
		surveys[id] = sv
	}
	n := 0
	return flows.NewEngine(flows.Env{Env: kit.Env{
		BotUsername: "sibu_test_bot",
		Units: []kit.Unit{{ID: "root", Name: "通川区委"}, {ID: "b1", Name: "第一支部", Parent: "root"},
			{ID: "b2", Name: "第二支部", Parent: "root"}},
		Root:      "root",
		Admins:    map[int64]bool{1: true},
		InviteTTL: 7 * 24 * time.Hour,
		NewCode:   func() string { n++; return fmt.Sprintf("code%d", n) },
		Location:  cst,
	}, Surveys: surveys})
}

// engineWith is testEngine with questionnaire id defined by src.
func engineWith(id, src string) *flows.Engine {
	env := testEngine().Env()
	sv, err := survey.Parse(id, []byte(src), time.UTC)
	if err != nil {
		panic(err)
	}
	surveys := map[string]*survey.Survey{id: sv}
	for k, v := range env.Surveys {
		if k != id {
			surveys[k] = v
		}
	}
	env.Surveys = surveys
	return flows.NewEngine(env)
}

// commitmentEngine is the commitments' test engine; satisfaction names the
// questionnaire of evaluation rounds (promise.satisfaction_survey).
func commitmentEngine(satisfaction string) *flows.Engine {
	env := testEngine().Env()
	env.Units = []kit.Unit{{ID: "root", Name: "通川区委"}, {ID: "b1", Name: "第一支部", Parent: "root", Group: -1001},
		{ID: "b2", Name: "第二支部", Parent: "root"}}
	env.Commitment = commitment.Settings{PublishGrades: true, SatisfactionSurvey: satisfaction}
	sv, err := survey.Parse("manyi", []byte(manyiSurvey), cst)
	if err != nil {
		panic(err)
	}
	surveys := map[string]*survey.Survey{"manyi": sv}
	for id, s := range env.Surveys {
		surveys[id] = s
	}
	env.Surveys = surveys
	return flows.NewEngine(env)
}

// disciplineEngine is the commitments' engine with the anonymous
// questionnaire about 换届风气 that offers the tip-off line (huanjie) and
// a case's talk rounds (四必谈).
func disciplineEngine(t *testing.T, c *tcase, _ string) *flows.Engine {
	env := commitmentEngine("").Env()
	sv, err := survey.Parse("huanjie", []byte(huanjieSurvey), cst)
	if err != nil {
		t.Fatal(err)
	}
	env.Surveys["huanjie"] = sv
	env.Talk.Rounds = talkEngine(t, c).Env().Talk.Rounds
	return flows.NewEngine(env)
}

// huanjieSurvey is an anonymous questionnaire about 换届风气 whose closing
// message offers the tip-off line, its results open to supervisors.
const huanjieSurvey = `{
  "campaign": {"units": ["root"], "anonymous": true, "tipoff": true, "results": "supervisors"},
  "survey": {"title": "换届风气匿名测评", "elements": [
    {"type": "radiogroup", "name": "atmosphere", "title": "您认为本次换届风气总体如何？", "isRequired": true, "choices": ["好", "较好", "一般", "差"]}
  ]}
}`

// talkEngine is the talks' test engine with a case's rounds and settings.
func talkEngine(t *testing.T, c *tcase) *flows.Engine {
	env := testEngine().Env()
	env.Talk.Rounds = map[string]*talk.Round{}
	for id, raw := range c.Rounds {
		var r talk.Round
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("round %s: %v", id, err)
		}
		r.ID = id
		env.Talk.Rounds[id] = &r
	}
	if c.Settings.ChangeCutoff != "" {
		d, err := time.ParseDuration(c.Settings.ChangeCutoff)
		if err != nil {
			t.Fatal(err)
		}
		env.Talk.ChangeCutoff = d
	}
	env.Talk.RecordsIncludePrivate = c.Settings.Private
	return flows.NewEngine(env)
}

const demoSurvey = `{
  "campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意", "基本满意"]}},
  "survey": {
    "title": "乡镇领导班子满意度调查",
    "description": "请如实填写。",
    "elements": [
      {"type": "radiogroup", "name": "overall", "title": "您对乡镇领导班子的总体评价", "isRequired": true, "choices": ["满意", "基本满意", "不满意"]},
      {"type": "checkbox", "name": "strengths", "title": "班子在哪些方面做得较好", "isRequired": true, "choices": ["团结协作", "服务群众", "廉洁自律", "推动发展"]},
      {"type": "rating", "name": "score", "title": "请为班子打分", "isRequired": true, "rateMin": 1, "rateMax": 5},
      {"type": "comment", "name": "advice", "title": "意见和建议"}
    ]
  }
}`

// alternates are changed definitions for version tests.
var alternates = map[string]string{
	// v2 drops "strengths", adds "trust" before "score" and renames a choice.
	"demo_v2": `{
  "campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意", "基本满意"]}},
  "survey": {"title": "乡镇领导班子满意度调查", "elements": [
      {"type": "radiogroup", "name": "overall", "title": "您对乡镇领导班子的总体评价", "isRequired": true, "choices": ["满意", "基本满意", "不满意"]},
      {"type": "boolean", "name": "trust", "title": "您信任班子吗", "isRequired": true},
      {"type": "rating", "name": "score", "title": "请为班子打分", "isRequired": true, "rateMin": 1, "rateMax": 5},
      {"type": "comment", "name": "advice", "title": "意见和建议"}
  ]}}`,
}

// fullSurvey exercises every question type and rule of the SurveyJS subset.
const fullSurvey = `{
  "campaign": {"units": ["b1"], "satisfied": {"question": "overall", "values": ["good"]},
               "closes_at": "2026-12-31 18:00"},
  "survey": {
    "title": "全题型测试",
    "pages": [{"elements": [
      {"type": "radiogroup", "name": "overall", "title": "总体评价", "isRequired": true,
       "choices": [{"value": "good", "text": "好"}, {"value": "ok", "text": "一般"}, {"value": "bad", "text": "差"}],
       "showOtherItem": true},
      {"type": "comment", "name": "why_bad", "title": "哪里不好？", "isRequired": true, "visibleIf": "{overall} = 'bad'"},
      {"type": "checkbox", "name": "topics", "title": "关心的问题", "isRequired": true,
       "choices": ["就业", "教育", "医疗", "养老", "住房", "交通", "环境", "治安", "文化", "其他事项"],
       "showNoneItem": true, "validators": [{"type": "answercount", "maxCount": 3}]},
      {"type": "dropdown", "name": "village", "title": "所在村", "choices": ["东村", "西村", "南村"]},
      {"type": "boolean", "name": "member", "title": "是否党员", "isRequired": true},
      {"type": "text", "name": "age", "title": "年龄", "inputType": "number", "isRequired": true,
       "validators": [{"type": "numeric", "minValue": 18, "maxValue": 100}]},
      {"type": "text", "name": "phone", "title": "联系电话", "inputType": "tel", "requiredIf": "{member} = true"},
      {"type": "text", "name": "visit", "title": "走访日期", "inputType": "date"},
      {"type": "ranking", "name": "priority", "title": "按重要性排序", "choices": ["修路", "办学", "建医院"]},
      {"type": "matrix", "name": "grade", "title": "班子成员评价", "isRequired": true,
       "rows": [{"value": "sec", "text": "书记"}, {"value": "mayor", "text": "镇长"}],
       "columns": [{"value": "good", "text": "好"}, {"value": "fine", "text": "较好"}, {"value": "avg", "text": "一般"}, {"value": "poor", "text": "差"}]},
      {"type": "rating", "name": "score", "title": "打分", "rateMin": 1, "rateMax": 5, "isRequired": true},
      {"type": "text", "name": "code", "title": "身份证后四位", "validators": [{"type": "regex", "regex": "^[0-9]{3}[0-9Xx]$", "text": "请填写 4 位数字（末位可为 X）"}]},
      {"type": "comment", "name": "advice", "title": "建议", "validators": [{"type": "text", "minLength": 5}]}
    ]}],
    "triggers": [{"type": "complete", "expression": "{score} = 1"}]
  }
}`

const anonSurvey = `{
  "campaign": {"units": ["root"], "anonymous": true, "min_group": 2,
               "satisfied": {"question": "q1", "values": ["满意"]}},
  "survey": {"title": "匿名测评", "elements": [
    {"type": "radiogroup", "name": "q1", "title": "满意吗", "isRequired": true, "choices": ["满意", "不满意"]},
    {"type": "radiogroup", "name": "q2", "title": "跳到哪", "choices": ["a", "b"]},
    {"type": "comment", "name": "q3", "title": "第三题"},
    {"type": "comment", "name": "q4", "title": "第四题"}
  ], "triggers": [{"type": "skip", "expression": "{q2} = 'b'", "gotoName": "q4"}]}
}`

// manyiSurvey is a short satisfaction questionnaire for evaluation rounds.
const manyiSurvey = `{
  "campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意", "基本满意"]}},
  "survey": {"title": "公开承诺群众满意度测评", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "您对本支部党员践诺情况的总体评价", "isRequired": true, "choices": ["满意", "基本满意", "不满意"]},
    {"type": "comment", "name": "advice", "title": "意见和建议"}
  ]}
}`
