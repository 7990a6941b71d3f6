package flows

import (
	"fmt"
	"strings"
	"sync"
)

// msg is a key of the message catalog.
type msg string

// Lang picks the catalog for a Telegram language_code: Chinese unless the
// person's client is set to English.
func Lang(code string) string {
	if strings.HasPrefix(strings.ToLower(code), "en") {
		return "en"
	}
	return "zh"
}

// allMessages merges the core catalog with every feature's, once.
var allMessages = sync.OnceValue(func() map[string]map[msg]string {
	out := map[string]map[msg]string{"zh": {}, "en": {}}
	for _, c := range append([]map[string]map[msg]string{catalog}, featureCatalogs()...) {
		for lang, m := range c {
			if out[lang] == nil {
				out[lang] = map[msg]string{}
			}
			for k, v := range m {
				out[lang][k] = v
			}
		}
	}
	return out
})

// featureCatalogs lists the features' own catalogs (lang → key → text).
func featureCatalogs() []map[string]map[msg]string {
	return []map[string]map[msg]string{promiseCatalog(), talkCatalog()}
}

// T formats a catalog message in lang (zh when lang has no such message).
func T(lang string, key msg, args ...any) string {
	all := allMessages()
	s, ok := all[Lang(lang)][key]
	if !ok {
		s, ok = all["zh"][key]
	}
	if !ok {
		s = string(key)
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

const (
	mHelpStranger   msg = "help_stranger"
	mHelpMember     msg = "help_member"
	mHelpSupervisor msg = "help_supervisor"
	mHelpOfficial   msg = "help_official"
	mHelpMonitor    msg = "help_monitor"
	mStartStranger  msg = "start_stranger"
	mStartMember    msg = "start_member"
	mNotJoined      msg = "not_joined"
	mNoPermission   msg = "no_permission"
	mUnknownCommand msg = "unknown_command"
	mNothingToBack  msg = "nothing_to_back"
	mNothingCancel  msg = "nothing_to_cancel"
	mCancelled      msg = "cancelled"
	mSurveyPaused   msg = "survey_paused"
	mExpired        msg = "expired"
	mUnsupported    msg = "unsupported_input"
	mGroupOnlyHelp  msg = "group_only_help"
	mUseButtons     msg = "use_buttons"
	mSomethingWrong msg = "something_wrong"

	mInviteBadCode    msg = "invite_bad_code"
	mInviteUsed       msg = "invite_used"
	mInviteExpired    msg = "invite_expired"
	mInviteWelcome    msg = "invite_welcome"
	mAlreadyMember    msg = "already_member"
	mAskNameAgain     msg = "ask_name_again"
	mBadName          msg = "bad_name"
	mConfirmName      msg = "confirm_name"
	mBtnConfirm       msg = "btn_confirm"
	mBtnRetype        msg = "btn_retype"
	mJoined           msg = "joined"
	mInviteUsage      msg = "invite_usage"
	mInviteBadUnit    msg = "invite_bad_unit"
	mInviteBadRole    msg = "invite_bad_role"
	mInviteOwnUnit    msg = "invite_own_unit"
	mInviteOnlyMember msg = "invite_only_member"
	mInviteCreated    msg = "invite_created"

	mRoleMember     msg = "role_member"
	mRoleSupervisor msg = "role_supervisor"
	mRoleOfficial   msg = "role_official"
	mRoleMonitor    msg = "role_monitor"

	mSurveyUsage       msg = "survey_usage"
	mSurveyUnknown     msg = "survey_unknown"
	mSurveyOpenedTo    msg = "survey_opened_to"
	mSurveyReissued    msg = "survey_reissued"
	mSurveyNoAudience  msg = "survey_no_audience"
	mSurveyClosedOK    msg = "survey_closed_ok"
	mSurveyNotOpen     msg = "survey_not_open"
	mSurveyInvitation  msg = "survey_invitation"
	mBtnStartSurvey    msg = "btn_start_survey"
	mSurveyNotForYou   msg = "survey_not_for_you"
	mSurveyAlreadyDone msg = "survey_already_done"
	mSurveyIntro       msg = "survey_intro"
	mSurveyAnon        msg = "survey_anon"
	mQuestionHeader    msg = "question_header"
	mHintSingle        msg = "hint_single"
	mHintMulti         msg = "hint_multi"
	mHintText          msg = "hint_text"
	mHintNumber        msg = "hint_number"
	mHintDate          msg = "hint_date"
	mHintTel           msg = "hint_tel"
	mHintOptional      msg = "hint_optional"
	mPrevAnswer        msg = "prev_answer"
	mYourAnswer        msg = "your_answer"
	mBtnDone           msg = "btn_done"
	mBtnSkip           msg = "btn_skip"
	mBtnSubmit         msg = "btn_submit"
	mBtnChange         msg = "btn_change"
	mBtnBackSummary    msg = "btn_back_summary"
	mNeedOne           msg = "need_one"
	mRequired          msg = "required"
	mNotNumber         msg = "not_number"
	mNotDate           msg = "not_date"
	mNotTel            msg = "not_tel"
	mTooLong           msg = "too_long"
	mSummary           msg = "summary"
	mSummaryEmpty      msg = "summary_empty"
	mPickToChange      msg = "pick_to_change"
	mSubmitted         msg = "submitted"
	mSkipped           msg = "skipped"
	mFirstQuestion     msg = "first_question"

	mStatusHeader      msg = "status_header"
	mStatusSurvey      msg = "status_survey"
	mStatusNone        msg = "status_none"
	mStatusMembers     msg = "status_members"
	mStatusClosed      msg = "status_closed"
	mSurveysHeader     msg = "surveys_header"
	mSurveysDone       msg = "surveys_done"
	mSurveysNone       msg = "surveys_none"
	mSurveyDeadline    msg = "survey_deadline"
	mSurveyClosedLate  msg = "survey_closed_late"
	mSurveyNotYet      msg = "survey_not_yet"
	mAskOther          msg = "ask_other"
	mHintRanking       msg = "hint_ranking"
	mHintMatrix        msg = "hint_matrix"
	mRankedSoFar       msg = "ranked_so_far"
	mMatrixRow         msg = "matrix_row"
	mBtnPrevPage       msg = "btn_prev_page"
	mBtnNextPage       msg = "btn_next_page"
	mBtnRerank         msg = "btn_rerank"
	mTooSmall          msg = "too_small"
	mTooLarge          msg = "too_large"
	mTooShort          msg = "too_short"
	mBadFormat         msg = "bad_format"
	mTooFewPicks       msg = "too_few_picks"
	mTooManyPicks      msg = "too_many_picks"
	mSurveyReminder    msg = "survey_reminder"
	mStatsUsage        msg = "stats_usage"
	mExportUsage       msg = "export_usage"
	mStatsHeader       msg = "stats_header"
	mStatusDraft       msg = "status_draft"
	mStatusOpenLabel   msg = "status_open_label"
	mStatusClosedLabel msg = "status_closed_label"
	mStatsAnon         msg = "stats_anon"
	mStatsFunnel       msg = "stats_funnel"
	mStatsSatisfied    msg = "stats_satisfied"
	mStatsTooFew       msg = "stats_too_few"
	mStatsQuestions    msg = "stats_questions"
	mStatsAnswered     msg = "stats_answered"
	mStatsUnits        msg = "stats_units"
	mStatsUnitSmall    msg = "stats_unit_small"
	mStatsUnitLine     msg = "stats_unit_line"
	mStatsUnitSat      msg = "stats_unit_sat"
	mExportEmpty       msg = "export_empty"
	mExporting         msg = "exporting"
)

var catalog = map[string]map[msg]string{
	"zh": {
		mHelpStranger: "您好！我是「四步」工作助手，服务基层党组织的问卷调查、谈心谈话和公开承诺。\n\n" +
			"您还没有加入组织。请向所在支部书记或组织部门索取邀请链接，点击后即可加入。\n\n" +
			"/start — 开始\n/help — 查看帮助",
		mHelpMember: "「四步」工作助手 — 可用命令：\n" +
			"/surveys — 查看待填问卷\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mHelpSupervisor: "「四步」工作助手 — 可用命令：\n" +
			"/surveys — 查看待填问卷\n/invite — 邀请本支部成员加入\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mHelpOfficial: "「四步」工作助手 — 可用命令：\n" +
			"/status — 一屏查看问卷发放、回收与满意率\n/survey open <问卷编号> — 发放问卷\n/survey close <问卷编号> — 结束问卷\n" +
			"/stats <问卷编号> — 问卷统计（分题分布、分单位、图表）\n/export <问卷编号> — 导出答卷（XLSX、CSV）\n" +
			"/invite [单位编号] [member|supervisor|monitor|official] — 生成邀请链接\n/surveys — 查看待填问卷\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mHelpMonitor: "「四步」工作助手（履诺监督员，只读）— 可用命令：\n" +
			"/surveys — 查看待填问卷\n/back — 返回上一步\n/cancel — 退出当前操作\n/help — 查看帮助",
		mStartStranger:  "您好！我是「四步」工作助手。\n\n您还没有加入组织：请向所在支部书记或组织部门索取邀请链接（形如 https://t.me/…?start=…），点击链接即可加入。",
		mStartMember:    "%s，您好！您已加入「%s」。发送 /help 查看可用命令。",
		mNotJoined:      "您还没有加入组织，暂时不能使用此功能。请向支部书记或组织部门索取邀请链接。",
		mNoPermission:   "抱歉，您没有使用此命令的权限。",
		mUnknownCommand: "未识别的命令 /%s。发送 /help 查看可用命令。",
		mNothingToBack:  "当前没有可以返回的步骤。",
		mNothingCancel:  "当前没有进行中的操作。",
		mCancelled:      "已取消。",
		mSurveyPaused:   "已退出问卷「%s」，已填写的内容会保留，点击问卷邀请中的「开始填写」或发送 /surveys 可继续。",
		mExpired:        "该按钮已过期，请使用最新消息中的按钮。",
		mUnsupported:    "暂不支持此类消息。",
		mGroupOnlyHelp:  "请在与我的私聊中使用此功能。",
		mUseButtons:     "请点击上方按钮作答。",
		mSomethingWrong: "抱歉，处理时出现问题，请稍后再试。",

		mInviteBadCode:    "邀请码无效，请核对链接或向发出邀请的同志重新索取。",
		mInviteUsed:       "该邀请码已被使用，请向发出邀请的同志重新索取。",
		mInviteExpired:    "该邀请码已过期，请向发出邀请的同志重新索取。",
		mInviteWelcome:    "欢迎加入「%s」（身份：%s）。\n请发送您的真实姓名，用于台帐记录。",
		mAlreadyMember:    "您已是「%s」的成员，无需重复加入。",
		mAskNameAgain:     "请重新发送您的真实姓名。",
		mBadName:          "姓名应为 2–20 个字，只含汉字、字母、空格或“·”，请重新发送。",
		mConfirmName:      "请确认您的姓名：%s",
		mBtnConfirm:       "✅ 确认",
		mBtnRetype:        "✏️ 重新输入",
		mJoined:           "加入成功！%s，欢迎加入「%s」。发送 /help 查看可用命令。",
		mInviteUsage:      "用法：/invite [单位编号] [member|supervisor|monitor|official]\n可用单位：\n%s",
		mInviteBadUnit:    "没有编号为「%s」的单位。可用单位：\n%s",
		mInviteBadRole:    "身份「%s」无效，可选 member（成员）、supervisor（书记/监督员）、monitor（履诺监督员）、official（组织部门）。",
		mInviteOwnUnit:    "支部书记只能邀请本单位（%s）的成员。",
		mInviteOnlyMember: "支部书记只能邀请成员（member）。",
		mInviteCreated:    "邀请链接（%s · %s，%s 前有效，仅限一人使用）：\n%s",

		mRoleMember:     "成员",
		mRoleSupervisor: "书记/谈话人",
		mRoleOfficial:   "组织部门",
		mRoleMonitor:    "履诺监督员",

		mSurveyUsage:       "用法：/survey open <问卷编号> 或 /survey close <问卷编号>\n可用问卷：\n%s",
		mSurveyUnknown:     "没有编号为「%s」的问卷。可用问卷：\n%s",
		mSurveyOpenedTo:    "问卷「%s」已发放给 %d 人。发送 /status 查看回收情况。",
		mSurveyReissued:    "问卷「%s」已在进行中，已补发给 %d 位新成员。",
		mSurveyNoAudience:  "问卷「%s」的发放范围内还没有成员，请先邀请成员加入。",
		mSurveyClosedOK:    "问卷「%s」已结束，共回收 %d 份。",
		mSurveyNotOpen:     "问卷「%s」当前未在进行中。",
		mSurveyInvitation:  "📋 问卷邀请：「%s」\n%s共 %d 题，请点击下方按钮开始填写。",
		mBtnStartSurvey:    "开始填写",
		mSurveyNotForYou:   "该问卷不在您的填写范围内，或已结束。",
		mSurveyAlreadyDone: "您已提交问卷「%s」，感谢参与！",
		mSurveyIntro:       "📋 「%s」\n%s共 %d 题。作答中可发送 /back 返回上一题，/cancel 暂时退出（进度会保留）。",
		mSurveyAnon:        "本问卷为匿名问卷，答案与您的身份分开保存。\n",
		mQuestionHeader:    "第 %d/%d 题",
		mHintSingle:        "（单选）",
		mHintMulti:         "（可多选，选好后点「完成」）",
		mHintText:          "请直接发送文字回答。",
		mHintNumber:        "请发送一个数字。",
		mHintDate:          "请发送日期，如 2026-12-31。",
		mHintTel:           "请发送电话号码。",
		mHintOptional:      "（选答）",
		mPrevAnswer:        "上次回答：%s",
		mYourAnswer:        "✔ 您的回答：%s",
		mBtnDone:           "完成",
		mBtnSkip:           "跳过",
		mBtnSubmit:         "✅ 提交",
		mBtnChange:         "✏️ 修改",
		mBtnBackSummary:    "↩️ 返回汇总",
		mNeedOne:           "请至少选择一项。",
		mRequired:          "此题为必答题。",
		mNotNumber:         "请输入一个数字。",
		mNotDate:           "日期格式不对，请按 2026-12-31 的格式发送。",
		mNotTel:            "电话号码格式不对，请重新发送。",
		mTooLong:           "回答太长了（最多 %d 字），请精简后重新发送。",
		mSummary:           "请核对您的回答：\n\n%s\n确认无误请点「提交」，需要修改请点「修改」。",
		mSummaryEmpty:      "（未答）",
		mPickToChange:      "请选择要修改的题目：",
		mSubmitted:         "✅ 问卷「%s」已提交，感谢您的参与！",
		mSkipped:           "（跳过）",
		mFirstQuestion:     "已经是第一题了。",

		mStatusHeader:      "📊 工作概况（%s）",
		mStatusSurvey:      "📋 %s [%s]\n  已发放 %d · 已提交 %d · 回收率 %s · 满意率 %s",
		mStatusNone:        "当前没有进行中的问卷。发送 /survey open <问卷编号> 发放问卷。",
		mStatusMembers:     "👥 已加入成员 %d 人",
		mStatusClosed:      "（已结束）",
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
		mBtnPrevPage:       "◀ 上一页",
		mBtnNextPage:       "下一页 ▶",
		mBtnRerank:         "↺ 重新排序",
		mTooSmall:          "不能小于 %s，请重新填写。",
		mTooLarge:          "不能大于 %s，请重新填写。",
		mTooShort:          "至少需要 %d 个字，请补充后重新发送。",
		mBadFormat:         "格式不对，请按要求重新填写。",
		mTooFewPicks:       "请至少选择 %d 项。",
		mTooManyPicks:      "最多只能选择 %d 项。",
		mSurveyReminder:    "⏰ 提醒：问卷「%s」您还没有提交。%s\n已填写的内容会保留，点击下方按钮继续。",
		mStatsUsage:        "用法：/stats <问卷编号>\n可用问卷：\n%s",
		mExportUsage:       "用法：/export <问卷编号>\n可用问卷：\n%s",
		mStatsHeader:       "📊「%s」[%s] %s · 截至 %s",
		mStatusDraft:       "未发放",
		mStatusOpenLabel:   "进行中",
		mStatusClosedLabel: "已结束",
		mStatsAnon:         "（匿名问卷：不足 %d 人的分组不显示结果）",
		mStatsFunnel:       "已发放 %d → 已查看 %d → 已开始 %d → 已提交 %d\n回收率 %s（%d/%d）",
		mStatsSatisfied:    "满意率 %s（满意 %d / 作答该题 %d）",
		mStatsTooFew:       "答卷不足 %d 份，为保护匿名暂不显示分题结果。",
		mStatsQuestions:    "各题分布：",
		mStatsAnswered:     "作答 %d",
		mStatsUnits:        "分单位：",
		mStatsUnitSmall:    "不足 %d 人，不显示",
		mStatsUnitLine:     "发放 %d · 提交 %d（%s）",
		mStatsUnitSat:      "满意率 %s",
		mExportEmpty:       "问卷「%s」还没有答卷。",
		mExporting:         "正在导出「%s」的 %d 份答卷（XLSX 和 CSV）…",
	},
	"en": {
		mHelpStranger: "Hello! I am the Four Steps assistant for questionnaires, talks and public commitments.\n\n" +
			"You have not joined yet. Ask your branch secretary or the organisation department for an invite link and tap it to join.\n\n" +
			"/start — start\n/help — help",
		mHelpMember:     "Four Steps — commands:\n/surveys — questionnaires for you\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mHelpSupervisor: "Four Steps — commands:\n/surveys — questionnaires for you\n/invite — invite members of your unit\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mHelpOfficial: "Four Steps — commands:\n/status — questionnaires issued, submitted and satisfaction at a glance\n/survey open <id> — issue a questionnaire\n/survey close <id> — close it\n" +
			"/invite [unit] [member|supervisor|monitor|official] — invite link\n/surveys — questionnaires for you\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mHelpMonitor:    "Four Steps (commitment monitor, read-only) — commands:\n/surveys — questionnaires for you\n/back — previous step\n/cancel — leave the current task\n/help — help",
		mStartStranger:  "Hello! I am the Four Steps assistant.\n\nYou have not joined yet: ask your branch secretary or the organisation department for an invite link (https://t.me/…?start=…) and tap it.",
		mStartMember:    "Hello %s! You are a member of “%s”. Send /help for commands.",
		mNotJoined:      "You have not joined yet, so this is not available. Ask your branch secretary for an invite link.",
		mNoPermission:   "Sorry, you may not use this command.",
		mUnknownCommand: "Unknown command /%s. Send /help for the commands.",
		mNothingToBack:  "There is no step to go back to.",
		mNothingCancel:  "Nothing is in progress.",
		mCancelled:      "Cancelled.",
		mSurveyPaused:   "You left “%s”; your answers are kept. Tap “Start” on the invitation or send /surveys to continue.",
		mExpired:        "This button has expired; please use the buttons of the latest message.",
		mUnsupported:    "This kind of message is not supported here.",
		mGroupOnlyHelp:  "Please use this in a private chat with me.",
		mUseButtons:     "Please answer with the buttons above.",
		mSomethingWrong: "Sorry, something went wrong. Please try again later.",

		mInviteBadCode:    "This invite code is not valid. Please check the link or ask for a new one.",
		mInviteUsed:       "This invite code has already been used. Please ask for a new one.",
		mInviteExpired:    "This invite code has expired. Please ask for a new one.",
		mInviteWelcome:    "Welcome to “%s” (role: %s).\nPlease send your real name for the records.",
		mAlreadyMember:    "You are already a member of “%s”.",
		mAskNameAgain:     "Please send your real name again.",
		mBadName:          "A name has 2–20 characters: letters, Chinese characters, spaces or “·”. Please send it again.",
		mConfirmName:      "Please confirm your name: %s",
		mBtnConfirm:       "✅ Confirm",
		mBtnRetype:        "✏️ Retype",
		mJoined:           "Joined! Welcome to “%[2]s”, %[1]s. Send /help for commands.",
		mInviteUsage:      "Usage: /invite [unit] [member|supervisor|monitor|official]\nUnits:\n%s",
		mInviteBadUnit:    "There is no unit “%s”. Units:\n%s",
		mInviteBadRole:    "Role “%s” is not valid: member, supervisor, monitor or official.",
		mInviteOwnUnit:    "Supervisors may only invite to their own unit (%s).",
		mInviteOnlyMember: "Supervisors may only invite members.",
		mInviteCreated:    "Invite link (%s · %s, valid until %s, single use):\n%s",

		mRoleMember:     "member",
		mRoleSupervisor: "supervisor",
		mRoleOfficial:   "official",
		mRoleMonitor:    "monitor",

		mSurveyUsage:       "Usage: /survey open <id> or /survey close <id>\nQuestionnaires:\n%s",
		mSurveyUnknown:     "There is no questionnaire “%s”. Questionnaires:\n%s",
		mSurveyOpenedTo:    "“%s” was issued to %d people. Send /status to follow it.",
		mSurveyReissued:    "“%s” is already open; issued to %d new members.",
		mSurveyNoAudience:  "Nobody has joined the audience of “%s” yet. Invite members first.",
		mSurveyClosedOK:    "“%s” is closed with %d responses.",
		mSurveyNotOpen:     "“%s” is not open.",
		mSurveyInvitation:  "📋 Questionnaire: “%s”\n%s%d questions. Tap the button below to start.",
		mBtnStartSurvey:    "Start",
		mSurveyNotForYou:   "This questionnaire is not for you, or it is closed.",
		mSurveyAlreadyDone: "You have submitted “%s”. Thank you!",
		mSurveyIntro:       "📋 “%s”\n%s%d questions. Send /back for the previous question, /cancel to pause (answers are kept).",
		mSurveyAnon:        "This questionnaire is anonymous: your answers are stored apart from your identity.\n",
		mQuestionHeader:    "Question %d/%d",
		mHintSingle:        "(choose one)",
		mHintMulti:         "(choose any, then tap “Done”)",
		mHintText:          "Please type your answer.",
		mHintNumber:        "Please send a number.",
		mHintDate:          "Please send a date such as 2026-12-31.",
		mHintTel:           "Please send a phone number.",
		mHintOptional:      "(optional)",
		mPrevAnswer:        "Previous answer: %s",
		mYourAnswer:        "✔ Your answer: %s",
		mBtnDone:           "Done 完成",
		mBtnSkip:           "Skip",
		mBtnSubmit:         "✅ Submit 提交",
		mBtnChange:         "✏️ Change",
		mBtnBackSummary:    "↩️ Back to summary",
		mNeedOne:           "Please choose at least one.",
		mRequired:          "This question requires an answer.",
		mNotNumber:         "Please send a number.",
		mNotDate:           "Please send the date as 2026-12-31.",
		mNotTel:            "That phone number does not look right; please send it again.",
		mTooLong:           "The answer is too long (at most %d characters).",
		mSummary:           "Please check your answers:\n\n%s\nTap “Submit” to send or “Change” to edit.",
		mSummaryEmpty:      "(no answer)",
		mPickToChange:      "Which question do you want to change?",
		mSubmitted:         "✅ “%s” submitted. Thank you!",
		mSkipped:           "(skipped)",
		mFirstQuestion:     "This is the first question.",

		mStatusHeader:      "📊 Status (%s)",
		mStatusSurvey:      "📋 %s [%s]\n  issued %d · submitted %d · response rate %s · satisfied %s",
		mStatusNone:        "No questionnaire is open. Send /survey open <id> to issue one.",
		mStatusMembers:     "👥 %d members joined",
		mStatusClosed:      "(closed)",
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
		mBtnPrevPage:       "◀ Prev",
		mBtnNextPage:       "Next ▶",
		mBtnRerank:         "↺ Start over",
		mTooSmall:          "Must be at least %s.",
		mTooLarge:          "Must be at most %s.",
		mTooShort:          "At least %d characters, please.",
		mBadFormat:         "That does not match the required format.",
		mTooFewPicks:       "Choose at least %d.",
		mTooManyPicks:      "Choose at most %d.",
		mSurveyReminder:    "⏰ Reminder: you have not submitted “%s” yet. %s\nYour answers so far are kept; tap below to continue.",
		mStatsUsage:        "Usage: /stats <id>\nQuestionnaires:\n%s",
		mExportUsage:       "Usage: /export <id>\nQuestionnaires:\n%s",
		mStatsHeader:       "📊 “%s” [%s] %s · as of %s",
		mStatusDraft:       "not issued",
		mStatusOpenLabel:   "open",
		mStatusClosedLabel: "closed",
		mStatsAnon:         "(anonymous: groups under %d are not shown)",
		mStatsFunnel:       "issued %d → opened %d → started %d → submitted %d\nresponse rate %s (%d/%d)",
		mStatsSatisfied:    "satisfied %s (%d of %d who answered that question)",
		mStatsTooFew:       "Fewer than %d responses: results are withheld to protect anonymity.",
		mStatsQuestions:    "Per question:",
		mStatsAnswered:     "%d answered",
		mStatsUnits:        "Per unit:",
		mStatsUnitSmall:    "under %d people, not shown",
		mStatsUnitLine:     "issued %d · submitted %d (%s)",
		mStatsUnitSat:      "satisfied %s",
		mExportEmpty:       "“%s” has no responses yet.",
		mExporting:         "Exporting %[2]d responses of “%[1]s” (XLSX and CSV)…",
	},
}
