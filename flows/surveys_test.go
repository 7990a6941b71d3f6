package flows_test

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
