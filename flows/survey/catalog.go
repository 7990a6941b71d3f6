package survey

import "sibu/flows/kit"

// Messages of questionnaires.
const (
	mSurveyPaused       kit.Msg = "survey_paused"
	mSurveyUnknown      kit.Msg = "survey_unknown"
	mSurveyOpenedTo     kit.Msg = "survey_opened_to"
	mSurveyReissued     kit.Msg = "survey_reissued"
	mSurveyNoAudience   kit.Msg = "survey_no_audience"
	mSurveyClosedOK     kit.Msg = "survey_closed_ok"
	mSurveyNotOpen      kit.Msg = "survey_not_open"
	mSurveyInvitation   kit.Msg = "survey_invitation"
	mSurveyAlreadyDone  kit.Msg = "survey_already_done"
	mSurveyIntro        kit.Msg = "survey_intro"
	mSurveyAnon         kit.Msg = "survey_anon"
	mQuestionHeader     kit.Msg = "question_header"
	mHintSingle         kit.Msg = "hint_single"
	mHintMulti          kit.Msg = "hint_multi"
	mHintText           kit.Msg = "hint_text"
	mHintNumber         kit.Msg = "hint_number"
	mHintDate           kit.Msg = "hint_date"
	mHintTel            kit.Msg = "hint_tel"
	mHintOptional       kit.Msg = "hint_optional"
	mPrevAnswer         kit.Msg = "prev_answer"
	mYourAnswer         kit.Msg = "your_answer"
	mBtnDone            kit.Msg = "btn_done"
	mBtnSkip            kit.Msg = "btn_skip"
	mBtnSubmit          kit.Msg = "btn_submit"
	mBtnChange          kit.Msg = "btn_change"
	mBtnBackSummary     kit.Msg = "btn_back_summary"
	mNeedOne            kit.Msg = "need_one"
	mRequired           kit.Msg = "required"
	mNotNumber          kit.Msg = "not_number"
	mNotDate            kit.Msg = "not_date"
	mNotTel             kit.Msg = "not_tel"
	mSummary            kit.Msg = "summary"
	mSummaryEmpty       kit.Msg = "summary_empty"
	mSummaryPick        kit.Msg = "summary_pick"
	mNoSatRule          kit.Msg = "no_sat_rule"
	mSatRate            kit.Msg = "sat_rate"
	mSatNoAnswer        kit.Msg = "sat_no_answer"
	mSummaryFinal       kit.Msg = "summary_final"
	mSummaryCut         kit.Msg = "summary_cut"
	mChangeChosen       kit.Msg = "change_chosen"
	mAnswerTooLong      kit.Msg = "answer_too_long"
	mSubmitted          kit.Msg = "submitted"
	mSubmittedShort     kit.Msg = "submitted_short"
	mTipoffOffer        kit.Msg = "tipoff_offer"
	mBtnTipoff          kit.Msg = "btn_tipoff"
	mPausedShort        kit.Msg = "paused_short"
	mSkipped            kit.Msg = "skipped"
	mFirstQuestion      kit.Msg = "first_question"
	mStatusSurvey       kit.Msg = "status_survey"
	mStatusNone         kit.Msg = "status_none"
	mSurveysHeader      kit.Msg = "surveys_header"
	mSurveysDone        kit.Msg = "surveys_done"
	mSurveysNone        kit.Msg = "surveys_none"
	mSurveyDeadline     kit.Msg = "survey_deadline"
	mSurveyClosedLate   kit.Msg = "survey_closed_late"
	mSurveyNotYet       kit.Msg = "survey_not_yet"
	mAskOther           kit.Msg = "ask_other"
	mHintRanking        kit.Msg = "hint_ranking"
	mHintMatrix         kit.Msg = "hint_matrix"
	mRankedSoFar        kit.Msg = "ranked_so_far"
	mMatrixRow          kit.Msg = "matrix_row"
	mBtnRerank          kit.Msg = "btn_rerank"
	mTooSmall           kit.Msg = "too_small"
	mTooLarge           kit.Msg = "too_large"
	mTooShort           kit.Msg = "too_short"
	mBadFormat          kit.Msg = "bad_format"
	mTooFewPicks        kit.Msg = "too_few_picks"
	mTooManyPicks       kit.Msg = "too_many_picks"
	mSurveyReminder     kit.Msg = "survey_reminder"
	mStatsHeader        kit.Msg = "stats_header"
	mStatsInChart       kit.Msg = "stats_in_chart"
	mStatsAnon          kit.Msg = "stats_anon"
	mStatsFunnel        kit.Msg = "stats_funnel"
	mStatsSatisfied     kit.Msg = "stats_satisfied"
	mStatsTooFew        kit.Msg = "stats_too_few"
	mStatsQuestions     kit.Msg = "stats_questions"
	mStatsAnswered      kit.Msg = "stats_answered"
	mStatsUnitSmall     kit.Msg = "stats_unit_small"
	mStatsUnitFew       kit.Msg = "stats_unit_few"
	mStatsSatWithheld   kit.Msg = "stats_sat_withheld"
	mSatWithheld        kit.Msg = "sat_withheld"
	mStatsScopedFunnel  kit.Msg = "stats_scoped_funnel"
	mStatsScopedNoQ     kit.Msg = "stats_scoped_no_questions"
	mStatsUnitLine      kit.Msg = "stats_unit_line"
	mStatsUnitSat       kit.Msg = "stats_unit_sat"
	mExportEmpty        kit.Msg = "export_empty"
	mExporting          kit.Msg = "exporting"
	mSurveyPick         kit.Msg = "survey_pick"
	mBtnIssue           kit.Msg = "btn_issue"
	mBtnCloseSurvey     kit.Msg = "btn_close_survey"
	mSurveyNoneToLaunch kit.Msg = "survey_none_to_launch"
	mResultsPick        kit.Msg = "results_pick"
	mResultsNone        kit.Msg = "results_none"
	mHelpMember         kit.Msg = "survey_help_member"
	mHelpOfficial       kit.Msg = "survey_help_official"
	mTodoSurvey         kit.Msg = "survey_todo"
	mBtnStartTitled     kit.Msg = "btn_start_titled"
)

// catalog holds the messages above in Chinese and English.
var catalog = kit.Catalog{
	"zh": {
		mSatNoAnswer:        "满意率：还没有人作答",
		mSatRate:            "满意率 %s（满意 %d / 作答该题 %d）",
		mNoSatRule:          "不计满意率（未设满意标准）",
		mAnswerTooLong:      "回答太长了：这一题最多 %d 字，您发来的有 %d 字。请删减后再发送（可以只写要点）。",
		mChangeChosen:       "修改：%s",
		mSummaryCut:         "%s…（共 %d 字）",
		mSummaryFinal:       "您的回答：\n\n%s",
		mSummaryPick:        "请选择要修改的题目：\n\n%s",
		mResultsNone:        "没有您可以查看的问卷。",
		mResultsPick:        "请选择问卷：",
		mSurveyNoneToLaunch: "没有您可以发放或结束的问卷。",
		mBtnCloseSurvey:     "⏹ 结束「%s」",
		mBtnIssue:           "📤 发放「%s」",
		mSurveyPick:         "请选择要发放或结束的问卷：",
		mSurveyPaused:       "已退出问卷「%s」，已填写的内容会保留，点击问卷邀请中的「开始填写」或发送 /surveys 可继续。",
		mSurveyUnknown:      "没有叫「%s」的问卷，请从下面选择：",
		mSurveyOpenedTo:     "问卷「%s」已发放给 %d 人。发送 /status 查看回收情况。",
		mSurveyReissued:     "问卷「%s」已在进行中，已补发给 %d 位新成员。",
		mSurveyNoAudience:   "问卷「%s」的发放范围内还没有成员，请先邀请成员加入。",
		mSurveyClosedOK:     "问卷「%s」已结束，共回收 %d 份。",
		mSurveyNotOpen:      "问卷「%s」当前未在进行中。",
		mSurveyInvitation:   "📋 问卷邀请：「%s」\n%s共 %d 题，请点击下方按钮开始填写。",
		mSurveyAlreadyDone:  "您已提交问卷「%s」，感谢参与！",
		mSurveyIntro:        "📋 「%s」\n%s共 %d 题。作答中可发送 /back 返回上一题，/cancel 暂时退出（进度会保留）。",
		mSurveyAnon:         "本问卷为匿名问卷，答案与您的身份分开保存。\n",
		mQuestionHeader:     "第 %d/%d 题",
		mHintSingle:         "（单选）",
		mHintMulti:          "（可多选，选好后点「完成」）",
		mHintText:           "请直接发送文字回答。",
		mHintNumber:         "请发送一个数字。",
		mHintDate:           "请发送日期，如 2026-12-31。",
		mHintTel:            "请发送电话号码。",
		mHintOptional:       "（选答）",
		mPrevAnswer:         "上次回答：%s",
		mYourAnswer:         "✔ 您的回答：%s",
		mBtnDone:            "完成",
		mBtnSkip:            "跳过",
		mBtnSubmit:          "✅ 提交",
		mBtnChange:          "✏️ 修改",
		mBtnBackSummary:     "↩️ 返回汇总",
		mNeedOne:            "请至少选择一项。",
		mRequired:           "此题为必答题。",
		mNotNumber:          "请输入一个数字。",
		mNotDate:            "日期格式不对，请按 2026-12-31 的格式发送。",
		mNotTel:             "电话号码格式不对，请重新发送。",
		mSummary:            "请核对您的回答：\n\n%s\n\n确认无误请点「提交」，需要修改请点「修改」。",
		mSummaryEmpty:       "（未答）",
		mSubmitted:          "✅ 问卷「%s」已提交，感谢您的参与！",
		mSubmittedShort:     "已提交",
		mTipoffOffer:        "如果您了解到拉票贿选、跑官要官、说情打招呼、违规用人等问题，可以点下面的按钮匿名举报。举报和这份答卷分开保存，不会与您的身份或答案关联。",
		mBtnTipoff:          "🛡 匿名举报",
		mPausedShort:        "已暂停填写，答案已保留。发送 /surveys 可继续。",
		mSkipped:            "（跳过）",
		mFirstQuestion:      "已经是第一题了。",

		mStatusSurvey:      "📋 %s\n  已发放 %d · 已提交 %d · 回收率 %s（%d/%d）· %s",
		mStatusNone:        "当前没有进行中的问卷。发送 /survey 发放问卷。",
		mSurveysHeader:     "您的问卷：",
		mSurveysDone:       "已提交",
		mSurveysNone:       "目前没有需要您填写的问卷。",
		mSurveyDeadline:    "截止时间：%s",
		mSurveyClosedLate:  "问卷「%s」已结束，不再接收答卷，感谢您的关注。",
		mSurveyNotYet:      "问卷「%s」将于 %s 开始，届时再来填写。",
		mAskOther:          "您选择了「%s」，请发送具体内容：",
		mHintRanking:       "（排序题：按重要程度依次点击）",
		mHintMatrix:        "（逐行作答）",
		mRankedSoFar:       "已排序：%s",
		mMatrixRow:         "【%s】（第 %d/%d 行）",
		mBtnRerank:         "↺ 重新排序",
		mTooSmall:          "不能小于 %s，请重新填写。",
		mTooLarge:          "不能大于 %s，请重新填写。",
		mTooShort:          "至少需要 %d 个字，请补充后重新发送。",
		mBadFormat:         "格式不对，请按要求重新填写。",
		mTooFewPicks:       "请至少选择 %d 项。",
		mTooManyPicks:      "最多只能选择 %d 项。",
		mSurveyReminder:    "⏰ 提醒：问卷「%s」您还没有提交。%s\n已填写的内容会保留，点击下方按钮继续。",
		mStatsHeader:       "📊「%s」%s · 截至 %s",
		mStatsInChart:      "（各题的选项分布太长，一屏放不下，见随后的图表。）",
		mStatsAnon:         "（匿名问卷：答卷每满 %[1]d 份才计入结果，现有 %[2]d 份待计入；不足 %[1]d 人的分组不显示结果）",
		mStatsFunnel:       "已发放 %d → 已查看 %d → 已开始 %d → 已提交 %d\n回收率 %s（%d/%d）",
		mStatsSatisfied:    "满意率 %s（满意 %d / 作答该题 %d）",
		mStatsTooFew:       "答卷不足 %d 份，为保护匿名暂不显示分题结果。",
		mStatsQuestions:    "各题分布：",
		mStatsAnswered:     "作答 %d",
		mStatsUnitSmall:    "不足 %d 人，不显示",
		mStatsUnitFew:      "作答不足 %d 人，不显示",
		mStatsSatWithheld:  "满意率：作答不足 %d 人，为保护匿名暂不显示",
		mSatWithheld:       "满意率：作答不足 %d 人，不显示",
		mStatsScopedFunnel: "已发放 %d · 已提交 %d\n回收率 %s（%d/%d）",
		mStatsScopedNoQ:    "分题分布和图表包含全部单位的答卷，由问卷发放范围的组织部门查看。",
		mStatsUnitLine:     "发放 %d · 提交 %d · 回收率 %s",
		mStatsUnitSat:      "满意率 %s（%d/%d）",
		mExportEmpty:       "问卷「%s」还没有答卷。",
		mExporting:         "正在导出「%s」的 %d 份答卷（XLSX 和 CSV）…",
		mHelpMember:        "📋 问卷\n/surveys — 填写发给我的问卷",
		mHelpOfficial:      "📋 问卷\n/survey — 发放或结束问卷\n/stats — 问卷统计：发放、回收、满意率\n/export — 导出答卷（Excel 表格）\n/surveys — 填写发给我的问卷",
		mTodoSurvey:        "📋 待填问卷「%s」",
		mBtnStartTitled:    "开始填写：%s",
	},
	"en": {
		mSatNoAnswer:        "satisfied: nobody answered yet",
		mSatRate:            "satisfied %s (%d of %d who answered that question)",
		mNoSatRule:          "no satisfaction rate (no 满意 rule)",
		mAnswerTooLong:      "That answer is too long: at most %d characters here, and yours has %d. Please shorten it (the main points will do).",
		mChangeChosen:       "Changing %s",
		mSummaryCut:         "%s… (%d characters)",
		mSummaryFinal:       "Your answers:\n\n%s",
		mSummaryPick:        "Which answer do you want to change?\n\n%s",
		mResultsNone:        "There is no questionnaire whose results you may see.",
		mResultsPick:        "Which questionnaire?",
		mSurveyNoneToLaunch: "There is no questionnaire you may issue or close.",
		mBtnCloseSurvey:     "⏹ Close “%s”",
		mBtnIssue:           "📤 Issue “%s”",
		mSurveyPick:         "Which questionnaire do you want to issue or close?",
		mSurveyPaused:       "You left “%s”; your answers are kept. Tap “Start” on the invitation or send /surveys to continue.",
		mSurveyUnknown:      "There is no questionnaire “%s”; please choose one:",
		mSurveyOpenedTo:     "“%s” was issued to %d people. Send /status to follow it.",
		mSurveyReissued:     "“%s” is already open; issued to %d new members.",
		mSurveyNoAudience:   "Nobody has joined the audience of “%s” yet. Invite members first.",
		mSurveyClosedOK:     "“%s” is closed with %d responses.",
		mSurveyNotOpen:      "“%s” is not open.",
		mSurveyInvitation:   "📋 Questionnaire: “%s”\n%s%d questions. Tap the button below to start.",
		mSurveyAlreadyDone:  "You have submitted “%s”. Thank you!",
		mSurveyIntro:        "📋 “%s”\n%s%d questions. Send /back for the previous question, /cancel to pause (answers are kept).",
		mSurveyAnon:         "This questionnaire is anonymous: your answers are stored apart from your identity.\n",
		mQuestionHeader:     "Question %d/%d",
		mHintSingle:         "(choose one)",
		mHintMulti:          "(choose any, then tap “Done”)",
		mHintText:           "Please type your answer.",
		mHintNumber:         "Please send a number.",
		mHintDate:           "Please send a date such as 2026-12-31.",
		mHintTel:            "Please send a phone number.",
		mHintOptional:       "(optional)",
		mPrevAnswer:         "Previous answer: %s",
		mYourAnswer:         "✔ Your answer: %s",
		mBtnDone:            "Done 完成",
		mBtnSkip:            "Skip",
		mBtnSubmit:          "✅ Submit 提交",
		mBtnChange:          "✏️ Change",
		mBtnBackSummary:     "↩️ Back to summary",
		mNeedOne:            "Please choose at least one.",
		mRequired:           "This question requires an answer.",
		mNotNumber:          "Please send a number.",
		mNotDate:            "Please send the date as 2026-12-31.",
		mNotTel:             "That phone number does not look right; please send it again.",
		mSummary:            "Please check your answers:\n\n%s\n\nTap “Submit” to send or “Change” to edit.",
		mSummaryEmpty:       "(no answer)",
		mSubmitted:          "✅ “%s” submitted. Thank you!",
		mSubmittedShort:     "Submitted",
		mTipoffOffer:        "If you know of vote buying, seeking posts, lobbying or irregular appointments, you can report it anonymously with the button below. A report is kept apart from this questionnaire and is never tied to you or to your answers.",
		mBtnTipoff:          "🛡 Report anonymously",
		mPausedShort:        "Paused; your answers are kept. Send /surveys to continue.",
		mSkipped:            "(skipped)",
		mFirstQuestion:      "This is the first question.",

		mStatusSurvey:      "📋 %s\n  issued %d · submitted %d · response rate %s (%d/%d) · %s",
		mStatusNone:        "No questionnaire is open. Send /survey to issue one.",
		mSurveysHeader:     "Your questionnaires:",
		mSurveysDone:       "submitted",
		mSurveysNone:       "There is no questionnaire for you right now.",
		mSurveyDeadline:    "Closes at %s",
		mSurveyClosedLate:  "“%s” is closed and no longer takes answers. Thank you.",
		mSurveyNotYet:      "“%s” opens at %s; please come back then.",
		mAskOther:          "You chose “%s”; please type what you mean:",
		mHintRanking:       "(ranking: tap in order of importance)",
		mHintMatrix:        "(answer row by row)",
		mRankedSoFar:       "Ranked so far: %s",
		mMatrixRow:         "[%s] (row %d/%d)",
		mBtnRerank:         "↺ Start over",
		mTooSmall:          "Must be at least %s.",
		mTooLarge:          "Must be at most %s.",
		mTooShort:          "At least %d characters, please.",
		mBadFormat:         "That does not match the required format.",
		mTooFewPicks:       "Choose at least %d.",
		mTooManyPicks:      "Choose at most %d.",
		mSurveyReminder:    "⏰ Reminder: you have not submitted “%s” yet. %s\nYour answers so far are kept; tap below to continue.",
		mStatsHeader:       "📊 “%s” %s · as of %s",
		mStatsInChart:      "(The distributions are too long for one screen: see the chart that follows.)",
		mStatsAnon:         "(anonymous: responses are counted in batches of at least %[1]d, %[2]d waiting; groups under %[1]d are not shown)",
		mStatsFunnel:       "issued %d → opened %d → started %d → submitted %d\nresponse rate %s (%d/%d)",
		mStatsSatisfied:    "satisfied %s (%d of %d who answered that question)",
		mStatsTooFew:       "Fewer than %d responses: results are withheld to protect anonymity.",
		mStatsQuestions:    "Per question:",
		mStatsAnswered:     "%d answered",
		mStatsUnitSmall:    "under %d people, not shown",
		mStatsUnitFew:      "under %d respondents, not shown",
		mStatsSatWithheld:  "satisfied: under %d respondents, withheld to protect anonymity",
		mSatWithheld:       "satisfied: under %d respondents, withheld",
		mStatsScopedFunnel: "issued %d · submitted %d\nresponse rate %s (%d/%d)",
		mStatsScopedNoQ:    "Per-question figures and the chart count every unit's answers; the officials the questionnaire belongs to see them.",
		mStatsUnitLine:     "issued %d · submitted %d · response rate %s",
		mStatsUnitSat:      "satisfied %s (%d/%d)",
		mExportEmpty:       "“%s” has no responses yet.",
		mExporting:         "Exporting %[2]d responses of “%[1]s” (XLSX and CSV)…",
		mHelpMember:        "📋 Questionnaires\n/surveys — questionnaires for me",
		mHelpOfficial:      "📋 Questionnaires\n/survey — issue or close a questionnaire\n/stats — results: issued, returned, satisfaction\n/export — the responses (Excel)\n/surveys — questionnaires for me",
		mTodoSurvey:        "📋 Questionnaire to fill in: “%s”",
		mBtnStartTitled:    "Start: %s",
	},
}
