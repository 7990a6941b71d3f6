package kit

// Messages shared by every feature (Core catalog keys).
const (
	MsgStartStranger     Msg = "start_stranger"
	MsgNoPermission      Msg = "no_permission"
	MsgNothingToBack     Msg = "nothing_to_back"
	MsgCancelled         Msg = "cancelled"
	MsgExpired           Msg = "expired"
	MsgStale             Msg = "stale"
	MsgStaleDone         Msg = "stale_done"
	MsgChosen            Msg = "chosen"
	MsgUnsupported       Msg = "unsupported_input"
	MsgUseButtons        Msg = "use_buttons"
	MsgSomethingWrong    Msg = "something_wrong"
	MsgBtnConfirm        Msg = "btn_confirm"
	MsgRoleMember        Msg = "role_member"
	MsgRoleSupervisor    Msg = "role_supervisor"
	MsgRoleOfficial      Msg = "role_official"
	MsgRoleMonitor       Msg = "role_monitor"
	MsgRoleInspector     Msg = "role_inspector"
	MsgBtnStartSurvey    Msg = "btn_start_survey"
	MsgSurveyNotForYou   Msg = "survey_not_for_you"
	MsgTooLong           Msg = "too_long"
	MsgStatusClosed      Msg = "status_closed"
	MsgBtnPrevPage       Msg = "btn_prev_page"
	MsgBtnNextPage       Msg = "btn_next_page"
	MsgStatusDraft       Msg = "status_draft"
	MsgStatusOpenLabel   Msg = "status_open_label"
	MsgStatusClosedLabel Msg = "status_closed_label"
	MsgStatsUnits        Msg = "stats_units"
	MsgPushesHeld        Msg = "pushes_held"
	MsgDeadLetters       Msg = "dead_letters"
)

// core holds the messages above in Chinese and English.
var core = Catalog{
	"zh": {
		MsgStartStranger:  "您好！我是「四步」工作助手。\n\n您还没有加入组织：请向所在支部书记或组织部门索取邀请链接（形如 https://t.me/…?start=…），点击链接即可加入。",
		MsgNoPermission:   "抱歉，您没有使用此命令的权限。",
		MsgNothingToBack:  "当前没有可以返回的步骤。",
		MsgCancelled:      "已取消。",
		MsgExpired:        "这个按钮已失效，不能再用了。",
		MsgStale:          "这一步已经过去了，请接着看最新的一条消息。",
		MsgStaleDone:      "这件事已经办完了，不用再点。",
		MsgChosen:         "✔ %s",
		MsgUnsupported:    "暂不支持此类消息。",
		MsgUseButtons:     "请点击上方按钮作答。",
		MsgSomethingWrong: "抱歉，处理时出现问题，请稍后再试。",

		MsgBtnConfirm:     "✅ 确认",
		MsgRoleMember:     "成员",
		MsgRoleSupervisor: "书记/谈话人",
		MsgRoleOfficial:   "组织部门",
		MsgRoleMonitor:    "履诺监督员",
		MsgRoleInspector:  "纪检",

		MsgBtnStartSurvey:    "开始填写",
		MsgSurveyNotForYou:   "该问卷不在您的填写范围内，或已结束。",
		MsgTooLong:           "回答太长了（最多 %d 字），请精简后重新发送。",
		MsgStatusClosed:      "（已结束）",
		MsgBtnPrevPage:       "◀ 上一页",
		MsgBtnNextPage:       "下一页 ▶",
		MsgStatusDraft:       "未发放",
		MsgStatusOpenLabel:   "进行中",
		MsgStatusClosedLabel: "已结束",
		MsgStatsUnits:        "分单位：",
		MsgPushesHeld:        "（现在是免打扰时段，通知将于 %s 发出。）",
		MsgDeadLetters: "⚠️ 记录系统投递失败：自 %s 起有 %d 条事件多次重试仍未送达，已转入死信队列（现共 %d 条待重新投递）。首个错误：%s\n" +
			"请检查记录系统；恢复后由运维执行 sibu replay（使用本服务的 SIBU_REDIS_URL）重新投递。",
	},
	"en": {
		MsgStartStranger:  "Hello! I am the Four Steps assistant.\n\nYou have not joined yet: ask your branch secretary or the organisation department for an invite link (https://t.me/…?start=…) and tap it.",
		MsgNoPermission:   "Sorry, you may not use this command.",
		MsgNothingToBack:  "There is no step to go back to.",
		MsgCancelled:      "Cancelled.",
		MsgExpired:        "This button no longer works.",
		MsgStale:          "That step is over; please carry on with the latest message.",
		MsgStaleDone:      "This is done already; no need to tap again.",
		MsgChosen:         "✔ %s",
		MsgUnsupported:    "This kind of message is not supported here.",
		MsgUseButtons:     "Please answer with the buttons above.",
		MsgSomethingWrong: "Sorry, something went wrong. Please try again later.",

		MsgBtnConfirm:     "✅ Confirm",
		MsgRoleMember:     "member",
		MsgRoleSupervisor: "supervisor",
		MsgRoleOfficial:   "official",
		MsgRoleMonitor:    "monitor",
		MsgRoleInspector:  "inspector",

		MsgBtnStartSurvey:    "Start",
		MsgSurveyNotForYou:   "This questionnaire is not for you, or it is closed.",
		MsgTooLong:           "The answer is too long (at most %d characters).",
		MsgStatusClosed:      "(closed)",
		MsgBtnPrevPage:       "◀ Prev",
		MsgBtnNextPage:       "Next ▶",
		MsgStatusDraft:       "not issued",
		MsgStatusOpenLabel:   "open",
		MsgStatusClosedLabel: "closed",
		MsgStatsUnits:        "Per unit:",
		MsgPushesHeld:        "(Quiet hours: the notifications go out at %s.)",
		MsgDeadLetters: "⚠️ Records system unreachable: since %s, %d events failed every retry and went to the dead-letter stream " +
			"(%d waiting in all). First error: %s\nCheck the records system; once it is back, operations run sibu replay " +
			"(with this service's SIBU_REDIS_URL) to deliver them.",
	},
}
