package reports

import (
	"sibu/flows/survey"
)

// testSurvey has one question of every type the exports format.
func testSurvey(anonymous bool) *survey.Survey {
	return &survey.Survey{
		ID:    "hj2024",
		Title: "换届工作满意度调查",
		Questions: []survey.Question{
			{Type: survey.QRadio, Name: "overall", Title: "您对本次换届工作的总体评价",
				Choices: []survey.Choice{{Value: "a", Text: "满意"}, {Value: "b", Text: "基本满意"}, {Value: "c", Text: "不满意"}}},
			{Type: survey.QCheckbox, Name: "channels", Title: "您通过哪些渠道了解换届政策",
				Choices: []survey.Choice{{Value: "meeting", Text: "支部会议"}, {Value: "wx", Text: "微信群"}, {Value: "board", Text: "公示栏"}}},
			{Type: survey.QRating, Name: "score", Title: "请为组织工作打分", RateMin: 1, RateMax: 5},
			{Type: survey.QBoolean, Name: "attended", Title: "是否参加了选举大会", Choices: []survey.Choice{{Value: "true", Text: "是"}, {Value: "false", Text: "否"}}},
			{Type: survey.QText, Name: "age", Title: "党龄（年）", InputType: "number"},
			{Type: qRanking, Name: "prio", Title: "请按重要性排序",
				Choices: []survey.Choice{{Value: "edu", Text: "学习教育"}, {Value: "svc", Text: "为民服务"}, {Value: "org", Text: "组织建设"}}},
			{Type: qMatrix, Name: "eval", Title: "分项评价"},
			{Type: survey.QComment, Name: "advice", Title: "意见建议"},
		},
		Campaign: survey.Campaign{Anonymous: anonymous},
		Version:  "3f9a1c2b0d4e",
	}
}

func testRows() []survey.ResponseRow {
	return []survey.ResponseRow{
		{ID: "r1", Respondent: "张三", UserID: 1001, Unit: "b1", Day: "2024-05-06", Version: "3f9a1c2b0d4e",
			Answers: map[string]any{
				"overall": "a", "channels": []string{"meeting", "wx"}, "score": 5.0, "attended": true,
				"age": 12.0, "prio": []string{"svc", "edu", "org"},
				"eval":   map[string]any{"公开": "满意", "公正": "基本满意"},
				"advice": "希望多开展\"主题党日\"活动, 形式多样些",
			}},
		{ID: "r2", Respondent: "李四", UserID: 1002, Unit: "b2", Day: "2024-05-07", Version: "3f9a1c2b0d4e",
			Answers: map[string]any{
				"overall": "b", "channels": []any{"board", "other"}, "channels-Comment": "党员干部现代远程教育",
				"score": 4, "attended": "false", "eval": []string{"公正=满意", "公开=不满意"},
				"advice": "=HYPERLINK(\"http://x\")",
				"oldq":   "旧版本问题的回答",
			}},
	}
}

func testStats() []survey.QuestionStats {
	return []survey.QuestionStats{
		{Name: "overall", Title: "您对本次换届工作的总体评价", Type: survey.QRadio, Answered: 5500,
			Options: []survey.OptionCount{oc("满意", 5390), oc("基本满意", 80), oc("不满意", 30)}},
		{Name: "channels", Title: "您通过哪些渠道了解换届政策（可多选）", Type: survey.QCheckbox, Answered: 5480,
			Options: []survey.OptionCount{oc("支部会议", 5100), oc("微信群", 3900), oc("公示栏", 2100),
				oc("其他：党员干部现代远程教育终端站点及乡镇（街道）党校集中培训", 120)}},
		{Name: "score", Title: "请为组织工作打分", Type: survey.QRating, Answered: 5400,
			Options: []survey.OptionCount{oc("5", 4200), oc("4", 900), oc("3", 250), oc("2", 40), oc("1", 10)}},
		{Name: "attended", Title: "是否参加了选举大会", Type: survey.QBoolean, Answered: 5500,
			Options: []survey.OptionCount{oc("是", 5300), oc("否", 200)}},
		{Name: "advice", Title: "意见建议", Type: survey.QComment, Answered: 812},
		{Name: "late", Title: "仅对未参会者提问：未参会的原因是什么？这是一个很长的题目，用来检验自动换行是否正常工作", Type: survey.QRadio, Answered: 0},
	}
}

func oc(label string, n int64) survey.OptionCount { return survey.OptionCount{Label: label, Count: n} }
